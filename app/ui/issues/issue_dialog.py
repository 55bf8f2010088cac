"""Add or edit one issue (问题). Choosing a category suggests its deadline, legal basis and
lead department; nothing the user typed by hand is overwritten.

In "collect only" mode (used by the inspection dialog) the dialog saves nothing: it checks
the fields with the same domain rules and leaves them in `result_value`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import IssueSource, ResponsibleKind
from app.domain.errors import ValidationError
from app.domain.issues import (
    IssueCategory,
    IssueFields,
    IssueRecord,
    default_deadline,
    validate_issue,
)
from app.services import Services
from app.ui.common.fields import DateField, EnumCombo, IdCombo
from app.ui.common.form_dialog import FormDialog, record_submit
from app.ui.common.messages import MessageService
from app.ui.common.style import set_role


class IssueDialog(FormDialog):
    """View: the form. Controller: the suggestion rules and `_save`."""

    def __init__(
        self,
        services: Services,
        messages: MessageService,
        record: IssueRecord | None = None,
        parent: QWidget | None = None,
        *,
        collect_only: bool = False,
        communities: list[tuple[int, str]] | None = None,
        initial: IssueFields | None = None,
        found_date: date | None = None,
    ) -> None:
        super().__init__(parent, submit=record_submit(services.issues, record), messages=messages)
        self._services = services
        self._collect_only = collect_only
        # the last value each field was filled with automatically: a field still showing
        # it (or empty) may be refilled, anything else was typed by hand and is kept
        self._auto = {"deadline": "", "legal_basis": "", "responsible_name": ""}
        self._categories = {c.name: c for c in services.issues.categories(active_only=True)}
        if record is not None and record.fields.category not in self._categories:
            name = record.fields.category  # switched off since: the issue keeps it
            cat = services.issues.category(name) or IssueCategory(name, 15, "", "")
            self._categories[name] = cat
        self.setWindowTitle("编辑问题" if record else "登记问题")
        self.resize(600, 640)
        self._build()
        self.community.set_choices(
            communities if communities is not None else services.communities.choices()
        )
        self.found_date.set_value(found_date or services.ctx.today())
        if found_date is not None:
            self.found_date.setReadOnly(True)
            set_role(self.found_date, "readonly")
            self.found_date.setToolTip("发现日期即检查日期")
        fields = record.fields if record else initial
        if fields is not None:
            self._load(fields)
        self._wire()
        self._refresh_responsible()

    # ---- view --------------------------------------------------------------------------
    def _build(self) -> None:
        self.community = IdCombo("（请选择小区）")
        self.community.setObjectName("community_id")
        self.category = QComboBox(objectName="category")
        self.category.addItem("（请选择类别）", None)
        for name in self._categories:
            self.category.addItem(name, name)
        self.description = QPlainTextEdit(objectName="description")
        self.description.setPlaceholderText("如：3号楼消防通道被电动车占用")
        self.source = EnumCombo(IssueSource)
        self.source.setObjectName("source")
        self.source_ref = QLineEdit(objectName="source_ref")
        self.source_ref.setPlaceholderText("工单号、信访件号等（12345工单、信访必填）")
        self.found_date = DateField("found_date", "发现日期")
        self.responsible_kind = EnumCombo(ResponsibleKind)
        self.responsible_kind.setObjectName("responsible_kind")
        self.responsible_name = QComboBox(objectName="responsible_name", editable=True)
        self.legal_basis = QLineEdit(objectName="legal_basis")
        self.measures = QPlainTextEdit(objectName="measures")
        self.measures.setPlaceholderText("整改要求，如：立即清理通道内停放的电动车")
        self.deadline = DateField("deadline", "整改时限")
        self.deadline_hint = QLabel()
        self.deadline_hint.setObjectName("deadline_hint")
        set_role(self.deadline_hint, "hint")
        self.notes = QLineEdit(objectName="notes")
        for edit in (self.description, self.measures):
            edit.setTabChangesFocus(True)
        self.description.setMinimumHeight(70)
        self.measures.setMinimumHeight(56)

        source_row = QHBoxLayout()
        source_row.addWidget(self.source, 1)
        source_row.addWidget(self.source_ref, 2)
        who_row = QHBoxLayout()
        who_row.addWidget(self.responsible_kind, 1)
        who_row.addWidget(self.responsible_name, 3)
        deadline_row = QHBoxLayout()
        deadline_row.addWidget(self.deadline)
        deadline_row.addWidget(self.deadline_hint, 1)

        form = QFormLayout()
        form.addRow("小区 *", self.community)
        form.addRow("问题类别 *", self.category)
        form.addRow("问题描述 *", self.description)
        form.addRow("来源", source_row)
        form.addRow("发现日期 *", self.found_date)
        form.addRow("责任单位 *", who_row)
        form.addRow("法律依据", self.legal_basis)
        form.addRow("整改要求", self.measures)
        form.addRow("整改时限 *", deadline_row)
        form.addRow("备注", self.notes)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        if self._collect_only:
            buttons.button(QDialogButtonBox.StandardButton.Save).setText("确定")
        buttons.accepted.connect(self._on_accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _load(self, f: IssueFields) -> None:
        self.community.set_value(f.community_id)
        self.category.setCurrentIndex(max(0, self.category.findData(f.category)))
        self.description.setPlainText(f.description)
        self.source.set_value(f.source)
        self.source_ref.setText(f.source_ref)
        if not self.found_date.isReadOnly():
            self.found_date.set_value(f.found_date)
        self.responsible_kind.set_value(f.responsible_kind)
        self.responsible_name.setEditText(f.responsible_name)
        self.legal_basis.setText(f.legal_basis)
        self.measures.setPlainText(f.measures)
        self.deadline.set_value(f.deadline)
        self.notes.setText(f.notes)

    def _wire(self) -> None:
        self.category.currentIndexChanged.connect(lambda _i: self._on_category())
        self.found_date.textChanged.connect(lambda _t: self._suggest_deadline())
        self.community.currentIndexChanged.connect(lambda _i: self._refresh_responsible())
        self.responsible_kind.currentIndexChanged.connect(lambda _i: self._refresh_responsible())

    # ---- suggestions -------------------------------------------------------------------
    def chosen_category(self) -> IssueCategory | None:
        name = self.category.currentData()
        return self._categories.get(name) if name else None

    def _fill(self, key: str, current: str, value: str) -> str | None:
        """The value to show, or None to leave a hand-typed value alone."""
        if current.strip() and current != self._auto[key]:
            return None
        self._auto[key] = value
        return value

    def _on_category(self) -> None:
        cat = self.chosen_category()
        if cat is not None:
            text = self._fill("legal_basis", self.legal_basis.text(), cat.legal_basis)
            if text is not None:
                self.legal_basis.setText(text)
        self._suggest_deadline()
        self._refresh_responsible()

    def _suggest_deadline(self) -> None:
        cat = self.chosen_category()
        try:
            found = self.found_date.value()
        except ValidationError:
            found = None
        if cat is None or found is None:
            self.deadline_hint.setText("")
            return
        self.deadline_hint.setText(f"（该类别默认 {cat.deadline_days} 天）")
        text = self._fill(
            "deadline", self.deadline.text(), default_deadline(found, cat).isoformat()
        )
        if text is not None:
            self.deadline.setText(text)

    def _suggestions(self) -> list[str]:
        kind = ResponsibleKind(self.responsible_kind.value())
        cid = self.community.value()
        if kind is ResponsibleKind.COMPANY and cid is not None:
            name = self._services.issues.suggested_responsible(cid)
            return [name] if name else []
        if kind is ResponsibleKind.COMMITTEE and cid is not None:
            return [f"{self.community.currentText()}业主委员会"]
        if kind is ResponsibleKind.DEPARTMENT:
            cat = self.chosen_category()
            return [cat.department] if cat is not None and cat.department else []
        return []

    def _refresh_responsible(self) -> None:
        combo = self.responsible_name
        current = combo.currentText()
        suggestions = self._suggestions()
        combo.blockSignals(True)
        combo.clear()
        combo.addItems(suggestions)
        text = self._fill("responsible_name", current, suggestions[0] if suggestions else "")
        combo.setEditText(current if text is None else text)
        combo.blockSignals(False)

    # ---- controller --------------------------------------------------------------------
    def _date(self, field: DateField, what: str) -> date:
        value = field.value()
        if value is None:
            field.mark_error(True)
            raise ValidationError(f"请填写{what}", field=field.field, value="")
        return value

    def fields(self) -> IssueFields:
        """Read the form; raises ValidationError naming the bad field."""
        if self.community.value() is None:
            raise ValidationError("请选择小区", field="community_id", value=None)
        if self.category.currentData() is None:
            raise ValidationError("请选择问题类别", field="category", value="")
        return IssueFields(
            community_id=self.community.value(),
            category=str(self.category.currentData()),
            description=self.description.toPlainText().strip(),
            found_date=self._date(self.found_date, "发现日期"),
            deadline=self._date(self.deadline, "整改时限"),
            responsible_name=self.responsible_name.currentText().strip(),
            # EnumCombo hands back the plain code string: make it the enum again
            responsible_kind=ResponsibleKind(self.responsible_kind.value()),
            source=IssueSource(self.source.value()),
            source_ref=self.source_ref.text().strip(),
            legal_basis=self.legal_basis.text().strip(),
            measures=self.measures.toPlainText().strip(),
            notes=self.notes.text().strip(),
        )

    def focus_field(self, field: str | None) -> QWidget | None:
        widget = super().focus_field(field)
        if isinstance(widget, DateField):
            widget.mark_error(True)
        return widget

    def _save(self, reason: str = "") -> Any:
        if not self._collect_only:
            return super()._save(reason)
        # collect only: nothing is written, the checked fields are the result
        return validate_issue(self.fields(), self._services.ctx.today(), list(self._categories))
