"""Load the demonstration township (or a benchmark-sized county) into an empty database."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from app.domain.enums import DocType, OfficeLevel
from app.domain.errors import ConflictError
from app.domain.office import OfficeProfile
from app.services import audit, demo_data
from app.services.context import ServiceContext
from app.services.office_service import DEMO_KEY
from app.storage.repositories import community_repo, company_repo, office_repo

if TYPE_CHECKING:
    from app.services import Services

# The services on a given day: the demo enters each record on the day it happened.
ServicesOn = Callable[[date], "Services"]

DEMO_PROFILE = OfficeProfile(
    name="青禾镇人民政府（演示数据）",
    level=OfficeLevel.TOWNSHIP,
    county="示例县",
    contact_person="陈晓梅",
    contact_phone="0000-5550123",
    complaint_phone="0000-5550110",
    address="示例县青禾镇青禾大道1号",
    prefixes={
        DocType.RECTIFICATION_NOTICE: "青禾镇物整",
        DocType.SERVICE_RECEIPT: "青禾镇物送",
        DocType.REINSPECTION_OPINION: "青禾镇物复",
        DocType.FUND_REVIEW: "青禾镇维审",
    },
)


@dataclass(frozen=True)
class DemoResult:
    communities: int
    companies: int
    neighborhoods: int
    issues: int = 0
    committees: int = 0


class DemoService:
    def __init__(self, ctx: ServiceContext, *, on: ServicesOn) -> None:
        self._ctx = ctx
        self._on = on

    def load(
        self,
        n_communities: int = 40,
        n_companies: int = 12,
        *,
        seed: int = 20261123,
        neighborhoods: list[str] | None = None,
        issues: bool = True,
    ) -> DemoResult:
        """Fill an empty database. Refuses one that already holds communities or companies.
        `issues=False` leaves out the activity: the issue ledger and the committee records."""
        rng = random.Random(seed)
        names = neighborhoods or demo_data.NEIGHBORHOODS
        companies = demo_data.companies(n_companies, rng)
        rows = demo_data.communities(n_communities, n_companies, rng, self._ctx.today(), names)
        with self._ctx.db.write() as s:
            if not office_repo.is_empty(s):
                raise ConflictError(
                    "数据库中已有数据，不能载入演示数据。演示数据只能载入空数据库。"
                )
            office_repo.save_profile(s, DEMO_PROFILE)
            office_repo.set_meta(s, DEMO_KEY, "1")
            ids = [company_repo.add(s, c).id for c in companies]
            nids = community_repo.ensure_neighborhoods(s, names)
            for row in rows:
                company_id = ids[row.company_index] if row.company_index is not None else None
                f = replace(row.fields, company_id=company_id)
                s.add(community_repo.new(f, nids[f.neighborhood]))
            audit.record(
                s,
                self._ctx.operator(),
                "demo",
                "database",
                None,
                f"载入演示数据：{n_communities} 个小区、{n_companies} 家企业",
                {},
            )
        n_bodies = 0
        if issues:
            from app.services.demo_governance import load_governance

            with self._ctx.db.read() as s:
                eligible = community_repo.eligible_ids(s, Decimal("50"))
            n_bodies = load_governance(self._ctx, self._on, eligible)
        n_issues = 0
        if issues:
            from app.services.demo_issues import load_issues

            with self._ctx.db.read() as s:
                choices = community_repo.choices(s)
            n_issues = load_issues(self._ctx, self._on, choices, rng)
            from app.services.demo_funds import load_funds

            load_funds(self._ctx, self._on, [cid for cid, _ in choices[3::2]])
            from app.services.demo_disclosure import load_disclosure

            n_issues += load_disclosure(self._ctx, self._on, [cid for cid, _ in choices], rng)
        return DemoResult(len(rows), len(companies), len(names), n_issues, n_bodies)
