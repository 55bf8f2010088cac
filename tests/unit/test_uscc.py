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
