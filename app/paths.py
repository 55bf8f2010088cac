"""Where things live. The one module that knows about sys._MEIPASS and portable mode."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_dir

from app import APP_NAME

PORTABLE_MARKER = "portable"
DB_FILENAME = "propdesk.db"


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def program_dir() -> Path:
    """The folder of the program: the exe's folder when frozen, the repo root otherwise."""
    if is_frozen():
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent


def bundle_dir() -> Path:
    """Where read-only bundled files live (PyInstaller's _MEIPASS, or the repo root)."""
    meipass = getattr(sys, "_MEIPASS", None)
    return Path(meipass) if meipass else Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return bundle_dir() / "resources"


def rules_dir() -> Path:
    return resources_dir() / "rules"


def migrations_dir() -> Path:
    return bundle_dir() / "db"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: --data-dir, else data/ beside a `portable` file, else per-user."""
    if override:
        path = Path(override).expanduser().resolve()
    elif (program_dir() / PORTABLE_MARKER).exists():
        path = program_dir() / "data"
    elif os.environ.get("PROPDESK_DATA_DIR"):
        path = Path(os.environ["PROPDESK_DATA_DIR"]).expanduser().resolve()
    else:
        path = Path(user_data_dir(APP_NAME, appauthor=False, roaming=False))
    return path


def ensure_data_dir(path: Path) -> Path:
    for sub in ("", "backups", "logs", "attachments", "exports", "cache"):
        (path / sub).mkdir(parents=True, exist_ok=True)
    return path


def db_path(data: Path) -> Path:
    return data / DB_FILENAME
