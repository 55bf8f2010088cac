"""Committee formation through the services: every limit exactly and one day past it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from app.domain.governance import (
    AuditKind,
    BodyKind,
    GovernanceQuery,
    MemberFields,
    MemberRole,
    NeedsReason,
    Stage,
    VoteFigures,
)
from app.services.governance_service import GovernanceService
from tests.conftest import TODAY

TOWN = "青禾镇人民政府"


def at(svc, day: date) -> GovernanceService:
    return GovernanceService(replace(svc.governance._ctx, today=lambda: day))


def fresh(demo) -> int:
    return next(
        r.community_id
        for r in demo.governance.rows()
        if r.kind is None and r.eligible and r.stage is Stage.NOT_STARTED
    )


def prep_members():
    return [
        MemberFields("陈晓梅", MemberRole.LEADER, False, unit=TOWN),
        MemberFields("业主甲", MemberRole.GROUP_MEMBER, True),
        MemberFields("业主乙", MemberRole.GROUP_MEMBER, True),
    ]


def committee(n=5):
    return [
        MemberFields(
            f"委员{k}",
            MemberRole.DIRECTOR if k == 0 else MemberRole.MEMBER,
            votes=300 - k,
            is_finance=k == 1,
        )
        for k in range(n)
    ]


@pytest.mark.parametrize(("days", "late"), [(60, False), (61, True)])
def test_prep_group_within_60_days_of_the_application(demo, days, late):
    cid = fresh(demo)
    applied = TODAY - timedelta(days=days)
    b = at(demo, applied).start_formation(cid, applied)
    if late:
        with pytest.raises(NeedsReason) as e:
            demo.governance.form_prep_group(b.id, TODAY, prep_members())
        assert "晚了1天" in e.value.message
        assert demo.governance.body(b.id).dates.prep_formed_on is None  # nothing written
        b = demo.governance.form_prep_group(b.id, TODAY, prep_members(), reason="街道人手不足")
        assert [f.reason for f in b.findings] == ["街道人手不足"]
    else:
        b = demo.governance.form_prep_group(b.id, TODAY, prep_members())
        assert b.findings == ()
    assert demo.governance.rows(GovernanceQuery(text=b.community))[0].stage is Stage.PREP_FORMED


@pytest.mark.parametrize(("days", "late"), [(30, False), (31, True)])
def test_filing_within_30_days_of_the_election(demo, days, late):
    cid = fresh(demo)
    elected = TODAY - timedelta(days=days)
    c = at(demo, elected).elect(cid, elected, 5, committee())
    assert c.term_no == 1 and c.dates.term_end == date(
        elected.year + 5, elected.month, elected.day
    ) - timedelta(days=1)  # noqa: E501
    if late:
        with pytest.raises(NeedsReason):
            demo.governance.file(c.id, TODAY, "备字1号")
        c = demo.governance.file(c.id, TODAY, "备字1号", reason="材料补正")
        assert "备案晚了1天" in c.findings[0].text
    else:
        c = demo.governance.file(c.id, TODAY, "备字1号")
    row = demo.governance.rows(GovernanceQuery(text=c.community))[0]
    assert row.stage is Stage.IN_TERM and row.covered and row.filed_on == TODAY


@pytest.mark.parametrize(("before", "late"), [(15, False), (14, True)])
def test_first_meeting_notice_15_days_ahead(demo, before, late):
    cid = fresh(demo)
    start = TODAY - timedelta(days=60)
    b = at(demo, start).start_formation(cid, start)
    at(demo, start).form_prep_group(b.id, start, prep_members())
    call = lambda **kw: demo.governance.set_dates(  # noqa: E731
        b.id, notice_on=TODAY - timedelta(days=before), first_meeting_on=TODAY, **kw
    )
    if late:
        with pytest.raises(NeedsReason):
            call()
        call(reason="临时调整")
    else:
        call()


def test_committee_size_and_odd_count_at_election(demo):
    cid = fresh(demo)
    with pytest.raises(NeedsReason) as e:
        demo.governance.elect(cid, TODAY, 4, committee(4))
    assert {f.rule for f in e.value.findings} == {"committee_size", "committee_odd"}
    assert demo.governance.history(cid) == []  # refused: nothing written
    c = demo.governance.elect(cid, TODAY, 4, committee(4), reason="候选人不足")
    assert len(c.findings) == 2 and c.active_members == 4


def test_director_leaving_creates_an_audit_and_vacancy_forces_reelection(demo):
    cid = fresh(demo)
    c = demo.governance.elect(
        cid,
        TODAY - timedelta(days=10),
        5,
        committee(),
        VoteFigures(Decimal("30000"), 400, Decimal("20000"), 300),
    )
    assert "66.67%" in c.votes.text()
    director = c.members[0]
    c = demo.governance.end_member(director.id, TODAY, "搬离小区")
    (task,) = c.audits
    assert task.kind is AuditKind.DEPARTURE and task.done_on is None
    c = demo.governance.complete_audit(task.id, TODAY, "无问题")
    assert c.audits[0].result == "无问题"
    for m in c.members[1:3]:
        c = demo.governance.end_member(m.id, TODAY, "辞职")  # finance member: another audit
    assert len(c.audits) == 2
    row = demo.governance.rows(GovernanceQuery(text=c.community))[0]
    assert row.active_members == 2 and row.must_reelect


def test_reelection_keeps_the_old_term_as_history(demo):
    cid = fresh(demo)
    first = at(demo, date(2021, 12, 20)).elect(cid, date(2021, 12, 20), 5, committee())
    at(demo, date(2022, 1, 10)).file(first.id, date(2022, 1, 10), "备1")
    assert (
        demo.governance.rows(GovernanceQuery(text=first.community))[0].stage
        is Stage.REELECTION_WARNING
    )  # noqa: E501
    second = demo.governance.elect(cid, TODAY, 7, committee(7))
    old, new = demo.governance.history(cid)
    assert (old.ended_on, old.end_reason, new.term_no) == (TODAY, "换届", 2)
    assert len(old.members) == 5 and old.audits[0].kind is AuditKind.TERM_END
    assert second.term_no == 2 and second.active_members == 7


def test_interim_committee_rules_and_dissolving_after_a_filing(demo):
    cid = fresh(demo)
    members = [MemberFields(f"成员{k}", MemberRole.MEMBER, k < 4) for k in range(7)]
    interim = demo.governance.form_interim(cid, TODAY - timedelta(days=100), members)
    assert interim.kind is BodyKind.INTERIM and interim.findings == ()
    assert (
        demo.governance.rows(GovernanceQuery(text=interim.community))[0].stage
        is Stage.INTERIM_ACTING
    )  # noqa: E501
    c = demo.governance.elect(cid, TODAY - timedelta(days=5), 5, committee())
    assert demo.governance.interim_to_dissolve(cid) is None  # not filed yet
    demo.governance.file(c.id, TODAY, "备2")
    proposed = demo.governance.interim_to_dissolve(cid)
    assert proposed is not None and proposed.id == interim.id
    demo.governance.dissolve(interim.id, TODAY, "业委会已备案")
    assert demo.governance.interim_to_dissolve(cid) is None
    with pytest.raises(NeedsReason):
        demo.governance.form_interim(fresh(demo), TODAY, members[:6])


def test_coverage_matches_a_hand_count(demo):
    """DOMAIN §4.1: communities with a filed committee or an interim committee ÷ eligible."""
    from app.domain.enums import CommitteeStatus

    def covered(cid: int) -> bool:
        bodies = [b for b in demo.governance.history(cid) if b.ended_on is None]
        if not bodies:  # nothing recorded: the registry's 业委会情况 (imported data)
            c = demo.communities.get(cid).fields
            return c.committee_status is CommitteeStatus.INTERIM or (
                c.committee_status is CommitteeStatus.COMMITTEE and c.filing_committee is not None
            )
        return any(
            b.kind is BodyKind.INTERIM or (b.kind is BodyKind.COMMITTEE and b.dates.filed_on)
            for b in bodies
        )

    by_hood: dict[str, list[int]] = {}
    for r in demo.governance.rows():
        if r.eligible:
            counts = by_hood.setdefault(r.neighborhood, [0, 0])
            counts[0] += 1
            counts[1] += covered(r.community_id)
    total, parts = demo.governance.coverage()
    assert {p.name: [p.eligible, p.covered] for p in parts if p.eligible} == by_hood
    assert total.eligible == sum(v[0] for v in by_hood.values())
    before = total.covered
    cid = fresh(demo)
    c = demo.governance.elect(cid, TODAY, 5, committee())
    assert demo.governance.coverage()[0].covered == before  # elected is not yet covered
    demo.governance.file(c.id, TODAY, "备3")
    assert demo.governance.coverage()[0].covered == before + 1


def test_an_interim_committee_keeps_covering_while_a_committee_forms(demo):
    cid = fresh(demo)
    members = [MemberFields(f"成员{k}", MemberRole.MEMBER, k < 4) for k in range(7)]
    demo.governance.form_interim(cid, TODAY - timedelta(days=100), members)
    before = demo.governance.coverage()[0].covered
    demo.governance.start_formation(cid, TODAY - timedelta(days=10))
    assert demo.governance.coverage()[0].covered == before
    c = demo.governance.elect(cid, TODAY - timedelta(days=5), 5, committee())
    demo.governance.file(c.id, TODAY, "备4")
    row = demo.governance.rows(GovernanceQuery(text=c.community))[0]
    assert row.covered and row.next_due is not None and row.next_due.key == "interim_dissolve"
    assert row.next_due.due == TODAY + timedelta(days=30)


def test_election_checks_the_first_meeting_and_ends_every_open_body(demo):
    cid = fresh(demo)
    b = at(demo, TODAY - timedelta(days=200)).start_formation(cid, TODAY - timedelta(days=200))
    at(demo, TODAY - timedelta(days=150)).form_prep_group(
        b.id, TODAY - timedelta(days=150), prep_members()
    )
    with pytest.raises(NeedsReason) as e:  # first meeting (= election day) 150 days after
        demo.governance.elect(cid, TODAY, 5, committee())
    assert "首次业主大会" in e.value.message
    c = demo.governance.elect(cid, TODAY, 5, committee(), reason="疫情推迟")
    assert any(f.rule == "late_first_meeting" for f in c.findings)
    prep = demo.governance.body(b.id)
    assert prep.ended_on == TODAY and all(not m.active for m in prep.members)


def test_size_counts_the_members_actually_elected(demo):
    with pytest.raises(NeedsReason) as e:
        demo.governance.elect(fresh(demo), TODAY, 5, committee(3))
    assert {f.rule for f in e.value.findings} == {"committee_size"}


def test_no_departure_audit_when_the_term_has_ended(demo):
    cid = fresh(demo)
    start = date(2021, 11, 1)  # term ended 2026-10-31
    c = at(demo, start).elect(cid, start, 5, committee())
    c = demo.governance.end_member(c.members[0].id, TODAY, "任期届满")
    assert c.audits == ()


def test_dates_out_of_order_or_in_the_future_are_refused(demo):
    from app.domain.errors import ValidationError

    cid = fresh(demo)
    b = demo.governance.start_formation(cid, TODAY - timedelta(days=10))
    with pytest.raises(ValidationError):
        demo.governance.form_prep_group(b.id, TODAY - timedelta(days=11), prep_members())
    with pytest.raises(ValidationError):
        demo.governance.form_prep_group(b.id, TODAY + timedelta(days=1), prep_members())
    assert demo.governance.body(b.id).members == ()


def test_the_filing_form_lists_every_member_and_role(demo, tmp_path):
    import io
    import subprocess

    from pypdf import PdfReader

    cid = fresh(demo)
    members = committee(10)  # 9 委员 and 1 候补委员 (who holds no seat)
    members[1] = replace(members[1], role=MemberRole.DEPUTY)
    members[9] = replace(members[9], role=MemberRole.ALTERNATE)
    c = demo.governance.elect(cid, TODAY - timedelta(days=3), 9, members)
    c = demo.governance.file(c.id, TODAY, "青禾业备〔2026〕8号")
    pdf = demo.governance.filing_form(c.id)
    reader = PdfReader(io.BytesIO(pdf))
    text = "".join(p.extract_text() for p in reader.pages).replace(" ", "")
    for m in members:
        assert m.name in text
    for role in ("主任", "副主任", "委员", "候补委员"):
        assert role in text
    assert "青禾业备〔2026〕8号" in text and c.community in text
    path = tmp_path / "f.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(path), str(tmp_path / "f")], check=True)
    assert list(tmp_path.glob("f*.png"))


def test_update_member_is_audited_and_validated(demo):
    from app.domain.errors import ValidationError

    c = demo.governance.elect(fresh(demo), TODAY, 5, committee())
    m = c.members[2]
    c = demo.governance.update_member(m.id, replace(m.fields, room="3-301", is_finance=False))
    assert c.members[2].fields.room == "3-301"
    with pytest.raises(ValidationError):
        demo.governance.update_member(m.id, replace(m.fields, name=" "))
    assert demo.governance.body(c.id).members[2].fields.name == m.fields.name


def test_a_late_notice_is_found_when_the_meeting_date_comes_later(demo):
    cid = fresh(demo)
    start = TODAY - timedelta(days=60)
    b = at(demo, start).start_formation(cid, start)
    at(demo, start).form_prep_group(b.id, start, prep_members())
    demo.governance.set_dates(b.id, notice_on=TODAY - timedelta(days=3))
    with pytest.raises(NeedsReason):
        demo.governance.set_dates(b.id, first_meeting_on=TODAY)


def test_the_demo_shows_every_stage_and_kind_of_warning(services):
    services.demo.load()  # with its activity: issues and committees
    rows = services.governance.rows()
    assert {r.stage for r in rows} == set(Stage)
    findings = " ".join(t for r in rows for t in r.findings)
    for words in ("晚了", "应为单数", "业主代表", "少", "组长"):
        assert words in findings, words
    assert any(r.must_reelect for r in rows) and any(r.overdue for r in rows)
    history = [
        a for r in rows for b in services.governance.history(r.community_id) for a in b.audits
    ]  # noqa: E501
    assert {a.kind for a in history} == {AuditKind.DEPARTURE, AuditKind.TERM_END}


# ---- 候补委员 hold no seat (issue 12, item 2) ----------------------------------------------------
def alternates(n: int) -> list[MemberFields]:
    return [MemberFields(f"候补{k}", MemberRole.ALTERNATE, votes=150 - k) for k in range(n)]


def test_five_members_and_one_alternate_fill_five_seats(demo):
    cid = fresh(demo)
    c = demo.governance.elect(cid, TODAY, 5, committee() + alternates(1))  # no NeedsReason
    assert c.findings == () and demo.governance.findings(c.id) == []
    assert (c.active_members, c.active_alternates, len(c.members)) == (5, 1, 6)
    row = demo.governance.rows(GovernanceQuery(text=c.community))[0]
    assert (row.active_members, row.seats, row.must_reelect) == (5, 5, False)


def test_two_members_and_three_alternates_must_reelect(demo):
    cid = fresh(demo)
    with pytest.raises(NeedsReason) as e:
        demo.governance.elect(cid, TODAY, 5, committee(2) + alternates(3))
    assert {f.rule for f in e.value.findings} == {"committee_size", "committee_odd"}
    assert "业委会委员2人" in e.value.message  # 2 委员, not 5
    c = demo.governance.elect(cid, TODAY, 5, committee(2) + alternates(3), reason="候选人不足")
    row = demo.governance.rows(GovernanceQuery(text=c.community))[0]
    assert (row.active_members, row.must_reelect) == (2, True)


def test_alternates_do_not_count_over_the_seats(demo):
    c = demo.governance.elect(fresh(demo), TODAY, 5, committee() + alternates(2))
    assert demo.governance.findings(c.id) == []
    c = demo.governance.add_member(c.id, MemberFields("补选委员", MemberRole.MEMBER))
    assert {f.rule for f in demo.governance.findings(c.id)} == {
        "committee_over_seats",
        "committee_odd",
    }


# ---- the election's quorum, Art. 278 (issue 12, item 3) ---------------------------------------
def votes(part_area: str, part_owners: int) -> VoteFigures:
    return VoteFigures(Decimal("30000"), 300, Decimal(part_area), part_owners)


def test_an_election_with_exactly_two_thirds_participating_passes(demo):
    c = demo.governance.elect(fresh(demo), TODAY, 5, committee(), votes("20000", 200))
    assert c.findings == ()


@pytest.mark.parametrize(("part_area", "part_owners"), [("19999.99", 200), ("20000", 199)])
def test_an_election_just_below_two_thirds_needs_a_reason(demo, part_area, part_owners):
    cid = fresh(demo)
    with pytest.raises(NeedsReason) as e:
        demo.governance.elect(cid, TODAY, 5, committee(), votes(part_area, part_owners))
    assert [f.rule for f in e.value.findings] == ["election_quorum"]
    assert demo.governance.history(cid) == []  # refused: nothing written
    c = demo.governance.elect(
        cid, TODAY, 5, committee(), votes(part_area, part_owners), reason="已补充书面表决"
    )
    (f,) = c.findings
    assert f.rule == "election_quorum" and f.reason == "已补充书面表决"
    assert "第二百七十八条" in f.text and "✗" in f.text


def test_an_election_with_ten_percent_participating_is_a_finding(demo):
    cid = fresh(demo)
    with pytest.raises(NeedsReason) as e:
        demo.governance.elect(cid, TODAY, 5, committee(), votes("3000", 30))
    assert "参与表决面积 3000/30000 = 10.00%" in e.value.message
    assert "参与表决人数 30/300 = 10.00%" in e.value.message
    c = demo.governance.elect(cid, TODAY, 5, committee(), votes("3000", 30), reason="照实登记")
    row = demo.governance.rows(GovernanceQuery(text=c.community))[0]
    assert any("第二百七十八条" in t and "照实登记" in t for t in row.findings)


def test_an_elected_member_needs_more_than_half_of_the_participants(demo):
    members = committee()
    members[4] = replace(members[4], votes=120)  # exactly half of 240 participating owners
    with pytest.raises(NeedsReason) as e:
        demo.governance.elect(fresh(demo), TODAY, 5, members, votes("24000", 240))
    assert [f.rule for f in e.value.findings] == ["election_approval"]
    assert "委员4（委员）得票 120/240" in e.value.message


# ---- the 换届审计 of a lapsed term (issue 12, item 6) ---------------------------------------------
def lapsed(demo):
    """A filed committee whose five-year term ended yesterday, with no successor."""
    elected = date(TODAY.year - 5, TODAY.month, TODAY.day)
    cid = fresh(demo)
    c = at(demo, elected).elect(cid, elected, 5, committee())
    filed = elected + timedelta(days=10)
    at(demo, filed).file(c.id, filed, "备1")
    assert c.dates.term_end == TODAY - timedelta(days=1)
    return cid, c


def term_audits(body):
    return [a for a in body.audits if a.kind is AuditKind.TERM_END]


def test_a_term_that_lapses_without_a_successor_gets_one_term_audit(demo):
    from app.storage.repositories import audit_repo

    cid, c = lapsed(demo)
    on_last_day = at(demo, TODAY - timedelta(days=1))
    assert on_last_day.ensure_term_audits() == 0  # the term ends today: not yet
    assert term_audits(on_last_day.body(c.id)) == []
    row = demo.governance.rows(GovernanceQuery(text=c.community))[0]
    assert row.stage is Stage.TERM_OVERDUE
    (task,) = term_audits(demo.governance.body(c.id))
    assert task.done_on is None and task.created_on == TODAY
    assert "届满" in task.reason and "尚未换届" in task.reason
    with demo.ctx.db.read() as s:
        log = audit_repo.for_record(s, "governance_body", c.id)
    assert sum("换届审计" in e.summary for e in log) == 1
    # idempotent: again, and by every way in, still one task and no write at all
    before = demo.governance.generation()
    assert demo.governance.ensure_term_audits() == 0
    demo.governance.rows()
    demo.governance.history(cid)
    assert len(term_audits(demo.governance.body(c.id))) == 1
    assert demo.governance.generation() == before


def test_a_successor_elected_later_keeps_the_single_term_audit(demo):
    cid, c = lapsed(demo)
    demo.governance.rows()
    (task,) = term_audits(demo.governance.body(c.id))
    demo.governance.elect(cid, TODAY, 5, committee())
    old, new = demo.governance.history(cid)
    assert old.ended_on == TODAY and old.end_reason == "换届"
    assert term_audits(old) == [task] and term_audits(new) == []


def test_a_term_audit_is_made_once_even_when_it_is_completed(demo):
    cid, c = lapsed(demo)
    demo.governance.rows()  # the overview makes the lapsed term's task
    (task,) = term_audits(demo.governance.body(c.id))
    demo.governance.complete_audit(task.id, TODAY, "账目清楚")
    demo.governance.rows()
    demo.governance.elect(cid, TODAY, 5, committee())
    old = demo.governance.history(cid)[0]
    assert [(a.id, a.result) for a in term_audits(old)] == [(task.id, "账目清楚")]


def test_re_election_before_the_term_ends_still_makes_the_term_audit(demo):
    cid = fresh(demo)
    first = at(demo, date(2022, 1, 10)).elect(cid, date(2022, 1, 10), 5, committee())
    demo.governance.elect(cid, TODAY, 5, committee())
    old = demo.governance.history(cid)[0]
    assert old.id == first.id and len(term_audits(old)) == 1
