"""The 组长's unit type is stored with the member and decides the leader rule (issue 12
item 11)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from app.domain.governance import MemberRole, NeedsReason, UnitType
from tests.conftest import TODAY
from tests.services.test_governance import at, fresh, prep_members


def with_leader(unit: str, kind: UnitType):
    members = prep_members()
    return [replace(members[0], unit=unit, unit_type=kind), *members[1:]]


def test_a_residents_committee_leader_is_stored_and_accepted(demo):
    cid = fresh(demo)
    applied = TODAY - timedelta(days=10)
    b = at(demo, applied).start_formation(cid, applied)
    b = demo.governance.form_prep_group(
        b.id, TODAY, with_leader("东湖社区居民委员会", UnitType.RESIDENTS)
    )
    assert b.findings == ()
    (leader,) = [m for m in b.members if m.fields.role is MemberRole.LEADER]
    assert leader.fields.unit_type is UnitType.RESIDENTS


def test_a_company_with_street_in_its_name_needs_a_reason(demo):
    cid = fresh(demo)
    applied = TODAY - timedelta(days=10)
    b = at(demo, applied).start_formation(cid, applied)
    members = with_leader("东风街道物业服务有限公司", UnitType.OTHER)
    with pytest.raises(NeedsReason, match="居民委员会"):
        demo.governance.form_prep_group(b.id, TODAY, members)
    assert demo.governance.body(b.id).dates.prep_formed_on is None  # nothing written
