import pytest

from app.domain import uscc
from app.domain.errors import ValidationError

VALID = "91440300708461136T"


def test_known_valid_code():
    assert uscc.validate(VALID) == VALID
    assert uscc.is_valid(VALID)


@pytest.mark.parametrize("last", [c for c in uscc.ALPHABET if c != "T"])
def test_every_other_check_character_is_rejected_and_names_the_expected_one(last):
    with pytest.raises(ValidationError) as err:
        uscc.validate(VALID[:17] + last)
    assert "应为“T”" in err.value.message
    assert err.value.field == "uscc"


def test_lower_case_spaces_and_full_width_are_normalised():
    assert uscc.validate(" 9144 0300 7084 6113 6t ") == VALID
    full = "".join(chr(ord(c) + 0xFEE0) for c in VALID)
    assert uscc.validate(full) == VALID
    assert uscc.validate("9144\u30000300708461136T") == VALID


@pytest.mark.parametrize("bad_char", ["I", "O", "Z", "S", "V"])
def test_excluded_letters_are_rejected(bad_char):
    with pytest.raises(ValidationError) as err:
        uscc.validate(VALID[:5] + bad_char + VALID[6:])
    assert bad_char in err.value.message


@pytest.mark.parametrize("code", ["", "9144030070846113", VALID + "0"])
def test_wrong_length(code):
    with pytest.raises(ValidationError) as err:
        uscc.validate(code)
    assert "18位" in err.value.message


def test_check_char_computation_matches_the_formula():
    body = VALID[:17]
    total = sum(uscc.ALPHABET.index(c) * (3**i % 31) for i, c in enumerate(body))
    assert uscc.check_char(body) == uscc.ALPHABET[(31 - total % 31) % 31] == "T"


def test_check_value_zero_maps_to_character_zero():
    # Find a body whose weighted sum is a multiple of 31: its check character is "0".
    for n in range(10**6):
        body = f"91{n:015d}"
        total = sum(uscc.ALPHABET.index(c) * w for c, w in zip(body, uscc.WEIGHTS, strict=True))
        if total % 31 == 0:
            assert uscc.check_char(body) == "0"
            assert uscc.is_valid(body + "0")
            return
    pytest.fail("no body found")


# ---- invisible characters (issue 12, item 10) ------------------------------------------------
@pytest.mark.parametrize(
    "invisible",
    [
        "\u200b",  # zero-width space: once reported '当前为19位'
        "\u200c",  # zero-width non-joiner
        "\u200d",  # zero-width joiner
        "\u2060",  # word joiner
        "\ufeff",  # byte-order mark
        "\u00a0",  # no-break space
        "\u3000",  # ideographic (full-width) space
        "\u00ad",  # soft hyphen
        "\t",
        "\r\n",
    ],
)
def test_invisible_characters_are_dropped_before_checking(invisible):
    assert uscc.validate(VALID[:4] + invisible + VALID[4:]) == VALID
    assert uscc.validate(invisible + VALID + invisible) == VALID
    assert uscc.warnings(VALID[:9] + invisible + VALID[9:]) == []


def test_invisible_characters_do_not_count_towards_the_length():
    with pytest.raises(ValidationError, match="当前为17位"):
        uscc.validate("\u200b" + VALID[:17] + "\u200b")


# ---- warnings that do not block (GB 32100-2015 表1, region, GB 11714) -------------------------
def with_check(first17: str) -> str:
    """A code whose 18th character is right, whatever the first 17 say."""
    return first17 + uscc.check_char(first17)


def test_the_known_valid_code_has_nothing_to_doubt():
    assert uscc.warnings(VALID) == []
    assert uscc.org_check_char("70846113") == "6"


def test_a_letter_in_the_region_code_is_one_warning_and_still_saves():
    code = with_check("9144A3" + VALID[6:17])
    assert uscc.validate(code) == code  # the check character is right: not refused
    (w,) = uscc.warnings(code)
    assert "行政区划码“44A300”" in w and "6位数字" in w


def test_a_bad_embedded_organisation_code_is_one_warning():
    code = with_check(VALID[:16] + "7")  # 70846113-7; GB 11714 wants 6
    assert uscc.is_valid(code)
    (w,) = uscc.warnings(code)
    assert "组织机构代码“70846113-7”" in w and "应为“6”" in w


@pytest.mark.parametrize(
    ("body8", "check"),
    [
        ("00000000", "0"),  # Σ = 0: 11 − 0 = 11 → '0'
        ("00000001", "9"),  # Σ = 2
        ("00000005", "1"),  # Σ = 10: 11 − 10 = 1
        ("10000000", "8"),  # Σ = 3
        ("00000030", "X"),  # Σ = 12: 11 − 1 = 10 → 'X'
        ("A0000000", "3"),  # A = 10: Σ = 30, 30 mod 11 = 8 → 3
        ("MA000000", "7"),  # M = 22, A = 10: 66 + 70 = 136, 136 mod 11 = 4 → 7
    ],
)
def test_gb_11714_check_character(body8, check):
    total = sum(int(c, 36) * w for c, w in zip(body8, uscc.ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    assert uscc.org_check_char(body8) == {10: "X", 11: "0"}.get(value, str(value)) == check


def test_an_x_check_in_the_organisation_code_is_accepted_without_warning():
    code = with_check("91440300" + "00000030" + "X")
    assert uscc.warnings(code) == []


@pytest.mark.parametrize(
    ("first2", "words"),
    [
        ("B1", "第1位登记管理部门代码“B”"),  # no authority B
        ("01", "第1位登记管理部门代码“0”"),
        ("99", "第2位机构类别代码“9”不是登记管理部门“工商”（9）"),  # 工商 has no 其他
        ("94", "第2位机构类别代码“4”"),
        ("Y2", "登记管理部门“其他”（Y）"),
        ("1A", "第2位机构类别代码“A”"),
        ("36", "登记管理部门“司法行政”（3）"),
    ],
)
def test_unknown_authority_or_type_is_one_warning(first2, words):
    code = with_check(first2 + VALID[2:17])
    assert uscc.is_valid(code)
    (w,) = uscc.warnings(code)
    assert words in w


@pytest.mark.parametrize(
    "first2",
    ["11", "12", "13", "19", "21", "29", "31", "35", "39", "41", "51", "52", "53", "59",
     "61", "62", "71", "72", "81", "91", "92", "93", "A1", "A9", "N1", "N2", "N3", "N9", "Y1"],
)  # fmt: skip
def test_every_pair_of_gb_32100_table_1_is_accepted_quietly(first2):
    assert uscc.warnings(with_check(first2 + VALID[2:17])) == []


def test_several_doubts_are_all_listed_and_an_invalid_code_has_none():
    code = with_check("B1ABCDEF" + VALID[8:16] + "7")
    assert len(uscc.warnings(code)) == 3
    assert uscc.warnings(VALID[:17] + "A") == []  # refused by validate(), not doubted
    assert uscc.warnings("") == []


def test_the_demo_companies_raise_no_uscc_warning():
    """The demonstration township's codes are valid to the embedded organisation code."""
    import random

    from app.services.demo_data import make_uscc

    rng = random.Random(7)
    codes = [make_uscc(rng) for _ in range(200)]
    assert all(uscc.is_valid(c) and uscc.warnings(c) == [] for c in codes)


def test_a_code_of_invisible_characters_only_is_no_code():
    from app.domain.community import CompanyFields, validate_company

    assert validate_company(CompanyFields(name="甲物业", uscc="\u200b\u200b")).uscc == ""
