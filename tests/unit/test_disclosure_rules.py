"""Disclosure items: current or overdue from dates alone, at the period boundaries."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest

from app.domain.disclosure import (
    CheckEntry,
    CheckResult,
    Compliance,
    DisclosureItem,
    Frequency,
    ItemState,
    compliance,
    item_status,
    rates,
    statuses,
)

D = date
HALF = DisclosureItem("public_revenue", "共有部分经营收益及收支情况", Frequency.HALF_YEARLY)
LONG = DisclosureItem("company_info", "营业执照", Frequency.LONG_TERM)


def posted(item, on, checked=D(2026, 6, 1), result=CheckResult.POSTED):
    return CheckEntry(item.code, item.name, item.frequency, result, on, "", checked)


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (D(2026, 5, 23), ItemState.CURRENT),
        (D(2026, 11, 22), ItemState.CURRENT),
        (D(2026, 11, 23), ItemState.CURRENT),  # the last day: 05-23 + 6 months (Art. 202)
        (D(2026, 11, 24), ItemState.OVERDUE),  # no new visit needed to lapse
        (D(2027, 3, 1), ItemState.OVERDUE),
    ],
)
def test_half_yearly_item_posted_on_23_may(today, state):
    s = item_status(HALF, posted(HALF, D(2026, 5, 23)), today)
    assert s.state is state
    assert s.current_until == D(2026, 11, 23)
    if state is ItemState.OVERDUE:
        assert s.overdue_since == D(2026, 11, 24)
        assert s.overdue_days(today) == (today - D(2026, 11, 23)).days  # 1 on 11-24


def test_describe_says_until_when_and_how_late():
    entry = posted(HALF, D(2026, 5, 23))
    assert item_status(HALF, entry, D(2026, 11, 23)).describe(D(2026, 11, 23)) == (
        "现行有效，至 2026-11-23"
    )
    day_after = item_status(HALF, entry, D(2026, 11, 24))
    assert day_after.describe(D(2026, 11, 24)) == "已逾期 1 天（有效期至 2026-11-23）"
    late = item_status(HALF, entry, D(2026, 12, 3))
    assert late.describe(D(2026, 12, 3)) == "已逾期 10 天（有效期至 2026-11-23）"


@pytest.mark.parametrize(
    ("freq", "posted_on", "last_current"),
    [
        (Frequency.QUARTERLY, D(2026, 1, 31), D(2026, 4, 30)),  # no 04-31: the month's end
        (Frequency.QUARTERLY, D(2026, 2, 15), D(2026, 5, 15)),
        (Frequency.QUARTERLY, D(2026, 11, 30), D(2027, 2, 28)),
        (Frequency.QUARTERLY, D(2027, 11, 30), D(2028, 2, 29)),  # leap year
        (Frequency.HALF_YEARLY, D(2026, 8, 31), D(2027, 2, 28)),
        (Frequency.YEARLY, D(2024, 2, 29), D(2025, 2, 28)),
        (Frequency.YEARLY, D(2026, 1, 1), D(2027, 1, 1)),
        (Frequency.YEARLY, D(2026, 12, 31), D(2027, 12, 31)),
    ],
)
def test_other_periods_end_on_the_corresponding_day(freq, posted_on, last_current):
    item = DisclosureItem("x", "x", freq)
    e = posted(item, posted_on)
    on_last = item_status(item, e, last_current)
    assert on_last.state is ItemState.CURRENT and on_last.current_until == last_current
    after = item_status(item, e, last_current + timedelta(days=1))
    assert after.state is ItemState.OVERDUE
    assert after.describe(last_current + timedelta(days=1)).startswith("已逾期 1 天")


def test_long_term_item_stays_current_and_failing_results_fail():
    assert item_status(LONG, posted(LONG, None), D(2030, 1, 1)).state is ItemState.CURRENT
    for r in (CheckResult.MISSING, CheckResult.INCOMPLETE, CheckResult.EXPIRED):
        s = item_status(LONG, posted(LONG, None, D(2026, 11, 1), r), D(2026, 11, 23))
        assert s.state is ItemState.FAILING and s.overdue_days(D(2026, 11, 23)) == 22
    assert item_status(LONG, None, D(2026, 11, 23)).state is ItemState.UNCHECKED


def test_periodic_item_without_a_posted_date_counts_from_the_visit():
    e = posted(HALF, None, checked=D(2026, 5, 23))
    assert item_status(HALF, e, D(2026, 11, 23)).state is ItemState.CURRENT
    assert item_status(HALF, e, D(2026, 11, 24)).state is ItemState.OVERDUE


def test_compliance_counts_current_items_of_active_items_only():
    off = DisclosureItem("off", "停用事项", Frequency.LONG_TERM, active=False)
    latest = {LONG.code: posted(LONG, None), HALF.code: posted(HALF, D(2026, 5, 23))}
    st = statuses([LONG, HALF, off], latest, D(2026, 11, 24))
    assert compliance(st) == Compliance(1, 2) and compliance(st).text() == "1/2 项现行"


def test_rates_per_group_against_the_target_rounded_down():
    rows = [
        ("东湖社区", Compliance(13, 14)),
        ("东湖社区", Compliance(14, 14)),
        ("西岭社区", Compliance(14, 14)),
    ]
    east, west, total = rates(rows, Fraction(1))
    assert (east.communities, east.current, east.required) == (2, 27, 28)
    assert east.percent() == "96.4%" and not east.meets_target
    assert west.percent() == "100.0%" and west.meets_target
    assert total.name == "合计" and total.percent() == "97.6%"
    assert rates([("x", Compliance(1999, 2000))], Fraction(1))[0].percent() == "99.9%"
