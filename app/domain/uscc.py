"""统一社会信用代码 (GB 32100-2015) validation, DOMAIN.md §5.5."""

from __future__ import annotations

from app.domain.errors import ValidationError
from app.domain.text import normalize_width

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [pow(3, i, 31) for i in range(17)]  # 3^(i-1) mod 31 for i = 1..17


def normalize(raw: str) -> str:
    """Upper-case, fold full-width characters to ASCII and drop all white space."""
    return "".join(normalize_width(raw).split()).upper()


def check_char(first17: str) -> str:
    """The check character for the first 17 characters (all from ALPHABET)."""
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def validate(raw: str) -> str:
    """Return the normalised code, or raise ValidationError with a Chinese message."""
    code = normalize(raw)
    if len(code) != 18:
        raise ValidationError(
            f"统一社会信用代码应为18位，当前为{len(code)}位", field="uscc", value=raw, rule="length"
        )
    bad = [c for c in code if c not in ALPHABET]
    if bad:
        raise ValidationError(
            f"统一社会信用代码含有无效字符“{bad[0]}”（不使用 I、O、Z、S、V）",
            field="uscc",
            value=raw,
            rule="alphabet",
        )
    expected = check_char(code[:17])
    if code[17] != expected:
        raise ValidationError(
            f"统一社会信用代码校验位错误：第18位应为“{expected}”，实际为“{code[17]}”",
            field="uscc",
            value=raw,
            rule="check",
        )
    return code


def is_valid(raw: str) -> bool:
    try:
        validate(raw)
    except ValidationError:
        return False
    return True
