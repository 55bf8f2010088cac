"""A rotating log file in the data folder."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FILE = "propdesk.log"


def setup(data_dir: Path, *, verbose: bool = False) -> Path:
    logs = data_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    path = logs / LOG_FILE
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, "_propdesk", False):
            root.removeHandler(h)
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._propdesk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    return path
