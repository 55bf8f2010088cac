"""Committee rules as pure functions (DOMAIN.md §4.1, §5.1): who holds a seat, and the
Art. 278 quorum of an election, at its boundaries."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from app import paths
from app.domain import rulepack
from app.domain.errors import ValidationError
from app.domain.governance import (
    BodyKind,
    BodyView,
    FormationDates,
    MemberFields,
    MemberRole,
    MemberView,
    VoteFigures,
    committee_size_findings,
    holds_seat,
    must_reelect,
)
from app.domain.governance_election import election_findings

PACK = rulepack.load(paths.rules_dir())
RULES = PACK.committee
VOTES = PACK.votes


def roles(members: int, alternates: int) -> list[MemberRole]:
    head = [MemberRole.DIRECTOR, MemberRole.DEPUTY] if members >= 2 else []
    return head + [MemberRole.MEMBER] * (members - len(head)) + [MemberRole.ALTERNATE] * alternates


def seated(rs: list[MemberRole]) -> int:
    return sum(holds_seat(r) for r in rs)


# ---- 候补委员 hold no seat ---------------------------------------------------------------------
def test_pack_defaults_behind_these_tests():
    assert (RULES.min_members, RULES.max_members, RULES.members_must_be_odd) == (5, 11, True)
    assert RULES.vacancy_reelect_below_share == Fraction(1, 2)
    assert (VOTES.quorum_area, VOTES.quorum_owners) == (Fraction(2, 3), Fraction(2, 3))
    assert VOTES.ordinary_owners_gt == Fraction(1, 2)


def test_only_director_deputy_and_member_hold_a_seat():
    assert [r for r in MemberRole if not holds_seat(r)] == [MemberRole.ALTERNATE]


def test_five_members_and_one_alternate_is_a_committee_of_five():
    rs = roles(5, 1)
    assert seated(rs) == 5
    assert committee_size_findings(seated(rs), 500, RULES) == []  # not "6人，应为单数"
    assert not must_reelect(seated(rs), 5, RULES)


def test_two_members_and_three_alternates_of_five_seats_must_reelect():
    rs = roles(2, 3)
    assert seated(rs) == 2 and len(rs) == 5
    assert must_reelect(seated(rs), 5, RULES)  # 2/5 < 1/2: the alternates do not fill seats
    assert not must_reelect(3, 5, RULES)


def test_alternates_do_not_make_up_the_minimum_size():
    rs = roles(4, 1)
    assert {f.rule for f in committee_size_findings(seated(rs), 500, RULES)} == {
        "committee_size",
        "committee_odd",
    }


def test_body_view_counts_alternates_apart():
    members = tuple(
        MemberView(k, MemberFields(f"人{k}", r), None, "") for k, r in enumerate(roles(5, 2))
    ) + (MemberView(99, MemberFields("离任候补", MemberRole.ALTERNATE), date(2026, 1, 1), "辞职"),)
    b = BodyView(
        1, 1, "小区", BodyKind.COMMITTEE, 1, 5, FormationDates(), VoteFigures(), "", None, "",
        members=members,
    )  # fmt: skip
    assert (b.active_members, b.active_alternates) == (5, 2)


# ---- the election's quorum (Art. 278) ---------------------------------------------------------
def figures(part_area: str, part_owners: int) -> VoteFigures:
    # 30000 m² and 300 owners: 2/3 is 20000 m² and 200 owners exactly
    return VoteFigures(Decimal("30000"), 300, Decimal(part_area), part_owners)


def rules_of(votes: VoteFigures, members: list[MemberFields] | None = None) -> set[str]:
    return {f.rule for f in election_findings(votes, members or [], VOTES)}


def test_participation_of_exactly_two_thirds_passes():
    assert election_findings(figures("20000", 200), [], VOTES) == []


@pytest.mark.parametrize(
    ("part_area", "part_owners", "failed"),
    [
        ("19999.99", 200, ["参与表决面积"]),  # area one cent short
        ("20000", 199, ["参与表决人数"]),  # one owner short
        ("19999.99", 199, ["参与表决面积", "参与表决人数"]),
        ("3000", 30, ["参与表决面积", "参与表决人数"]),  # 10%
    ],
)
def test_participation_below_two_thirds_is_a_finding(part_area, part_owners, failed):
    (f,) = election_findings(figures(part_area, part_owners), [], VOTES)
    assert f.rule == "election_quorum" and "第二百七十八条" in f.text
    for label in failed:
        assert f"{label} " in f.text
    assert f.text.count("需 ≥ 2/3）✗") == len(failed)
    assert ("面积" in f.text) is ("参与表决面积" in failed)


def test_ten_percent_participation_names_the_figures():
    (f,) = election_findings(figures("3000", 30), [], VOTES)
    assert "3000/30000 = 10.00%" in f.text and "30/300 = 10.00%" in f.text


def test_only_the_figures_recorded_are_checked():
    assert election_findings(VoteFigures(), [], VOTES) == []
    assert rules_of(VoteFigures(total_area=Decimal("30000"), part_area=Decimal("3000"))) == {
        "election_quorum"
    }
    assert rules_of(VoteFigures(total_owners=300, part_owners=200)) == set()


def test_each_elected_member_needs_more_than_half_the_participants():
    votes = figures("24000", 240)  # half of the participating owners is 120
    ok = [MemberFields("甲", MemberRole.DIRECTOR, votes=121)]
    assert election_findings(votes, ok, VOTES) == []
    half = [*ok, MemberFields("乙", MemberRole.MEMBER, votes=120)]
    (f,) = election_findings(votes, half, VOTES)
    assert (
        f.rule == "election_approval" and "乙（委员）得票 120/240" in f.text and "甲" not in f.text
    )
    # an alternate holds no seat; a member with no 得票 recorded is not judged
    others = [
        MemberFields("丙", MemberRole.ALTERNATE, votes=50),
        MemberFields("丁", MemberRole.MEMBER),
    ]
    assert election_findings(votes, [*ok, *others], VOTES) == []


def test_figures_that_cannot_be_a_count_are_refused():
    with pytest.raises(ValidationError) as e:
        election_findings(figures("30000.01", 200), [], VOTES)
    assert e.value.field == "part_area"
    with pytest.raises(ValidationError) as e:
        election_findings(figures("20000", 301), [], VOTES)
    assert e.value.field == "part_owners"
    with pytest.raises(ValidationError):
        election_findings(figures("-1", 200), [], VOTES)
