"""Use cases of the community registry (小区底数). One transaction each, audited."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta

from app.domain.community import (
    CommunityFields,
    CommunityQuery,
    CommunityRecord,
    CommunityRow,
    validate_community,
)
from app.domain.errors import ConflictError, NotFoundError, ValidationError
from app.services import audit
from app.services.context import ServiceContext
from app.storage.repositories import audit_repo, community_repo, company_repo

ENTITY = "community"


class CommunityService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # ---- queries -------------------------------------------------------------------------
    def expiring_window(self, q: CommunityQuery) -> CommunityQuery:
        """The query narrowed to contracts ending within the rule pack's warning window."""
        today = self._ctx.today()
        days = self._ctx.rules.registry.contract_expiry_warning_days
        return replace(q, expiring_from=today, expiring_by=today + timedelta(days=days))

    def generation(self) -> int:
        """Changes after every write in this program; equal values mean unchanged data."""
        return self._ctx.db.generation

    def search_ids(self, q: CommunityQuery) -> list[int]:
        with self._ctx.db.read() as s:
            return community_repo.search_ids(s, q)

    def rows(self, ids: Sequence[int]) -> list[CommunityRow]:
        with self._ctx.db.read() as s:
            return community_repo.rows(s, ids)

    def count(self, q: CommunityQuery | None = None) -> int:
        with self._ctx.db.read() as s:
            return community_repo.count(s, q or CommunityQuery())

    def records(self, q: CommunityQuery | None = None) -> list[CommunityRecord]:
        with self._ctx.db.read() as s:
            return community_repo.records(s, q or CommunityQuery())

    def get(self, community_id: int) -> CommunityRecord:
        with self._ctx.db.read() as s:
            c = community_repo.get(s, community_id)
            if c is None:
                raise NotFoundError(f"找不到编号为 {community_id} 的小区")
            return community_repo.to_record(c)

    def choices(self) -> list[tuple[int, str]]:
        """(id, name) of the communities in use (not archived), by name, for pickers."""
        with self._ctx.db.read() as s:
            return community_repo.choices(s)

    def neighborhoods(self) -> list[tuple[int, str]]:
        """(id, name) of every neighbourhood (社区), by name."""
        with self._ctx.db.read() as s:
            return community_repo.neighborhoods(s)

    def id_by_name(self, name: str) -> int:
        """The id of the community with this name (surrounding spaces ignored)."""
        with self._ctx.db.read() as s:
            c = community_repo.by_name(s, name.strip())
            if c is None:
                raise NotFoundError(f"找不到名为“{name.strip()}”的小区")
            return c.id

    def company_choices(self) -> list[tuple[int, str]]:
        with self._ctx.db.read() as s:
            return company_repo.choices(s)

    def history(self, community_id: int) -> list[audit.AuditView]:
        with self._ctx.db.read() as s:
            return audit_repo.for_record(s, ENTITY, community_id)

    # ---- writes --------------------------------------------------------------------------
    def _validate(self, fields: CommunityFields) -> CommunityFields:
        clean = replace(fields, name=fields.name.strip(), neighborhood=fields.neighborhood.strip())
        validate_community(clean, this_year=self._ctx.today().year)
        return clean

    def create(self, fields: CommunityFields) -> CommunityRecord:
        clean = self._validate(fields)
        with self._ctx.db.write() as s:
            if community_repo.by_name(s, clean.name) is not None:
                raise ConflictError(f"小区名称“{clean.name}”已存在，请修改名称或编辑已有小区")
            self._check_company(s, clean)
            c = community_repo.add(s, clean)
            audit.record(
                s,
                self._ctx.operator(),
                "create",
                ENTITY,
                c.id,
                f"新增小区 {c.name}",
                audit.diff(None, clean),
            )
            return community_repo.to_record(c)

    def update(self, community_id: int, fields: CommunityFields) -> CommunityRecord:
        clean = self._validate(fields)
        with self._ctx.db.write() as s:
            c = community_repo.get(s, community_id)
            if c is None:
                raise NotFoundError(f"找不到编号为 {community_id} 的小区，可能已被删除")
            other = community_repo.by_name(s, clean.name)
            if other is not None and other.id != community_id:
                raise ConflictError(f"小区名称“{clean.name}”已被其他小区使用")
            self._check_company(s, clean)
            old = community_repo.to_fields(c)
            community_repo.apply_fields(s, c, clean)
            s.flush()
            changes = audit.diff(old, clean)
            if changes:
                audit.record(
                    s, self._ctx.operator(), "update", ENTITY, c.id, f"修改小区 {c.name}", changes
                )
            return community_repo.to_record(c)

    def _check_company(self, s: object, f: CommunityFields) -> None:
        if f.company_id is not None and company_repo.get(s, f.company_id) is None:  # type: ignore[arg-type]
            raise ValidationError("所选物业服务企业不存在", field="company_id", value=f.company_id)

    def set_archived(self, community_id: int, archived: bool) -> CommunityRecord:
        with self._ctx.db.write() as s:
            c = community_repo.get(s, community_id)
            if c is None:
                raise NotFoundError(f"找不到编号为 {community_id} 的小区")
            before = c.archived_at
            c.archived_at = self._ctx.today() if archived else None
            if (before is None) == archived:
                action, text = ("archive", "归档") if archived else ("restore", "恢复")
                audit.record(
                    s,
                    self._ctx.operator(),
                    action,
                    ENTITY,
                    c.id,
                    f"{text}小区 {c.name}",
                    {"archived_at": [audit.plain(before), audit.plain(c.archived_at)]},
                )
            return community_repo.to_record(c)

    def has_history(self, community_id: int) -> bool:
        with self._ctx.db.read() as s:
            return self._has_history(s, community_id)

    def _has_history(self, s: object, community_id: int) -> bool:
        refs = community_repo.referencing_rows(s, community_id)  # type: ignore[arg-type]
        edits = audit_repo.count_edits(s, ENTITY, community_id)  # type: ignore[arg-type]
        return refs > 0 or edits > 0

    def delete(self, community_id: int) -> None:
        """Delete a community entered by mistake. One with history must be archived instead."""
        with self._ctx.db.write() as s:
            c = community_repo.get(s, community_id)
            if c is None:
                raise NotFoundError(f"找不到编号为 {community_id} 的小区")
            if self._has_history(s, community_id):
                raise ConflictError(
                    f"小区“{c.name}”已有修改或业务记录，不能删除；可以将其归档，归档后默认不再显示。"
                )
            old = community_repo.to_fields(c)
            community_repo.delete(s, c)
            audit.record(
                s,
                self._ctx.operator(),
                "delete",
                ENTITY,
                community_id,
                f"删除小区 {old.name}",
                audit.diff(old, None),
            )
