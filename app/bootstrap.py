"""Start-up, one linear and logged sequence: paths → log → settings → db → migrate → services."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from app import __version__, paths
from app import log as app_log
from app.domain import rulepack
from app.services import Services, build_services
from app.services.context import ServiceContext
from app.settings import SettingsStore
from app.storage.migrate import MigrationResult, migrate
from app.storage.session import Database

log = logging.getLogger(__name__)


@dataclass
class Opened:
    data_dir: Path
    settings: SettingsStore
    db: Database
    services: Services
    migration: MigrationResult
    log_path: Path

    def close(self) -> None:
        self.db.dispose()


def open_data(data_dir: str | Path | None = None, *, verbose: bool = False) -> Opened:
    folder = paths.ensure_data_dir(paths.data_dir(data_dir))
    log_path = app_log.setup(folder, verbose=verbose)
    log.info("PropDesk %s starting; data folder %s", __version__, folder)
    settings = SettingsStore(folder)
    db = Database(paths.db_path(folder))
    try:
        result = migrate(db, paths.migrations_dir(), folder / "backups")
        log.info(
            "database %s: %s (%s -> %s)",
            db.path,
            result.action,
            result.from_revision,
            result.to_revision,
        )
        rules = rulepack.load(paths.rules_dir(), settings.get().rule_pack)
    except BaseException:
        db.dispose()
        raise
    ctx = ServiceContext(
        db=db,
        rules=rules,
        data_dir=folder,
        operator=settings.operator,
        duplex=lambda: settings.get().duplex_printing,
    )
    return Opened(folder, settings, db, build_services(ctx), result, log_path)
