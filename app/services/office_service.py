"""The office profile (本单位) and small database facts.

The main window asks is_demo() before its first frame: this module imports the
repositories (and so the ORM models) only in the methods that use them."""

from __future__ import annotations

from app.domain.office import OfficeProfile, validate_profile
from app.services.context import ServiceContext
from app.storage import meta

DEMO_KEY = "demo_data"


class OfficeService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def profile(self) -> OfficeProfile:
        from app.storage.repositories import office_repo

        with self._ctx.db.read() as s:
            return office_repo.get_profile(s)

    def save_profile(self, profile: OfficeProfile) -> OfficeProfile:
        from app.services import audit
        from app.storage.repositories import office_repo

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
        from app.storage.repositories import office_repo

        with self._ctx.db.read() as s:
            return office_repo.is_empty(s)

    def is_demo(self) -> bool:
        return meta.read(self._ctx.db, DEMO_KEY) == "1"
