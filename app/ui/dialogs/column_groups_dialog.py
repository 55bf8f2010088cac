"""Which column groups of the 小区底数台账 to export: all 29 columns print at about 5 pt even
on A3, so a clerk who will print it leaves some groups out (the name, neighbourhood and
address are always there)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.domain.community_import import COLUMN_GROUPS
from app.ui.common.form_dialog import FormDialog
from app.ui.common.messages import MessageService


class ColumnGroupsDialog(FormDialog):
    """The groups chosen are the result (None: every column)."""

    def __init__(
        self,
        groups: Sequence[str] = tuple(COLUMN_GROUPS),
        parent: QWidget | None = None,
        *,
        messages: MessageService | None = None,
    ) -> None:
        super().__init__(parent, messages=messages)
        self.setWindowTitle("导出小区底数台账：选择列")
        layout = QVBoxLayout(self)
        hint = QLabel(
            "小区名称、所属社区和地址总会导出。全部列在 A3 纸上打印时字很小（约 5 磅），"
            "需要打印时请只选必要的列组。"
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.boxes = {g: QCheckBox(f"{g}（{len(COLUMN_GROUPS[g])} 列）") for g in groups}
        for box in self.boxes.values():
            box.setChecked(True)
            layout.addWidget(box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def fields(self) -> list[str] | None:
        chosen = [g for g, box in self.boxes.items() if box.isChecked()]
        return None if len(chosen) == len(self.boxes) else chosen


def ask_column_groups(
    parent: QWidget | None, messages: MessageService
) -> tuple[bool, list[str] | None]:
    """(False, None) when the clerk cancels; else (True, the groups or None for all). Without
    dialogs (tests, --no-error-dialogs) every column is exported."""
    if not messages.dialogs:
        return True, None
    dialog = ColumnGroupsDialog(parent=parent, messages=messages)
    if not dialog.exec():
        return False, None
    return True, dialog.result_value
