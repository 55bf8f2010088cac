"""The office profile (本单位) and small database facts."""

from __future__ import annotations

from app.domain.office import OfficeProfile, validate_profile
from app.services import audit
from app.services.context import ServiceContext
from app.storage.repositories import office_repo

DEMO_KEY = "demo_data"


class OfficeService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def profile(self) -> OfficeProfile:
        with self._ctx.db.read() as s:
            return office_repo.get_profile(s)

    def save_profile(self, profile: OfficeProfile) -> OfficeProfile:
        clean = validate_profile(profile)
        with self._ctx.db.write() as s:
            old = office_repo.get_profile(s)
            office_repo.save_profile(s, clean)
            changes = audit.diff(old, clean)
            if changes:
                audit.record(
                    s, self._ctx.operator(), "update", "office", 1, "修改本单位信息", changes
                )
        return clean

    def is_empty(self) -> bool:
        with self._ctx.db.read() as s:
            return office_repo.is_empty(s)

    def is_demo(self) -> bool:
        with self._ctx.db.read() as s:
            return office_repo.get_meta(s, DEMO_KEY) == "1"
