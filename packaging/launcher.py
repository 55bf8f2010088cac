"""Entry script of the frozen build (both propdesk and propdesk-cli)."""

import os
import sys

# The windowed Windows exe has no console: sys.stdout/stderr are None, and any library
# that writes to them (warnings, a logging StreamHandler) would crash. Send them nowhere;
# `propdesk-cli` is the console exe for commands such as --self-check.
if sys.stdout is None or sys.stderr is None:
    _devnull = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    sys.stdout = sys.stdout or _devnull
    sys.stderr = sys.stderr or _devnull

from app.cli import main  # noqa: E402 - after the stream fix above

raise SystemExit(main())
