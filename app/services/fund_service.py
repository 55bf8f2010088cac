"""Use cases of maintenance-fund requests (维修资金使用申请, DOMAIN.md §4.2, §5.1–5.2): the
request, its owners' vote, its materials, the review chain and the payments.

Every move is one transaction that records the step (operator, date, opinion) and the audit
log. The gates live in app.domain.funds; a refused move names every rule that failed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields as dc_fields
from datetime import date
from pathlib import Path
from typing import Any

from app.domain.amounts import yuan
from app.domain.errors import ConflictError, NotFoundError, ValidationError
from app.domain.fund_records import FundFields, FundQuery, FundRow, FundTotals, FundView
from app.domain.funds import (
    CLOSED_STAGES,
    EDITABLE_STAGES,
    PAYABLE_STAGES,
    REVIEW_STAGES,
    FundRules,
    FundStage,
    InstalmentKind,
    Material,
    blockers,
    checklist,
    materials_for,
    reached,
)
from app.domain.votes import VoteCount, VoteMatter, VoteResult, VoteRules, evaluate
from app.services import audit, fund_views
from app.services.context import ServiceContext
from app.services.fund_files import FundFiles
from app.services.fund_papers import FundPapers
from app.storage.models import FundDisbursement, FundMaterial, FundRequest, FundStep
from app.storage.repositories import community_repo, fund_repo
from app.storage.session import Session

ENTITY = "fund_request"
AMOUNT_KEY = {FundStage.APPROVED: "approved_fen", FundStage.FINAL_DISCLOSURE: "final_fen"}
FIELD_NAMES = [f.name for f in dc_fields(FundFields)]


class FundService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx
        self.files = FundFiles(ctx)
        self.papers = FundPapers(ctx, self.files.folder)

    # ---- what the page and the forms need ---------------------------------------------------
    @property
    def rules(self) -> FundRules:
        return self._ctx.rules.fund

    @property
    def vote_rules(self) -> VoteRules:
        return self._ctx.rules.votes

    def generation(self) -> int:
        return self._ctx.db.generation

    def search_ids(self, q: FundQuery | None = None) -> list[int]:
        with self._ctx.db.read() as s:
            return fund_repo.search_ids(s, q or FundQuery(), self._ctx.today())

    def rows(self, ids: Sequence[int]) -> list[FundRow]:
        with self._ctx.db.read() as s:
            return fund_repo.rows(s, ids, self._ctx.today())

    def totals(self, q: FundQuery | None = None) -> FundTotals:
        with self._ctx.db.read() as s:
            return fund_repo.totals(s, q or FundQuery(), self._ctx.today())

    def get(self, request_id: int) -> FundView:
        with self._ctx.db.read() as s:
            r = self._request(s, request_id)
            return fund_views.view(s, r, self._ctx.rules, self.files.folder)

    def evaluate_vote(self, count: VoteCount, matter: VoteMatter) -> VoteResult:
        """The four tests against the pack's thresholds (raises ValidationError on bad input)."""
        return evaluate(count, matter, self.vote_rules)

    # ---- the request ------------------------------------------------------------------------
    def create(self, f: FundFields) -> int:
        today = self._ctx.today()
        f.check(today)
        self._check_category(f)
        with self._ctx.db.write() as s:
            if community_repo.get(s, f.community_id) is None:
                raise ValidationError("请选择小区", field="community_id")
            r = FundRequest(
                year=today.year,
                seq=fund_repo.next_seq(s, today.year),
                stage=FundStage.DRAFT,
                stage_since=today,
                **fund_views.columns(f),
            )
            s.add(r)
            s.flush()
            self._audit(
                s,
                "create",
                r.id,
                f"新建维修资金使用申请 {fund_repo.serial(r)}",
                audit.diff(None, f),
            )
            return r.id

    def update(self, request_id: int, f: FundFields) -> None:
        f.check(self._ctx.today())
        self._check_category(f)
        with self._ctx.db.write() as s:
            r = self._request(s, request_id)
            if r.stage not in EDITABLE_STAGES:
                raise ConflictError(
                    f"申请已进入“{r.stage.label}”，不能再修改申请内容；需要修改时请先退回补正"
                )
            if community_repo.get(s, f.community_id) is None:
                raise ValidationError("请选择小区", field="community_id")
            old = fund_views.fields_of(r)
            for key, value in fund_views.columns(f).items():
                setattr(r, key, value)
            if r.emergency and r.stage in (FundStage.VOTING, FundStage.VOTED):
                self._move(s, r, FundStage.DRAFT, self._ctx.today(), "改为紧急使用，无需业主表决")
            self._audit(
                s, "update", r.id, f"修改维修资金使用申请 {fund_repo.serial(r)}", audit.diff(old, f)
            )

    def delete(self, request_id: int) -> None:
        with self._ctx.db.write() as s:
            r = self._request(s, request_id)
            if r.stage is not FundStage.DRAFT:
                raise ConflictError("只能删除草拟阶段的申请；已提交的申请请走“不予核准”")
            stored = [m.stored_name for m in fund_repo.materials(s, r.id) if m.stored_name]
            self._audit(
                s,
                "delete",
                r.id,
                f"删除维修资金使用申请 {fund_repo.serial(r)}",
                audit.diff(fund_views.fields_of(r), None),
            )
            s.delete(r)
        self.files.remove(stored)

    def _check_category(self, f: FundFields) -> None:
        if (
            f.emergency
            and f.emergency_category
            and self.rules.category(f.emergency_category) is None
        ):
            raise ValidationError(
                f"规则包中没有紧急情况类别“{f.emergency_category}”", field="emergency_category"
            )

    # ---- the owners' vote -------------------------------------------------------------------
    def record_vote(
        self, request_id: int, count: VoteCount, matter: VoteMatter, voted_on: date
    ) -> VoteResult:
        result = self.evaluate_vote(count, matter)
        if voted_on > self._ctx.today():
            raise ValidationError("表决日期不能晚于今天", field="voted_on")
        with self._ctx.db.write() as s:
            r = self._request(s, request_id)
            if r.emergency:
                raise ConflictError("紧急使用维修资金无需业主表决")
            if r.stage not in EDITABLE_STAGES:
                raise ConflictError(f"申请已进入“{r.stage.label}”，不能再更改表决结果")
            old = fund_views.vote_of(r)
            r.vote_matter = matter.value
            r.vote_rule = self.vote_rules.rule
            r.voted_on = voted_on
            for key in (
                "total_area",
                "total_owners",
                "part_area",
                "part_owners",
                "yes_area",
                "yes_owners",
            ):
                setattr(r, key, getattr(count, key))
            r.vote_passed = result.passed
            if r.stage is FundStage.DRAFT:
                self._move(s, r, FundStage.VOTING, voted_on, "进入公示、表决")
            if r.stage is FundStage.VOTED and not result.passed:
                day = max(voted_on, r.stage_since)  # the correction happens after 表决通过
                self._move(s, r, FundStage.VOTING, day, "更正表决结果：未通过")
            verdict = "通过" if result.passed else "未通过"
            self._audit(
                s,
                "vote",
                r.id,
                f"登记业主表决结果（{verdict}）",
                _changes(old, fund_views.vote_of(r)),
            )
        return result

    # ---- materials --------------------------------------------------------------------------
    def set_material(
        self,
        request_id: int,
        material: Material,
        received_on: date | None,
        scan: Path | None = None,
        note: str = "",
    ) -> None:
        """Tick a material as received on a day (with an optional scan), or untick it."""
        if received_on is not None and received_on > self._ctx.today():
            raise ValidationError("收取日期不能晚于今天", field="received_on")
        stored = self.files.store(scan) if scan is not None and received_on else None
        removed: list[str] = []
        try:
            with self._ctx.db.write() as s:
                r = self._request(s, request_id)
                if r.stage in CLOSED_STAGES:
                    raise ConflictError(f"申请已{r.stage.label}，材料不能再更改")
                row = next(
                    (m for m in fund_repo.materials(s, r.id) if m.material is material), None
                )
                needed = dict(checklist(r.emergency)).get(material)
                if received_on is None and needed is not None and reached(r.stage, needed):
                    raise ConflictError(
                        f"“{material.label}”是进入“{needed.label}”的必备材料，申请已进入该阶段，"
                        "不能取消收取；如有误，可重新登记收取日期或更换扫描件"
                    )
                if received_on is None:
                    if row is not None:
                        removed = [row.stored_name] if row.stored_name else []
                        s.delete(row)
                        self._audit(s, "material", r.id, f"取消材料“{material.label}”", {})
                else:
                    if row is None:
                        row = FundMaterial(request_id=r.id, material=material)
                        s.add(row)
                    elif stored and row.stored_name:
                        removed = [row.stored_name]
                    row.received_on = received_on
                    row.note = note.strip()[:300]
                    if stored and scan is not None:
                        row.stored_name, row.original_name = stored, scan.name[:200]
                    self._audit(
                        s,
                        "material",
                        r.id,
                        f"收取材料“{material.label}”",
                        {"received_on": [None, str(received_on)]},
                    )
        except BaseException:
            if stored:
                self.files.remove([stored])
            raise
        self.files.remove(removed)

    # ---- the review chain -------------------------------------------------------------------
    def advance(
        self,
        request_id: int,
        target: FundStage,
        on: date,
        opinion: str = "",
        amount_fen: int | None = None,
    ) -> None:
        """Move one step forward. 核准 takes the approved amount; 决算公示 the final one."""
        with self._ctx.db.write() as s:
            r = self._request(s, request_id)
            self._check_day(s, r, on)
            if target is FundStage.DISBURSED:
                raise ValidationError("请登记拨付款项：登记首笔拨付后自动进入“已拨付”")
            if r.stage in REVIEW_STAGES and not opinion.strip():
                raise ValidationError(f"请填写{r.stage.label}意见", field="opinion")
            if target is FundStage.APPROVED:
                self._check_amount(amount_fen, "核准金额", r.budget_fen, "申请金额")
                r.approved_fen = amount_fen
            if target is FundStage.FINAL_DISCLOSURE:
                self._check_amount(amount_fen, "决算金额", r.approved_fen or 0, "核准金额")
                paid = fund_repo.paid_fen(s, r.id)
                if amount_fen is not None and amount_fen < paid:
                    raise ValidationError(
                        f"决算金额 {yuan(amount_fen)} 元不能低于已拨付合计 {yuan(paid)} 元",
                        field="amount_fen",
                    )
                r.final_fen = amount_fen
            state = fund_views.state(s, r, self.rules)
            problems = blockers(state, target, self.rules) + self._late_materials(s, r, target, on)
            if problems:
                raise ValidationError(
                    f"不能进入“{target.label}”：\n" + "\n".join(f"· {p}" for p in problems),
                    rule="blocked",
                )
            if target is FundStage.ACCEPTED:
                r.completed_on = on
            if target is FundStage.FINAL_DISCLOSURE:
                r.final_on = on
            if target is FundStage.DONE:
                r.closed_on = on
            self._move(s, r, target, on, opinion, amount_fen)

    def send_back(self, request_id: int, on: date, reason: str) -> None:
        """退回补正: back to the applicant with a reason; the applicant resubmits later."""
        self._end_review(request_id, FundStage.RETURNED, on, reason)

    def reject(self, request_id: int, on: date, reason: str) -> None:
        """不予核准: ends the request, with a reason."""
        self._end_review(request_id, FundStage.REJECTED, on, reason)

    def _end_review(self, request_id: int, target: FundStage, on: date, reason: str) -> None:
        if not reason.strip():
            raise ValidationError(f"请填写{target.label}的理由", field="opinion")
        with self._ctx.db.write() as s:
            r = self._request(s, request_id)
            allowed = REVIEW_STAGES + (
                (FundStage.RETURNED,) if target is FundStage.REJECTED else ()
            )
            if r.stage not in allowed:
                raise ConflictError(f"只有审核中的申请才能{target.label}（当前：{r.stage.label}）")
            self._check_day(s, r, on)
            if target is FundStage.REJECTED:
                r.closed_on = on
            self._move(s, r, target, on, reason)

    # ---- payments ---------------------------------------------------------------------------
    def disburse(
        self, request_id: int, kind: InstalmentKind, paid_on: date, amount_fen: int, note: str = ""
    ) -> None:
        """One payment; the total never exceeds the approved (or, once known, final) amount.
        The first payment moves a request from 核准 to 已拨付."""
        if amount_fen <= 0:
            raise ValidationError("拨付金额必须大于零", field="amount_fen")
        with self._ctx.db.write() as s:
            r = self._request(s, request_id)
            if r.stage not in PAYABLE_STAGES:
                raise ConflictError(f"申请处于“{r.stage.label}”，不能登记拨付（须已核准）")
            self._check_day(s, r, paid_on)
            cap = r.final_fen if r.final_fen is not None else r.approved_fen or 0
            what = "决算金额" if r.final_fen is not None else "核准金额"
            paid = fund_repo.paid_fen(s, r.id)
            if paid + amount_fen > cap:
                raise ValidationError(
                    f"拨付合计不能超过{what} {yuan(cap)} 元：已拨付 {yuan(paid)} 元，"
                    f"本次最多可拨付 {yuan(max(0, cap - paid))} 元",
                    field="amount_fen",
                )
            if r.stage is FundStage.APPROVED:
                state = fund_views.state(s, r, self.rules)
                missing = blockers(state, FundStage.DISBURSED, self.rules)
                missing += self._late_materials(s, r, FundStage.DISBURSED, paid_on)
                if missing:
                    raise ValidationError("不能拨付：\n" + "\n".join(f"· {p}" for p in missing))
            s.add(
                FundDisbursement(
                    request_id=r.id,
                    kind=kind,
                    paid_on=paid_on,
                    amount_fen=amount_fen,
                    operator=self._ctx.operator(),
                    note=note.strip()[:300],
                )
            )
            text = f"{kind.label} {yuan(amount_fen)} 元"
            if r.stage is FundStage.APPROVED:
                self._move(s, r, FundStage.DISBURSED, paid_on, text, amount_fen)
            else:
                self._audit(s, "disburse", r.id, f"登记拨付：{text}", {})

    def reverse_payment(self, request_id: int, disbursement_id: int, on: date, reason: str) -> None:
        """冲销: a wrong payment is netted out by an entry of the opposite amount, with its
        reason; the payment itself is never edited or deleted, and both stay in the
        request's payments and the audit log."""
        if not reason.strip():
            raise ValidationError("请填写冲销原因", field="reason")
        with self._ctx.db.write() as s:
            r = self._request(s, request_id)
            d = s.get(FundDisbursement, disbursement_id)
            if d is None or d.request_id != r.id:
                raise NotFoundError("找不到该笔拨付")
            if r.stage not in PAYABLE_STAGES:
                raise ConflictError(f"申请处于“{r.stage.label}”，不能冲销拨付")
            if d.reverses_id is not None:
                raise ConflictError("这是一笔冲销记录，不能再冲销")
            if fund_repo.reversal_of(s, d.id) is not None:
                raise ConflictError(f"{d.kind.label} {yuan(d.amount_fen)} 元已冲销，不能重复冲销")
            if on > self._ctx.today():
                raise ValidationError("冲销日期不能晚于今天", field="on")
            if on < d.paid_on:
                raise ValidationError(f"冲销日期不能早于拨付日期 {d.paid_on}", field="on")
            s.add(
                FundDisbursement(
                    request_id=r.id,
                    kind=d.kind,
                    paid_on=on,
                    amount_fen=-d.amount_fen,
                    operator=self._ctx.operator(),
                    note=f"冲销：{reason.strip()}"[:300],
                    reverses_id=d.id,
                )
            )
            text = (
                f"冲销{d.kind.label} {yuan(d.amount_fen)} 元（{d.paid_on}），原因：{reason.strip()}"
            )
            self._audit(
                s, "reverse_payment", r.id, text, {"amount_fen": [d.amount_fen, -d.amount_fen]}
            )

    # ---- helpers ----------------------------------------------------------------------------
    def _request(self, s: Session, request_id: int) -> FundRequest:
        r = s.get(FundRequest, request_id)
        if r is None:
            raise NotFoundError(f"找不到编号为 {request_id} 的维修资金申请")
        return r

    def _check_day(self, s: Session, r: FundRequest, on: date) -> None:
        if on > self._ctx.today():
            raise ValidationError("日期不能晚于今天", field="on")
        # a new draft's date is the day it was typed in, not a fact: a request entered
        # afterwards may leave its draft on an earlier day (but never before a real step)
        fresh = r.stage is FundStage.DRAFT and not fund_repo.steps(s, r.id)
        if not fresh and on < r.stage_since:
            raise ValidationError(
                f"日期不能早于进入“{r.stage.label}”的日期 {r.stage_since:%Y-%m-%d}", field="on"
            )

    @staticmethod
    def _late_materials(s: Session, r: FundRequest, target: FundStage, on: date) -> list[str]:
        """Materials a step needs that were received only after the step's date."""
        need = set(materials_for(target, r.emergency))
        return [
            f"“{m.material.label}”的收取日期 {m.received_on:%Y-%m-%d} 晚于本步骤日期 {on:%Y-%m-%d}"
            for m in fund_repo.materials(s, r.id)
            if m.material in need and m.received_on > on
        ]

    @staticmethod
    def _check_amount(amount: int | None, what: str, cap: int, cap_name: str) -> None:
        if amount is None or amount <= 0:
            raise ValidationError(f"请填写{what}", field="amount_fen")
        if amount > cap:
            raise ValidationError(
                f"{what} {yuan(amount)} 元不能超过{cap_name} {yuan(cap)} 元", field="amount_fen"
            )

    def _move(
        self,
        s: Session,
        r: FundRequest,
        target: FundStage,
        on: date,
        opinion: str,
        amount_fen: int | None = None,
    ) -> None:
        old = r.stage
        s.add(
            FundStep(
                request_id=r.id,
                from_stage=old,
                to_stage=target,
                on=on,
                operator=self._ctx.operator(),
                opinion=opinion.strip(),
                amount_fen=amount_fen,
            )
        )
        r.stage = target
        r.stage_since = on
        self._audit(
            s,
            "stage",
            r.id,
            f"{fund_repo.serial(r)}：{old.label} → {target.label}",
            {
                "stage": [old.value, target.value],
                **(
                    {AMOUNT_KEY.get(target, "amount_fen"): [None, amount_fen]}
                    if amount_fen is not None
                    else {}
                ),
            },
        )

    def _audit(
        self, s: Session, action: str, rid: int, summary: str, changes: dict[str, list[Any]]
    ) -> None:
        audit.record(s, self._ctx.operator(), action, ENTITY, rid, summary, changes)


def _changes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[Any]]:
    return {k: [audit.plain(old.get(k)), audit.plain(v)] for k, v in new.items() if old.get(k) != v}
