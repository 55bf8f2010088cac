"""统一社会信用代码 (GB 32100-2015) validation, DOMAIN.md §5.5."""

from __future__ import annotations

import unicodedata

from app.domain.errors import ValidationError
from app.domain.text import normalize_width

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [pow(3, i, 31) for i in range(17)]  # 3^(i-1) mod 31 for i = 1..17


# Invisible characters dropped before checking: controls (Cc: tab, newline…), format
# characters (Cf: zero-width space/non-joiner/joiner U+200B–U+200D, word joiner U+2060, BOM
# U+FEFF, soft hyphen…) and every kind of space (Zs/Zl/Zp: NBSP, the ideographic space…).
_INVISIBLE = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})


def normalize(raw: str) -> str:
    """Upper-case, fold full-width characters to ASCII and drop all white space and every
    invisible character (a zero-width space pasted from a web page is not a 19th character)."""
    text = normalize_width(raw)
    return "".join(c for c in text if unicodedata.category(c) not in _INVISIBLE).upper()


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


# GB 32100-2015 表1 (登记管理部门代码 and 机构类别代码), with the rows added since for 中央军委
# 改革和编制办公室 (A) and 农业 (N): the registration authority, then the organisation types
# it may give. 工商 (9) has no 其他 type; 其他 (Y) has only 1. A pair outside this table is
# warned about, never refused: the table has grown before and may grow again.
AUTHORITIES: dict[str, tuple[str, dict[str, str]]] = {
    "1": (
        "机构编制",
        {"1": "机关", "2": "事业单位", "3": "编办直接管理机构编制的群众团体", "9": "其他"},
    ),
    "2": ("外交", {"1": "外国常驻新闻机构", "9": "其他"}),
    "3": (
        "司法行政",
        {
            "1": "律师执业机构",
            "2": "公证处",
            "3": "基层法律服务所",
            "4": "司法鉴定机构",
            "5": "仲裁委员会",
            "9": "其他",
        },
    ),
    "4": ("文化", {"1": "外国在华文化中心", "9": "其他"}),
    "5": ("民政", {"1": "社会团体", "2": "民办非企业单位", "3": "基金会", "9": "其他"}),
    "6": (
        "旅游",
        {
            "1": "外国旅游部门常驻代表机构",
            "2": "港澳台地区旅游部门常驻内地（大陆）代表机构",
            "9": "其他",
        },
    ),
    "7": ("宗教", {"1": "宗教活动场所", "2": "宗教院校", "9": "其他"}),
    "8": ("工会", {"1": "基层工会", "9": "其他"}),
    "9": ("工商", {"1": "企业", "2": "个体工商户", "3": "农民专业合作社"}),
    "A": ("中央军委改革和编制办公室", {"1": "军队事业单位", "9": "其他"}),
    "N": (
        "农业",
        {"1": "组级集体经济组织", "2": "村级集体经济组织", "3": "乡镇级集体经济组织", "9": "其他"},
    ),
    "Y": ("其他", {"1": "其他"}),
}

# GB 11714-1997: the organisation code embedded in characters 9–17 (8 body characters and a
# check character). Body characters are 0–9 (their value) and A–Z (A = 10 … Z = 35).
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def org_check_char(body8: str) -> str:
    """The GB 11714 check character of an 8-character organisation-code body:
    11 − Σ mod 11, with 10 written 'X' and 11 written '0'."""
    total = sum(int(c, 36) * w for c, w in zip(body8, ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return "X" if value == 10 else "0" if value == 11 else str(value)


def warnings(raw: str) -> list[str]:
    """Doubts about a code whose check character is right, to show but not to refuse: a
    registration authority or organisation type that GB 32100-2015 表1 does not define, a
    region code (characters 3–8) that is not six digits, an embedded organisation code
    (characters 9–17) that fails its own GB 11714 check. [] for an invalid code (validate()
    says what is wrong with it) and for a code with nothing to doubt."""
    if not is_valid(raw):
        return []
    code = normalize(raw)
    out: list[str] = []
    authority, kind, region, org = code[0], code[1], code[2:8], code[8:17]
    if authority not in AUTHORITIES:
        known = "、".join(AUTHORITIES)
        out.append(
            f"第1位登记管理部门代码“{authority}”不是 GB 32100-2015 规定的代码（应为 {known} 之一）"
        )
    else:
        name, kinds = AUTHORITIES[authority]
        if kind not in kinds:
            allowed = "、".join(f"{k}（{v}）" for k, v in kinds.items())
            out.append(
                f"第2位机构类别代码“{kind}”不是登记管理部门“{name}”（{authority}）规定的类别，"
                f"应为 {allowed}"
            )
    if not region.isdigit():
        out.append(f"第3–8位登记管理机关行政区划码“{region}”应为6位数字")
    expected = org_check_char(org[:8])
    if org[8] != expected:
        out.append(
            f"第9–17位组织机构代码“{org[:8]}-{org[8]}”校验不符（GB 11714），第17位应为“{expected}”"
        )
    return out
