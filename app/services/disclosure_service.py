"""Use cases of disclosure checks (信息公示检查, DOMAIN.md §5.4; issue 6): the checklist
from the rule pack with the office's switches and local items, check visits, compliance per
community and per group, and the issue made from a failing item."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from app.domain.disclosure import (
    CheckResult,
    CheckView,
    DisclosureItem,
    DisclosureQuery,
    DisclosureRow,
    EntryFields,
    EntryView,
    Frequency,
    ItemEdit,
    ItemState,
    RateRow,
    compliance,
    rates,
    statuses,
)
from app.domain.disclosure_documents import ChecklistDoc, PosterDoc
from app.domain.enums import ResponsibleKind
from app.domain.errors import ConflictError, NotFoundError, ValidationError
from app.domain.images import image_suffix
from app.domain.issues import IssueFields, default_deadline
from app.services import audit, disclosure_papers
from app.services.context import ServiceContext
from app.services.department_service import DepartmentService
from app.services.fund_files import FOLDER, copy_in
from app.services.issue_service import IssueService
from app.storage.models import DisclosureCheck, DisclosureEntry, DisclosureItemSetting
from app.storage.repositories import community_repo, disclosure_repo, office_repo
from app.storage.session import Session

ENTITY = "disclosure_check"
ISSUE_CATEGORY = "信息公示"


class DisclosureService:
    def __init__(
        self, ctx: ServiceContext, *, issues: IssueService, departments: DepartmentService
    ) -> None:
        self._ctx = ctx
        self._issues = issues  # a failing item becomes an issue
        self._departments = departments  # the 公示牌 lists them

    def generation(self) -> int:
        return self._ctx.db.generation

    @property
    def folder(self) -> Path:
        return self._ctx.data_dir / FOLDER

    # ---- the checklist ----------------------------------------------------------------------
    def items(self, *, active_only: bool = False) -> list[DisclosureItem]:
        """The pack's items with the office's switches, then the office's own items."""
        with self._ctx.db.read() as s:
            saved = {x.code: x for x in disclosure_repo.settings(s)}
        out = []
        for item in self._ctx.rules.disclosure.items:
            x = saved.get(item.code)
            out.append(replace(item, active=x.active) if x is not None else item)
        out += [
            DisclosureItem(x.code, x.name, x.frequency, x.active, local=True)
            for x in saved.values()
            if x.is_local
        ]
        return [i for i in out if i.active or not active_only]

    def set_active(self, code: str, active: bool) -> None:
        item = next((i for i in self.items() if i.code == code), None)
        if item is None:
            raise NotFoundError(f"找不到公示事项“{code}”")
        with self._ctx.db.write() as s:
            x = disclosure_repo.setting(s, code)
            if x is None:
                x = DisclosureItemSetting(code=code, name=item.name, frequency=item.frequency)
                s.add(x)
            x.active = active
            audit.record(
                s,
                self._ctx.operator(),
                "update",
                "disclosure_item",
                None,
                f"{'启用' if active else '停用'}公示事项“{item.name}”",
                {},
            )

    def save_local_item(self, code: str | None, name: str, frequency: Frequency) -> str:
        """Add (code None) or edit one of the office's own items; returns its code."""
        name = name.strip()
        if not name:
            raise ValidationError("请填写公示事项名称", field="name")
        if len(name) > 100:
            raise ValidationError("公示事项名称不能超过100个字", field="name")
        if any(i.name == name and i.code != code for i in self.items()):
            raise ValidationError(f"已有公示事项“{name}”", field="name")
        with self._ctx.db.write() as s:
            if code is None:
                n = 1 + sum(1 for x in disclosure_repo.settings(s) if x.is_local)
                while disclosure_repo.setting(s, f"local_{n}") is not None:
                    n += 1
                code = f"local_{n}"
                s.add(
                    DisclosureItemSetting(
                        code=code, name=name, frequency=frequency, active=True, is_local=True
                    )
                )
            else:
                x = disclosure_repo.setting(s, code)
                if x is None or not x.is_local:
                    raise ConflictError("规则包中的公示事项只能启用或停用，不能改名")
                x.name, x.frequency = name, frequency
            audit.record(
                s,
                self._ctx.operator(),
                "update",
                "disclosure_item",
                None,
                f"本地公示事项“{name}”（{frequency.label}）",
                {},
            )
        return code

    def save_items(self, edits: Sequence[ItemEdit]) -> list[str]:
        """Save the whole checklist settings in one transaction (all or nothing); returns
        the codes in order. A bad line raises ValidationError(field="item:<index>")."""
        pack = {i.code: i for i in self._ctx.rules.disclosure.items}
        names: dict[str, int] = {}
        for n, e in enumerate(edits):
            name = e.name.strip()
            if e.local and not name:
                raise ValidationError("请填写公示事项名称", field=f"item:{n}")
            if len(name) > 100:
                raise ValidationError("公示事项名称不能超过100个字", field=f"item:{n}")
            if name in names:
                raise ValidationError(f"已有公示事项“{name}”", field=f"item:{n}")
            names[name] = n
            if not e.local and e.code not in pack:
                raise ValidationError(f"规则包中没有公示事项“{e.code}”", field=f"item:{n}")
        codes: list[str] = []
        with self._ctx.db.write() as s:
            saved = {x.code: x for x in disclosure_repo.settings(s)}
            used = {c for c in saved if c.startswith("local_")}
            for e in edits:
                code = e.code
                if not e.local:
                    assert code is not None
                    item = pack[code]
                    x = saved.get(code)
                    if x is None and e.active == item.active:
                        codes.append(code)
                        continue
                    if x is None:
                        x = DisclosureItemSetting(
                            code=code, name=item.name, frequency=item.frequency, is_local=False
                        )
                        s.add(x)
                    x.active = e.active
                else:
                    if code is None:
                        k = 1
                        while f"local_{k}" in used:
                            k += 1
                        code = f"local_{k}"
                        used.add(code)
                        x = DisclosureItemSetting(code=code, is_local=True)
                        s.add(x)
                    else:
                        x = saved.get(code)
                        if x is None or not x.is_local:
                            raise ConflictError("规则包中的公示事项只能启用或停用，不能改名")
                    x.name, x.frequency, x.active = e.name.strip(), e.frequency, e.active
                codes.append(code)
            audit.record(
                s,
                self._ctx.operator(),
                "update",
                "disclosure_item",
                None,
                f"保存信息公示检查事项（{len(edits)} 项）",
                {},
            )
        return codes

    # ---- the overview -----------------------------------------------------------------------
    def rows(
        self, q: DisclosureQuery | None = None, community_ids: Sequence[int] | None = None
    ) -> list[DisclosureRow]:
        """Every live community's row (or those of `community_ids`: a page that holds all
        rows recomputes only the community it has just written to)."""
        q = q or DisclosureQuery()
        today = self._ctx.today()
        items = self.items(active_only=True)
        with self._ctx.db.read() as s:
            communities = disclosure_repo.communities(
                s, community_ids, q.neighborhood_id, q.company_id
            )
            if q.neighborhood_id is not None or q.company_id is not None:
                community_ids = [c[0] for c in communities]  # read only theirs
            latest = disclosure_repo.latest_entries(s, community_ids)
            last = disclosure_repo.last_checks(s, community_ids)
        out = []
        for cid, name, hood_id, hood, company_id, company in communities:
            st = statuses(items, latest.get(cid, {}), today)
            overdue = tuple(
                f"{x.item.name}：{x.describe(today)}"
                for x in st
                if x.state in (ItemState.OVERDUE, ItemState.FAILING)
            )
            row = DisclosureRow(
                cid,
                name,
                hood_id,
                hood,
                company_id,
                company,
                compliance(st),
                overdue,
                last.get(cid),
                tuple(st),
            )
            if self.matches(row, q):
                out.append(row)
        return out

    @staticmethod
    def matches(row: DisclosureRow, q: DisclosureQuery) -> bool:
        if q.text and not all(w in row.community for w in q.text.split()):
            return False
        if q.neighborhood_id is not None and row.neighborhood_id != q.neighborhood_id:
            return False
        if q.company_id is not None and row.company_id != q.company_id:
            return False
        if q.overdue_only and not row.has_overdue:
            return False
        return not (q.never_checked and row.last_check is not None)

    def rates(self, rows: Sequence[DisclosureRow]) -> tuple[list[RateRow], list[RateRow]]:
        """公示率 per neighbourhood and per company (each list ends with the total)."""
        target = self._ctx.rules.disclosure.target_rate
        by_hood = rates(((r.neighborhood or "（未分社区）", r.compliance) for r in rows), target)
        by_company = rates(((r.company or "（无物业企业）", r.compliance) for r in rows), target)
        return by_hood, by_company

    # ---- check visits -----------------------------------------------------------------------
    def record_check(
        self,
        community_id: int,
        checked_on: date,
        inspector: str,
        entries: Sequence[EntryFields],
        notes: str = "",
    ) -> int:
        """One visit with a result per item, in one transaction (photos copied first and
        removed again if the write fails)."""
        today = self._ctx.today()
        if checked_on > today:
            raise ValidationError("检查日期不能晚于今天", field="checked_on")
        if not inspector.strip():
            raise ValidationError("请填写检查人", field="inspector")
        if not entries:
            raise ValidationError("请至少登记一个公示事项的检查结果")
        by_code = {i.code: i for i in self.items()}
        seen: set[str] = set()
        for e in entries:
            item = by_code.get(e.item_code)
            if item is None:
                raise ValidationError(f"找不到公示事项“{e.item_code}”")
            if e.item_code in seen:
                raise ValidationError(f"公示事项“{item.name}”登记了两次")
            seen.add(e.item_code)
            if e.result is CheckResult.POSTED and item.frequency.months and e.posted_on is None:
                raise ValidationError(
                    f"“{item.name}”是{item.frequency.label}公示的事项，请填写公示栏上的公示日期"
                    "（据此计算何时到期）",
                    field=f"posted_on:{e.item_code}",
                )
            if e.posted_on is not None and e.posted_on > checked_on:
                raise ValidationError(
                    f"“{item.name}”的公示日期不能晚于检查日期", field=f"posted_on:{e.item_code}"
                )
        copies: list[str] = []
        try:
            photos = {}
            for e in entries:
                if e.photo:
                    _, stored = copy_in(
                        self.folder,
                        Path(e.photo),
                        today,
                        image_suffix,
                        "照片",
                        "可识别的图片（支持 JPG、PNG、GIF、BMP、WebP）",
                    )
                    copies.append(stored)
                    photos[e.item_code] = (stored, Path(e.photo).name[:200])
            with self._ctx.db.write() as s:
                c = community_repo.get(s, community_id)
                if c is None:
                    raise ValidationError("请选择小区", field="community_id")
                check = DisclosureCheck(
                    community_id=community_id,
                    checked_on=checked_on,
                    inspector=inspector.strip()[:100],
                    notes=notes.strip(),
                )
                s.add(check)
                s.flush()
                for e in entries:
                    item = by_code[e.item_code]
                    stored, original = photos.get(e.item_code, ("", ""))
                    s.add(
                        DisclosureEntry(
                            check_id=check.id,
                            item_code=item.code,
                            item_name=item.name,
                            frequency=item.frequency,
                            result=e.result,
                            posted_on=e.posted_on,
                            note=e.note.strip()[:300],
                            stored_name=stored,
                            original_name=original,
                        )
                    )
                failing = sum(e.result.failing for e in entries)
                audit.record(
                    s,
                    self._ctx.operator(),
                    "create",
                    ENTITY,
                    check.id,
                    f"信息公示检查 {c.name} {checked_on:%Y-%m-%d}："
                    f"{len(entries)} 项，未通过 {failing} 项",
                    {},
                )
                return check.id
        except BaseException:
            for name in copies:
                (self.folder / name).unlink(missing_ok=True)
            raise

    def checks(self, community_id: int) -> list[CheckView]:
        with self._ctx.db.read() as s:
            c = community_repo.get(s, community_id)
            if c is None:
                raise NotFoundError(f"找不到编号为 {community_id} 的小区")
            return [self._check_view(s, x, c.name) for x in disclosure_repo.checks_of(s, c.id)]

    def check(self, check_id: int) -> CheckView:
        with self._ctx.db.read() as s:
            x = s.get(DisclosureCheck, check_id)
            if x is None:
                raise NotFoundError(f"找不到编号为 {check_id} 的检查记录")
            c = community_repo.get(s, x.community_id)
            return self._check_view(s, x, c.name if c else "")

    def check_of_issue(self, issue_id: int) -> CheckView | None:
        """The visit an issue was made from, if it was."""
        with self._ctx.db.read() as s:
            e = disclosure_repo.entry_of_issue(s, issue_id)
            check_id = e.check_id if e else None
        return self.check(check_id) if check_id is not None else None

    def _check_view(self, s: Session, x: DisclosureCheck, community: str) -> CheckView:
        entries = tuple(
            EntryView(
                e.id,
                e.item_code,
                e.item_name,
                e.frequency,
                e.result,
                e.posted_on,
                e.note,
                str(self.folder / e.stored_name) if e.stored_name else "",
                e.issue_id,
            )
            for e in disclosure_repo.entries_of(s, x.id)
        )
        return CheckView(
            x.id, x.community_id, community, x.checked_on, x.inspector, x.notes, entries
        )

    def create_issue(self, entry_id: int, deadline: date | None = None) -> int:
        """A failing item becomes an issue in the 问题台账 (category 信息公示, responsible the
        community's company, deadline from the pack), linked both ways with the visit."""
        issues = self._issues
        with self._ctx.db.read() as s:
            e = s.get(DisclosureEntry, entry_id)
            if e is None:
                raise NotFoundError(f"找不到编号为 {entry_id} 的检查结果")
            if not e.result.failing:
                raise ConflictError(f"“{e.item_name}”检查结果为已公示，无需生成问题")
            if e.issue_id is not None:
                raise ConflictError(f"“{e.item_name}”已生成问题（编号 {e.issue_id}）")
            check = s.get(DisclosureCheck, e.check_id)
            assert check is not None
            newer = disclosure_repo.newer_result(s, e, check)
            if newer is not None:
                raise ConflictError(
                    f"“{e.item_name}”在 {newer[0]:%Y-%m-%d} 又检查过（{newer[1].label}），"
                    "请以最近一次检查结果为准"
                )
            found, community_id = check.checked_on, check.community_id
            c = community_repo.get(s, community_id)
            # no company (失管, 社区代管): the neighbourhood's residents' committee answers
            company = c.company.name if c is not None and c.company is not None else ""
            hood = c.neighborhood.name if c is not None and c.neighborhood is not None else ""
            description = f"信息公示检查：“{e.item_name}”{e.result.label}"
            if e.note:
                description += f"（{e.note}）"
        category = issues.category(ISSUE_CATEGORY)
        if category is None or not category.active:
            raise ConflictError(f"问题类别“{ISSUE_CATEGORY}”不存在或已停用，请在设置中启用")
        fields = IssueFields(
            community_id=community_id,
            category=ISSUE_CATEGORY,
            description=description,
            found_date=found,
            deadline=deadline or default_deadline(found, category),
            responsible_name=company or f"{hood}居民委员会",
            responsible_kind=ResponsibleKind.COMPANY if company else ResponsibleKind.OTHER,
            legal_basis=category.legal_basis,
            measures=f"按规定公示“{e.item_name}”并保持更新",
        )

        def link(s: Session, issue_id: int) -> None:
            row = s.get(DisclosureEntry, entry_id)
            if row is None or row.issue_id is not None:
                raise ConflictError("该检查结果已生成问题")
            row.issue_id = issue_id
            audit.record(
                s,
                self._ctx.operator(),
                "link",
                ENTITY,
                row.check_id,
                f"由检查结果“{row.item_name}”生成问题 #{issue_id}",
                {},
            )

        return issues.create(fields, also=link).id

    # ---- printouts ----------------------------------------------------------------------
    def poster(self, community_id: int, size: str = "A4") -> PosterDoc:
        departments = self._departments.list()  # the papers keep the shown ones
        with self._ctx.db.read() as s:
            office = office_repo.get_profile(s)
            c = community_repo.get(s, community_id)
            if c is None:
                raise NotFoundError(f"找不到编号为 {community_id} 的小区")
            company = (c.company.name, c.company.phone) if c.company is not None else ("", "")
            name = c.name
        return disclosure_papers.poster(
            office.name, office.complaint_phone, name, company, departments, self._ctx.today(), size
        )

    def print_poster(self, community_id: int, path: Path, size: str = "A4") -> Path:
        from app.documents.enforcement_poster import render_poster

        path.write_bytes(render_poster(self.poster(community_id, size)))
        return path

    def checklist(
        self, community_ids: Sequence[int], *, blank: bool, check_id: int | None = None
    ) -> ChecklistDoc:
        """Blank pages for the communities, or the page of one visit (check_id)."""
        visit = self.check(check_id) if check_id is not None else None
        ids = [visit.community_id] if visit is not None else community_ids
        with self._ctx.db.read() as s:
            office = office_repo.get_profile(s)
            places = {}
            for cid in ids:
                c = community_repo.get(s, cid)
                if c is None:
                    raise NotFoundError(f"找不到编号为 {cid} 的小区")
                places[cid] = (
                    c.name,
                    c.neighborhood.name if c.neighborhood else "",
                    c.company.name if c.company else "",
                )
        if visit is not None:
            _, hood, company = places[visit.community_id]
            page = disclosure_papers.filled_page(visit, hood, company)
            return disclosure_papers.checklist(office.name, [page], False, self._ctx.today())
        items = self.items(active_only=True)
        pages = [disclosure_papers.blank_page(*places[cid], items) for cid in community_ids]
        return disclosure_papers.checklist(office.name, pages, blank, self._ctx.today())

    def print_checklist(
        self,
        path: Path,
        community_ids: Sequence[int],
        *,
        blank: bool,
        check_id: int | None = None,
    ) -> Path:
        from app.documents.disclosure_checklist import render_checklist

        path.write_bytes(
            render_checklist(self.checklist(community_ids, blank=blank, check_id=check_id))
        )
        return path
