"""One photo at full size, scaled down to fit the screen (never up), scrollable if larger."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QImage, QImageReader, QPixmap
from PySide6.QtWidgets import QDialog, QLabel, QScrollArea, QVBoxLayout, QWidget


def read_image(path: str, fit: QSize | None = None) -> QImage:
    """Read an image, decoded straight at the size that fits `fit` (fast for big photos);
    a null QImage when the file can't be read."""
    reader = QImageReader(path)
    reader.setAutoTransform(True)  # honour the camera's rotation (EXIF)
    size = reader.size()
    too_big = size.width() > fit.width() or size.height() > fit.height() if fit else False
    if fit is not None and size.isValid() and too_big:
        reader.setScaledSize(size.scaled(fit, Qt.AspectRatioMode.KeepAspectRatio))
    return reader.read()


class PhotoViewer(QDialog):
    def __init__(self, path: str, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or "查看照片")
        screen = (parent.screen() if parent else None) or QGuiApplication.primaryScreen()
        area = screen.availableGeometry().size() if screen else QSize(1024, 768)
        fit = QSize(int(area.width() * 0.85), int(area.height() * 0.8))
        image = read_image(path, fit)
        self.image_label = QLabel()
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if image.isNull():
            self.image_label.setText(f"无法打开照片：{path}")
            self.image_label.setWordWrap(True)
        else:
            self.image_label.setPixmap(QPixmap.fromImage(image))
        scroll = QScrollArea()
        scroll.setWidget(self.image_label)
        scroll.setWidgetResizable(True)
        scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(scroll)
        hint = self.image_label.sizeHint()
        self.resize(
            min(max(hint.width() + 24, 320), fit.width() + 24),
            min(max(hint.height() + 24, 240), fit.height() + 24),
        )
