"""A company's USCC: invisible characters dropped, doubts warned about but never blocking
the save (issue 12, item 10)."""

from __future__ import annotations

import pytest

from app.domain import uscc
from app.domain.community import CompanyFields
from app.domain.errors import ValidationError

VALID = "91440300708461136T"


def test_a_zero_width_space_inside_a_valid_code_saves_the_clean_code(services):
    rec = services.companies.create(CompanyFields(name="安居物业", uscc="9144\u200b0300708461136T"))
    assert rec.fields.uscc == VALID
    assert services.companies.get(rec.id).fields.uscc == VALID
    assert services.companies.uscc_warnings("9144\u200b0300708461136T\ufeff") == []


def test_a_doubtful_code_still_saves_and_its_warning_is_available(services):
    code = "9144A300708461136"
    code += uscc.check_char(code)
    rec = services.companies.create(CompanyFields(name="某物业", uscc=code))
    assert services.companies.get(rec.id).fields.uscc == code
    (w,) = services.companies.uscc_warnings(code)
    assert "行政区划码" in w


def test_a_bad_check_character_is_still_refused(services):
    with pytest.raises(ValidationError, match="应为“T”"):
        services.companies.create(CompanyFields(name="某物业", uscc=VALID[:17] + "A"))
    assert services.companies.uscc_warnings(VALID[:17] + "A") == []
