"""A committee's term is entered at election, up to the pack's maximum (issue 12 item 5):
many 议事规则 set three years, whose re-election warning must not come two years late."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.domain.errors import ValidationError
from app.domain.governance import GovernanceQuery, Stage
from tests.services.test_governance import at, committee, fresh


def test_a_three_year_term_ends_three_years_on(demo):
    cid = fresh(demo)
    elected = date(2023, 12, 1)
    c = at(demo, elected).elect(cid, elected, 5, committee(), term_years=3)
    assert (c.dates.term_start, c.dates.term_end) == (elected, date(2026, 11, 30))
    filed_on = elected + timedelta(days=10)
    at(demo, filed_on).file(c.id, filed_on, "备字1号")
    # 2026-11-23 is inside the 90-day warning window of a term ending 2026-11-30 (with the
    # pack's five years it would be two years away)
    row = demo.governance.rows(GovernanceQuery(text=c.community))[0]
    assert row.stage is Stage.REELECTION_WARNING


def test_without_a_term_the_packs_maximum_applies(demo):
    cid = fresh(demo)
    elected = date(2023, 12, 1)
    c = at(demo, elected).elect(cid, elected, 5, committee())
    assert c.dates.term_end == date(2028, 11, 30)


@pytest.mark.parametrize("years", [0, 6, -1])
def test_a_term_outside_one_to_the_maximum_is_refused(demo, years):
    cid = fresh(demo)
    with pytest.raises(ValidationError, match="任期应为 1 至 5 年") as err:
        demo.governance.elect(cid, demo.ctx.today() - timedelta(days=1), 5, committee(),
                              term_years=years)  # fmt: skip
    assert err.value.field == "term_years"
    assert demo.governance.history(cid) == []  # nothing written


def test_the_longest_term_is_accepted(demo):
    cid = fresh(demo)
    elected = demo.ctx.today() - timedelta(days=1)
    c = demo.governance.elect(cid, elected, 5, committee(), term_years=5)
    assert c.dates.term_end == date(elected.year + 5, elected.month, elected.day) - timedelta(1)
