"""One row of the committee overview per community, computed from its open bodies with the
deadline engine (the stage depends on today, so it is never stored)."""

from __future__ import annotations

from datetime import date
from typing import Any

from app.domain.deadlines import DueState, next_due
from app.domain.enums import CommitteeStatus
from app.domain.governance import (
    COVERED_STAGES,
    BodyKind,
    GovernanceRow,
    Stage,
    formation_dues,
    interim_dues,
    is_eligible,
    must_reelect,
    stage,
)
from app.domain.rulepack import RulePack
from app.storage.models import GovernanceBody
from app.storage.repositories import governance_repo

# the stage of a community with no body recorded, from the registry's 业委会情况
REGISTRY_STAGES = {
    CommitteeStatus.INTERIM: Stage.INTERIM_ACTING,
    CommitteeStatus.PREPARING: Stage.APPLIED,
    CommitteeStatus.COMMUNITY_ACTING: Stage.COMMUNITY_ACTING,
}


def registry_stage(c: Any) -> Stage:
    status = c.committee_status
    if status is CommitteeStatus.COMMITTEE:
        return Stage.FILED if c.filing_committee else Stage.ELECTED
    return REGISTRY_STAGES.get(status, Stage.NOT_STARTED)


def overview_row(
    pack: RulePack,
    c: Any,  # a plain row with Community's columns
    hood: str,
    bodies: list[GovernanceBody],  # the community's open bodies, oldest first
    preps: dict[int, GovernanceBody],
    active: dict[int, int],
    findings: dict[int, list[str]],
    today: date,
) -> GovernanceRow:
    """One community's row: stage, body, dues and findings from its open bodies."""
    rules = pack.committee
    eligible = is_eligible(c.delivered_share, rules)
    if not bodies:  # no body recorded here: go by the registry's 业委会情况 (e.g. imported)
        st = registry_stage(c)
        return GovernanceRow(
            c.id,
            c.name,
            hood,
            c.household_count,
            eligible,
            st,
            None,
            None,
            None,
            None,
            None,
            0,
            None,
            None,
            (),
            (),
            False,
            c.filing_committee,
            c.neighborhood_id,
            st in COVERED_STAGES,
        )
    b = bodies[-1]
    prep = preps.get(b.predecessor_id or 0)
    dates = governance_repo.dates_of(b, prep)
    filed = [x for x in bodies if x.kind is BodyKind.COMMITTEE and x.filed_on]
    interims = [x for x in bodies if x.kind is BodyKind.INTERIM]
    dues = [] if b.kind is BodyKind.INTERIM else formation_dues(dates, rules)
    for i in interims:  # an interim committee's own limits
        dues += interim_dues(i.term_end, filed[-1].filed_on if filed else None, pack.interim)
    st = Stage.INTERIM_ACTING if b.kind is BodyKind.INTERIM else stage(dates, today, rules)
    overdue = tuple(d.describe(today) for d in dues if d.state(today) is DueState.OVERDUE)
    members = active.get(b.id, 0)
    texts = (
        [*findings.get(prep.id, []), *findings.get(b.id, [])] if prep else findings.get(b.id, [])
    )  # noqa: E501
    return GovernanceRow(
        c.id,
        c.name,
        hood,
        c.household_count,
        eligible,
        st,
        b.kind,
        b.id,
        b.term_no,
        b.term_start,
        b.term_end,
        members,
        b.seats,
        next_due(dues),
        overdue,
        tuple(texts),
        b.kind is not BodyKind.PREP_GROUP
        and bool(b.seats)
        and must_reelect(members, b.seats or 0, rules),  # noqa: E501
        b.filed_on,
        c.neighborhood_id,
        bool(filed or interims),
    )
