"""Use cases of the company registry (物业服务企业)."""

from __future__ import annotations

from app.domain import uscc as uscc_rules
from app.domain.community import (
    CommunityQuery,
    CommunityRow,
    CompanyFields,
    CompanyRecord,
    validate_company,
)
from app.domain.errors import ConflictError, NotFoundError
from app.services import audit
from app.services.context import ServiceContext
from app.storage.repositories import community_repo, company_repo

ENTITY = "company"


class CompanyService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def search(self, text: str = "") -> list[CompanyRecord]:
        with self._ctx.db.read() as s:
            return company_repo.records(s, text)

    def count(self) -> int:
        with self._ctx.db.read() as s:
            return company_repo.count(s)

    def get(self, company_id: int) -> CompanyRecord:
        with self._ctx.db.read() as s:
            c = company_repo.get(s, company_id)
            if c is None:
                raise NotFoundError(f"找不到编号为 {company_id} 的物业服务企业")
            return CompanyRecord(
                id=c.id,
                fields=company_repo.to_fields(c),
                community_count=company_repo.served_count(s, c.id),
            )

    def communities(self, company_id: int) -> list[CommunityRow]:
        """The communities this company serves (archived ones included, marked)."""
        q = CommunityQuery(company_id=company_id, include_archived=True)
        with self._ctx.db.read() as s:
            return community_repo.rows(s, community_repo.search_ids(s, q))

    def uscc_warnings(self, text: str) -> list[str]:
        """Doubts about a USCC that still saves (GB 32100-2015 表1 authority/type, region
        code, the embedded GB 11714 organisation code), for the dialog to show under the
        field; [] for an empty or invalid code (create/update say what is wrong with that)."""
        return uscc_rules.warnings(text)

    def _check_unique(self, s: object, f: CompanyFields, own_id: int | None) -> None:
        same_name = company_repo.by_name(s, f.name)  # type: ignore[arg-type]
        if same_name is not None and same_name.id != own_id:
            raise ConflictError(f"企业名称“{f.name}”已存在")
        if f.uscc:
            same_code = company_repo.by_uscc(s, f.uscc)  # type: ignore[arg-type]
            if same_code is not None and same_code.id != own_id:
                raise ConflictError(
                    f"统一社会信用代码 {f.uscc} 已登记在“{same_code.name}”名下，不能重复登记"
                )

    def create(self, fields: CompanyFields) -> CompanyRecord:
        clean = validate_company(fields)
        with self._ctx.db.write() as s:
            self._check_unique(s, clean, None)
            c = company_repo.add(s, clean)
            audit.record(
                s,
                self._ctx.operator(),
                "create",
                ENTITY,
                c.id,
                f"新增企业 {c.name}",
                audit.diff(None, clean),
            )
            return CompanyRecord(id=c.id, fields=clean, community_count=0)

    def update(self, company_id: int, fields: CompanyFields) -> CompanyRecord:
        clean = validate_company(fields)
        with self._ctx.db.write() as s:
            c = company_repo.get(s, company_id)
            if c is None:
                raise NotFoundError(f"找不到编号为 {company_id} 的物业服务企业")
            self._check_unique(s, clean, company_id)
            old = company_repo.to_fields(c)
            company_repo.apply_fields(c, clean)
            changes = audit.diff(old, clean)
            if changes:
                audit.record(
                    s, self._ctx.operator(), "update", ENTITY, c.id, f"修改企业 {c.name}", changes
                )
            return CompanyRecord(
                id=c.id, fields=clean, community_count=company_repo.served_count(s, c.id)
            )

    def delete(self, company_id: int) -> None:
        with self._ctx.db.write() as s:
            c = company_repo.get(s, company_id)
            if c is None:
                raise NotFoundError(f"找不到编号为 {company_id} 的物业服务企业")
            active = company_repo.served_count(s, company_id)
            total = company_repo.served_count(s, company_id, include_archived=True)
            if total:
                archived = f"（其中已归档 {total - active} 个）" if total > active else ""
                raise ConflictError(
                    f"“{c.name}”仍在服务 {total} 个小区{archived}，不能删除。"
                    "请先在这些小区中更换物业服务企业。"
                )
            old = company_repo.to_fields(c)
            s.delete(c)
            audit.record(
                s,
                self._ctx.operator(),
                "delete",
                ENTITY,
                company_id,
                f"删除企业 {old.name}",
                audit.diff(old, None),
            )
