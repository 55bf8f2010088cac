"""The departments registry (职能部门): default list, seeding once, edits with audit."""

from __future__ import annotations

import pytest

from app.domain.departments import DEFAULT_DEPARTMENTS, DepartmentFields
from app.domain.errors import NotFoundError, ValidationError
from app.services.department_service import DepartmentService
from app.storage.repositories import audit_repo

NAMES = [
    "县住房和城乡建设局",
    "县城市管理和综合执法局",
    "县市场监督管理局",
    "县公安局",
    "县消防救援大队",
    "县应急管理局",
    "县自然资源局",
    "县发展和改革局",
    "县生态环境分局",
    "县卫生健康局",
    "县司法局",
    "县信访局",
]


@pytest.fixture
def deps(services) -> DepartmentService:
    return DepartmentService(services.ctx)


def history(services, department_id):
    with services.ctx.db.read() as s:
        return audit_repo.for_record(s, "department", department_id)


def test_default_list_is_the_issues_twelve_with_duties_and_no_contacts():
    assert [d.name for d in DEFAULT_DEPARTMENTS] == NAMES
    assert [d.sort_order for d in DEFAULT_DEPARTMENTS] == list(range(10, 130, 10))
    for d in DEFAULT_DEPARTMENTS:
        d.check()
        assert 10 <= len(d.duties) <= 60, d.name  # one sentence that fits on a poster
        assert "\n" not in d.duties and not d.duties.endswith("。")
        assert d.contact_person == "" and d.phone == "" and d.active
    by_name = {d.name: d.duties for d in DEFAULT_DEPARTMENTS}
    assert "住宅专项维修资金" in by_name["县住房和城乡建设局"]
    assert "违章搭建" in by_name["县城市管理和综合执法局"]
    assert "特种设备" in by_name["县市场监督管理局"]
    assert "消防通道" in by_name["县公安局"]
    assert "指导价" in by_name["县发展和改革局"]
    assert "噪声" in by_name["县生态环境分局"]
    assert "饮用水" in by_name["县卫生健康局"]
    assert "调解" in by_name["县司法局"] and "信访" in by_name["县信访局"]


def test_first_list_seeds_the_defaults_once(services, deps):
    first = deps.list()
    assert [d.fields.name for d in first] == NAMES
    assert [d.fields.sort_order for d in first] == list(range(10, 130, 10))
    assert deps.list() == first  # not seeded twice
    assert DepartmentService(services.ctx).list() == first
    assert [h.action for h in history(services, first[0].id)] == ["create"]


def test_deleting_everything_does_not_bring_the_defaults_back(deps):
    for d in deps.list():
        deps.delete(d.id)
    assert deps.list() == []
    assert deps.list(active_only=True) == []


def test_an_edit_before_the_first_list_still_gets_the_defaults(deps):
    new_id = deps.create(DepartmentFields("镇派出所", "辖区治安"))
    names = [d.fields.name for d in deps.list()]
    assert names == [*NAMES, "镇派出所"]
    assert deps.get(new_id).fields.sort_order == 130


def test_create_update_delete_with_audit(services, deps):
    deps.list()
    new_id = deps.create(
        DepartmentFields(" 镇派出所 ", " 辖区治安 ", contact_person="王警官", phone="110")
    )
    rec = deps.get(new_id)
    assert rec.fields.name == "镇派出所" and rec.fields.duties == "辖区治安"
    assert rec.fields.sort_order == 130 and deps.list()[-1].id == new_id

    deps.update(new_id, DepartmentFields("镇派出所", "辖区治安", "李警官", "110", active=False))
    rec = deps.get(new_id)
    assert rec.fields.contact_person == "李警官" and not rec.fields.active
    assert rec.fields.sort_order == 130  # 0 keeps the place
    assert new_id not in [d.id for d in deps.list(active_only=True)]
    assert "镇派出所" not in [line.name for line in deps.poster_lines()]

    deps.delete(new_id)
    with pytest.raises(NotFoundError):
        deps.get(new_id)
    entries = history(services, new_id)
    assert [e.action for e in entries] == ["create", "update", "delete"]
    assert entries[1].changes == {"contact_person": ["王警官", "李警官"], "active": [True, False]}
    assert entries[1].operator == "测试员"
    assert entries[2].summary == "删除职能部门 镇派出所"


