"""Every per-machine setting in one typed dataclass, stored as settings.json in the data dir.

Office-wide facts (the office profile, document prefixes) live in the database instead,
because they are printed on documents and shared by every clerk.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

log = logging.getLogger(__name__)
SETTINGS_FILE = "settings.json"
SETTINGS_VERSION = 1


@dataclass(frozen=True)
class Settings:
    operator_name: str = ""  # 经办人, written to the audit log
    rule_pack: str = "national"
    mask_phones_in_exports: bool = True
    duplex_printing: bool = False  # 双面打印: the 送达回证 starts on a new sheet
    offered_demo: bool = False  # the first-start demo offer was shown
    version: int = SETTINGS_VERSION

    def with_changes(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]


def load(data_dir: Path) -> Settings:
    path = data_dir / SETTINGS_FILE
    if not path.exists():
        return Settings()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        log.warning("settings unreadable (%s); using defaults", exc)
        return Settings()
    known = {f.name for f in fields(Settings)}
    values = {k: v for k, v in raw.items() if k in known}  # dropped settings (last_dir) ignored
    values["version"] = SETTINGS_VERSION  # upgrade hooks go here when a setting changes meaning
    try:
        return Settings(**values)
    except TypeError:
        return Settings()


def save(data_dir: Path, settings: Settings) -> None:
    path = data_dir / SETTINGS_FILE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(settings), ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(path)


class SettingsStore:
    """The current settings of one data folder; every change is saved at once."""

    def __init__(self, data_dir: Path) -> None:
        self._dir = data_dir
        self._current = load(data_dir)

    def get(self) -> Settings:
        return self._current

    def update(self, **changes: object) -> Settings:
        self._current = self._current.with_changes(**changes)
        save(self._dir, self._current)
        return self._current

    def operator(self) -> str:
        return self._current.operator_name
