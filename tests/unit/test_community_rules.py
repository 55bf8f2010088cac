from datetime import date
from decimal import Decimal

import pytest

from app.domain.community import (
    CommunityFields,
    CompanyFields,
    contract_expiring,
    validate_community,
    validate_company,
)
from app.domain.enums import Listing, ManagementMode
from app.domain.errors import ValidationError

BASE = CommunityFields(name="幸福家园", neighborhood="东风社区", company_id=1)


def check(**changes):
    validate_community(BASE.with_changes(**changes), this_year=2026)


def test_valid_base():
    check()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": " "}, "name"),
        ({"neighborhood": ""}, "neighborhood"),
        ({"household_count": -1}, "household_count"),
        ({"year_built": 1899}, "year_built"),
        ({"year_built": 2028}, "year_built"),
        ({"private_area": Decimal("-0.01")}, "private_area"),
        ({"delivered_share": Decimal("100.01")}, "delivered_share"),
        ({"company_id": None}, "company_id"),
        ({"management_mode": ManagementMode.UNMANAGED}, "company_id"),
        ({"contract_start": date(2026, 1, 2), "contract_end": date(2026, 1, 1)}, "contract_end"),
        ({"project_manager_phone": "电话"}, "project_manager_phone"),
    ],
)
def test_rules_name_the_field(changes, field):
    with pytest.raises(ValidationError) as err:
        check(**changes)
    assert err.value.field == field
    assert err.value.message  # Chinese text


def test_boundaries_that_pass():
    check(
        year_built=2027,
        household_count=0,
        delivered_share=Decimal(100),
        contract_start=date(2026, 1, 1),
        contract_end=date(2026, 1, 1),
    )


def test_contract_expiring_window_is_inclusive():
    today = date(2026, 11, 23)
    assert contract_expiring(date(2027, 2, 21), today, 90)
    assert not contract_expiring(date(2027, 2, 22), today, 90)
    assert contract_expiring(today, today, 90)
    assert not contract_expiring(date(2026, 11, 22), today, 90)


def test_company_validation_normalises_uscc_and_requires_listing_reason():
    c = validate_company(CompanyFields(name=" 某物业 ", uscc="91440300708461136t"))
    assert c.uscc == "91440300708461136T" and c.name == "某物业"
    with pytest.raises(ValidationError) as err:
        validate_company(CompanyFields(name="某物业", listing=Listing.BLACK))
    assert err.value.field == "listing_reason"


def test_masked_phone_is_named_as_masked():
    with pytest.raises(ValidationError, match="隐藏了中间四位"):
        check(project_manager_phone="138****5678")
