"""The rule pack: every number of DOMAIN.md §4–5 that varies by province, as data.

This is the one module that reads rule packs. A pack is a JSON file in resources/rules/;
typed sections are parsed here and later modules add their own sections the same way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from app.domain.disclosure import DisclosureItem, DisclosureRules, Frequency
from app.domain.errors import PropDeskError
from app.domain.funds import EmergencyCategory, FundRules
from app.domain.governance import CommitteeRules, InterimRules
from app.domain.issues import IssueCategory
from app.domain.votes import RULES, VoteMatter, VoteRules

DEFAULT_PACK = "national"


@dataclass(frozen=True)
class RegistryRules:
    contract_expiry_warning_days: int
    old_estate_built_before: int


@dataclass(frozen=True)
class IssueRules:
    deadline_from_served_date: bool
    categories: tuple[IssueCategory, ...]


@dataclass(frozen=True)
class RulePack:
    id: str
    name: str
    version: int
    registry: RegistryRules
    issues: IssueRules
    committee: CommitteeRules
    interim: InterimRules
    fund: FundRules
    disclosure: DisclosureRules
    votes: VoteRules
    raw: dict[str, Any]

    def section(self, name: str) -> dict[str, Any]:
        """A section not yet given a typed form; raises a clear error when absent."""
        try:
            value = self.raw[name]
        except KeyError as exc:
            raise PropDeskError(f"规则包“{self.name}”缺少“{name}”部分") from exc
        if not isinstance(value, dict):
            raise PropDeskError(f"规则包“{self.name}”的“{name}”部分格式错误")
        return value


def fraction(text: str | int | float) -> Fraction:
    """Parse '2/3' or '0.5' exactly (never via float)."""
    return Fraction(str(text))


def parse(data: dict[str, Any]) -> RulePack:
    try:
        reg = data["registry"]
        return RulePack(
            id=str(data["id"]),
            name=str(data["name"]),
            version=int(data["version"]),
            registry=RegistryRules(
                contract_expiry_warning_days=int(reg["contract_expiry_warning_days"]),
                old_estate_built_before=int(reg["old_estate_built_before"]),
            ),
            issues=_issue_rules(data["issues"]),
            committee=_committee_rules(data["committee"]),
            interim=_interim_rules(data["interim_committee"]),
            fund=_fund_rules(data["fund"]),
            disclosure=_disclosure_rules(data["disclosure"]),
            votes=_vote_rules(data["votes"]),
            raw=data,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise PropDeskError(f"规则包格式错误：{exc}") from exc


def _issue_rules(sec: dict[str, Any]) -> IssueRules:
    return IssueRules(
        deadline_from_served_date=bool(sec.get("deadline_from_served_date", False)),
        categories=tuple(
            IssueCategory(
                name=str(c["name"]),
                deadline_days=int(c["deadline_days"]),
                department=str(c.get("department", "")),
                legal_basis=str(c.get("legal_basis", "")),
            )
            for c in sec["categories"]
        ),
    )


def _committee_rules(c: dict[str, Any]) -> CommitteeRules:
    return CommitteeRules(
        eligible_delivered_share_gt=fraction(c["eligible_delivered_share_gt"]),
        prep_group_within_days=int(c["prep_group_within_days"]),
        first_meeting_notice_days=int(c["first_meeting_notice_days"]),
        first_meeting_within_days=int(c["first_meeting_within_days"]),
        min_members=int(c["min_members"]),
        max_members=int(c["max_members"]),
        members_must_be_odd=bool(c["members_must_be_odd"]),
        allow_three_members=bool(c["allow_three_members"]),
        allow_three_members_up_to_households=int(c["allow_three_members_up_to_households"]),
        prep_group_owner_share_min=fraction(c["prep_group_owner_share_min"]),
        first_committee_meeting_within_days=int(c["first_committee_meeting_within_days"]),
        filing_within_days=int(c["filing_within_days"]),
        term_max_years=int(c["term_max_years"]),
        reelection_warning_days=int(c["reelection_warning_days"]),
        vacancy_reelect_below_share=fraction(c["vacancy_reelect_below_share"]),
        audit_on_term_end=bool(c["audit_on_term_end"]),
        audit_on_key_member_leaving=bool(c["audit_on_key_member_leaving"]),
        coverage_target=fraction(c["coverage_target"]),
    )


def _interim_rules(c: dict[str, Any]) -> InterimRules:
    return InterimRules(
        min_members=int(c["min_members"]),
        members_must_be_odd=bool(c["members_must_be_odd"]),
        owner_share_min=fraction(c["owner_share_min"]),
        term_max_years=int(c["term_max_years"]),
        dissolve_within_days_after_committee_filed=int(
            c["dissolve_within_days_after_committee_filed"]
        ),
    )


def _disclosure_rules(c: dict[str, Any]) -> DisclosureRules:
    return DisclosureRules(
        target_rate=fraction(c["target_rate"]),
        items=tuple(
            DisclosureItem(str(i["code"]), str(i["name"]), Frequency.from_code(str(i["frequency"])))
            for i in c["items"]
        ),
    )


def _fund_rules(c: dict[str, Any]) -> FundRules:
    return FundRules(
        disclosure_min_days=int(c["disclosure_min_days"]),
        emergency_categories=tuple(
            EmergencyCategory(code=str(e["code"]), name=str(e["name"]), evidence=str(e["evidence"]))
            for e in c["emergency_categories"]
        ),
    )


def _vote_rules(c: dict[str, Any]) -> VoteRules:
    rule = str(c["rule"])
    if rule not in RULES:
        raise ValueError(f"votes.rule 应为 {'、'.join(RULES)} 之一，而不是“{rule}”")
    legacy = c["legacy"]
    return VoteRules(
        rule=rule,
        quorum_area=fraction(c["quorum_area"]),
        quorum_owners=fraction(c["quorum_owners"]),
        special_matters=frozenset(VoteMatter.from_code(str(m)) for m in c["special_matters"]),
        special_area=fraction(c["special_area"]),
        special_owners=fraction(c["special_owners"]),
        ordinary_area_gt=fraction(c["ordinary_area_gt"]),
        ordinary_owners_gt=fraction(c["ordinary_owners_gt"]),
        legacy_area=fraction(legacy["all_area"]),
        legacy_owners=fraction(legacy["all_owners"]),
    )


def load(rules_dir: Path, pack_id: str = DEFAULT_PACK) -> RulePack:
    path = rules_dir / f"{pack_id}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise PropDeskError(f"找不到规则包文件：{path}") from exc
    except json.JSONDecodeError as exc:
        raise PropDeskError(f"规则包文件不是有效的 JSON：{path}（第{exc.lineno}行）") from exc
    return parse(data)
