"""The right-hand panel of the 问题台账 page (view): the current issue's fields, what happened
to it (timeline) and its photos. It only shows; the page decides what a click does."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import AttachmentKind, IssueStatus
from app.domain.issues import (
    AttachmentView,
    IssueRecord,
    IssueRow,
    TimelineEntry,
    is_overdue,
    status_text,
)
from app.ui.common import palette
from app.ui.common.photo_viewer import read_image
from app.ui.common.style import set_role

THUMB = QSize(96, 96)
DOC_ROLE = Qt.ItemDataRole.UserRole
PHOTO_ROLE = Qt.ItemDataRole.UserRole + 1
_FIELDS = [
    ("source", "来源"),
    ("found", "发现日期"),
    ("responsible", "责任单位"),
    ("deadline", "整改时限"),
    ("description", "问题描述"),
    ("legal_basis", "法律依据"),
    ("measures", "整改要求"),
    ("result", "整改情况"),
    ("reinspection", "复查"),
    ("closed", "销号"),
    ("documents", "文书号"),
    ("notes", "备注"),
]


def _day(d: date | None) -> str:
    return d.isoformat() if d else ""


class IssueDetailPanel(QWidget):
    document_requested = Signal(int)  # a timeline entry with a document was double-clicked
    photo_requested = Signal(str, str)  # path, title
    add_photo_requested = Signal(object)  # AttachmentKind

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._thumbs: dict[str, QIcon] = {}
        self._photos: dict[int, AttachmentView] = {}
        self.setMinimumWidth(300)
        self.title = QLabel("选择一条问题查看详情")
        self.title.setWordWrap(True)
        set_role(self.title, "title")
        self.status = QLabel()
        self.values: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        for key, label in _FIELDS:
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = value
            form.addRow(f"{label}：", value)
        body = QWidget()
        body.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)

        self.timeline = QListWidget()
        self.timeline.setWordWrap(True)
        self.timeline.setToolTip("双击带文书号的记录可查看文书")
        self.photos = QListWidget()
        self.photos.setViewMode(QListView.ViewMode.IconMode)
        self.photos.setIconSize(THUMB)
        self.photos.setGridSize(QSize(THUMB.width() + 16, THUMB.height() + 30))
        self.photos.setResizeMode(QListView.ResizeMode.Adjust)
        self.photos.setMovement(QListView.Movement.Static)
        self.photos.setWrapping(True)
        self.photos.setFixedHeight(THUMB.height() + 48)
        self.photos.setToolTip("双击查看大图")
        self.add_before = QPushButton("添加整改前照片…")
        self.add_after = QPushButton("添加整改后照片…")

        photo_head = QHBoxLayout()
        photo_head.setSpacing(4)
        photo_head.addWidget(QLabel("照片"))
        photo_head.addStretch(1)
        photo_head.addWidget(self.add_before)
        photo_head.addWidget(self.add_after)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 3)
        layout.addWidget(QLabel("处理经过"))
        layout.addWidget(self.timeline, 2)
        layout.addLayout(photo_head)
        layout.addWidget(self.photos)

        self.timeline.itemDoubleClicked.connect(self._on_timeline)
        self.photos.itemDoubleClicked.connect(self._on_photo)
        self.add_before.clicked.connect(
            lambda: self.add_photo_requested.emit(AttachmentKind.BEFORE)
        )
        self.add_after.clicked.connect(lambda: self.add_photo_requested.emit(AttachmentKind.AFTER))
        self.clear()

    # ---- showing -----------------------------------------------------------------------
    def clear(self, text: str = "选择一条问题查看详情") -> None:
        self.issue_id: int | None = None
        self.title.setText(text)
        self.status.setText("")
        for value in self.values.values():
            value.setText("")
        self.timeline.clear()
        self.photos.clear()
        self._photos = {}
        self.set_editable(False)

    def set_editable(self, on: bool) -> None:
        self.add_before.setEnabled(on)
        self.add_after.setEnabled(on)

    def show_issue(
        self,
        rec: IssueRecord,
        row: IssueRow | None,
        timeline: Sequence[TimelineEntry],
        photos: Sequence[AttachmentView],
        today: date,
    ) -> None:
        f = rec.fields
        self.issue_id = rec.id
        self.title.setText(f"#{rec.id}  {rec.community} · {f.category}")
        late = is_overdue(rec.status, f.deadline, today)
        self.status.setText(f"状态：{status_text(rec.status, f.deadline, today)}")
        set_role(self.status, "overdue" if late else None)
        source = f"{f.source.label}（{f.source_ref}）" if f.source_ref else f.source.label
        result = f"{rec.result}（{_day(rec.completed_on)}完成）" if rec.result else ""
        closed = f"{_day(rec.closed_on)} {rec.closed_by}".strip() if rec.closed_on else ""
        texts = {
            "source": source,
            "found": _day(f.found_date),
            "responsible": f"{f.responsible_name}（{f.responsible_kind.label}）",
            "deadline": _day(f.deadline),
            "description": f.description,
            "legal_basis": f.legal_basis,
            "measures": f.measures,
            "result": result,
            "reinspection": row.reinspection if row else "",
            "closed": closed,
            "documents": row.doc_numbers if row else "",
            "notes": f.notes,
        }
        for key, value in self.values.items():
            value.setText(texts[key] or "—")
        self._fill_timeline(timeline)
        self._fill_photos(photos)
        self.set_editable(rec.status is not IssueStatus.CLOSED)

    def _fill_timeline(self, entries: Sequence[TimelineEntry]) -> None:
        self.timeline.clear()
        for e in entries:
            item = QListWidgetItem(f"{_day(e.on)}  {e.text}")
            if e.document_id is not None:
                item.setData(DOC_ROLE, e.document_id)
                item.setForeground(palette.brush(palette.LINK))
                item.setToolTip("双击查看文书")
            if e.attachment_id is not None:
                item.setData(PHOTO_ROLE, e.attachment_id)
                item.setToolTip("双击查看照片")
            self.timeline.addItem(item)

    def thumbnail(self, path: str) -> QIcon:
        """The photo decoded straight at thumbnail size (fast even for big camera files)."""
        icon = self._thumbs.get(path)
        if icon is None:
            image = read_image(path, THUMB)
            if image.isNull():
                icon = self.style().standardIcon(self.style().StandardPixmap.SP_FileIcon)
            else:
                icon = QIcon(QPixmap.fromImage(image))
            if len(self._thumbs) > 500:
                self._thumbs.clear()
            self._thumbs[path] = icon
        return icon

    def _fill_photos(self, photos: Sequence[AttachmentView]) -> None:
        self.photos.clear()
        self._photos = {p.id: p for p in photos}
        for p in photos:
            item = QListWidgetItem(self.thumbnail(p.path), f"{p.kind.label} {p.added_on:%m-%d}")
            item.setData(PHOTO_ROLE, p.id)
            item.setToolTip(f"{p.original_name}\n{p.caption}".strip())
            self.photos.addItem(item)

    # ---- clicks ------------------------------------------------------------------------
    def _request_photo(self, attachment_id: object) -> None:
        p = self._photos.get(attachment_id) if isinstance(attachment_id, int) else None
        if p is not None:
            title = f"{p.kind.label}照片 {p.added_on:%Y-%m-%d} {p.caption or p.original_name}"
            self.photo_requested.emit(p.path, title)

    def _on_photo(self, item: QListWidgetItem) -> None:
        self._request_photo(item.data(PHOTO_ROLE))

    def _on_timeline(self, item: QListWidgetItem) -> None:
        doc = item.data(DOC_ROLE)
        if doc is not None:
            self.document_requested.emit(int(doc))
        else:
            self._request_photo(item.data(PHOTO_ROLE))
