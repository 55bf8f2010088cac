"""Show the import report; write only after the user has seen it and confirmed."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.tabular import CellProblem
from app.services.import_service import ImportReport
from app.ui.common.form_dialog import FormDialog
from app.ui.models.id_table_model import Column
from app.ui.models.list_table_model import ListTableModel

PROBLEM_COLUMNS: list[Column[CellProblem]] = [
    Column("行号", lambda p: str(p.row), align_right=True),
    Column("列", lambda p: p.column),
    Column("填写的值", lambda p: p.value),
    Column("问题", lambda p: p.message),
]


class ImportDialog(FormDialog):
    """The report and 确认导入 / 取消 (the caller writes); FormDialog for the remembered size."""

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle("导入检查报告")
        self.resize(760, 480)
        layout = QVBoxLayout(self)
        summary = [f"文件：{report.file}", f"工作表：{report.sheet}；数据行 {report.total_rows} 行"]
        if report.unknown_headers:
            summary.append("未识别的列（将忽略）：" + "、".join(report.unknown_headers))
        if report.ok:
            summary.append(
                f"检查通过：将新增小区 {len(report.to_create)} 个，更新 {len(report.to_update)} 个，"
                f"新增物业企业 {len(report.new_companies)} 家。点击“确认导入”后一次性写入。"
            )
        else:
            summary.append(
                f"有 {report.bad_rows} 行数据有误（共 {len(report.problems)} 处），不能导入。"
                "请按下表修改 Excel 文件后重新导入。本次没有写入任何数据。"
            )
        self.summary = QLabel("\n".join(summary))
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.model = ListTableModel(PROBLEM_COLUMNS, report.problems)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setVisible(bool(report.problems))
        layout.addWidget(self.table)
        buttons = QDialogButtonBox()
        if report.ok:
            self.confirm = buttons.addButton("确认导入", QDialogButtonBox.ButtonRole.AcceptRole)
            buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        else:
            self.confirm = None
            buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
