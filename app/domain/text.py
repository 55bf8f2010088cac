"""Text helpers: full-width folding, header keys, phone masking."""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")


def normalize_width(text: str) -> str:
    """Fold full-width ASCII and the ideographic space to their half-width forms."""
    out = []
    for ch in text:
        code = ord(ch)
        if code == 0x3000:
            out.append(" ")
        elif 0xFF01 <= code <= 0xFF5E:
            out.append(chr(code - 0xFEE0))
        else:
            out.append(ch)
    return "".join(out)


def header_key(text: object) -> str:
    """A forgiving key for a column header: width-folded, NFKC, no spaces, no brackets' width."""
    if text is None:
        return ""
    s = unicodedata.normalize("NFKC", normalize_width(str(text)))
    s = _SPACE.sub("", s)
    return s.replace("*", "").replace("（", "(").replace("）", ")").lower()


def clean_cell_text(value: object) -> str:
    """Trimmed, width-folded text of a cell ('' for empty)."""
    if value is None:
        return ""
    return normalize_width(str(value)).strip()


def mask_phone(phone: str) -> str:
    """138****5678 for an 11-digit mobile; landlines and short numbers are left alone."""
    digits = phone.strip()
    if re.fullmatch(r"1\d{10}", digits):
        return f"{digits[:3]}****{digits[7:]}"
    return phone
