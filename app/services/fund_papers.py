"""The papers of a fund request: the unit list of its charge scope, the cost split (分摊明细)
and the 专项维修资金使用申请审核表."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from app.domain.amounts import yuan
from app.domain.cost_split import EXACT_HEADER, Share, SplitUnit, exact_yuan, split
from app.domain.dates import fmt
from app.domain.documents import LedgerTable
from app.domain.errors import ConflictError, NotFoundError
from app.domain.fund_documents import FundReviewForm, ReviewBox
from app.domain.fund_records import FundView
from app.domain.funds import CLOSED_STAGES, REVIEW_LEVELS, FundStage, disclosure_days
from app.domain.owner_count import OwnerCount, count_owners
from app.domain.text import mask_phone
from app.services import audit
from app.services.context import ServiceContext
from app.services.fund_views import view
from app.storage.models import FundRequest
from app.storage.repositories import fund_repo, office_repo

SPLIT_HEADERS = (
    "序号",
    "房号",
    "业主（承担人）",
    "面积(㎡)",
    "分摊比例",
    "分摊金额(元)",
    EXACT_HEADER,
)
SPLIT_WIDTHS_MM = (14, 36, 56, 30, 30, 36, 40)  # scaled to the page width by the ledger


@dataclass(frozen=True)
class SplitResult:
    cost_fen: int
    total_area: Decimal
    shares: tuple[Share, ...]

    def check_line(self) -> str:
        total = sum(s.fen for s in self.shares)
        same = "一致" if total == self.cost_fen else "不一致"
        return (
            f"分摊合计 {yuan(total)} 元，与维修费用 {yuan(self.cost_fen)} 元{same}"
            f"（{len(self.shares)} 户，总面积 {self.total_area} ㎡）"
        )


class FundPapers:
    def __init__(self, ctx: ServiceContext, folder: Path) -> None:
        self._ctx = ctx
        self._folder = folder

    def _view(self, request_id: int) -> FundView:
        with self._ctx.db.read() as s:
            r = s.get(FundRequest, request_id)
            if r is None:
                raise NotFoundError(f"找不到编号为 {request_id} 的维修资金申请")
            return view(s, r, self._ctx.rules, self._folder)

    # ---- the unit list and the split --------------------------------------------------------
    def import_units(self, request_id: int, path: Path) -> int:
        """Replace the charge scope's unit list with the sheet's (all or nothing)."""
        from app.spreadsheets.unit_list import read_units

        units = read_units(path)
        split(0, units)  # the same checks the split makes: duplicates, zero total area
        with self._ctx.db.write() as s:
            r = s.get(FundRequest, request_id)
            if r is None:
                raise NotFoundError(f"找不到编号为 {request_id} 的维修资金申请")
            if r.stage in CLOSED_STAGES:
                raise ConflictError(f"申请已{r.stage.label}，不能再更改列支范围")
            rows = [
                {"seq": i, "room": u.room, "area": u.area, "owner": u.owner}
                for i, u in enumerate(units, 1)
            ]
            fund_repo.replace_units(s, r.id, rows)
            if r.scope_households is None:
                r.scope_households = len(units)
            if r.scope_area is None:
                r.scope_area = sum((u.area for u in units), Decimal(0))
            audit.record(
                s,
                self._ctx.operator(),
                "units",
                "fund_request",
                r.id,
                f"导入列支范围房屋清单 {len(units)} 户（{path.name}）",
                {},
            )
        return len(units)

    def units(self, request_id: int) -> list[SplitUnit]:
        with self._ctx.db.read() as s:
            return [SplitUnit(u.room, u.area, u.owner) for u in fund_repo.units(s, request_id)]

    def owner_count(self, request_id: int) -> OwnerCount | None:
        """The vote's 总面积 and 业主总人数 by the counting rule of DOMAIN §5.1, from the
        request's unit list; None when it has none."""
        units = self.units(request_id)
        return count_owners(units) if units else None

    def default_cost(self, request_id: int) -> int:
        """The cost to split: the final account, else the approved amount, else the budget."""
        v = self._view(request_id)
        for fen in (v.final_fen, v.approved_fen, v.fields.budget_fen):
            if fen:
                return fen
        return 0

    def split(self, request_id: int, cost_fen: int | None = None) -> SplitResult:
        units = self.units(request_id)
        if not units:
            raise ConflictError("尚未导入列支范围的房屋清单（房号、面积、业主）")
        cost = self.default_cost(request_id) if cost_fen is None else cost_fen
        return self.split_units(units, cost)

    # ---- a split of any unit list, not of a request (`propdesk split`) -----------------------
    @staticmethod
    def split_units(units: Sequence[SplitUnit], cost_fen: int) -> SplitResult:
        """The cost split over the units by area, in whole fen."""
        shares = split(cost_fen, units)
        total = sum((u.area for u in units), Decimal(0))
        return SplitResult(cost_fen, total, tuple(shares))

    def read_units(self, path: Path) -> list[SplitUnit]:
        """The units of a unit-list sheet (房号, 面积, 业主), checked; nothing is stored."""
        from app.spreadsheets.unit_list import read_units

        return read_units(path)

    def export_units_split(self, path: Path, result: SplitResult) -> int:
        """Write the 分摊明细 of `result` under the office's name; the number of units."""
        from app.spreadsheets.unit_list import write_split

        with self._ctx.db.read() as s:
            office = office_repo.get_profile(s)
        return write_split(
            path,
            result.shares,
            title=f"{office.name}维修资金分摊明细",
            unit_name=office.name,
            fill_date=self._ctx.today(),
            preparer=self._ctx.operator(),
            phone=office.contact_phone,
            cost_fen=result.cost_fen,
        )

    def export_split(self, request_id: int, path: Path, cost_fen: int | None = None) -> int:
        from app.spreadsheets.unit_list import write_split

        result = self.split(request_id, cost_fen)
        v = self._view(request_id)
        with self._ctx.db.read() as s:
            office = office_repo.get_profile(s)
        return write_split(
            path,
            result.shares,
            title=f"{v.community}{v.fields.project}维修资金分摊明细",
            unit_name=office.name or "（未设置单位名称）",
            fill_date=self._ctx.today(),
            preparer=self._ctx.operator(),
            phone=office.contact_phone,
            cost_fen=result.cost_fen,
        )

    def print_split(self, request_id: int, path: Path, cost_fen: int | None = None) -> int:
        from app.documents.ledger_pdf import render_ledger

        result = self.split(request_id, cost_fen)
        v = self._view(request_id)
        with self._ctx.db.read() as s:
            office = office_repo.get_profile(s)
        rows = [
            [
                str(i),
                sh.unit.room,
                sh.unit.payer,
                f"{sh.unit.area:.2f}",
                f"{sh.unit.area / result.total_area * 100:.4f}%",
                yuan(sh.fen),
                f"{sh.exact_yuan():,}",
            ]
            for i, sh in enumerate(result.shares, 1)
        ]
        rows.append(
            [
                "",
                "合计",
                f"{len(rows)} 户",
                f"{result.total_area:.2f}",
                "100%",
                yuan(sum(sh.fen for sh in result.shares)),
                f"{exact_yuan(result.cost_fen):,}",
            ]
        )
        table = LedgerTable(
            title=f"{v.community}{v.fields.project}维修资金分摊明细",
            office_name=office.name,
            filled_date=self._ctx.today(),
            headers=SPLIT_HEADERS,
            rows=rows,
            col_widths_mm=SPLIT_WIDTHS_MM,
            preparer=self._ctx.operator(),
            phone=office.contact_phone,
        )
        path.write_bytes(render_ledger(table))
        return len(result.shares)

    # ---- the 审核表 ------------------------------------------------------------------------
    def review_form(self, request_id: int, *, mask_phones: bool = True) -> FundReviewForm:
        v = self._view(request_id)
        f = v.fields
        with self._ctx.db.read() as s:
            office = office_repo.get_profile(s)
        category = self._ctx.rules.fund.category(f.emergency_category)
        emergency: tuple[str, ...] = ()
        if f.emergency:
            emergency = (
                f"紧急情况类别：{category.name if category else '（未选择）'}",
                f"证明材料：{category.evidence if category else ''}",
                f"确认人：{f.confirmed_by or '（未登记）'}　确认日期：{fmt(f.confirmed_on)}",
            )
        votes = ("紧急使用，无需业主表决",) if f.emergency else v.vote_lines
        disclosure = ""
        if f.disclosure_start and f.disclosure_end:
            days = disclosure_days(f.disclosure_start, f.disclosure_end)
            disclosure = f"{fmt(f.disclosure_start)} 至 {fmt(f.disclosure_end)}（共 {days} 天）"
        phone = mask_phone(f.phone) if mask_phones else f.phone
        return FundReviewForm(
            office_name=office.name,
            serial=v.serial,
            community=v.community,
            neighborhood=v.neighborhood,
            applicant=f"{f.applicant.label}　{f.applicant_name}".strip(),
            contact=f"{f.contact}　{phone}".strip(),
            applied_on=f.applied_on,
            project=f.project,
            part=f.part,
            reason=f.reason,
            scope=f.scope_text,
            scope_households=f.scope_households,
            scope_area=f"{f.scope_area:,.2f}" if f.scope_area is not None else "",
            budget_fen=f.budget_fen,
            approved_fen=v.approved_fen,
            emergency=f.emergency,
            emergency_lines=emergency,
            vote_lines=votes,
            disclosure=disclosure,
            materials=tuple(
                (m.label, f"{fmt(m.received_on)} 已收" if m.received_on else "未收")
                for m in v.materials
            ),
            boxes=review_boxes(v),
            disbursements=tuple((d.kind.label, d.paid_on, d.amount_fen) for d in v.disbursements),
            printed_on=self._ctx.today(),
        )

    def print_review_form(self, request_id: int, path: Path) -> Path:
        from app.documents.fund_review_form import render_review_form

        path.write_bytes(render_review_form(self.review_form(request_id)))
        return path


def review_boxes(v: FundView) -> tuple[ReviewBox, ...]:
    """Each review level's latest decision: the step that left (or ended) its stage."""
    boxes = []
    for stage, level in REVIEW_LEVELS.items():
        step = next((x for x in reversed(v.steps) if x.from_stage is stage), None)
        if step is None:
            boxes.append(ReviewBox(level))
            continue
        opinion = step.opinion
        if step.to_stage in (FundStage.RETURNED, FundStage.REJECTED):
            opinion = f"{step.to_stage.label}：{opinion}"
        boxes.append(ReviewBox(level, opinion, step.operator, step.on))
    return tuple(boxes)
