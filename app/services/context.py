"""What every service needs: the database, the rule pack, who is working, today, and the
office's printing choice (双面打印)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.domain.rulepack import RulePack
from app.storage.session import Database


@dataclass(frozen=True)
class ServiceContext:
    db: Database
    rules: RulePack
    data_dir: Path
    operator: Callable[[], str]
    today: Callable[[], date] = date.today
    duplex: Callable[[], bool] = lambda: False  # 双面打印: each 送达回证 on a sheet of its own
