"""问题类别设置: the office edits each category's default deadline, lead department and legal
basis, switches categories off, and adds its own. Past issues keep what they were given."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.issues import IssueCategory
from app.services import Services
from app.ui.common.form_dialog import FormDialog
from app.ui.common.messages import MessageService
from app.ui.errors import guarded


class CategoryDialog(FormDialog):
    """Each category saves on its own button; FormDialog only for the remembered size."""

    def __init__(
        self, services: Services, messages: MessageService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, messages=messages)
        self._services = services
        self._categories: list[IssueCategory] = []
        self.setWindowTitle("问题类别设置")
        self.resize(760, 460)
        self.names = QListWidget()
        self.deadline_days = QSpinBox(minimum=1, maximum=365, suffix=" 天")
        self.department = QLineEdit()
        self.legal_basis = QPlainTextEdit()
        self.legal_basis.setPlaceholderText("整改通知书引用的依据，如《物业管理条例》第四十条")
        self.active = QCheckBox("启用（停用后新登记的问题不能再选它，已登记的不受影响）")
        self.kind = QLabel()
        self.save = QPushButton("保存此类别")
        self.reset = QPushButton("恢复默认")
        self.add = QPushButton("新增本单位类别…")
        form = QFormLayout()
        form.addRow("", self.kind)
        form.addRow("默认整改期限", self.deadline_days)
        form.addRow("牵头部门", self.department)
        form.addRow("法律依据", self.legal_basis)
        form.addRow("", self.active)
        buttons = QHBoxLayout()
        for b in (self.save, self.reset):
            buttons.addWidget(b)
        buttons.addStretch(1)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addLayout(buttons)
        left = QVBoxLayout()
        left.addWidget(self.names, 1)
        left.addWidget(self.add)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addLayout(right, 3)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(close)
        self.names.currentRowChanged.connect(self._show)
        self.save.clicked.connect(self._on_save)
        self.reset.clicked.connect(self._on_reset)
        self.add.clicked.connect(self._on_add)
        self.reload()

    def reload(self, select: str | None = None) -> None:
        self._categories = self._services.issues.categories()
        self.names.clear()
        for c in self._categories:
            label = c.name + ("（本单位）" if c.local else "") + ("" if c.active else "〔停用〕")
            self.names.addItem(label)
        names = [c.name for c in self._categories]
        self.names.setCurrentRow(names.index(select) if select in names else 0)

    def current(self) -> IssueCategory | None:
        row = self.names.currentRow()
        return self._categories[row] if 0 <= row < len(self._categories) else None

    def _show(self, _row: int) -> None:
        c = self.current()
        if c is None:
            return
        self.kind.setText("本单位自设类别" if c.local else "规则包类别（可改默认值，可恢复）")
        self.deadline_days.setValue(c.deadline_days)
        self.department.setText(c.department)
        self.legal_basis.setPlainText(c.legal_basis)
        self.active.setChecked(c.active)
        self.reset.setText("删除此类别" if c.local else "恢复默认")

    def edited(self) -> IssueCategory | None:
        c = self.current()
        if c is None:
            return None
        return IssueCategory(
            name=c.name,
            deadline_days=self.deadline_days.value(),
            department=self.department.text(),
            legal_basis=self.legal_basis.toPlainText(),
            active=self.active.isChecked(),
            local=c.local,
        )

    @guarded()
    def _on_save(self) -> None:
        c = self.edited()
        if c is not None:
            self._services.issues.save_category(c)
            self.reload(c.name)

    @guarded()
    def _on_reset(self) -> None:
        c = self.current()
        if c is None:
            return
        what = "删除" if c.local else "恢复为规则包的默认值"
        if self._messages.confirm(f"确定要将类别“{c.name}”{what}吗？"):
            self._services.issues.reset_category(c.name)
            self.reload(c.name)

    @guarded()
    def _on_add(self) -> None:
        name, ok = QInputDialog.getText(self, "新增类别", "类别名称：")
        if ok and name.strip():
            self.add_category(name.strip())

    def add_category(self, name: str) -> None:
        self._services.issues.save_category(IssueCategory(name, 15, "", ""))
        self.reload(name)


def open_categories(services: Services, messages: MessageService, parent: QWidget) -> None:
    dialog = CategoryDialog(services, messages, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.exec()
