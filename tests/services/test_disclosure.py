"""Check visits, compliance per community and per group, the linked issue, the ledger."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import openpyxl
import pytest

from app.domain.disclosure import CheckResult, DisclosureQuery, EntryFields, Frequency, ItemState
from app.domain.errors import ConflictError, ValidationError
from app.services import build_services

D = date
P = CheckResult.POSTED


def all_posted(services, on):
    return [EntryFields(i.code, P, on) for i in services.disclosure.items(active_only=True)]


def first_community(services):
    return services.communities.choices()[0][0]


def test_a_visit_makes_items_current_and_a_half_year_later_the_periodic_ones_lapse(demo):
    cid = first_community(demo)
    demo_may = build_services(replace(demo.ctx, today=lambda: D(2026, 5, 23)))
    demo_may.disclosure.record_check(
        cid, D(2026, 5, 23), "王建华", all_posted(demo, D(2026, 5, 23))
    )
    on = {
        d: build_services(replace(demo.ctx, today=lambda d=d: d))
        for d in (D(2026, 11, 23), D(2026, 11, 24))
    }
    # current through 05-23 + 6 months = 11-23 inclusive (DOMAIN.md §5.8), overdue from 11-24
    row = next(r for r in on[D(2026, 11, 23)].disclosure.rows() if r.community_id == cid)
    revenue = next(s for s in row.statuses if s.item.code == "public_revenue")
    assert revenue.state is ItemState.CURRENT and row.last_check == D(2026, 5, 23)
    # quarterly 公共水电费用分摊 lapsed in August; the rest are current
    assert row.compliance.text() == "13/14 项现行"
    row = next(r for r in on[D(2026, 11, 24)].disclosure.rows() if r.community_id == cid)
    revenue = next(s for s in row.statuses if s.item.code == "public_revenue")
    assert revenue.state is ItemState.OVERDUE and row.compliance.text() == "12/14 项现行"
    assert any(o.startswith("共有部分经营收益及收支情况：已逾期 1 天") for o in row.overdue)


def test_failing_item_yields_a_linked_issue_once(demo):
    cid = first_community(demo)
    entries = all_posted(demo, D(2026, 11, 20))
    entries[2] = EntryFields(entries[2].item_code, CheckResult.MISSING, None, "公示栏无投诉电话")
    check_id = demo.disclosure.record_check(cid, D(2026, 11, 20), "王建华", entries)
    view = demo.disclosure.check(check_id)
    failing = next(e for e in view.entries if e.result is CheckResult.MISSING)
    passing = next(e for e in view.entries if e.result is P)
    with pytest.raises(ConflictError, match="无需生成问题"):
        demo.disclosure.create_issue(passing.id)
    issue_id = demo.disclosure.create_issue(failing.id)
    issue = demo.issues.get(issue_id)
    assert issue.fields.category == "信息公示"
    assert (
        "报修投诉监督电话" in issue.fields.description
        and "公示栏无投诉电话" in issue.fields.description
    )
    assert issue.fields.responsible_name == demo.issues.suggested_responsible(cid)
    assert issue.fields.found_date == D(2026, 11, 20) and issue.fields.deadline > D(2026, 11, 20)
    assert demo.disclosure.check_of_issue(issue_id).id == check_id
    assert demo.disclosure.check(check_id).entries[2].issue_id == issue_id
    with pytest.raises(ConflictError, match="已生成问题"):
        demo.disclosure.create_issue(failing.id)
    row = next(r for r in demo.disclosure.rows() if r.community_id == cid)
    assert row.compliance.text() == "13/14 项现行" and row.has_overdue


def test_bad_visits_change_nothing(demo):
    cid = first_community(demo)
    code = demo.disclosure.items()[0].code
    cases = [
        (D(2026, 11, 24), "王", [EntryFields(code, P)], "checked_on"),
        (D(2026, 11, 20), " ", [EntryFields(code, P)], "inspector"),
        (D(2026, 11, 20), "王", [EntryFields(code, P, D(2026, 11, 21))], f"posted_on:{code}"),
    ]
    for on, who, entries, field in cases:
        with pytest.raises(ValidationError) as err:
            demo.disclosure.record_check(cid, on, who, entries)
        assert err.value.field == field
    with pytest.raises(ValidationError, match="两次"):
        demo.disclosure.record_check(cid, D(2026, 11, 20), "王", [EntryFields(code, P)] * 2)
    assert demo.disclosure.checks(cid) == []


def test_switching_items_and_local_items_never_rewrite_past_results(demo):
    cid = first_community(demo)
    demo.disclosure.record_check(cid, D(2026, 11, 20), "王", all_posted(demo, D(2026, 11, 20)))
    demo.disclosure.set_active("parking", False)
    code = demo.disclosure.save_local_item(None, "电动车充电收费标准", Frequency.YEARLY)
    row = next(r for r in demo.disclosure.rows() if r.community_id == cid)
    assert row.compliance.text() == "13/14 项现行"  # parking off, the local item unchecked
    with pytest.raises(ValidationError):
        demo.disclosure.save_local_item(None, "电动车充电收费标准", Frequency.YEARLY)
    demo.disclosure.save_local_item(code, "电动车充电设施收费标准", Frequency.HALF_YEARLY)
    assert any(i.name == "电动车充电设施收费标准" and i.local for i in demo.disclosure.items())
    past = demo.disclosure.checks(cid)[0]
    assert len(past.entries) == 14 and any(e.item_code == "parking" for e in past.entries)


def test_filters_rates_and_the_ledger(demo, tmp_path):
    cid = first_community(demo)
    demo.disclosure.record_check(cid, D(2026, 11, 20), "王", all_posted(demo, D(2026, 11, 20)))
    rows = demo.disclosure.rows()
    assert len(demo.disclosure.rows(DisclosureQuery(never_checked=True))) == len(rows) - 1
    assert [r.community_id for r in demo.disclosure.rows(DisclosureQuery(overdue_only=True))] == []
    by_hood, by_company = demo.disclosure.rates(rows)
    assert by_hood[-1].name == "合计" and by_hood[-1].required == 14 * len(rows)
    assert by_hood[-1].current == 14 and not by_hood[-1].meets_target
    out = tmp_path / "d.xlsx"
    assert demo.ledgers.export_disclosure(out) == len(rows)
    sheet = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert sheet[0][0].endswith("信息公示检查台账")
    assert sheet[2][:4] == ("序号", "社区", "小区", "物业服务企业")
    checked = next(r for r in sheet[3:] if r[4] is not None)
    assert checked[5:8] == (14, 14, "100.0%")
    assert any(r[3] == "公示率" and r[1] == "合计" for r in sheet)


def test_the_issue_timeline_names_the_visit_it_came_from(demo):
    cid = first_community(demo)
    entries = [EntryFields(demo.disclosure.items()[0].code, CheckResult.INCOMPLETE, None, "缺执照")]
    check_id = demo.disclosure.record_check(cid, D(2026, 11, 20), "李晓梅", entries)
    issue_id = demo.disclosure.create_issue(demo.disclosure.check(check_id).entries[0].id)
    found = demo.issues.timeline(issue_id)[0]
    assert found.kind == "found" and found.on == D(2026, 11, 20)
    assert (
        "由 2026-11-20 信息公示检查生成（物业服务企业营业执照及基本信息内容不全，检查人 李晓梅）"
        in (found.text)
    )


def test_deleting_a_made_issue_frees_the_entry_to_make_another(demo):
    cid = first_community(demo)
    entries = [EntryFields(demo.disclosure.items()[0].code, CheckResult.MISSING)]
    check_id = demo.disclosure.record_check(cid, D(2026, 11, 20), "李晓梅", entries)
    entry_id = demo.disclosure.check(check_id).entries[0].id
    issue_id = demo.disclosure.create_issue(entry_id)
    demo.issues.delete(issue_id)
    assert demo.disclosure.check(check_id).entries[0].issue_id is None
    again = demo.disclosure.create_issue(entry_id)
    assert demo.disclosure.check_of_issue(again).id == check_id


def test_group_filters_read_only_their_communities_and_agree_with_sieving(demo):
    cid = first_community(demo)
    demo.disclosure.record_check(cid, D(2026, 11, 20), "王", all_posted(demo, D(2026, 11, 20)))
    everything = demo.disclosure.rows()
    hood = next(r.neighborhood_id for r in everything if r.community_id == cid)
    company = next(r.company_id for r in everything if r.company_id is not None)
    for q in (DisclosureQuery(neighborhood_id=hood), DisclosureQuery(company_id=company)):
        assert demo.disclosure.rows(q) == [r for r in everything if demo.disclosure.matches(r, q)]
    assert demo.disclosure.rows(community_ids=[cid]) == [
        r for r in everything if r.community_id == cid
    ]
