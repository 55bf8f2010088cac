"""The vote dialog derives 总面积 and 业主总人数 from the request's unit list (DOMAIN §5.1,
issue 12 item 9), shows how, fills them on request and warns when typed figures differ."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from app.ui.common.messages import MessageService
from app.ui.funds.dialogs import VoteDialog
from tests.conftest import TODAY
from tests.services.test_fund_papers import unit_sheet
from tests.services.test_fund_requests import PASSING, new_request
from tests.ui.funds.test_fund_dialogs import fill_vote


def dialog(qtbot, demo, rid):
    d = VoteDialog(demo.funds, MessageService(dialogs=False), demo.funds.get(rid), today=TODAY)
    qtbot.addWidget(d)
    d.show()
    return d


def test_without_a_unit_list_nothing_is_derived(qtbot, demo):
    d = dialog(qtbot, demo, new_request(demo))
    assert d.owner_count is None and not d.from_list.isVisible()
    fill_vote(d, PASSING)
    assert not any(line.startswith("注意") for line in d.result_lines())


def test_the_unit_list_gives_the_totals_and_typed_ones_that_differ_are_warned(
    qtbot, demo, tmp_path
):
    rid = new_request(demo)
    rows = [("1-101", 100, "甲"), ("1-102", 100, "甲"), ("1-103", 100, "乙"),
            ("1-104", 100, ""), ("1-105", 100, "")]  # fmt: skip
    demo.funds.papers.import_units(rid, unit_sheet(tmp_path / "units.xlsx", rows))
    d = dialog(qtbot, demo, rid)
    assert d.derivation.text() == (
        "按房屋清单：5 套，总面积 500 ㎡，业主 3 人"
        "（1 位业主拥有多套，各计 1 人；建设单位未售 2 套，合计 1 人）"
    )
    fill_vote(d, PASSING)  # typed: 30000 ㎡ and 300 owners
    warnings = [line for line in d.result_lines() if line.startswith("注意")]
    assert warnings == [
        "注意：填写的总面积 30000 ㎡ 与房屋清单的 500 ㎡ 不一致",
        "注意：填写的业主总人数 300 人与房屋清单的 3 人不一致",
    ]
    d.from_list.click()
    assert d.figures["total_area"].text() == "500" and d.figures["total_owners"].text() == "3"
    assert not any(line.startswith("注意") for line in d.result_lines())
    # the rule is counted on the list's figures: 3 owners, 2 participating is exactly 2/3
    fill_vote(d, replace(PASSING, total_area=Decimal(500), total_owners=3, part_area=Decimal(400),
                         part_owners=2, yes_area=Decimal(300), yes_owners=2))  # fmt: skip
    assert d.result_lines()[-1] == "结论：通过"
