"""The main window: a left navigation and one page per module."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import APP_TITLE, __version__
from app.services import Services
from app.settings import SettingsStore
from app.ui.common.files import FileService
from app.ui.common.messages import MessageService
from app.ui.common.page import LazyPage, Page
from app.ui.pages.dashboard_page import DashboardPage
from app.ui.state import UiState

if TYPE_CHECKING:
    from app.ui.pages.communities_page import CommunitiesPage
    from app.ui.pages.companies_page import CompaniesPage
    from app.ui.pages.settings_page import SettingsPage

NAV = [
    "工作台",
    "小区",
    "物业企业",
    "业委会",
    "维修资金",
    "信息公示",
    "职能部门",
    "问题台账",
    "文书",
    "报表",
    "设置",
]


class MainWindow(QMainWindow):
    def __init__(
        self,
        services: Services,
        settings: SettingsStore,
        state: UiState,
        messages: MessageService,
        files: FileService,
        *,
        jobs: bool = True,
    ) -> None:
        super().__init__()
        self._services = services
        self._state = state
        self.ui_state = state  # form dialogs remember their size here (FormDialog)
        self.messages = messages
        self.files = files
        messages.parent = self
        self.setWindowTitle(f"{APP_TITLE} PropDesk {__version__}")
        self.resize(1280, 800)

        # Every page but the first (工作台) is built on first show: their modules (dialogs,
        # models), widgets and queries cost start-up time otherwise.
        def communities() -> Page:
            from app.ui.pages.communities_page import CommunitiesPage

            return CommunitiesPage(
                services,
                messages,
                files,
                jobs=jobs,
                mask_phones=lambda: settings.get().mask_phones_in_exports,
            )

        def companies() -> Page:
            from app.ui.pages.companies_page import CompaniesPage

            return CompaniesPage(services, messages)

        def settings_page() -> Page:
            from app.ui.pages.settings_page import SettingsPage

            return SettingsPage(services, settings, messages, files)

        def issues() -> Page:
            from app.ui.issues.page import IssuesPage

            return IssuesPage(services, messages, files, jobs=jobs)

        def documents() -> Page:
            from app.ui.pages.documents_page import DocumentsPage

            return DocumentsPage(services, messages, files)

        def governance() -> Page:
            from app.ui.governance.page import GovernancePage

            return GovernancePage(services, messages, files, jobs=jobs)

        def funds() -> Page:
            from app.ui.funds.page import FundsPage

            return FundsPage(services, messages, files, jobs=jobs)

        def disclosure() -> Page:
            from app.ui.disclosure.page import DisclosurePage

            return DisclosurePage(services, messages, files, jobs=jobs)

        def reports() -> Page:
            from app.ui.pages.reports_page import ReportsPage

            return ReportsPage(
                services,
                messages,
                files,
                go=self.go,
                mask_phones=lambda: settings.get().mask_phones_in_exports,
                jobs=jobs,
            )

        def departments() -> Page:
            from app.ui.pages.departments_page import DepartmentsPage

            return DepartmentsPage(services.departments, messages)

        self._communities = LazyPage("小区", communities)
        self._reports = LazyPage("报表", reports)
        self._companies = LazyPage("物业企业", companies)
        self._settings_page = LazyPage("设置", settings_page)
        self._issues = LazyPage("问题台账", issues)
        self._documents = LazyPage("文书", documents)
        self._governance = LazyPage("业委会", governance)
        self._funds = LazyPage("维修资金", funds)
        self._disclosure = LazyPage("信息公示", disclosure)
        self._departments = LazyPage("职能部门", departments)
        self.pages: dict[str, Page] = {
            "工作台": DashboardPage(services, background=jobs),
            "小区": self._communities,
            "物业企业": self._companies,
            "业委会": self._governance,
            "维修资金": self._funds,
            "信息公示": self._disclosure,
            "职能部门": self._departments,
            "问题台账": self._issues,
            "文书": self._documents,
            "报表": self._reports,
            "设置": self._settings_page,
        }
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.addItems(NAV)
        self.nav.setMinimumWidth(110)
        self.stack = QStackedWidget()
        for name in NAV:
            self.stack.addWidget(self.pages[name])

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 4, 4, 4)
        self.demo_banner = QLabel("当前数据为演示数据（虚构的青禾镇），仅供熟悉操作，请勿上报。")
        self.demo_banner.setObjectName("demo_banner")  # amber (resources/qss)
        self.demo_banner.setVisible(services.office.is_demo())
        right_layout.addWidget(self.demo_banner)
        right_layout.addWidget(self.stack)

        # Horizontal, the default: naming Qt.Orientation would set up PySide's whole Qt
        # namespace (every enum, ~20 ms) before the first frame, which needs none of it.
        self.splitter = QSplitter()
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([130, 1150])
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.setCentralWidget(central)
        self.statusBar().showMessage(f"数据文件夹：{services.ctx.data_dir}")

        self.nav.currentRowChanged.connect(self.show_page)
        state.restore_window("main", self)
        state.restore_splitter("main", self.splitter)
        for page in self.pages.values():
            page.restore_state(state)
        self.nav.setCurrentRow(0)

    def show_page(self, row: int) -> None:
        if 0 <= row < len(NAV):
            page = self.pages[NAV[row]]
            self.stack.setCurrentWidget(page)
            page.activate()
            self.demo_banner.setVisible(self._services.office.is_demo())

    def go(self, name: str) -> Page:
        row = NAV.index(name)
        if self.nav.currentRow() == row:
            self.show_page(row)  # refresh the page already shown
        else:
            self.nav.setCurrentRow(row)
        page = self.pages[name]
        return page.page if isinstance(page, LazyPage) else page

    @property
    def communities(self) -> CommunitiesPage:
        return self._communities.page  # type: ignore[return-value]

    @property
    def companies(self) -> CompaniesPage:
        return self._companies.page  # type: ignore[return-value]

    @property
    def settings_page(self) -> SettingsPage:
        return self._settings_page.page  # type: ignore[return-value]

    @property
    def issues(self) -> Page:
        return self._issues.page

    @property
    def documents(self) -> Page:
        return self._documents.page

    @property
    def governance(self) -> Page:
        return self._governance.page

    @property
    def funds(self) -> Page:
        return self._funds.page

    @property
    def disclosure(self) -> Page:
        return self._disclosure.page

    def save_state(self) -> None:
        self._state.save_window("main", self)
        self._state.save_splitter("main", self.splitter)
        for page in self.pages.values():
            page.save_state(self._state)
        self._state.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.save_state()
        super().closeEvent(event)
