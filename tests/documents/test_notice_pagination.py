"""Issue 12 (16, 17): the signature never stands alone on a page, and 双面打印 starts the
送达回证 on a new sheet."""

from __future__ import annotations

import re

import pytest

from app.documents.official_layout import CHARS_PER_LINE
from app.documents.rectification_notice import NO_TEXT, render_notice, render_notices
from app.documents.reinspection_opinion import render_opinion
from app.domain.documents import format_doc_number

from .pdf_checks import page_texts
from .test_official_documents import OFFICE, notice, opinion

DATE = "2026年11月9日"
ONE_FACT = "1.幸福里小区3号楼消防通道堆放杂物，影响紧急疏散；"
THREE_REQUIREMENTS = "1.立即清理消防通道；\n2.修复损坏的照明设施；\n3.完善消防通道日常巡查制度。"


def short_items(k: int) -> str:
    """k requirements of one body line each."""
    return "\n".join(f"{n}.清理第{n}号楼消防通道杂物。" for n in range(1, k + 1))


def long_item(k: int) -> str:
    """One requirement of k body lines (two characters of indent, full lines after)."""
    text = "立即清理" * (k * CHARS_PER_LINE)
    return text[: k * CHARS_PER_LINE - 2]


def notice_pages(requirements: str) -> list[str]:
    data = render_notice(notice(requirements=requirements), with_receipt=False)
    return page_texts(data)


def body_of(page: str) -> str:
    """The page's text without its page number, the issuing office and the date."""
    return re.sub(r"—\d+—", "", page).replace(OFFICE, "").replace(DATE, "")


@pytest.mark.parametrize("make", [short_items, long_item], ids=["items", "one-item"])
def test_signature_never_stands_alone_whatever_the_body_length(make):
    """1 to 40 body lines of requirements, one line at a time: the last page always holds
    body text before the issuing office and the date, which share it."""
    counts = []
    for k in range(1, 41):
        pages = notice_pages(make(k))
        counts.append(len(pages))
        last = pages[-1]
        assert last.endswith(f"{OFFICE}{DATE}—{len(pages)}—"), k
        assert len(body_of(last)) >= 10, (k, last)
        assert "联系人及电话" in last, k  # the body's last paragraph stays with the signature
        for number, page in enumerate(pages[:-1], start=1):
            assert DATE not in page and page.endswith(f"—{number}—"), k
    assert counts == sorted(counts) and counts[-1] >= 3  # the sweep reaches a third page


def test_the_issue_example_fits_one_page_and_the_receipt_follows():
    """One issue and a three-line requirement: one page of notice, then the 送达回证."""
    pages = page_texts(render_notice(notice(facts=ONE_FACT, requirements=THREE_REQUIREMENTS)))
    assert len(pages) == 2
    assert "整改通知书" in pages[0] and pages[0].endswith(f"{OFFICE}{DATE}—1—")
    assert "3.完善消防通道日常巡查制度。" in pages[0]
    assert "送达回证" in pages[1]


def test_the_opinion_signature_never_stands_alone_either():
    """The 复查意见书 shares the layout: 1 to 40 items, the last page has body text too."""
    for k in range(1, 41):
        items = [f"{n}.第{n}号楼消防通道：已清理；" for n in range(1, k + 1)]
        pages = page_texts(render_opinion(opinion(items=items)))
        last = re.sub(r"—\d+—", "", pages[-1]).replace(OFFICE, "").replace("2026年11月25日", "")
        assert pages[-1].endswith(f"{OFFICE}2026年11月25日—{len(pages)}—"), k
        assert last.endswith("。"), (k, pages[-1])  # the body's last words precede it


def test_no_body_line_is_lost_or_repeated_when_lines_move_over():
    for k in range(1, 41):
        text = "".join(body_of(p) for p in notice_pages(short_items(k)))
        for n in range(1, k + 1):
            assert text.count(f"{n}.清理第{n}号楼消防通道杂物。") == 1, (k, n)


# --- 双面打印 --------------------------------------------------------------------------------


def two_page_notice(*, duplex: bool = False) -> list[str]:
    return page_texts(render_notice(notice(requirements=short_items(20)), duplex=duplex))


def test_duplex_puts_a_blank_back_page_after_a_one_page_notice():
    pages = page_texts(render_notice(notice(), duplex=True))
    assert len(pages) == 3
    assert pages[0].endswith("—1—") and DATE in pages[0]
    assert pages[1] == NO_TEXT  # the back of the notice's sheet
    assert "送达回证" in pages[2]


def test_duplex_needs_no_blank_page_after_a_two_page_notice():
    pages = two_page_notice(duplex=True)
    assert len(pages) == 3
    assert pages[1].endswith("—2—") and "送达回证" in pages[2]
    assert all(NO_TEXT not in page for page in pages)


def test_without_duplex_there_is_never_a_blank_page():
    assert len(page_texts(render_notice(notice()))) == 2
    assert len(two_page_notice()) == 3
    for k in (1, 10, 20, 30, 40):
        pages = page_texts(render_notice(notice(requirements=short_items(k))))
        assert all(NO_TEXT not in page for page in pages)
        assert "送达回证" in pages[-1]


def test_duplex_batch_starts_every_notice_and_receipt_on_a_new_sheet():
    docs = [notice(number=format_doc_number("青禾镇物整", 2026, n)) for n in (1, 2)]
    docs.append(
        notice(number=format_doc_number("青禾镇物整", 2026, 3), requirements=short_items(20))
    )
    pages = page_texts(render_notices(docs, duplex=True))
    # 1-page notice, blank, receipt, blank; again; then a 2-page notice and its receipt
    assert len(pages) == 4 + 4 + 3
    assert [n for n, page in enumerate(pages) if page == NO_TEXT] == [1, 3, 5, 7]
    starts = [n for n, page in enumerate(pages) if "整改通知书" in page and "—1—" in page]
    assert starts == [0, 4, 8]
    assert [n for n, page in enumerate(pages) if "送达回证" in page] == [2, 6, 10]


def test_duplex_without_receipt_adds_nothing_to_one_notice():
    assert len(page_texts(render_notice(notice(), with_receipt=False, duplex=True))) == 1
