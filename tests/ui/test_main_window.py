"""GUI journeys with qtbot, driving the real widgets and checking the database."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QMessageBox

from app.domain.community import CommunityQuery, CompanyFields
from app.ui.dialogs.company_dialog import CompanyDialog
from app.ui.main_window import NAV
from tests.ui.conftest import FakeFiles, type_into


def test_navigation_lists_every_module_in_chinese(window):
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == NAV
    assert NAV.index("职能部门") == NAV.index("信息公示") + 1
    for name in NAV:  # every module is built: no placeholder page remains
        page = window.go(name)
        assert window.stack.currentWidget() is window.pages[name]
        assert page.title == name
        assert window.stack.currentWidget().findChild(QLabel, "placeholder") is None, name
    assert window.go("信息公示") is window.disclosure
    assert type(window.go("职能部门")).__name__ == "DepartmentsPage"
    assert window.go("维修资金") is window.funds


def test_add_a_community_through_the_dialog_and_find_it(window, services, qtbot):
    company = services.companies.create(CompanyFields(name="安居物业"))
    page = window.go("小区")
    dialog = page.open_dialog()
    qtbot.addWidget(dialog)
    type_into(dialog.name, "幸福家园")
    dialog.neighborhood.setCurrentText("东风社区")
    type_into(dialog.household_count, "860")
    type_into(dialog.contract_end, "2027.6.30")
    dialog.company.set_value(company.id)
    dialog._on_accept()
    assert dialog.result_value is not None, window.messages.shown
    page._after_save(dialog)
    assert page.model.rowCount() == 1
    assert page.model.data(page.model.index(0, 0)) == "幸福家园"
    assert page.model.data(page.model.index(0, 7)) == "2027-06-30"
    rec = services.communities.get(page.selected_id())
    assert rec.fields.household_count == 860


def test_bad_input_in_the_dialog_keeps_it_open_and_writes_nothing(window, services, qtbot):
    page = window.go("小区")
    dialog = page.open_dialog()
    qtbot.addWidget(dialog)
    type_into(dialog.name, "幸福家园")
    dialog.neighborhood.setCurrentText("东风社区")
    type_into(dialog.household_count, "-5")
    dialog.management_mode.setCurrentIndex(2)  # 社区代管: no company needed
    dialog._on_accept()
    assert dialog.result_value is None
    assert "户数" in window.messages.last()
    assert dialog.name.text() == "幸福家园"  # nothing the user typed is lost
    assert services.communities.count() == 0


def test_typing_a_search_narrows_the_table(window, demo, qtbot):
    page = window.go("小区")
    assert page.model.rowCount() == 40
    name = page.model.record(0).name
    type_into(page.search, name)
    qtbot.waitUntil(lambda: page.model.rowCount() < 40, timeout=2000)
    assert all(name in page.model.record(i).name for i in range(page.model.rowCount()))
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 40, timeout=2000)


def test_filters_narrow_the_table(window, demo):
    page = window.go("小区")
    page.filings_incomplete.setChecked(True)
    n = page.model.rowCount()
    assert 0 < n < 40
    assert all(page.model.record(i).filings_complete < 5 for i in range(n))
    page.filings_incomplete.setChecked(False)
    page.expiring.setChecked(True)
    assert 0 < page.model.rowCount() < 40


def test_sorting_by_a_column_header(window, demo):
    page = window.go("小区")
    page.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    values = [page.model.record(i).household_count for i in range(page.model.rowCount())]
    assert values == sorted(values, reverse=True)


def test_bad_uscc_shows_the_expected_check_character(window, services, qtbot):
    page = window.go("物业企业")
    dialog = page.open_dialog()
    qtbot.addWidget(dialog)
    type_into(dialog.name, "某物业")
    type_into(dialog.uscc, "91440300708461136A")
    assert "应为“T”" in dialog.uscc_hint.text()
    dialog._on_accept()
    assert dialog.result_value is None
    assert "应为“T”" in window.messages.last()
    assert services.companies.search() == []


def test_company_detail_lists_its_communities(window, demo, qtbot):
    rec = next(r for r in demo.companies.search() if r.community_count)
    dialog = CompanyDialog(demo.companies, window.messages, demo.companies.get(rec.id))
    qtbot.addWidget(dialog)
    assert (
        dialog.served.rowCount() == len(demo.companies.communities(rec.id)) >= rec.community_count
    )


def test_archive_hides_and_show_archived_brings_back(window, demo):
    page = window.go("小区")
    page.table.selectRow(0)
    cid = page.selected_id()
    page._on_archive()
    assert page.model.row_of(cid) == -1
    page.show_archived.setChecked(True)
    assert page.model.row_of(cid) >= 0
    assert demo.communities.count(CommunityQuery()) == 39


def test_settings_page_saves_office_and_operator(window, opened, services):
    page = window.go("设置")
    page.office_name.setText("青禾镇人民政府")
    page._on_save_office()
    assert services.office.profile().name == "青禾镇人民政府"
    page.operator.setText("李四")
    page._on_save_operator()
    assert opened.settings.get().operator_name == "李四"
    assert page.data_dir.text() == str(services.ctx.data_dir)


def test_window_geometry_and_columns_are_remembered(qtbot, opened, services, window):
    from app.ui.common.messages import MessageService
    from app.ui.main_window import MainWindow
    from app.ui.state import UiState

    window.showNormal()
    # The offscreen screen is 800×800 and the page's minimum width is close to that,
    # so the remembered size is checked on the height.
    window.resize(window.minimumSizeHint().width(), 700)
    qtbot.waitUntil(lambda: window.size().height() == 700)
    window.communities.table.setColumnWidth(0, 333)
    window.save_state()
    again = MainWindow(
        services,
        opened.settings,
        UiState(opened.data_dir),
        MessageService(dialogs=False),
        FakeFiles(opened.data_dir),
        jobs=False,
    )
    qtbot.addWidget(again)
    assert again.communities.table.columnWidth(0) == 333
    assert again.size().height() == 700


def test_standard_buttons_are_translated(qapp, window):
    def close_box():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            texts.extend(b.text() for b in box.buttons())
            box.close()

    texts: list[str] = []
    QTimer.singleShot(100, close_box)
    QMessageBox.question(
        None, "t", "t", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    )
    assert any("是" in t for t in texts) and any("否" in t for t in texts)
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    labels = [b.text() for b in box.buttons()]
    assert any("确定" in t for t in labels) and any("取消" in t for t in labels)


def test_demo_banner_shows_for_demo_data(window, demo):
    window.go("工作台")
    assert window.demo_banner.isVisible()
    assert window.pages["工作台"].figures["communities"].text() == "40"


def test_dashboard_counts_open_and_overdue_issues(window, demo):
    from datetime import timedelta

    from app.domain.issues import IssueFields
    from tests.conftest import TODAY

    cid = demo.communities.choices()[0][0]
    for days in (-1, 0, 5):  # overdue by one day, due today, due later
        demo.issues.create(
            IssueFields(
                cid,
                "其他",
                f"问题{days}",
                TODAY - timedelta(days=10),
                TODAY + timedelta(days=days),
                "某物业",
            )
        )
    window.go("工作台")
    figures = window.pages["工作台"].figures
    assert figures["issues_open"].text() == "3"
    assert figures["issues_overdue"].text() == "1"
    assert figures["issues_reinspect"].text() == "0"


def test_phone_masking_in_the_ledger_export_follows_the_setting(window, demo, tmp_path):
    from openpyxl import load_workbook

    def phones(path):
        """Mobile numbers in the sheet, masked (138****5678) or not."""
        import re

        pattern = re.compile(r"1\d{2}(\*{4}|\d{4})\d{4}")
        ws = load_workbook(path).active
        return [
            c.value
            for row in ws.iter_rows()
            for c in row
            if isinstance(c.value, str) and pattern.fullmatch(c.value)
        ]

    settings_page = window.go("设置")
    assert settings_page.mask_phones.isChecked()  # masked unless the user says otherwise
    page = window.go("小区")
    page.export_ledger(tmp_path / "masked.xlsx")
    masked = phones(tmp_path / "masked.xlsx")
    assert masked and all("****" in p for p in masked)
    assert "已隐藏" in window.messages.last()

    window.go("设置").mask_phones.setChecked(False)
    page = window.go("小区")
    page.export_ledger(tmp_path / "plain.xlsx")
    plain = phones(tmp_path / "plain.xlsx")
    assert plain and not any("****" in p for p in plain)
    assert "完整导出" in window.messages.last()


def test_dashboard_shows_committee_coverage(window, demo):
    from app.domain.governance import MemberFields, MemberRole, Stage
    from tests.conftest import TODAY

    total, _ = demo.governance.coverage()
    row = next(r for r in demo.governance.rows() if r.eligible and r.stage is Stage.NOT_STARTED)
    members = [MemberFields(f"委员{k}", MemberRole.MEMBER) for k in range(5)]
    c = demo.governance.elect(row.community_id, TODAY, 5, members)
    demo.governance.file(c.id, TODAY, "备1")
    window.go("工作台")
    text = window.pages["工作台"].figures["coverage"].text()
    assert f"（{total.covered + 1}/{total.eligible}）" in text


def test_dashboard_shows_fund_requests_and_the_disclosure_rate(window, demo):
    from datetime import date

    from app.domain.disclosure import CheckResult, EntryFields
    from tests.services.test_fund_requests import new_request

    new_request(demo)
    cid = demo.communities.choices()[0][0]
    entries = [
        EntryFields(i.code, CheckResult.POSTED, date(2026, 11, 20))
        for i in demo.disclosure.items(active_only=True)
    ]
    entries[0] = EntryFields(entries[0].item_code, CheckResult.MISSING)
    demo.disclosure.record_check(cid, date(2026, 11, 20), "王", entries)
    window.go("工作台")
    figures = window.pages["工作台"].figures
    assert figures["funds_open"].text() == "1" and figures["funds_waiting"].text() == "0"
    assert figures["disclosure_rate"].text() == "2.3%（目标 100%）"  # 13 of 40 × 14 items
    assert figures["disclosure_overdue"].text() == "1"
