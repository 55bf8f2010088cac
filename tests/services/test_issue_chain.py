"""The issue ledger and its document chain, through the services (real database, real PDFs)."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.domain.community import CommunityQuery
from app.domain.doc_records import DocumentQuery
from app.domain.enums import DocType, InspectionKind, IssueSource, IssueStatus, ServiceMethod
from app.domain.errors import ConflictError, NotFoundError, OperationCancelled, ValidationError
from app.domain.issues import (
    InspectionFields,
    IssueCategory,
    IssueFields,
    IssueQuery,
    ReinspectionFields,
    ServiceFields,
)
from app.services.rectification_service import DRAFT_NUMBER
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


def test_notice_preview_shows_the_draft_placeholder_and_takes_no_number(demo):
    a = new_issue(demo)
    text = replace(demo.chain.draft_notice([a.id]), requirements="草稿里改过的整改要求")
    body = text_of(demo.chain.preview_notice(text))
    assert DRAFT_NUMBER in body and "草稿里改过的整改要求" in body
    assert demo.office.profile().name in body
    assert demo.documents.search() == [] and demo.issues.get(a.id).status is IssueStatus.OPEN
    issued = demo.chain.issue_notice([a.id], text)
    assert issued.row.doc_number == "青禾镇物整〔2026〕1号"  # the preview took no number


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


# ---- regressions found in review ------------------------------------------------------------
def _from_served_date(svc, monkeypatch):
    """The services with a rule pack that counts deadlines from the served date."""
    rules = svc.chain._ctx.rules
    issues = replace(rules.issues, deadline_from_served_date=True)
    ctx = replace(svc.chain._ctx, rules=replace(rules, issues=issues))
    from app.services.rectification_service import RectificationService

    return RectificationService(ctx)


def _serve(chain, doc_id, day=TODAY, recipient="某物业"):
    return chain.record_service(
        doc_id,
        ServiceFields(ServiceMethod.DIRECT, day, recipient, "张经理", "李四"),
        print_receipt=False,
    )


def test_inspection_checks_the_deadline_against_its_own_date(demo):
    cid = demo.communities.search_ids(CommunityQuery())[0]
    f = IssueFields(
        cid, "其他", "杂物", TODAY - timedelta(days=10), TODAY - timedelta(days=8), "某物业"
    )
    with pytest.raises(ValidationError) as e:  # found on the inspection day (today) instead
        demo.issues.record_inspection(
            InspectionFields(TODAY, InspectionKind.ROUTINE, ("张三",), (cid,)), [f]
        )  # noqa: E501
    assert e.value.field == "deadline"
    assert demo.issues.counts().total == 0


def test_deadline_counts_from_service_once_and_only_for_notified_issues(demo, monkeypatch):
    chain = _from_served_date(demo, monkeypatch)
    a = new_issue(demo, responsible_name="某物业")
    text = chain.draft_notice([a.id])
    doc = chain.issue_notice([a.id], replace(text, deadline=TODAY + timedelta(days=10)))
    assert "自收到本通知之日起10日内" in text_of(doc.pdf)
    _serve(chain, doc.row.id, TODAY)
    assert demo.issues.get(a.id).fields.deadline == TODAY + timedelta(days=10)
    chain.reinspect(
        [a.id],
        ReinspectionFields(TODAY, "王五", False, "", TODAY + timedelta(days=30)),
        print_opinion=False,
    )
    _serve(chain, doc.row.id, TODAY)  # served again (a second copy): the deadline stays
    rec = demo.issues.get(a.id)
    assert rec.fields.deadline == TODAY + timedelta(days=30)
    assert rec.status is IssueStatus.RECTIFYING


def test_a_period_from_service_needs_at_least_one_day(demo, monkeypatch):
    chain = _from_served_date(demo, monkeypatch)
    a = new_issue(demo)
    with pytest.raises(ValidationError) as e:
        chain.issue_notice([a.id], replace(chain.draft_notice([a.id]), deadline=TODAY))
    assert e.value.field == "deadline"


def test_void_restores_the_state_and_deadline_from_before_the_notice(demo):
    a = new_issue(demo)
    before = demo.issues.get(a.id).fields.deadline
    first = demo.chain.issue_notice([a.id], demo.chain.draft_notice([a.id]))
    _serve(demo.chain, first.row.id, recipient=first.row.addressee)
    second_text = replace(demo.chain.draft_notice([a.id]), deadline=TODAY + timedelta(days=60))
    second = demo.chain.issue_notice([a.id], second_text)
    demo.documents.void(second.row.id, "期限写错")
    rec = demo.issues.get(a.id)  # back to 整改中 under the first notice, not 已下发通知
    assert rec.status is IssueStatus.RECTIFYING and rec.fields.deadline == first_deadline(
        demo, first
    )
    demo.documents.void(first.row.id, "送错单位")  # moved on since? no: back to the start
    rec = demo.issues.get(a.id)
    assert rec.status is IssueStatus.OPEN and rec.fields.deadline == before


def first_deadline(demo, issued):
    import json

    from app.storage.repositories import document_repo

    with demo.chain._ctx.db.read() as s:
        snap = json.loads(document_repo.get(s, issued.row.id).snapshot)
    return date.fromisoformat(snap["text"]["deadline"])


def test_void_after_close_out_leaves_the_issue_closed(demo):
    a = new_issue(demo)
    doc = demo.chain.issue_notice([a.id], demo.chain.draft_notice([a.id]))
    demo.chain.reinspect([a.id], ReinspectionFields(TODAY, "王五", True), print_opinion=False)
    demo.documents.void(doc.row.id, "补录作废")
    assert demo.issues.get(a.id).status is IssueStatus.CLOSED


def test_an_open_issue_is_not_closed_without_a_notice_or_a_reported_fix(demo):
    a = new_issue(demo)
    with pytest.raises(ConflictError) as e:
        demo.chain.reinspect([a.id], ReinspectionFields(TODAY, "王五", True), print_opinion=False)
    assert "登记整改情况" in e.value.message
    assert demo.issues.get(a.id).status is IssueStatus.OPEN
    # 立行立改: the fix is reported, then re-inspected and closed
    demo.issues.report_rectified(a.id, "现场已清理", TODAY)
    demo.chain.reinspect([a.id], ReinspectionFields(TODAY, "王五", True), print_opinion=False)
    assert demo.issues.get(a.id).status is IssueStatus.CLOSED


def test_reinspection_messages_speak_of_reinspection(demo):
    a = new_issue(demo, responsible_name="甲物业")
    b = new_issue(demo, responsible_name="乙物业")
    for i in (a, b):
        demo.issues.report_rectified(i.id, "已整改", TODAY)
    with pytest.raises(ConflictError) as e:
        demo.chain.reinspect([a.id, b.id], ReinspectionFields(TODAY, "王五", True))
    assert "复查意见书" in e.value.message and "整改通知书" not in e.value.message


def test_a_failed_reinspection_clears_the_reported_fix(demo):
    a = new_issue(demo)
    demo.issues.report_rectified(a.id, "第一次整改", TODAY)
    demo.chain.reinspect(
        [a.id],
        ReinspectionFields(TODAY, "王五", False, "", TODAY + timedelta(days=3)),
        print_opinion=False,
    )
    rec = demo.issues.get(a.id)
    assert rec.result == "" and rec.completed_on is None
    assert rec.status is IssueStatus.RECTIFYING


def test_service_refused_or_left_needs_reason_and_witness(demo):
    a = new_issue(demo)
    doc = demo.chain.issue_notice([a.id], demo.chain.draft_notice([a.id]))
    for method, refused in ((ServiceMethod.LEFT, False), (ServiceMethod.DIRECT, True)):
        with pytest.raises(ValidationError) as e:
            demo.chain.record_service(
                doc.row.id, ServiceFields(method, TODAY, "某物业", server="李四", refused=refused)
            )
        assert e.value.field == "refusal_reason"
    assert demo.issues.get(a.id).status is IssueStatus.NOTIFIED


def test_photos_are_copied_and_non_images_refused(demo, tmp_path):
    from app.domain.enums import AttachmentKind

    a = new_issue(demo)
    png = tmp_path / "before.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    view = demo.attachments.add(a.id, png, AttachmentKind.BEFORE, "通道")
    stored = Path(view.path)
    assert stored.read_bytes() == png.read_bytes() and stored.parent.parent.name == "attachments"
    txt = tmp_path / "notes.txt"
    txt.write_text("不是图片")
    with pytest.raises(ValidationError):
        demo.attachments.add(a.id, txt, AttachmentKind.AFTER)
    with pytest.raises(NotFoundError):
        demo.attachments.add(99999, png, AttachmentKind.AFTER)
    assert [v.id for v in demo.attachments.list(a.id)] == [view.id]
    assert len(list(stored.parent.iterdir())) == 1  # the refused copies were removed
