"""An election of an owners' committee is a matter of the owners' assembly (Civil Code Art.
278, DOMAIN.md §4.1 and §5.1): participation of at least 2/3 of the area and of the owners,
and each elected member approved by more than half of the participants. A breach is a finding
with its reason, as the other formation rules are."""

from __future__ import annotations

from collections.abc import Iterable

from app.domain.errors import ValidationError
from app.domain.governance import Finding, MemberFields, VoteFigures, holds_seat
from app.domain.votes import VoteRules, VoteTest


def election_findings(
    votes: VoteFigures, members: Iterable[MemberFields], rules: VoteRules
) -> list[Finding]:
    """An election is an Art. 278 matter: participation ≥ the quorum of the area and of the
    owners, and each elected member (主任/副主任/委员) approved by more than half of the
    participating owners. Only the figures recorded are checked: area and owner totals with
    their participation, and a member's 得票 (a headcount) against the participating owners.
    Approval by area is not recorded, so it is not checked."""
    check_figures(votes)
    tests: list[VoteTest] = []
    if votes.total_area and votes.part_area is not None:
        tests.append(
            VoteTest.compute(
                "参与表决面积",
                votes.part_area,
                votes.total_area,
                rules.quorum_area,
                strict=False,
            )
        )
    if votes.total_owners and votes.part_owners is not None:
        tests.append(
            VoteTest.compute(
                "参与表决人数",
                votes.part_owners,
                votes.total_owners,
                rules.quorum_owners,
                strict=False,
            )
        )
    out: list[Finding] = []
    failed = [t for t in tests if not t.passed]
    if failed:
        out.append(
            Finding(
                "election_quorum",
                "选举参与表决未达法定比例（《民法典》第二百七十八条）："
                + "；".join(t.text() for t in failed),
            )
        )
    if votes.part_owners:
        low = [
            VoteTest.compute(
                f"{m.name}（{m.role.label}）得票",
                m.votes,
                votes.part_owners,
                rules.ordinary_owners_gt,
                strict=True,
            )
            for m in members
            if holds_seat(m.role) and m.votes is not None
        ]
        low = [t for t in low if not t.passed]
        if low:
            out.append(
                Finding(
                    "election_approval",
                    "当选委员得票未过参与表决业主半数（《民法典》第二百七十八条）："
                    + "；".join(t.text() for t in low),
                )
            )
    return out


def check_figures(votes: VoteFigures) -> None:
    """Figures that cannot be a real count (negative, participation above the total)."""
    pairs = (
        ("total_area", "专有部分总面积", votes.total_area),
        ("total_owners", "业主总人数", votes.total_owners),
        ("part_area", "参与表决面积", votes.part_area),
        ("part_owners", "参与表决人数", votes.part_owners),
    )
    for name, label, value in pairs:
        if value is not None and value < 0:
            raise ValidationError(f"{label}不能为负数：{value}", field=name, value=value)
    for part, total, label, total_label in (
        (votes.part_area, votes.total_area, "参与表决面积", "专有部分总面积"),
        (votes.part_owners, votes.total_owners, "参与表决人数", "业主总人数"),
    ):
        if part is not None and total is not None and part > total:
            raise ValidationError(
                f"{label} {part} 超过{total_label} {total}",
                field="part_area" if label == "参与表决面积" else "part_owners",
                value=part,
            )
