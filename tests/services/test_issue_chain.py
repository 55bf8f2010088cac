"""The issue ledger and its document chain, through the services (real database, real PDFs)."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from app.domain.community import CommunityQuery
from app.domain.doc_records import DocumentQuery
from app.domain.enums import DocType, InspectionKind, IssueSource, IssueStatus, ServiceMethod
from app.domain.errors import ConflictError, OperationCancelled, ValidationError
from app.domain.issues import (
    InspectionFields,
    IssueCategory,
    IssueFields,
    IssueQuery,
    ReinspectionFields,
    ServiceFields,
)
from tests.conftest import TODAY


def text_of(pdf: bytes) -> str:
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).replace(" ", "")


def new_issue(svc, community_id=None, **kw):
    cid = community_id or svc.communities.search_ids(CommunityQuery())[0]
    base = IssueFields(
        community_id=cid,
        category="消防安全隐患（通道占用、设施老化）",
        description="3号楼消防通道被电动车占用",
        found_date=TODAY - timedelta(days=3),
        deadline=TODAY + timedelta(days=4),
        responsible_name=kw.pop("responsible_name", None)
        or svc.issues.suggested_responsible(cid)
        or "某物业",
        measures="清理通道内停放的电动车",
        legal_basis="《中华人民共和国消防法》第二十八条",
    )
    return svc.issues.create(replace(base, **kw))


def test_deadline_before_found_date_is_refused_and_nothing_is_written(demo):
    before = demo.issues.counts().total
    with pytest.raises(ValidationError) as e:
        new_issue(demo, deadline=TODAY - timedelta(days=4))
    assert e.value.field == "deadline" and "早于发现日期" in e.value.message
    assert demo.issues.counts().total == before
    # the boundary: a deadline on the found date itself is allowed
    assert new_issue(demo, deadline=TODAY - timedelta(days=3)).status is IssueStatus.OPEN


def test_hotline_issue_needs_its_order_number(demo):
    with pytest.raises(ValidationError) as e:
        new_issue(demo, source=IssueSource.HOTLINE)
    assert e.value.field == "source_ref"
    rec = new_issue(demo, source=IssueSource.HOTLINE, source_ref="GD20261120001")
    assert rec.fields.source_ref == "GD20261120001"


def test_overdue_is_derived_from_dates(demo):
    yesterday = new_issue(demo, deadline=TODAY - timedelta(days=1))
    today = new_issue(demo, deadline=TODAY)
    ids = demo.issues.search_ids(IssueQuery(overdue_only=True))
    assert yesterday.id in ids and today.id not in ids
    assert demo.issues.counts().overdue >= 1


def test_full_chain_notice_service_fail_pass(demo):
    a = new_issue(demo)
    b = new_issue(demo, description="2号楼楼道堆放杂物")
    text = demo.chain.draft_notice([a.id, b.id])
    assert "3号楼消防通道" in text.facts and "2号楼楼道" in text.facts
    issued = demo.chain.issue_notice([a.id, b.id], replace(text, requirements="立即清理"))
    number = issued.row.doc_number
    assert number == "青禾镇物整〔2026〕1号"
    body = text_of(issued.pdf)
    assert number in body and text.addressee in body and "3号楼消防通道" in body
    assert demo.documents.pdf(issued.row.id) == issued.pdf  # reprint is byte-identical
    assert demo.issues.get(a.id).status is IssueStatus.NOTIFIED

    receipt = demo.chain.record_service(
        issued.row.id,
        ServiceFields(ServiceMethod.DIRECT, TODAY, text.addressee, signer="张经理", server="李四"),
    )
    assert receipt is not None and number in text_of(receipt.pdf)
    assert demo.issues.get(a.id).status is IssueStatus.RECTIFYING

    with pytest.raises(ValidationError):  # a failed re-inspection needs a new deadline
        demo.chain.reinspect([a.id], ReinspectionFields(TODAY, "王五", passed=False))
    opinion = demo.chain.reinspect(
        [a.id, b.id],
        ReinspectionFields(TODAY, "王五", False, "仍有车辆停放", TODAY + timedelta(days=5)),
    )
    assert opinion is not None and "复查不合格" in text_of(opinion.pdf)
    rec = demo.issues.get(a.id)
    assert rec.status is IssueStatus.RECTIFYING and rec.fields.deadline == TODAY + timedelta(days=5)

    demo.issues.report_rectified(a.id, "已清理完毕", TODAY)
    assert demo.issues.get(a.id).status is IssueStatus.AWAITING_REINSPECTION
    demo.chain.reinspect([a.id], ReinspectionFields(TODAY, "王五", True, "通道畅通"))
    done = demo.issues.get(a.id)
    assert done.status is IssueStatus.CLOSED and done.closed_on == TODAY
    kinds = [e.kind for e in demo.issues.timeline(a.id)]
    for k in ("found", "document", "served", "reinspected", "reported", "closed"):
        assert k in kinds
    with pytest.raises(ConflictError):
        demo.chain.draft_notice([a.id])


def test_notice_for_two_addressees_is_refused(demo):
    a = new_issue(demo, responsible_name="甲物业公司")
    b = new_issue(demo, responsible_name="乙物业公司")
    with pytest.raises(ConflictError) as e:
        demo.chain.draft_notice([a.id, b.id])
    assert "甲物业公司" in e.value.message and "乙物业公司" in e.value.message


def test_numbers_restart_each_year_and_voided_numbers_stay_used(demo, monkeypatch):
    a, b, c = (new_issue(demo) for _ in range(3))
    first = demo.chain.issue_notice([a.id], demo.chain.draft_notice([a.id]))
    demo.documents.void(first.row.id, "地址写错")
    assert demo.issues.get(a.id).status is IssueStatus.OPEN
    second = demo.chain.issue_notice([b.id], demo.chain.draft_notice([b.id]))
    assert second.row.doc_number.endswith("〔2026〕2号")  # 1 is voided, never reused
    with pytest.raises(ConflictError):
        demo.documents.void(first.row.id, "再次作废")
    # next year: numbering restarts at 1
    ctx = demo.chain._ctx
    monkeypatch.setattr(demo.chain, "_ctx", replace(ctx, today=lambda: date(2027, 1, 2)))
    nxt = demo.chain.issue_notice([c.id], demo.chain.draft_notice([c.id]))
    assert nxt.row.doc_number.endswith("〔2027〕1号")
    rows = demo.documents.search(DocumentQuery(doc_type=DocType.RECTIFICATION_NOTICE))
    assert {r.doc_number for r in rows} == {
        "青禾镇物整〔2026〕1号",
        "青禾镇物整〔2026〕2号",
        "青禾镇物整〔2027〕1号",
    }


def test_void_needs_a_reason(demo):
    a = new_issue(demo)
    doc = demo.chain.issue_notice([a.id], demo.chain.draft_notice([a.id]))
    with pytest.raises(ValidationError):
        demo.documents.void(doc.row.id, " ")
    assert demo.documents.get(doc.row.id).voided_on is None


def test_batch_issues_one_notice_per_addressee_and_cancel_leaves_nothing(demo):
    ids = [new_issue(demo, responsible_name=n).id for n in ("甲物业", "乙物业", "甲物业")]
    calls = []
    with pytest.raises(OperationCancelled):
        demo.chain.issue_batch(
            ids, progress=lambda d, t: calls.append(d), cancelled=lambda: bool(calls)
        )
    assert demo.documents.search() == []
    assert all(demo.issues.get(i).status is IssueStatus.OPEN for i in ids)
    result = demo.chain.issue_batch(ids)
    assert len(result.documents) == 2
    combined = PdfReader(io.BytesIO(result.combined_pdf))
    assert len(combined.pages) == sum(
        len(PdfReader(io.BytesIO(d.pdf)).pages) for d in result.documents
    )


def test_close_out_requires_a_reinspection(demo):
    a = new_issue(demo)
    rec = demo.issues.get(a.id)
    assert rec.closed_on is None
    # the only way to 已销号 is a passing re-inspection; no service closes directly
    assert not hasattr(demo.issues, "close")


def test_inspection_with_issues_is_one_transaction(demo):
    cids = demo.communities.search_ids(CommunityQuery())[:2]
    good = IssueFields(cids[0], "其他", "绿化带被侵占", TODAY, TODAY + timedelta(days=10), "某物业")
    bad = replace(good, description="")
    with pytest.raises(ValidationError):
        demo.issues.record_inspection(
            InspectionFields(TODAY, InspectionKind.ROUTINE, ("张三",), tuple(cids)), [good, bad]
        )
    assert demo.issues.counts().total == 0
    ins_id, ids = demo.issues.record_inspection(
        InspectionFields(TODAY, InspectionKind.JOINT, ("张三", "李四"), tuple(cids)), [good]
    )
    assert demo.issues.get(ids[0]).inspection_id == ins_id


def test_office_edits_category_defaults(demo):
    cat = demo.issues.category("收费不规范")
    demo.issues.save_category(replace(cat, deadline_days=20, department="住建"))
    assert demo.issues.category("收费不规范").deadline_days == 20
    demo.issues.save_category(IssueCategory("高空抛物", 10, "公安", ""))
    assert demo.issues.category("高空抛物").local
    demo.issues.reset_category("收费不规范")
    assert demo.issues.category("收费不规范").deadline_days == 15
