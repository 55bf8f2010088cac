"""A printed 文号 is unique across all documents: types that share a prefix share its numbers
(issue 12, item 4)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from app.domain.community import CommunityQuery
from app.domain.enums import DocType
from app.domain.errors import ConflictError
from app.domain.issues import IssueFields, ReinspectionFields
from app.services import Services
from tests.conftest import TODAY

SHARED = "青禾镇物整"


def share_prefix(svc: Services, *types: DocType, prefix: str = SHARED) -> None:
    p = svc.office.profile()
    svc.office.save_profile(replace(p, prefixes={**p.prefixes, **dict.fromkeys(types, prefix)}))


def new_issue(svc: Services, n: int) -> int:
    cid = svc.communities.search_ids(CommunityQuery())[0]
    fields = IssueFields(cid, "其他", f"问题{n}", TODAY, TODAY + timedelta(days=9), f"单位{n}")
    return svc.issues.create(fields).id


def notice(svc: Services, issue_id: int) -> str:
    return svc.chain.issue_notice([issue_id], svc.chain.draft_notice([issue_id])).row.doc_number


def opinion(svc: Services, issue_id: int) -> str:
    done = svc.chain.reinspect([issue_id], ReinspectionFields(TODAY, "王五", True, "已整改"))
    assert done is not None
    return done.row.doc_number


def test_a_notice_and_an_opinion_with_one_prefix_draw_one_sequence(demo):
    share_prefix(demo, DocType.RECTIFICATION_NOTICE, DocType.REINSPECTION_OPINION)
    a, b = new_issue(demo, 1), new_issue(demo, 2)
    assert notice(demo, a) == "青禾镇物整〔2026〕1号"
    assert opinion(demo, a) == "青禾镇物整〔2026〕2号"  # not a second 1号
    assert notice(demo, b) == "青禾镇物整〔2026〕3号"
    batch = demo.chain.issue_batch([new_issue(demo, 3), new_issue(demo, 4)])
    assert [d.row.doc_number for d in batch.documents] == [
        "青禾镇物整〔2026〕4号",
        "青禾镇物整〔2026〕5号",
    ]
    assert opinion(demo, b) == "青禾镇物整〔2026〕6号"


def test_types_with_their_own_prefixes_keep_their_own_sequences(demo):
    a, b = new_issue(demo, 1), new_issue(demo, 2)
    assert notice(demo, a) == "青禾镇物整〔2026〕1号"
    assert opinion(demo, a) == "青禾镇物复〔2026〕1号"
    assert notice(demo, b) == "青禾镇物整〔2026〕2号"


def test_a_changed_prefix_never_repeats_a_printed_number(demo):
    a, b, c = new_issue(demo, 1), new_issue(demo, 2), new_issue(demo, 3)
    assert opinion_after_notice(demo, a) == "青禾镇物复〔2026〕1号"
    # the opinions now print the notices' prefix: they continue its sequence
    share_prefix(demo, DocType.REINSPECTION_OPINION)
    assert notice(demo, b) == "青禾镇物整〔2026〕2号"
    assert opinion(demo, b) == "青禾镇物整〔2026〕3号"
    # back to the old prefix: its own sequence, no repeat of 1号; a clash within the type
    # (number 3 of the opinions was printed with the other prefix) is refused plainly
    share_prefix(demo, DocType.REINSPECTION_OPINION, prefix="青禾镇物复")
    notice(demo, c)
    assert opinion(demo, c) == "青禾镇物复〔2026〕2号"
    d = new_issue(demo, 4)
    notice(demo, d)
    with pytest.raises(ConflictError, match="前缀"):
        opinion(demo, d)  # 青禾镇物复〔2026〕3号 would be number 3 of the type twice


def opinion_after_notice(svc: Services, issue_id: int) -> str:
    notice(svc, issue_id)
    return opinion(svc, issue_id)
