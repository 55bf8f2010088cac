"""Money: integer fen in, yuan text and Chinese capital amounts (大写金额) out.

Capitals follow the People's Bank rules for filling in bills (《正确填写票据和结算凭证的
基本规定》): 零 for a gap inside the number (one 零 for a run of zeros), 整 after 元 when
there are no 角 or 分, 零 between 元 and 分 when 角 is zero, and 壹拾 for ten to nineteen.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from app.domain.errors import ValidationError
from app.domain.text import normalize_width

DIGITS = "零壹贰叁肆伍陆柒捌玖"
_PLACES = ("", "拾", "佰", "仟")
_GROUPS = ("", "万")
MAX_FEN = 10**16 - 1  # 99,999,999,999,999.99 yuan: far beyond any repair


def yuan(fen: int) -> str:
    """10005 00 fen → '10,005.00'."""
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100:,}.{fen % 100:02d}"


def parse_yuan(value: object, *, what: str = "金额", allow_zero: bool = True) -> int:
    """A yuan amount ('1,234.5', '¥1234.50', Decimal, int) as fen. Refuses more than two
    decimal places, negatives and anything that is not a number, with a Chinese message."""
    if isinstance(value, float):
        value = repr(value)
    text = normalize_width(str(value)).strip().replace(",", "").replace("，", "")
    text = text.removeprefix("¥").removeprefix("￥").removesuffix("元").strip()
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValidationError(f"{what}“{value}”不是有效的金额", value=value) from None
    if not amount.is_finite():
        raise ValidationError(f"{what}“{value}”不是有效的金额", value=value)
    if amount < 0:
        raise ValidationError(f"{what}不能为负数：{value}", value=value)
    if amount * 100 > MAX_FEN:
        raise ValidationError(f"{what}过大：{value}", value=value)
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError(f"{what}最多保留两位小数（到分）：{value}", value=value)
    fen = int(amount * 100)
    if fen == 0 and not allow_zero:
        raise ValidationError(f"{what}必须大于零", value=value)
    return fen


def _group(n: int) -> str:
    """0 < n < 10000 in capitals, with 零 for inner gaps (1005 → 壹仟零伍)."""
    out: list[str] = []
    zero = False
    for place in range(3, -1, -1):
        d = n // 10**place % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(DIGITS[d] + _PLACES[place])
    return "".join(out)


def _below_yi(n: int) -> str:
    """0 ≤ n < 10**8 in capitals ('' for 0), 零 for a gap across 万: 壹拾万零柒佰."""
    groups = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    out: list[str] = []
    pending_zero = False
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if g == 0:
            pending_zero = bool(out)
            continue
        if out and (pending_zero or g < 1000):
            out.append("零")  # a gap before this group: 壹万零伍
        out.append(_group(g) + _GROUPS[i])
        pending_zero = False
    return "".join(out)


def _integer(n: int) -> str:
    """n < 10**16 in capitals. Above 亿 the count of 亿 is read like any number below 亿:
    10001 亿 is 壹万零壹亿 and 12345 亿 is 壹万贰仟叁佰肆拾伍亿 (never 壹万亿零壹亿)."""
    high, low = divmod(n, 10**8)
    if not high:
        return _below_yi(low)
    out = _below_yi(high) + "亿"
    if low:
        if low < 10**7:
            out += "零"  # a gap after 亿: 壹亿零壹元, 壹万亿零伍佰万
        out += _below_yi(low)
    return out


def capital(fen: int) -> str:
    """1000500 fen → '壹万零伍元整'; 12340000 → '壹拾贰万叁仟肆佰元整'; 1640902 →
    '壹万陆仟肆佰零玖元零贰分'."""
    if fen < 0:
        raise ValueError("金额不能为负数")
    if fen > MAX_FEN:
        raise ValueError("金额过大")
    whole, jiao, cents = fen // 100, fen // 10 % 10, fen % 10
    head = _integer(whole)
    if not jiao and not cents:
        return f"{head or '零'}元整"
    out = f"{head}元" if head else ""
    if jiao:
        out += DIGITS[jiao] + "角"
    elif head:
        out += "零"
    if cents:
        out += DIGITS[cents] + "分"
    return out
