import json
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from app.domain.community import CommunityFields, CommunityQuery, CompanyFields
from app.domain.enums import ManagementMode
from app.domain.errors import ConflictError, ValidationError
from app.storage.repositories import audit_repo

VALID_USCC = "91440300708461136T"


@pytest.fixture
def company_id(services):
    return services.companies.create(CompanyFields(name="安居物业", uscc=VALID_USCC)).id


def fields(company_id, **kw):
    base = CommunityFields(
        name="幸福家园",
        neighborhood="东风社区",
        company_id=company_id,
        household_count=500,
        private_area=Decimal("45000.50"),
    )
    return replace(base, **kw)


def test_create_read_update_with_audit(services, company_id):
    rec = services.communities.create(fields(company_id))
    assert rec.fields.private_area == Decimal("45000.50")
    assert rec.company_name == "安居物业"
    services.communities.update(rec.id, fields(company_id, household_count=520))
    history = services.communities.history(rec.id)
    assert [h.action for h in history] == ["create", "update"]
    assert history[1].changes == {"household_count": [500, 520]}
    assert history[1].operator == "测试员"


def test_duplicate_name_is_refused_and_nothing_changes(services, company_id):
    services.communities.create(fields(company_id))
    with pytest.raises(ConflictError, match="已存在"):
        services.communities.create(fields(company_id, address="另一个"))
    assert services.communities.count() == 1


def test_invalid_community_writes_nothing(services, company_id):
    with pytest.raises(ValidationError):
        services.communities.create(fields(company_id, household_count=-3))
    assert services.communities.count() == 0
    with services.ctx.db.read() as s:
        assert audit_repo.recent(s) == [c for c in audit_repo.recent(s) if c.entity == "company"]


def test_delete_fresh_but_archive_with_history(services, company_id):
    fresh = services.communities.create(fields(company_id, name="新录入"))
    services.communities.delete(fresh.id)
    edited = services.communities.create(fields(company_id))
    services.communities.update(edited.id, fields(company_id, notes="改过"))
    with pytest.raises(ConflictError, match="归档"):
        services.communities.delete(edited.id)
    services.communities.set_archived(edited.id, True)
    assert services.communities.search_ids(CommunityQuery()) == []
    assert services.communities.search_ids(CommunityQuery(include_archived=True)) == [edited.id]


def test_company_in_use_cannot_be_deleted(services, company_id):
    rec = services.communities.create(fields(company_id))
    services.communities.update(rec.id, fields(company_id, notes="x"))
    services.communities.set_archived(rec.id, True)
    with pytest.raises(ConflictError, match="仍在服务 1 个小区"):
        services.companies.delete(company_id)
    assert services.companies.get(company_id).fields.name == "安居物业"
    assert [r.name for r in services.companies.communities(company_id)] == ["幸福家园"]


def test_company_uscc_rules(services, company_id):
    with pytest.raises(ValidationError, match="第18位应为“T”"):
        services.companies.create(CompanyFields(name="某物业", uscc=VALID_USCC[:17] + "A"))
    with pytest.raises(ConflictError, match="已登记"):
        services.companies.create(CompanyFields(name="另一家", uscc=VALID_USCC.lower()))


def test_filters_and_sorting_are_done_by_the_query(demo):
    c = demo.communities
    all_ids = c.search_ids(CommunityQuery())
    assert len(all_ids) == 40
    rows = c.rows(all_ids)
    assert [r.name for r in rows] == sorted(r.name for r in rows)
    by_households = c.rows(
        c.search_ids(CommunityQuery(sort_key="household_count", descending=True))
    )
    counts = [r.household_count for r in by_households]
    assert counts == sorted(counts, reverse=True)
    incomplete = c.rows(c.search_ids(CommunityQuery(filings_incomplete_only=True)))
    assert incomplete and all(r.filings_complete < 5 for r in incomplete)
    assert len(incomplete) < 40
    unmanaged = c.rows(c.search_ids(CommunityQuery(management_mode=ManagementMode.UNMANAGED)))
    assert unmanaged and all(r.company_name == "" for r in unmanaged)
    expiring = c.rows(c.search_ids(c.expiring_window(CommunityQuery())))
    assert expiring
    assert all(date(2026, 11, 23) <= r.contract_end <= date(2027, 2, 21) for r in expiring)
    first = rows[0]
    found = c.rows(c.search_ids(CommunityQuery(text=first.name[:3])))
    assert first.id in [r.id for r in found]
    by_company = c.rows(c.search_ids(CommunityQuery(text="物业服务有限公司")))
    assert len(by_company) == sum(1 for r in rows if r.company_name)


def test_counts_agree_with_the_ids_for_every_filter(demo):
    # count() leaves out the joins unless the text filter (a company's name) needs them
    c = demo.communities
    some = c.rows(c.search_ids(CommunityQuery()))[0]
    hood = c.get(some.id).fields.neighborhood
    hood_id = next(nid for nid, name in c.neighborhoods() if name == hood)
    queries = [
        CommunityQuery(),
        CommunityQuery(include_archived=True),
        CommunityQuery(filings_incomplete_only=True),
        CommunityQuery(old_estate_only=True),
        CommunityQuery(management_mode=ManagementMode.UNMANAGED),
        c.expiring_window(CommunityQuery()),
        CommunityQuery(neighborhood_id=hood_id),
        CommunityQuery(text="物业服务有限公司"),
        CommunityQuery(text=some.name[:2]),
    ]
    for q in queries:
        assert c.count(q) == len(c.search_ids(q)), q


def test_like_wildcards_are_literal(services, company_id):
    services.communities.create(fields(company_id, name="百分_100%小区"))
    services.communities.create(fields(company_id, name="普通小区"))
    names = [
        r.name
        for r in services.communities.rows(
            services.communities.search_ids(CommunityQuery(text="%"))
        )
    ]
    assert names == ["百分_100%小区"]


def test_demo_refuses_a_non_empty_database(demo):
    with pytest.raises(ConflictError, match="已有数据"):
        demo.demo.load()
    assert demo.office.is_demo()
    assert demo.office.profile().name.endswith("（演示数据）")


def test_demo_mixes_every_mode_status_and_filing_state(demo):
    records = demo.communities.records()
    assert {r.fields.management_mode for r in records} == set(ManagementMode)
    assert len({r.fields.committee_status for r in records}) == 5
    assert {r.fields.filings_complete for r in records} >= {0, 5}
    assert len({r.fields.neighborhood for r in records}) == 5
    assert len(demo.companies.search()) == 12


def test_office_profile_round_trip_and_audit(services):
    from app.domain.enums import DocType
    from app.domain.office import OfficeProfile

    p = OfficeProfile(
        name="青禾镇人民政府",
        county="示例县",
        prefixes={DocType.RECTIFICATION_NOTICE: "青禾镇物整"},
    )
    services.office.save_profile(p)
    got = services.office.profile()
    assert got.prefix(DocType.RECTIFICATION_NOTICE) == "青禾镇物整"
    with pytest.raises(ValidationError, match="年份括号"):
        services.office.save_profile(replace(p, prefixes={DocType.SERVICE_RECEIPT: "X〔2026〕"}))
    with services.ctx.db.read() as s:
        entry = audit_repo.for_record(s, "office", 1)[-1]
    assert entry.changes["name"] == ["", "青禾镇人民政府"]
    assert json.dumps(entry.changes, ensure_ascii=False)
