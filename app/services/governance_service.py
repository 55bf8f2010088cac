"""Use cases of committee formation, terms and coverage (业委会组建与换届, DOMAIN.md §4.1).

Rules are checked, not enforced: a breach is returned as NeedsReason, and the same call
with a reason records the facts and keeps the breach as a warning with that reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from app.domain.deadlines import DueState, term_end
from app.domain.enums import CommitteeStatus
from app.domain.errors import ConflictError, NotFoundError, ValidationError
from app.domain.governance import (
    AuditKind,
    BodyKind,
    BodyView,
    CommitteeRules,
    Coverage,
    CoverageRow,
    Finding,
    GovernanceQuery,
    GovernanceRow,
    MemberFields,
    MemberRole,
    NeedsReason,
    PrepMember,
    VoteFigures,
    committee_size_findings,
    coverage,
    formation_dues,
    holds_seat,
    interim_findings,
    is_eligible,
    prep_group_findings,
)
from app.domain.governance_election import election_findings
from app.services import audit, governance_forms
from app.services.context import ServiceContext
from app.services.governance_members import GovernanceMembers
from app.services.governance_overview import overview_row
from app.storage.models import (
    Community,
    GovernanceAudit,
    GovernanceBody,
    GovernanceFinding,
)
from app.storage.repositories import community_repo, governance_repo
from app.storage.session import Session

ENTITY = "governance_body"
DATE_FIELDS = (
    "applied_on",
    "formed_on",
    "notice_on",
    "first_meeting_on",
    "first_session_on",
    "filed_on",
)  # the election date is set by elect() only
DUE_OF_FIELD: dict[str, tuple[str, ...]] = {  # the steps a date can make late
    "formed_on": ("prep_group", "first_meeting"),
    "notice_on": ("meeting_notice",),
    "first_meeting_on": ("first_meeting", "meeting_notice"),
    "first_session_on": ("committee_meeting",),
    "filed_on": ("filing",),
}
STATUS_OF_KIND = {
    BodyKind.PREP_GROUP: CommitteeStatus.PREPARING,
    BodyKind.COMMITTEE: CommitteeStatus.COMMITTEE,
    BodyKind.INTERIM: CommitteeStatus.INTERIM,
}


class GovernanceService(GovernanceMembers):
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    @property
    def _rules(self) -> CommitteeRules:
        return self._ctx.rules.committee

    def generation(self) -> int:
        return self._ctx.db.generation

    # ---- the overview --------------------------------------------------------------------
    def rows(self, q: GovernanceQuery | None = None) -> list[GovernanceRow]:
        q = q or GovernanceQuery()
        today = self._ctx.today()
        self.ensure_term_audits(today)
        with self._ctx.db.read() as s:
            communities, open_by, preps, active, findings = governance_repo.overview(s)
        out = []
        for c, hood in communities:
            row = overview_row(
                self._ctx.rules, c, hood, open_by.get(c.id, []), preps, active, findings, today
            )
            if self.matches(row, q):
                out.append(row)
        return out

    @staticmethod
    def matches(row: GovernanceRow, q: GovernanceQuery) -> bool:
        """Whether a row passes the filters (a page may filter rows it already holds)."""
        if q.text and not all(w in row.community for w in q.text.split()):
            return False
        if q.stage is not None and row.stage is not q.stage:
            return False
        if q.neighborhood_id is not None and row.neighborhood_id != q.neighborhood_id:
            return False
        if q.kind == "none" and row.kind is not None:
            return False
        if q.kind not in ("", "none") and (row.kind is None or row.kind.value != q.kind):
            return False
        if q.overdue_only and not row.overdue:
            return False
        if q.eligible_only and not row.eligible:
            return False
        return not (q.uncovered_only and (not row.eligible or row.covered))

    def coverage(
        self, rows: Sequence[GovernanceRow] | None = None
    ) -> tuple[Coverage, list[Coverage]]:
        """组建率 overall and per neighbourhood, of the given unfiltered rows (or all)."""
        rows = self.rows() if rows is None else rows
        found = [CoverageRow(r.neighborhood, r.eligible, r.covered) for r in rows]
        return coverage(found, self._rules.coverage_target)

    # ---- one body ----------------------------------------------------------------------------
    def body(self, body_id: int) -> BodyView:
        """One body as it is stored (rows() makes a lapsed term's 换届审计 first)."""
        with self._ctx.db.read() as s:
            return governance_repo.view(s, self._body(s, body_id))

    def history(self, community_id: int) -> list[BodyView]:
        with self._ctx.db.read() as s:
            return [governance_repo.view(s, b) for b in governance_repo.bodies_of(s, community_id)]

    def _body(self, s: Session, body_id: int) -> GovernanceBody:
        b = s.get(GovernanceBody, body_id)
        if b is None:
            raise NotFoundError(f"找不到编号为 {body_id} 的组织")
        return b

    def _community(self, s: Session, community_id: int) -> Community:
        c = community_repo.get(s, community_id)
        if c is None:
            raise NotFoundError(f"找不到编号为 {community_id} 的小区")
        return c

    def _record(self, s: Session, b: GovernanceBody, found: Sequence[Finding], reason: str) -> None:
        """Keep the breaches as warnings, or ask for a reason first."""
        known = set(governance_repo.finding_rules(s, b.id))
        new = [f for f in found if f.rule not in known]
        if new and not reason.strip():
            raise NeedsReason(new)
        for f in new:
            s.add(
                GovernanceFinding(
                    body_id=b.id,
                    rule=f.rule,
                    text=f.text,
                    reason=reason.strip(),
                    recorded_on=self._ctx.today(),
                )
            )

    def _sync_status(self, s: Session, community_id: int) -> None:
        c = self._community(s, community_id)
        b = governance_repo.current(s, community_id)
        want = STATUS_OF_KIND[b.kind] if b is not None else CommitteeStatus.NONE
        if b is None and c.committee_status is CommitteeStatus.COMMUNITY_ACTING:
            return
        c.committee_status = want

    def _check_day(self, day: date | None, what: str) -> None:
        if day is not None and day > self._ctx.today():
            raise ValidationError(f"{what}不能晚于今天", field=what)

    def start_formation(self, community_id: int, applied_on: date, reason: str = "") -> BodyView:
        """The owners' written application: a prep group is now due within the pack's days.
        A community below the delivered-area trigger needs a reason (kept as a warning)."""
        self._check_day(applied_on, "申请日期")
        with self._ctx.db.write() as s:
            c = self._community(s, community_id)
            b = governance_repo.current(s, community_id)
            if (
                b is not None
                and b.kind in (BodyKind.PREP_GROUP, BodyKind.COMMITTEE)
                and not (
                    b.kind is BodyKind.COMMITTEE and b.term_end and b.term_end < self._ctx.today()
                )
            ):
                raise ConflictError(f"该小区已有{b.kind.label}，不能重复启动组建")
            new = GovernanceBody(
                community_id=community_id,
                kind=BodyKind.PREP_GROUP,
                term_no=1,
                applied_on=applied_on,
            )
            s.add(new)
            s.flush()
            if not is_eligible(c.delivered_share, self._rules):
                limit = float(self._rules.eligible_delivered_share_gt * 100)
                share = "未填写" if c.delivered_share is None else f"{c.delivered_share}%"
                self._record(
                    s,
                    new,
                    [
                        Finding(
                            "not_eligible",
                            f"已交付专有部分面积占比{share}，未超过{limit:g}%，尚不具备组建条件",
                        )
                    ],
                    reason,
                )
            self._sync_status(s, community_id)
            audit.record(
                s,
                self._ctx.operator(),
                "create",
                ENTITY,
                new.id,
                "业主书面申请，启动业委会组建",
                {"applied_on": [None, str(applied_on)]},
            )
            return governance_repo.view(s, new)

    def set_dates(self, body_id: int, reason: str = "", **dates: date | None) -> BodyView:
        """Record formation/filing dates; late steps need a reason (kept as warnings)."""
        with self._ctx.db.write() as s:
            b = self._body(s, body_id)
            self._set_dates(s, b, reason, dates)
            return governance_repo.view(s, b)

    def _set_dates(
        self, s: Session, b: GovernanceBody, reason: str, dates: dict[str, date | None]
    ) -> None:
        unknown = set(dates) - set(DATE_FIELDS)
        if unknown:
            raise ValueError(f"unknown date fields {unknown}")
        for name, day in dates.items():
            self._check_day(day, name)
        old = {n: getattr(b, n) for n in dates}
        for name, day in dates.items():
            setattr(b, name, day)
        self._check_order(b)
        prep = s.get(GovernanceBody, b.predecessor_id) if b.predecessor_id else None
        if prep is not None and prep.kind is not BodyKind.PREP_GROUP:
            prep = None
        today = self._ctx.today()
        keys = {k for n in dates for k in DUE_OF_FIELD.get(n, ())}  # the steps these dates touch
        late = [
            d
            for d in formation_dues(governance_repo.dates_of(b, prep), self._rules)
            if d.key in keys and d.state(today) is DueState.DONE_LATE
        ]
        self._record(s, b, [Finding(f"late_{d.key}", d.describe(today)) for d in late], reason)
        audit.record(
            s,
            self._ctx.operator(),
            "update",
            ENTITY,
            b.id,
            "登记组建/备案日期",
            {n: [str(old[n]) if old[n] else None, str(v) if v else None] for n, v in dates.items()},
        )

    def _check_order(self, b: GovernanceBody) -> None:
        order = [
            ("applied_on", "业主申请"),
            ("formed_on", "筹备组成立"),
            ("notice_on", "公告"),
            ("first_meeting_on", "首次业主大会"),
            ("elected_on", "选举"),
            ("first_session_on", "业委会首次会议"),
        ]
        seen: list[tuple[str, date]] = []
        for name, label in order:
            day = getattr(b, name)
            if day is None:
                continue
            for prev_label, prev in seen:
                if day < prev:
                    raise ValidationError(
                        f"{label}日期 {day} 早于{prev_label}日期 {prev}", field=name
                    )
            seen.append((label, day))
        if b.filed_on and b.elected_on and b.filed_on < b.elected_on:
            raise ValidationError("备案日期早于选举日期", field="filed_on")

    def findings(self, body_id: int) -> list[Finding]:
        """The body's size and composition checked now (shown live; not stored)."""
        with self._ctx.db.read() as s:
            return self._size_findings(s, self._body(s, body_id))

    def form_prep_group(
        self, body_id: int, formed_on: date, members: Sequence[MemberFields], reason: str = ""
    ) -> BodyView:
        """The prep group is formed with its members; lateness and composition are checked."""
        self._check_day(formed_on, "筹备组成立日期")
        with self._ctx.db.write() as s:
            b = self._body(s, body_id)
            if b.kind is not BodyKind.PREP_GROUP:
                raise ConflictError("只有筹备组可以登记成立")
            if b.formed_on is not None:
                raise ConflictError(f"筹备组已于{b.formed_on}登记成立，如需补充成员请用“增加成员”")
            b.formed_on = formed_on
            self._check_order(b)
            self._add_members(s, b, members, formed_on)
            s.flush()
            late = [
                d
                for d in formation_dues(governance_repo.dates_of(b), self._rules)
                if d.key == "prep_group" and d.state(self._ctx.today()) is DueState.DONE_LATE
            ]
            found = [Finding("late_prep_group", d.describe(self._ctx.today())) for d in late]
            self._record(s, b, found + self._size_findings(s, b), reason)
            self._sync_status(s, b.community_id)
            audit.record(
                s,
                self._ctx.operator(),
                "update",
                ENTITY,
                b.id,
                f"筹备组成立（{len(members)}人）",
                {"formed_on": [None, str(formed_on)]},
            )
            return governance_repo.view(s, b)

    def _size_findings(self, s: Session, b: GovernanceBody) -> list[Finding]:
        ms = [m for m in governance_repo.members(s, [b.id]).get(b.id, []) if m.ended_on is None]
        ms = [m for m in ms if holds_seat(m.role)]  # 候补委员 hold no seat
        if b.kind is BodyKind.PREP_GROUP:
            return prep_group_findings(
                [
                    PrepMember(m.is_owner, m.unit, m.role is MemberRole.LEADER, m.unit_type)
                    for m in ms
                ],
                self._rules,
            )
        if b.kind is BodyKind.INTERIM:
            return interim_findings(len(ms), sum(m.is_owner for m in ms), self._ctx.rules.interim)
        c = self._community(s, b.community_id)
        found = committee_size_findings(len(ms), c.household_count, self._rules)
        if b.seats and len(ms) > b.seats:
            found.append(
                Finding("committee_over_seats", f"在任委员{len(ms)}人，超过名额{b.seats}人")
            )
        return found

    # ---- election, filing, interim committee ------------------------------------------------
    def elect(
        self,
        community_id: int,
        elected_on: date,
        seats: int,
        members: Sequence[MemberFields],
        votes: VoteFigures = VoteFigures(),  # noqa: B008 - frozen
        reason: str = "",
        term_years: int | None = None,
    ) -> BodyView:
        """The owners elect a committee: a new term; the prep group or the old term ends.
        `term_years`: the term the committee's 议事规则 set, up to the pack's maximum (the
        maximum when not given)."""
        self._check_day(elected_on, "选举日期")
        if seats < 1:
            raise ValidationError("请填写委员名额", field="seats")
        longest = self._rules.term_max_years
        years = longest if term_years is None else term_years
        if not 1 <= years <= longest:
            raise ValidationError(
                f"任期应为 1 至 {longest} 年（按业主大会议事规则填写）",
                field="term_years",
                value=term_years,
            )
        with self._ctx.db.write() as s:
            self._community(s, community_id)
            open_now = governance_repo.open_bodies(s, community_id)
            prep = next((x for x in reversed(open_now) if x.kind is BodyKind.PREP_GROUP), None)
            term_no = governance_repo.last_term_no(s, community_id, BodyKind.COMMITTEE.value) + 1
            b = GovernanceBody(
                community_id=community_id,
                kind=BodyKind.COMMITTEE,
                term_no=term_no,
                seats=seats,
                predecessor_id=(prep or open_now[-1]).id if (prep or open_now) else None,
                elected_on=elected_on,
                term_start=elected_on,
                term_end=term_end(elected_on, years),
                total_area=votes.total_area,
                total_owners=votes.total_owners,
                part_area=votes.part_area,
                part_owners=votes.part_owners,
            )
            s.add(b)
            s.flush()
            found: list[Finding] = []
            if prep is not None:
                if prep.first_meeting_on is None:
                    prep.first_meeting_on = elected_on  # the election is held at the first meeting
                self._check_order(prep)
                if elected_on < (prep.first_meeting_on or elected_on):
                    raise ValidationError("选举日期早于首次业主大会日期", field="elected_on")
                # the first meeting's and the notice's limits, now that they are known
                today = self._ctx.today()
                found += [
                    Finding(f"late_{d.key}", d.describe(today))
                    for d in formation_dues(governance_repo.dates_of(prep), self._rules)
                    if d.key in ("first_meeting", "meeting_notice")
                    and d.state(today) is DueState.DONE_LATE
                ]
            for old in open_now:  # every body the election replaces (an interim one stays)
                if old.kind is BodyKind.INTERIM:
                    continue
                if old.elected_on and old.elected_on > elected_on:
                    raise ValidationError("选举日期早于现任业委会的选举日期", field="elected_on")
                self._end_body(
                    s,
                    old,
                    elected_on,
                    "选举产生业委会" if old.kind is BodyKind.PREP_GROUP else "换届",
                )
            found += election_findings(votes, members, self._ctx.rules.votes)
            self._add_members(s, b, members, elected_on)
            s.flush()
            self._record(s, b, found + self._size_findings(s, b), reason)
            self._sync_status(s, community_id)
            audit.record(
                s,
                self._ctx.operator(),
                "create",
                ENTITY,
                b.id,
                f"选举产生第{term_no}届业委会",
                {"elected_on": [None, str(elected_on)]},
            )
            return governance_repo.view(s, b)

    def ensure_term_audits(self, today: date | None = None) -> int:
        """A committee whose term has ended (today > term end) gets its 换届审计 task, whether
        or not a successor was elected: made here for a term that lapsed with no successor.
        Idempotent (one task per term); writes, and audit-logs, only when a task is due.
        Returns how many tasks it made."""
        if not self._rules.audit_on_term_end:
            return 0
        today = today or self._ctx.today()
        with self._ctx.db.read() as s:  # most calls find nothing: no write, no new generation
            if not governance_repo.lapsed_without_term_audit(s, today):
                return 0
        with self._ctx.db.write() as s:
            lapsed = governance_repo.lapsed_without_term_audit(s, today)  # again, in the write
            for b in lapsed:
                why = f"第{b.term_no}届任期于{b.term_end}届满，尚未换届"
                s.add(
                    GovernanceAudit(
                        body_id=b.id, kind=AuditKind.TERM_END, reason=why, created_on=today
                    )
                )
                audit.record(
                    s, self._ctx.operator(), "update", ENTITY, b.id, f"换届审计任务：{why}", {}
                )
            return len(lapsed)

    def _end_body(self, s: Session, body: GovernanceBody, on: date, reason: str) -> None:
        """End a body's term: its members leave with it; a committee gets its 换届审计
        (unless its lapsed term already has one: one task per term)."""
        body.ended_on, body.end_reason = on, reason
        for m in governance_repo.members(s, [body.id]).get(body.id, []):
            if m.ended_on is None:
                m.ended_on, m.end_reason = on, reason
        if (
            body.kind is BodyKind.COMMITTEE
            and self._rules.audit_on_term_end
            and not governance_repo.has_audit(s, body.id, AuditKind.TERM_END)
        ):
            s.add(
                GovernanceAudit(
                    body_id=body.id,
                    kind=AuditKind.TERM_END,
                    reason=f"第{body.term_no}届任期结束（{reason}）",
                    created_on=self._ctx.today(),
                )
            )

    def file(self, body_id: int, filed_on: date, certificate_no: str, reason: str = "") -> BodyView:
        """备案: the committee (or interim committee) is filed; late filing needs a reason."""
        with self._ctx.db.write() as s:
            b = self._body(s, body_id)
            if b.kind is BodyKind.PREP_GROUP:
                raise ConflictError("筹备组不需要备案，请在选举产生业委会后备案")
            if b.ended_on is not None:
                raise ConflictError(f"该{b.kind.label}已于{b.ended_on}终止，不能再备案")
            b.certificate_no = certificate_no.strip()
            self._set_dates(s, b, reason, {"filed_on": filed_on})
            c = self._community(s, b.community_id)
            if b.kind is BodyKind.COMMITTEE:
                c.filing_committee = filed_on  # the registry's 业委会备案 follows
            return governance_repo.view(s, b)

    def interim_to_dissolve(self, community_id: int) -> BodyView | None:
        """An interim committee still acting beside a filed committee: propose dissolving it."""
        with self._ctx.db.read() as s:
            bodies = governance_repo.bodies_of(s, community_id)
            filed = any(
                b.kind is BodyKind.COMMITTEE and b.filed_on and b.ended_on is None for b in bodies
            )
            interim = next(
                (b for b in bodies if b.kind is BodyKind.INTERIM and b.ended_on is None), None
            )  # noqa: E501
            return governance_repo.view(s, interim) if filed and interim else None

    def form_interim(
        self, community_id: int, formed_on: date, members: Sequence[MemberFields], reason: str = ""
    ) -> BodyView:
        self._check_day(formed_on, "成立日期")
        with self._ctx.db.write() as s:
            self._community(s, community_id)
            term_no = governance_repo.last_term_no(s, community_id, BodyKind.INTERIM.value) + 1
            b = GovernanceBody(
                community_id=community_id,
                kind=BodyKind.INTERIM,
                term_no=term_no,
                seats=len(members),
                formed_on=formed_on,
                term_start=formed_on,
                term_end=term_end(formed_on, self._ctx.rules.interim.term_max_years),
            )
            s.add(b)
            s.flush()
            self._add_members(s, b, members, formed_on)
            s.flush()
            self._record(s, b, self._size_findings(s, b), reason)
            self._sync_status(s, community_id)
            audit.record(s, self._ctx.operator(), "create", ENTITY, b.id, "成立物管会", {})
            return governance_repo.view(s, b)

    def dissolve(self, body_id: int, on: date, reason: str) -> BodyView:
        if not reason.strip():
            raise ValidationError("请填写解散或终止的原因", field="end_reason")
        self._check_day(on, "终止日期")
        with self._ctx.db.write() as s:
            b = self._body(s, body_id)
            if b.ended_on is not None:
                raise ConflictError(f"该{b.kind.label}已于{b.ended_on}终止")
            start = b.term_start or b.formed_on or b.applied_on
            if start is not None and on < start:
                raise ValidationError(f"终止日期早于成立日期 {start}", field="ended_on")
            self._end_body(s, b, on, reason.strip())
            self._sync_status(s, b.community_id)
            audit.record(
                s,
                self._ctx.operator(),
                "update",
                ENTITY,
                b.id,
                f"{b.kind.label}终止：{reason.strip()}",
                {"ended_on": [None, str(on)]},
            )
            return governance_repo.view(s, b)

    def filing_form(self, body_id: int) -> bytes:
        """The 业主委员会备案表 of a committee (or interim committee) as a PDF."""
        with self._ctx.db.read() as s:
            b = self._body(s, body_id)
            if b.kind is BodyKind.PREP_GROUP:
                raise ConflictError("筹备组没有备案表，请在选举产生业委会后打印")
            form = governance_forms.filing_form(s, b)
        return governance_forms.render(form)

    def complete_audit(self, audit_id: int, done_on: date, result: str) -> BodyView:
        if not result.strip():
            raise ValidationError("请填写审计结果", field="result")
        self._check_day(done_on, "完成日期")
        with self._ctx.db.write() as s:
            a = s.get(GovernanceAudit, audit_id)
            if a is None:
                raise NotFoundError("找不到该审计任务")
            if done_on < a.created_on:
                raise ValidationError("完成日期早于审计任务生成日期", field="done_on")
            a.done_on, a.result = done_on, result.strip()
            return governance_repo.view(s, self._body(s, a.body_id))
