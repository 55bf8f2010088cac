"""The 筹备组 组长's unit is a recorded choice (issue 12 item 11): a 街道办事处, a 乡镇人民政府
or a 居民委员会; a company with "街道" in its name no longer passes."""

from __future__ import annotations

import pytest

from app.domain.governance import PrepMember, UnitType, leader_unit_ok, prep_group_findings
from tests.unit.test_deadlines import C as RULES


def group(leader: PrepMember) -> list[PrepMember]:
    return [leader, PrepMember(True, ""), PrepMember(True, "")]


@pytest.mark.parametrize("kind", [UnitType.SUBDISTRICT, UnitType.TOWNSHIP, UnitType.RESIDENTS])
def test_a_leader_from_a_street_township_or_residents_committee_passes(kind):
    leader = PrepMember(False, "任何名称", True, kind)
    assert leader_unit_ok(leader)
    assert prep_group_findings(group(leader), RULES) == []


def test_a_company_named_after_a_street_is_refused_by_its_type():
    leader = PrepMember(False, "东风街道物业服务有限公司", True, UnitType.OTHER)
    assert not leader_unit_ok(leader)
    (finding,) = prep_group_findings(group(leader), RULES)
    assert finding.rule == "prep_leader_unit" and "登记为：其他单位" in finding.text
    assert "居民委员会" in finding.text


def test_a_leader_recorded_before_the_type_is_judged_by_the_name_as_then():
    assert leader_unit_ok(PrepMember(False, "青禾镇人民政府", True))
    assert not leader_unit_ok(PrepMember(False, "某物业公司", True))