def test_update_without_changes_writes_no_audit(services, deps):
    d = deps.list()[0]
    deps.update(d.id, d.fields)
    assert [e.action for e in history(services, d.id)] == ["create"]


def test_duplicate_and_bad_values_name_their_field(deps):
    first, second = deps.list()[:2]
    with pytest.raises(ValidationError, match="已在列表中") as err:
        deps.create(DepartmentFields(" 县公安局 "))
    assert err.value.field == "name"
    with pytest.raises(ValidationError) as err:
        deps.update(second.id, DepartmentFields(first.fields.name))
    assert err.value.field == "name"
    deps.update(first.id, first.fields)  # its own name is fine
    for bad, field in [
        (DepartmentFields("  "), "name"),
        (DepartmentFields("甲" * 61), "name"),
        (DepartmentFields("某局", "职" * 501), "duties"),
        (DepartmentFields("某局", contact_person="人" * 51), "contact_person"),
        (DepartmentFields("某局", phone="1" * 41), "phone"),
    ]:
        with pytest.raises(ValidationError) as err:
            deps.create(bad)
        assert err.value.field == field
    assert len(deps.list()) == 12


def test_move_swaps_with_the_neighbour(services, deps):
    ids = [d.id for d in deps.list()]
    assert deps.move(ids[1], up=True)
    assert [d.id for d in deps.list()][:3] == [ids[1], ids[0], ids[2]]
    assert deps.move(ids[1], up=False)
    assert deps.move(ids[1], up=False)
    assert [d.id for d in deps.list()][:3] == [ids[0], ids[2], ids[1]]
    assert not deps.move(ids[0], up=True)  # already first
    assert not deps.move(ids[-1], up=False)  # already last
    moves = history(services, ids[1])[1:]
    assert [m.changes for m in moves] == [
        {"sort_order": [20, 10]},
        {"sort_order": [10, 20]},
        {"sort_order": [20, 30]},
    ]
    assert moves[0].summary == "职能部门 县城市管理和综合执法局 上移至第 1 位"
    with pytest.raises(NotFoundError):
        deps.move(9999, up=True)


def test_move_works_when_sort_orders_tie(deps):
    ids = [d.id for d in deps.list()]
    for i in ids[:2]:
        d = deps.get(i)
        deps.update(i, DepartmentFields(d.fields.name, sort_order=5))
    assert deps.move(ids[1], up=True)
    assert [d.id for d in deps.list()][:2] == [ids[1], ids[0]]


def test_restore_defaults_adds_only_the_missing_ones(services, deps):
    listed = deps.list()
    edited = listed[0]
    deps.update(edited.id, DepartmentFields(edited.fields.name, "本地职责", "张三", "12345"))
    deps.delete(listed[3].id)  # 县公安局
    deps.delete(listed[5].id)  # 县应急管理局
    assert deps.restore_defaults() == 2
    after = deps.list()
    assert sorted(d.fields.name for d in after) == sorted(NAMES)
    assert [d.fields.name for d in after][-2:] == ["县公安局", "县应急管理局"]
    assert after[0].fields.contact_person == "张三"  # edits kept
    assert deps.restore_defaults() == 0
    police = next(d for d in after if d.fields.name == "县公安局")
    assert [e.action for e in history(services, police.id)] == ["create"]


def test_restore_on_a_fresh_database_seeds_once(deps):
    assert deps.restore_defaults() == 12
    assert deps.restore_defaults() == 0
    assert len(deps.list()) == 12


def test_poster_lines_follow_the_board_order(deps):
    first = deps.list()[0]
    deps.update(first.id, DepartmentFields(first.fields.name, "职责", "张三", "0731-1234567"))
    lines = deps.poster_lines()
    assert [line.name for line in lines] == NAMES
    assert (lines[0].duties, lines[0].contact, lines[0].phone) == ("职责", "张三", "0731-1234567")
