"""Which image formats a photo attachment may have, recognised by its first bytes."""

from __future__ import annotations

MAX_PHOTO_BYTES = 30 * 1024 * 1024

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", ".png"),
    (b"GIF87a", ".gif"),
    (b"GIF89a", ".gif"),
    (b"BM", ".bmp"),
)


def image_suffix(head: bytes) -> str | None:
    """The file suffix for a supported image, or None. WebP is RIFF....WEBP."""
    for magic, suffix in _MAGIC:
        if head.startswith(magic):
            return suffix
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return ".webp"
    return None
