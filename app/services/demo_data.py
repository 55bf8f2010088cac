"""A fictional township for demonstrations, and the same generator sized for benchmarks.

Every name here is invented. The data is deterministic for a given seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from app.domain import uscc
from app.domain.community import CommunityFields, CompanyFields
from app.domain.enums import CommitteeStatus, EstateType, Listing, ManagementMode

TOWN = "青禾镇"
NEIGHBORHOODS = ["东湖社区", "西岭社区", "南苑社区", "北辰社区", "中山社区"]
_PLACES = [
    "锦绣",
    "阳光",
    "翠湖",
    "金桂",
    "和美",
    "滨江",
    "书香",
    "丽景",
    "紫荆",
    "银杏",
    "怡园",
    "春晖",
    "明珠",
    "福安",
    "嘉禾",
    "盛世",
    "华庭",
    "碧水",
    "清风",
    "康乐",
    "望江",
    "兴隆",
    "青禾",
    "瑞祥",
    "新城",
    "长青",
    "幸福",
    "东方",
    "星河",
    "祥和",
]
_SUFFIX = ["花园", "小区", "家园", "苑", "雅居", "公寓", "新村", "名城", "华府", "佳苑"]
_ROADS = [
    "青禾大道",
    "东湖路",
    "西岭街",
    "南苑路",
    "北辰路",
    "中山路",
    "人民路",
    "建设路",
    "滨江路",
]
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_GIVEN = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超"]
_COMPANY_WORDS = [
    "安居",
    "恒信",
    "佳和",
    "鑫源",
    "邦泰",
    "金盾",
    "诚达",
    "宏远",
    "万家",
    "康泰",
    "瑞丰",
    "永安",
    "德润",
    "华美",
    "融创",
    "广厦",
    "汇通",
    "锦程",
    "信达",
    "福瑞",
]


@dataclass(frozen=True)
class DemoCommunity:
    fields: CommunityFields
    company_index: int | None  # index into the company list


def make_uscc(rng: random.Random) -> str:
    body = "9" + "1" + f"{rng.randrange(110000, 659999):06d}"
    org = "".join(rng.choice(uscc.ALPHABET[:10] + "ABCDEFGHJKLMNPQRTUWXY") for _ in range(9))
    body += org[:8] + uscc.org_check_char(org[:8])  # a valid GB 11714 organisation code
    return body + uscc.check_char(body)


def _person(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice([1, 2])))


def _mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3589')}{rng.randrange(0, 10**9):09d}"


def _filing(rng: random.Random, k: int, filed: int, base: date) -> date | None:
    return base + timedelta(days=rng.randrange(5, 60)) if k < filed else None


def companies(n: int, rng: random.Random) -> list[CompanyFields]:
    out = []
    for i in range(n):
        word = _COMPANY_WORDS[i % len(_COMPANY_WORDS)]
        suffix = "" if i < len(_COMPANY_WORDS) else str(i // len(_COMPANY_WORDS) + 1)
        listing = Listing.NONE
        reason = ""
        if i == 3:
            listing, reason = Listing.RED, "连续两年考核优秀（演示）"
        elif i == 7:
            listing, reason = Listing.BLACK, "擅自撤离小区，拒不整改（演示）"
        out.append(
            CompanyFields(
                name=f"{TOWN[:2]}{word}{suffix}物业服务有限公司",
                uscc=make_uscc(rng),
                legal_representative=_person(rng),
                address=f"{rng.choice(_ROADS)}{rng.randrange(1, 300)}号",
                phone=f"0{rng.randrange(300, 999)}-{rng.randrange(2000000, 8999999)}",
                credit_grade=rng.choice(["AAA", "AA", "A", "B", ""]),
                listing=listing,
                listing_date=date(2026, 3, 15) if listing is not Listing.NONE else None,
                listing_reason=reason,
                notes="演示数据",
            )
        )
    return out


def communities(
    n: int, n_companies: int, rng: random.Random, today: date, neighborhoods: list[str]
) -> list[DemoCommunity]:
    out: list[DemoCommunity] = []
    seen: set[str] = set()
    modes = list(ManagementMode)
    statuses = list(CommitteeStatus)
    for i in range(n):
        name = f"{rng.choice(_PLACES)}{rng.choice(_SUFFIX)}"
        if name in seen:
            name = f"{name}{'二三四五六七八九'[i % 8]}期" if i < 60 else f"{name}{i}号院"
        while name in seen:
            name += "·新"
        seen.add(name)
        year = rng.randrange(1985, 2025)
        old = year < 2000
        mode = modes[i % len(modes)] if i < 8 else rng.choices(modes, weights=[70, 10, 12, 8])[0]
        if old and rng.random() < 0.5:
            mode = rng.choice([ManagementMode.COMMUNITY_MANAGED, ManagementMode.UNMANAGED])
        company = rng.randrange(n_companies) if mode is ManagementMode.PROFESSIONAL else None
        households = rng.randrange(60, 2400)
        high = rng.random() < 0.45 and not old
        start = end = None
        if company is not None:
            start = date(rng.randrange(2019, 2026), rng.randrange(1, 13), 1)
            end = start + timedelta(days=365 * rng.choice([1, 2, 3, 5]) - 1)
            if i % 9 == 0:
                end = today + timedelta(days=rng.randrange(5, 85))  # expiring soon
        filed = rng.randrange(0, 6) if i >= 6 else i % 6  # 0..5 filings, all states appear

        base = start or date(year + 1, 6, 1)
        dates = [_filing(rng, k, filed, base) for k in range(5)]
        status = (
            statuses[i % len(statuses)] if i < 10 else rng.choices(statuses, [40, 10, 35, 8, 7])[0]
        )
        if filed == 5:  # a committee filing is counted only where a committee exists
            status = CommitteeStatus.COMMITTEE
        out.append(
            DemoCommunity(
                CommunityFields(
                    name=name,
                    neighborhood=neighborhoods[i % len(neighborhoods)],
                    address=f"{rng.choice(_ROADS)}{rng.randrange(1, 400)}号",
                    year_built=year,
                    building_count=max(1, households // rng.randrange(40, 120)),
                    household_count=households,
                    private_area=Decimal(households * rng.randrange(70, 130))
                    + Decimal(rng.randrange(0, 100)) / 100,
                    delivered_share=Decimal(rng.choice([100, 100, 100, 95, 80, 60, 50, 45])),
                    is_high_rise=high,
                    elevator_count=rng.randrange(2, 40) if high else 0,
                    is_old_estate=old,
                    estate_type=rng.choices(list(EstateType), [60, 15, 15, 7, 3])[0],
                    management_mode=mode,
                    company_id=None,
                    project_manager_name=_person(rng) if company is not None else "",
                    project_manager_phone=_mobile(rng) if company is not None else "",
                    has_party_branch=rng.random() < 0.6,
                    committee_status=status,
                    contract_start=start,
                    contract_end=end,
                    service_grade=rng.choice(["一级", "二级", "三级"])
                    if company is not None
                    else "",
                    fee_standard=Decimal(rng.choice([60, 80, 95, 120, 150, 180])) / 100
                    if company is not None
                    else None,
                    filing_area=dates[0],
                    filing_contract=dates[1],
                    filing_manager=dates[2],
                    filing_handover=dates[3],
                    filing_committee=dates[4] if status is CommitteeStatus.COMMITTEE else None,
                    notes="演示数据",
                ),
                company,
            )
        )
    return out
