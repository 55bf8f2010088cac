"""Issue 12 (17): the 审核表 of an ordinary request prints on two pages, and its review boxes
stay together instead of leaving one alone on a third page."""

from __future__ import annotations

import re
from datetime import date

import pytest

from app.documents.fund_review_form import render_review_form
from app.domain.fund_documents import ReviewBox
from app.domain.funds import Material, checklist

from .pdf_checks import page_texts
from .test_fund_review_form import LEVELS, MATERIALS, OPINION_1, OPINION_2, ordinary

# an ordinary request's whole checklist: the four for the 初审, then 施工合同, 验收证明, 决算书
CHECKLIST = tuple((m.label, "未收") for m, _stage in checklist(emergency=False))
LONGER_OPINION = "经审核，该项目维修方案可行，预算经第三方造价咨询机构审核，金额合理，" * 2


def box_pages(pages: list[str]) -> list[int]:
    """The page of each level's box; each box's title shares its page with its 经办人 line."""
    found = []
    for level in LEVELS:
        (number,) = [n for n, page in enumerate(pages) if f"{level}：" in page]
        after = pages[number][pages[number].index(f"{level}：") :]
        assert "经办人：" in after, (level, pages[number][-60:])
        found.append(number)
    return found


def test_the_checklist_is_what_an_ordinary_request_collects():
    assert len(CHECKLIST) == 7
    assert CHECKLIST[:4] == tuple((name, "未收") for name, _ in MATERIALS)
    assert Material.FINAL_ACCOUNT.label in dict(CHECKLIST)


@pytest.mark.parametrize("materials", [MATERIALS, CHECKLIST], ids=["four", "checklist"])
def test_an_ordinary_request_fits_two_pages(materials):
    pages = page_texts(render_review_form(ordinary(materials=materials)))
    assert len(pages) == 2
    assert box_pages(pages) == [1, 1, 1]
    assert "三、审核意见" in pages[1] and pages[1].endswith("—2—")


@pytest.mark.parametrize("reason_lines", range(0, 7))
@pytest.mark.parametrize("opinion", [OPINION_1, LONGER_OPINION])
def test_ordinary_requests_keep_every_box_on_one_page(reason_lines, opinion):
    """A reason of up to about seven lines (page 1 then has just room) and opinions of one to
    three lines: the boxes share one page, with the heading above them, on page 2."""
    reason = "屋面防水层老化开裂，连续降雨后顶层住户室内渗水，墙面霉变严重。" * reason_lines
    boxes = (
        ReviewBox(LEVELS[0], opinion, "李四", date(2026, 11, 3)),
        ReviewBox(LEVELS[1], OPINION_2, "王五", date(2026, 11, 10)),
        ReviewBox(LEVELS[2]),
    )
    pages = page_texts(
        render_review_form(ordinary(materials=CHECKLIST, reason=reason or "渗水", boxes=boxes))
    )
    assert len(pages) == 2, reason_lines
    where = box_pages(pages)
    assert len(set(where)) == 1, where
    assert "三、审核意见" in pages[where[0]]


def test_no_box_title_ends_a_page_for_any_number_of_materials():
    """From none to fifteen materials: the boxes always share a page with their heading and
    no page ends on a box's title."""
    for count in range(16):
        materials = tuple((f"补充材料{n}", "未收") for n in range(1, count + 1))
        pages = page_texts(render_review_form(ordinary(materials=materials)))
        where = box_pages(pages)
        assert len(set(where)) == 1, (count, where)
        assert "三、审核意见" in pages[where[0]], count
        for page in pages:
            tail = re.sub(r"—\d+—$", "", page)
            assert not any(tail.endswith(f"{level}：") for level in LEVELS), count
        assert len(pages) == (2 if count <= 7 else 3), count


def test_boxes_taller_than_a_page_are_still_laid_out_one_by_one():
    long = "经审核，" + "该项目维修方案可行，预算合理。" * 40
    boxes = tuple(ReviewBox(level, long, "李四", date(2026, 11, 3)) for level in LEVELS)
    pages = page_texts(render_review_form(ordinary(boxes=boxes)))
    where = box_pages(pages)
    assert where == sorted(where) and len(set(where)) > 1
    (heading,) = [n for n, page in enumerate(pages) if "三、审核意见" in page]
    assert heading == where[0]
