"""Use cases of the issue ledger (问题台账): inspections, issues, progress and close-out.

Documents (notices, receipts, opinions) live in DocumentService; this service owns the
issue records and the status chain of DOMAIN.md §4.3. One transaction per use case.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from app.domain.enums import IssueStatus
from app.domain.errors import ConflictError, NotFoundError, ValidationError
from app.domain.issues import (
    CategoryOverride,
    InspectionFields,
    IssueCategory,
    IssueFields,
    IssueQuery,
    IssueRecord,
    IssueRow,
    StatusCounts,
    TimelineEntry,
    advance,
    merge_categories,
    validate_category,
    validate_inspection,
    validate_issue,
)
from app.services import audit
from app.services.context import ServiceContext
from app.storage.models import Inspection, InspectionCommunity, Issue
from app.storage.repositories import community_repo, disclosure_repo, issue_repo, timeline_repo
from app.storage.session import Session

ENTITY = "issue"


class IssueService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # ---- queries -------------------------------------------------------------------------
    def generation(self) -> int:
        return self._ctx.db.generation

    def search_ids(self, q: IssueQuery) -> list[int]:
        with self._ctx.db.read() as s:
            return issue_repo.search_ids(s, q, self._ctx.today())

    def rows(self, ids: Sequence[int]) -> list[IssueRow]:
        with self._ctx.db.read() as s:
            return issue_repo.rows(s, ids)

    def counts(self, q: IssueQuery | None = None) -> StatusCounts:
        with self._ctx.db.read() as s:
            return issue_repo.counts(s, q or IssueQuery(), self._ctx.today())

    def get(self, issue_id: int) -> IssueRecord:
        with self._ctx.db.read() as s:
            return issue_repo.to_record(self._issue(s, issue_id))

    def timeline(self, issue_id: int) -> list[TimelineEntry]:
        with self._ctx.db.read() as s:
            return timeline_repo.timeline(s, self._issue(s, issue_id))

    def suggested_responsible(self, community_id: int) -> str:
        """The community's company, the usual addressee of a notice."""
        with self._ctx.db.read() as s:
            c = community_repo.get(s, community_id)
            return c.company.name if c is not None and c.company is not None else ""

    # ---- categories ----------------------------------------------------------------------
    def categories(self, *, active_only: bool = False) -> list[IssueCategory]:
        with self._ctx.db.read() as s:
            merged = merge_categories(
                self._ctx.rules.issues.categories, issue_repo.category_overrides(s)
            )
        return [c for c in merged if c.active or not active_only]

    def category(self, name: str) -> IssueCategory | None:
        return next((c for c in self.categories() if c.name == name), None)

    def save_category(self, c: IssueCategory) -> IssueCategory:
        """Store the office's defaults for a category (or add a local category)."""
        clean = validate_category(c)
        in_pack = {p.name: p for p in self._ctx.rules.issues.categories}
        with self._ctx.db.write() as s:
            base = in_pack.get(clean.name)
            override = CategoryOverride(
                name=clean.name,
                deadline_days=clean.deadline_days,
                department=clean.department,
                legal_basis=clean.legal_basis,
                active=clean.active,
                local=base is None,
            )
            issue_repo.save_override(s, override)
            audit.record(
                s,
                self._ctx.operator(),
                "update",
                "issue_category",
                None,
                f"修改问题类别 {clean.name}",
                audit.diff(base, clean),
            )
        return replace(clean, local=base is None)

    def reset_category(self, name: str) -> None:
        """Back to the rule pack's defaults; a local category in use cannot be removed."""
        in_pack = {p.name for p in self._ctx.rules.issues.categories}
        with self._ctx.db.write() as s:
            if name not in in_pack and issue_repo.category_in_use(s, name):
                raise ConflictError(f"类别“{name}”已有问题在用，不能删除，可以停用")
            issue_repo.delete_override(s, name)
            audit.record(
                s,
                self._ctx.operator(),
                "delete",
                "issue_category",
                None,
                f"恢复/删除问题类别 {name}",
                {},
            )

    # ---- writes --------------------------------------------------------------------------
    def _issue(self, s: Session, issue_id: int) -> Issue:
        i = issue_repo.get(s, issue_id)
        if i is None:
            raise NotFoundError(f"找不到编号为 {issue_id} 的问题，可能已被删除")
        return i

    def _validate(self, f: IssueFields, current: str | None = None) -> IssueFields:
        names = [c.name for c in self.categories(active_only=True)]
        if current is not None:
            names.append(current)  # an issue keeps a category switched off later
        return validate_issue(f, self._ctx.today(), names)

    def _check_community(self, s: Session, community_id: int | None) -> None:
        if community_id is None or community_repo.get(s, community_id) is None:
            raise ValidationError("所选小区不存在", field="community_id", value=community_id)

    def create(
        self,
        fields: IssueFields,
        inspection_id: int | None = None,
        *,
        also: Callable[[Session, int], None] | None = None,
    ) -> IssueRecord:
        """Record an issue. `also(session, issue_id)` runs in the same transaction (a record
        that links to the new issue is written with it, or not at all)."""
        clean = self._validate(fields)
        with self._ctx.db.write() as s:
            self._check_community(s, clean.community_id)
            i = issue_repo.add(s, clean, inspection_id)
            audit.record(
                s,
                self._ctx.operator(),
                "create",
                ENTITY,
                i.id,
                f"登记问题 {i.community.name}：{clean.description[:30]}",
                audit.diff(None, clean),
            )
            if also is not None:
                also(s, i.id)
            return issue_repo.to_record(i)

    def update(self, issue_id: int, fields: IssueFields) -> IssueRecord:
        with self._ctx.db.read() as s:
            current = self._issue(s, issue_id).category
        clean = self._validate(fields, current)
        with self._ctx.db.write() as s:
            i = self._issue(s, issue_id)
            if i.status is IssueStatus.CLOSED:
                raise ConflictError("问题已销号，不能再修改")
            self._check_community(s, clean.community_id)
            old = issue_repo.to_fields(i)
            issue_repo.set_fields(i, clean)
            changes = audit.diff(old, clean)
            if changes:
                audit.record(
                    s, self._ctx.operator(), "update", ENTITY, i.id, f"修改问题 #{i.id}", changes
                )
            return issue_repo.to_record(i)

    def delete(self, issue_id: int) -> None:
        """Only an issue with no document, re-inspection or photo can be deleted."""
        with self._ctx.db.write() as s:
            i = self._issue(s, issue_id)
            # a visit's failing item may make an issue again once its issue is deleted
            disclosure_repo.unlink_issue(s, issue_id)
            if community_repo.references(s, Issue.__table__, issue_id):  # type: ignore[arg-type]
                raise ConflictError("该问题已有文书、复查或照片记录，不能删除，可以保留在台账中")
            audit.record(
                s,
                self._ctx.operator(),
                "delete",
                ENTITY,
                i.id,
                f"删除问题 #{i.id}",
                audit.diff(issue_repo.to_fields(i), None),
            )
            s.delete(i)

    def record_inspection(
        self, fields: InspectionFields, issues: Sequence[IssueFields] = ()
    ) -> tuple[int, list[int]]:
        """An inspection and the issues it found, in one transaction. Returns the ids."""
        clean = validate_inspection(fields, self._ctx.today())
        # every issue is found on the inspection's date; validate with that date in place
        checked = [self._validate(replace(f, found_date=clean.inspected_on)) for f in issues]
        for n, f in enumerate(checked, 1):
            if f.community_id not in clean.community_ids:
                raise ValidationError(
                    f"第{n}个问题的小区不在本次检查的小区范围内", field="community_id"
                )
        with self._ctx.db.write() as s:
            for cid in clean.community_ids:
                self._check_community(s, cid)
            ins = Inspection(
                inspected_on=clean.inspected_on,
                kind=clean.kind,
                inspectors="、".join(clean.inspectors),
                notes=clean.notes,
            )
            s.add(ins)
            s.flush()
            for cid in clean.community_ids:
                s.add(InspectionCommunity(inspection_id=ins.id, community_id=cid))
            ids = [issue_repo.add(s, f, ins.id).id for f in checked]
            audit.record(
                s,
                self._ctx.operator(),
                "create",
                "inspection",
                ins.id,
                f"登记{clean.kind.label}（{len(clean.community_ids)}个小区，{len(ids)}个问题）",
                {"issues": [None, ids]},
            )
            return ins.id, ids

    def report_rectified(self, issue_id: int, result: str, completed_on: date) -> IssueRecord:
        """The unit reports the fix (整改情况); the issue then waits for re-inspection."""
        text = result.strip()
        if not text:
            raise ValidationError("请填写整改情况", field="result", value=result)
        if completed_on > self._ctx.today():
            raise ValidationError("完成日期不能晚于今天", field="completed_on", value=completed_on)
        with self._ctx.db.write() as s:
            i = self._issue(s, issue_id)
            if completed_on < i.found_date:
                raise ValidationError(
                    "完成日期不能早于发现日期", field="completed_on", value=completed_on
                )
            new_status = advance(i.status, "reported")
            changes = {
                "status": [i.status.value, new_status.value],
                "result": [i.result, text],
                "completed_on": [audit.plain(i.completed_on), audit.plain(completed_on)],
            }
            i.status, i.result, i.completed_on = new_status, text, completed_on
            audit.record(
                s, self._ctx.operator(), "update", ENTITY, i.id, f"登记整改情况 #{i.id}", changes
            )
            return issue_repo.to_record(i)
