"""The deadline engine and the committee rules at their boundaries (DOMAIN.md §4.1)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from app.domain import rulepack
from app.domain.deadlines import (
    Due,
    DueState,
    at_least_before,
    breaches,
    days_period_end,
    next_due,
    period_end,
    term_end,
    within,
)
from app.domain.governance import (
    CoverageRow,
    FormationDates,
    PrepMember,
    Stage,
    committee_size_findings,
    coverage,
    formation_dues,
    interim_findings,
    is_eligible,
    must_reelect,
    prep_group_findings,
    stage,
)

RULES = rulepack.load(Path(__file__).resolve().parents[2] / "resources" / "rules")
C = RULES.committee
ELECTED = date(2026, 3, 1)


def dues_by_key(d: FormationDates) -> dict[str, Due]:
    return {x.key: x for x in formation_dues(d, C)}


@pytest.mark.parametrize(("filed", "state"), [(30, DueState.DONE), (31, DueState.DONE_LATE)])
def test_filing_on_day_30_is_on_time_day_31_is_late(filed, state):
    d = FormationDates(elected_on=ELECTED, filed_on=ELECTED + timedelta(days=filed))
    due = dues_by_key(d)["filing"]
    assert due.due == date(2026, 3, 31)
    assert due.state(date(2026, 12, 1)) is state
    assert due.days_late(date(2026, 12, 1)) == (1 if filed == 31 else 0)


def test_an_unfiled_committee_is_overdue_the_day_after_its_last_day():
    d = FormationDates(elected_on=ELECTED)
    due = dues_by_key(d)["filing"]
    assert due.state(date(2026, 3, 31)) is DueState.PENDING
    assert due.state(date(2026, 4, 1)) is DueState.OVERDUE
    assert "逾期1天" in due.describe(date(2026, 4, 1))


@pytest.mark.parametrize(
    ("key", "start_field", "days"),
    [
        ("prep_group", "applied_on", 60),
        ("first_meeting", "prep_formed_on", 90),
        ("committee_meeting", "elected_on", 7),
    ],
)
def test_within_n_days_limits(key, start_field, days):
    start = date(2026, 1, 10)
    d = FormationDates(**{start_field: start})
    due = dues_by_key(d)[key]
    assert due.due == start + timedelta(days=days)
    assert due.state(start + timedelta(days=days)) is not DueState.OVERDUE
    assert due.state(start + timedelta(days=days + 1)) is DueState.OVERDUE


@pytest.mark.parametrize(("before", "state"), [(15, DueState.DONE), (14, DueState.DONE_LATE)])
def test_first_meeting_notice_at_least_15_days_before(before, state):
    meeting = date(2026, 6, 20)
    d = FormationDates(first_meeting_on=meeting, notice_on=meeting - timedelta(days=before))
    assert dues_by_key(d)["meeting_notice"].state(meeting) is state


def test_periods_and_terms():
    # the half-yearly item of issue 12: posted 05-23, current through 11-23 (Art. 202)
    assert period_end(date(2026, 5, 23), 6) == date(2026, 11, 23)
    # a term is inclusive: the day before the anniversary (DOMAIN.md §5.8)
    assert term_end(date(2021, 11, 23), 5) == date(2026, 11, 22)
    assert within(date(2026, 1, 31), 30) == date(2026, 3, 2)
    assert at_least_before(date(2026, 3, 1), 15) == date(2026, 2, 14)


# ---- DOMAIN.md §5.8 at the month ends ---------------------------------------------------
@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2026, 5, 23), 6, date(2026, 11, 23)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 12, 31), 12, date(2027, 12, 31)),
        (date(2026, 1, 15), 1, date(2026, 2, 15)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
    ],
)
def test_a_period_in_months_ends_on_the_corresponding_day_or_the_month_end(start, months, end):
    assert period_end(start, months) == end
    due = Due("p", "公示", period_end(start, months), "定期公示")
    assert due.state(end) is not DueState.OVERDUE  # current through the end day
    assert due.state(end + timedelta(days=1)) is DueState.OVERDUE  # overdue from the next
    assert "逾期1天" in due.describe(end + timedelta(days=1))


def test_a_period_in_days_starts_the_day_after_the_event():
    # "收到申请后60日内" from 01-01 ends on 03-02, overdue from 03-03 (Art. 201)
    assert days_period_end(date(2026, 1, 1), 60) == date(2026, 3, 2)
    assert within(date(2026, 1, 1), 60) == date(2026, 3, 2)
    due = Due("prep", "成立筹备组", days_period_end(date(2026, 1, 1), 60), "60日内")
    assert due.state(date(2026, 3, 2)) is DueState.PENDING
    assert due.state(date(2026, 3, 3)) is DueState.OVERDUE


@pytest.mark.parametrize(
    ("start", "years", "end"),
    [
        (date(2021, 9, 15), 5, date(2026, 9, 14)),  # 2021-09-15 至 2026-09-14
        (date(2024, 2, 29), 5, date(2029, 2, 28)),
        (date(2026, 1, 1), 3, date(2028, 12, 31)),
    ],
)
def test_a_term_is_inclusive_and_ends_the_day_before_the_anniversary(start, years, end):
    assert term_end(start, years) == end


def test_term_warning_and_lapse():
    start = date(2021, 11, 23)  # ends 2026-11-22
    d = FormationDates(elected_on=start, filed_on=start, term_start=start)
    end = date(2026, 11, 22)
    assert stage(d, end - timedelta(days=91), C) is Stage.IN_TERM
    assert stage(d, end - timedelta(days=90), C) is Stage.REELECTION_WARNING
    assert stage(d, end, C) is Stage.REELECTION_WARNING
    assert stage(d, end + timedelta(days=1), C) is Stage.TERM_OVERDUE
    due = dues_by_key(d)["reelection"]
    assert due.state(end - timedelta(days=90)) is DueState.DUE_SOON
    assert due.state(end + timedelta(days=1)) is DueState.OVERDUE


def test_formation_stages_follow_the_dates():
    assert stage(FormationDates(), ELECTED, C) is Stage.NOT_STARTED
    assert stage(FormationDates(applied_on=ELECTED), ELECTED, C) is Stage.APPLIED
    d = FormationDates(applied_on=ELECTED, prep_formed_on=ELECTED, first_meeting_on=ELECTED)
    assert stage(d, ELECTED, C) is Stage.FIRST_MEETING_HELD


def test_next_due_and_breaches():
    d = FormationDates(applied_on=date(2026, 1, 1), prep_formed_on=date(2026, 3, 15))
    dues = formation_dues(d, C)
    today = date(2026, 4, 1)
    assert next_due(dues).key == "first_meeting"
    assert [b.key for b in breaches(dues, today)] == ["prep_group"]  # formed on day 73


def test_eligibility_is_strictly_more_than_half():
    assert not is_eligible(Decimal("50.00"), C)
    assert is_eligible(Decimal("50.01"), C)
    assert not is_eligible(None, C)


@pytest.mark.parametrize(
    ("members", "households", "rules"),
    [
        (5, 500, []),
        (11, 500, []),
        (4, 500, ["committee_size", "committee_odd"]),
        (13, 500, ["committee_size"]),
        (7, 500, []),
        (3, 100, []),
        (3, 101, ["committee_size"]),
        (6, 500, ["committee_odd"]),
    ],
)
def test_committee_size(members, households, rules):
    assert [f.rule for f in committee_size_findings(members, households, C)] == rules


def test_prep_group_rules():
    town = "青禾镇人民政府"
    good = [PrepMember(False, town, True), PrepMember(True, ""), PrepMember(True, "")]
    assert prep_group_findings(good, C) == []
    few_owners = [PrepMember(False, town, True), PrepMember(False, "社区"), PrepMember(True, "")]
    (f,) = prep_group_findings(few_owners, C)
    assert f.rule == "prep_owner_share" and "少1人" in f.text
    wrong_leader = [
        PrepMember(True, "某物业公司", True),
        PrepMember(True, ""),
        PrepMember(True, ""),
    ]
    assert [f.rule for f in prep_group_findings(wrong_leader, C)] == ["prep_leader_unit"]
    assert "prep_odd" in [f.rule for f in prep_group_findings(good[:2], C)]


def test_interim_and_vacancy():
    assert interim_findings(7, 4, RULES.interim) == []
    assert [f.rule for f in interim_findings(6, 3, RULES.interim)] == [
        "interim_size",
        "interim_odd",
    ]
    assert not must_reelect(4, 7, C)  # 4/7 ≥ 1/2
    assert must_reelect(3, 7, C)
    assert not must_reelect(3, 6, C)  # exactly half is not fewer than half


def test_coverage_per_neighbourhood_and_overall():
    rows = [
        CoverageRow("东湖社区", True, True),
        CoverageRow("东湖社区", True, False),
        CoverageRow("东湖社区", False, False),  # not eligible: not counted
        CoverageRow("西岭社区", True, True),
        CoverageRow("南苑社区", False, False),
    ]
    total, parts = coverage(rows, C.coverage_target)
    assert (total.eligible, total.covered, total.rate) == (3, 2, Fraction(2, 3))
    assert not total.meets_target and total.text() == "66.6%（2/3）"  # rounded down
    by = {p.name: p for p in parts}
    assert by["西岭社区"].meets_target and by["东湖社区"].rate == Fraction(1, 2)
    assert by["南苑社区"].rate is None and "无符合条件" in by["南苑社区"].text()


def test_month_end_periods_do_not_lose_a_day():
    assert period_end(date(2026, 3, 31), 1) == date(2026, 4, 30)
    assert term_end(date(2024, 2, 29), 5) == date(2029, 2, 28)
    assert period_end(date(2026, 1, 15), 1) == date(2026, 2, 15)


def test_notice_lateness_is_found_whichever_date_comes_second():
    d = FormationDates(first_meeting_on=date(2026, 6, 20), notice_on=date(2026, 6, 10))
    assert dues_by_key(d)["meeting_notice"].state(date(2026, 6, 20)) is DueState.DONE_LATE
