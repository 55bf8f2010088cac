"""整改通知书: edit the drafted wording beside a live preview of the text as it will print.

View: the form, the preview and the buttons. The controller (chain_actions) passes `submit`,
which issues the notice; a bad value (e.g. a deadline before today) keeps the dialog open.
"""

from __future__ import annotations

import contextlib
import html
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain.documents import NoticeText, cn_date
from app.domain.errors import PropDeskError, ValidationError
from app.ui.common import palette
from app.ui.common.fields import DateField
from app.ui.common.form_dialog import FormDialog, Submit
from app.ui.common.messages import MessageService
from app.ui.common.style import set_role

NUMBER_PREVIEW = "文号：签发时自动编号"
DUPLEX_ON = "双面打印：开（通知书为单数页时插入一页空白页，送达回证另起一张纸）"
DUPLEX_OFF = "双面打印：关（送达回证紧接通知书最后一页；可在“设置”中打开）"


def _multi(name: str, lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit(objectName=name)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(lines * 22 + 12)
    return edit


def preview_html(text: NoticeText) -> str:
    """The notice as it will print, for the read-only preview."""
    esc = html.escape
    parts = [
        "<h2 align='center' style='letter-spacing:4px'>整改通知书</h2>",
        f"<p align='center' style='color:{palette.HINT}'>{NUMBER_PREVIEW}</p>",
        f"<p>{esc(text.addressee.strip())}：</p>",
    ]
    parts += [f"<p style='text-indent:32px'>{esc(p)}</p>" for p in text.paragraphs()]
    parts.append(f"<p align='right'>{esc(text.issuer.strip())}<br/>{cn_date(text.issue_date)}</p>")
    return "".join(parts)


class NoticeDialog(FormDialog):
    def __init__(
        self,
        text: NoticeText,
        parent: QWidget | None = None,
        *,
        submit: Submit | None = None,
        messages: MessageService | None = None,
        preview_pdf: Callable[[NoticeText], None] | None = None,
        duplex: bool = False,
    ) -> None:
        super().__init__(parent, submit=submit, messages=messages)
        self._draft = text
        self._duplex = duplex  # the 双面打印 setting, shown under the preview
        self._preview_pdf = preview_pdf
        self._deadline = text.deadline  # last parseable deadline, for the live preview
        self.setWindowTitle("开具整改通知书")
        self.resize(1120, 720)
        self._build()
        self._load(text)
        self.update_preview()

    # ---- view --------------------------------------------------------------------------
    def _build(self) -> None:
        self.addressee = QLineEdit(objectName="addressee")
        self.facts = _multi("facts", 5)
        self.legal_basis = QLineEdit(objectName="legal_basis")
        self.requirements = _multi("requirements", 4)
        self.deadline = DateField("deadline", "整改期限")
        self.contact = QLineEdit(objectName="contact")
        self.issuer = QLineEdit(objectName="issuer")
        self.closing = _multi("closing", 2)
        self.closing.setMaximumHeight(2 * 22 + 20)
        self.period_note = QLabel(wordWrap=True)
        set_role(self.period_note, "warning")
        form = QFormLayout()
        form.addRow("受文单位", self.addressee)
        form.addRow("检查发现的问题\n（每行一条）", self.facts)
        form.addRow("依据", self.legal_basis)
        form.addRow("整改要求\n（每行一条）", self.requirements)
        form.addRow("整改期限", self.deadline)
        form.addRow("", self.period_note)
        form.addRow("联系人及电话", self.contact)
        form.addRow("署名（发文单位）", self.issuer)
        form.addRow("结尾语", self.closing)
        left = QWidget()
        left.setLayout(form)

        self.preview = QTextBrowser(objectName="preview")
        self.preview.setOpenLinks(False)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel("预览（正文将按此打印；文号在签发时自动编号）"))
        right_layout.addWidget(self.preview)
        self.duplex_note = QLabel(DUPLEX_ON if self._duplex else DUPLEX_OFF, wordWrap=True)
        self.duplex_note.setObjectName("duplex_note")
        set_role(self.duplex_note, "hint")
        right_layout.addWidget(self.duplex_note)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([560, 540])

        self.buttons = QDialogButtonBox()
        self.issue_button = self.buttons.addButton("签发", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.pdf_button = QPushButton("预览PDF…")
        self.pdf_button.setToolTip("按当前内容生成一份草稿PDF查看版式（不编号、不存档）")
        self.pdf_button.setVisible(self._preview_pdf is not None)
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)
        self.pdf_button.clicked.connect(self._on_preview_pdf)

        bottom = QHBoxLayout()
        bottom.addWidget(self.pdf_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        for line in (self.addressee, self.legal_basis, self.deadline, self.contact, self.issuer):
            line.textChanged.connect(self.update_preview)
        for edit in (self.facts, self.requirements, self.closing):
            edit.textChanged.connect(self.update_preview)

    def _load(self, t: NoticeText) -> None:
        self.addressee.setText(t.addressee)
        self.facts.setPlainText(t.facts)
        self.legal_basis.setText(t.legal_basis)
        self.requirements.setPlainText(t.requirements)
        self.deadline.set_value(t.deadline)
        self.contact.setText(t.contact)
        self.issuer.setText(t.issuer)
        self.closing.setPlainText(t.closing)

    # ---- controller --------------------------------------------------------------------
    def _text(self, deadline: date) -> NoticeText:
        period = None
        if self._draft.period_days is not None:
            days = (deadline - self._draft.issue_date).days
            period = days if days > 0 else None
        return replace(
            self._draft,
            addressee=self.addressee.text().strip(),
            facts=self.facts.toPlainText().strip(),
            legal_basis=self.legal_basis.text().strip(),
            requirements=self.requirements.toPlainText().strip(),
            deadline=deadline,
            contact=self.contact.text().strip(),
            issuer=self.issuer.text().strip(),
            closing=self.closing.toPlainText().strip(),
            period_days=period,
        )

    def edited(self) -> NoticeText:
        """The wording as edited; ValidationError when the deadline can't be read."""
        deadline = self.deadline.value()
        if deadline is None:
            self.deadline.mark_error(True)
            raise ValidationError("请填写整改期限", field="deadline")
        return self._text(deadline)

    fields = edited

    def update_preview(self) -> None:
        with contextlib.suppress(ValidationError):  # half-typed: keep the last readable date
            self._deadline = self.deadline.value() or self._deadline
        self.deadline.mark_error(False)
        text = self._text(self._deadline)
        if text.period_days is not None:
            self.period_note.setText(
                f"按本单位规则，期限自送达之日起计算：通知书将写“{text.deadline_phrase()}”。"
            )
        self.period_note.setVisible(text.period_days is not None)
        bar = self.preview.verticalScrollBar()
        keep = bar.value()
        self.preview.setHtml(preview_html(text))
        bar.setValue(keep)

    def preview_text(self) -> str:
        return self.preview.toPlainText()

    def _on_preview_pdf(self) -> None:
        if self._preview_pdf is None:
            return
        try:
            self._preview_pdf(self.edited())
        except ValidationError as err:
            self.focus_field(err.field)
            self._messages.warn(err.message, "请检查输入")
        except PropDeskError as err:
            self._messages.warn(err.message)
