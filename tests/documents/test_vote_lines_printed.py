"""The 审核表 prints the vote lines of the one formatter (issue 12, item 8): a pass of
> 1/2 by one hundredth of a m² never reads 50.00%."""

from __future__ import annotations

from datetime import date

from app.domain.funds import FundStage
from app.domain.votes import VoteMatter
from tests.documents.pdf_checks import all_text
from tests.services.test_fund_papers import approved_request
from tests.services.test_fund_requests import FAILING, new_request

LINE = "同意面积 10000.01/20000 = 50.0001%（需 > 1/2）✓"  # PASSING: one hundredth over half


def test_review_form_and_its_pdf_show_the_figure_that_agrees_with_the_mark(demo, tmp_path):
    rid = approved_request(demo)
    form = demo.funds.papers.review_form(rid)
    assert LINE in form.vote_lines
    assert demo.funds.get(rid).vote_lines == form.vote_lines  # the detail pane: same lines
    text = all_text(demo.funds.papers.print_review_form(rid, tmp_path / "f.pdf").read_bytes())
    assert "50.0001%" in text.replace(" ", "").replace("\n", "")


def test_an_exactly_half_vote_reads_50_00_and_fails(demo):
    rid = new_request(demo)
    demo.funds.record_vote(rid, FAILING, VoteMatter.USE, date(2026, 10, 10))
    v = demo.funds.get(rid)
    assert v.stage is not FundStage.VOTED
    assert "同意面积 10000/20000 = 50.00%（需 > 1/2）✗" in v.vote_lines
