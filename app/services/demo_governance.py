"""Demonstration committees: every stage of DOMAIN.md §4.1 and every kind of warning.

Each scenario replays its steps with the context's `today` set to the step's day, so the
records look as if they had been entered as things happened.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from app.domain.errors import PropDeskError
from app.domain.governance import MemberFields, MemberRole, VoteFigures
from app.services.context import ServiceContext

if TYPE_CHECKING:
    from app.services.demo_service import ServicesOn
    from app.services.governance_service import GovernanceService

TOWN = "青禾镇人民政府"
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何林罗高"


def _people(n: int, start: int, role: MemberRole = MemberRole.MEMBER) -> list[MemberFields]:
    out = []
    for k in range(n):
        name = SURNAMES[(start + k) % len(SURNAMES)] + "建华晓梅志强丽娟国平"[(start + k) % 10]
        first = MemberRole.DIRECTOR if role is MemberRole.MEMBER and k == 0 else role
        second = MemberRole.DEPUTY if role is MemberRole.MEMBER and k == 1 else first
        out.append(
            MemberFields(
                name,
                second if k == 1 else first,
                room=f"{k + 1}-{101 + k}",
                votes=300 - 7 * k,
                is_finance=k == 2,
                party_member=k % 3 == 0,
                started_on=None,
            )
        )
    return out


def _prep(n_owner: int, with_leader: bool = True) -> list[MemberFields]:
    people = []
    if with_leader:
        people.append(MemberFields("陈晓梅", MemberRole.LEADER, False, unit=TOWN))
    people.append(MemberFields("刘志强", MemberRole.GROUP_MEMBER, False, unit="东湖社区居委会"))
    people += [
        MemberFields(f"业主代表{k + 1}", MemberRole.GROUP_MEMBER, True, room=f"{k + 1}-201")
        for k in range(n_owner)
    ]
    return people


def load_governance(ctx: ServiceContext, services_on: ServicesOn, community_ids: list[int]) -> int:
    """Walk a handful of communities through formation, terms and interim committees."""
    today = ctx.today()

    def on(days_ago: int) -> GovernanceService:
        return services_on(today - timedelta(days=days_ago)).governance

    def day(days_ago: int) -> date:
        return today - timedelta(days=days_ago)

    votes = VoteFigures(Decimal("32000.00"), 420, Decimal("24500.50"), 330)
    ids = iter(community_ids)
    scenarios: list[Callable[[int], None]] = []

    def applied_only(cid: int) -> None:  # 已申请筹备, prep group overdue (60 days)
        on(75).start_formation(cid, day(75))

    def prep_formed(cid: int) -> None:  # 筹备组成立, on time
        b = on(40).start_formation(cid, day(40))
        on(20).form_prep_group(b.id, day(20), _prep(3))

    def prep_late_and_short(cid: int) -> None:  # late, 1 owner rep of 3, no leader
        b = on(150).start_formation(cid, day(150))
        members = [
            MemberFields("刘志强", MemberRole.GROUP_MEMBER, False, unit="东湖社区居委会"),
            MemberFields("周国平", MemberRole.GROUP_MEMBER, False, unit="东湖社区居委会"),
            MemberFields("业主代表1", MemberRole.GROUP_MEMBER, True, room="1-201"),
        ]
        on(70).form_prep_group(b.id, day(70), members, reason="申请材料补正耗时较长")

    def first_meeting(cid: int) -> None:  # 首次业主大会已召开, notice only 10 days before
        b = on(120).start_formation(cid, day(120))
        on(90).form_prep_group(b.id, day(90), _prep(3))
        on(5).set_dates(b.id, "临时调整会期", notice_on=day(15), first_meeting_on=day(5))

    def elected_unfiled(cid: int) -> None:  # 业委会已选举, filing overdue, size 4 (even)
        b = on(200).start_formation(cid, day(200))
        on(160).form_prep_group(b.id, day(160), _prep(3))
        on(80).set_dates(b.id, notice_on=day(100), first_meeting_on=day(80))
        on(80).elect(cid, day(80), 4, _people(4, 3), votes, reason="部分候选人退出")

    def filed_in_term(cid: int) -> None:  # 任期内, filed on day 30
        c = on(400).elect(cid, day(400), 7, _people(7, 5), votes)
        on(370).set_dates(c.id, first_session_on=day(396))
        on(370).file(c.id, day(370), "青禾业备〔2025〕3号")

    def filed_late(cid: int) -> None:  # 任期内, filed late (day 41), recorded with a reason
        c = on(300).elect(cid, day(300), 5, _people(5, 8), votes)
        on(259).set_dates(c.id, first_session_on=day(296))
        on(259).file(c.id, day(259), "青禾业备〔2025〕9号", reason="材料退回补正")

    def warning(cid: int) -> None:  # 换届预警: term ends in 60 days
        start = day(5 * 365 - 60)
        c = on(5 * 365 - 60).elect(cid, start, 5, _people(5, 11), votes)
        on(5 * 365 - 80).file(c.id, start + timedelta(days=20), "青禾业备〔2021〕5号")

    def lapsed(cid: int) -> None:  # 逾期未换届, 主任 left early (离任审计), vacancy
        start = day(5 * 365 + 40)
        c = on(5 * 365 + 40).elect(cid, start, 7, _people(7, 2), votes)
        on(5 * 365 + 20).file(c.id, start + timedelta(days=20), "青禾业备〔2021〕1号")
        for m in c.members[:4]:
            on(400).end_member(
                m.id, day(400), "搬离小区" if m.fields.role is MemberRole.DIRECTOR else "辞职"
            )  # noqa: E501

    def reelected(cid: int) -> None:  # 第2届 after a term: 换届审计 task, done
        c1 = on(5 * 365 + 100).elect(cid, day(5 * 365 + 100), 5, _people(5, 13), votes)
        on(5 * 365 + 80).file(c1.id, day(5 * 365 + 80), "青禾业备〔2020〕2号")
        c2 = on(90).elect(cid, day(90), 7, _people(7, 15), votes)
        on(70).file(c2.id, day(70), "青禾业备〔2026〕4号")
        old = on(0).body(c1.id)
        if old.audits:
            on(30).complete_audit(old.audits[0].id, day(30), "账目清楚，无违规")

    def interim(cid: int) -> None:  # 物管会代行; a second one is short of members
        members = [MemberFields(f"物管会成员{k + 1}", MemberRole.MEMBER, k < 4) for k in range(7)]
        on(200).form_interim(cid, day(200), members)

    def interim_short(cid: int) -> None:
        members = [MemberFields(f"成员{k + 1}", MemberRole.MEMBER, k < 2) for k in range(5)]
        on(60).form_interim(cid, day(60), members, reason="居民参与意愿低，先行成立")

    scenarios = [
        applied_only,
        prep_formed,
        prep_late_and_short,
        first_meeting,
        elected_unfiled,
        filed_in_term,
        filed_late,
        warning,
        lapsed,
        reelected,
        interim,
        interim_short,
    ]

    def registry_filed(cid: int) -> None:  # 已备案: known from the registry only (imported)
        from app.domain.enums import CommitteeStatus

        communities = services_on(today).communities
        fields = communities.get(cid).fields
        communities.update(
            cid,
            replace(fields, committee_status=CommitteeStatus.COMMITTEE, filing_committee=day(700)),
        )

    scenarios.append(registry_filed)
    done = 0
    for scenario in scenarios:
        cid = next(ids, None)
        if cid is None:
            break
        try:
            scenario(cid)
            done += 1
        except PropDeskError:  # a demo must never stop the program from starting
            continue
    return done
