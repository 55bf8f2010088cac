"""Demonstration maintenance-fund requests: one in every stage of DOMAIN.md §4.2, ordinary
and emergency, returned and refused. Each replays its steps on their own days."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from app.domain.fund_records import FundFields
from app.domain.funds import Applicant, FundStage, InstalmentKind, Material
from app.domain.votes import VoteCount, VoteMatter
from app.services.context import ServiceContext

if TYPE_CHECKING:
    from app.services.demo_service import ServicesOn
    from app.services.fund_service import FundService

# (project, part, budget in fen, emergency category or "", the stage to stop at)
SCENARIOS: list[tuple[str, str, int, str, FundStage]] = [
    ("2号楼屋面防水层翻新", "屋面", 12_340_000, "", FundStage.DONE),
    ("1号楼电梯曳引机更换", "电梯", 26_800_000, "lift_fault", FundStage.DONE),
    ("小区消防管网改造", "消防设施", 45_000_000, "", FundStage.FINAL_DISCLOSURE),
    ("二次供水水泵更换", "水泵房", 8_650_000, "pump_failure", FundStage.ACCEPTED),
    ("外墙保温层修复", "外墙", 31_000_000, "", FundStage.DISBURSED),
    ("雨污管道疏通改造", "排水管网", 5_600_000, "", FundStage.APPROVED),
    ("单元门禁系统更换", "单元门", 2_380_000, "", FundStage.COUNTY_REVIEW),
    ("3号楼外立面脱落抢修", "外立面", 9_900_000, "facade_risk", FundStage.TOWNSHIP_REVIEW),
    ("地下车库防水维修", "地下车库", 7_200_000, "", FundStage.COMMUNITY_REVIEW),
    ("路灯及监控线路改造", "公共照明", 1_850_000, "", FundStage.RETURNED),
    ("绿化带改建停车位", "绿地", 15_000_000, "", FundStage.REJECTED),
    ("4号楼电梯加装", "电梯", 60_000_000, "", FundStage.VOTED),
    ("屋顶太阳能热水管维修", "屋面管线", 1_200_000, "", FundStage.VOTING),
    ("单元楼道粉刷", "楼道", 960_000, "", FundStage.DRAFT),
]
PATH = [
    FundStage.COMMUNITY_REVIEW,
    FundStage.TOWNSHIP_REVIEW,
    FundStage.COUNTY_REVIEW,
    FundStage.APPROVED,
    FundStage.DISBURSED,
    FundStage.ACCEPTED,
    FundStage.FINAL_DISCLOSURE,
    FundStage.DONE,
]
OPINIONS = {
    FundStage.COMMUNITY_REVIEW: "材料已收齐，提交社区初审",
    FundStage.TOWNSHIP_REVIEW: "经核实，维修事项属实，同意上报",
    FundStage.COUNTY_REVIEW: "经审核，表决程序合法，预算合理，同意报县住建局",
    FundStage.APPROVED: "同意使用住宅专项维修资金",
    FundStage.ACCEPTED: "经竣工验收，工程质量合格",
    FundStage.DONE: "决算公示期满无异议，办结",
}


def load_funds(ctx: ServiceContext, services_on: ServicesOn, community_ids: list[int]) -> int:
    today = ctx.today()
    n = 0
    for k, (project, part, budget, category, stop) in enumerate(SCENARIOS):
        if k >= len(community_ids):
            break
        start = today - timedelta(days=200 - 12 * k)
        clock = [start]

        def svc(clock: list[date] = clock) -> FundService:
            return services_on(clock[0]).funds

        def step(days: int, clock: list[date] = clock) -> date:
            clock[0] = min(clock[0] + timedelta(days=days), today)
            return clock[0]

        emergency = bool(category)
        rid = svc().create(
            FundFields(
                community_id=community_ids[k],
                project=project,
                applicant=Applicant.COMPANY if emergency else Applicant.COMMITTEE,
                applicant_name="业主委员会" if not emergency else "物业服务中心",
                contact="王建华",
                phone="13800138000",
                applied_on=start,
                part=part,
                reason=f"{part}老化损坏，影响业主正常生活，需及时维修。",
                budget_fen=budget,
                scope_text="全体业主" if k % 2 else f"{k % 5 + 1}号楼全体业主",
                scope_households=120 + 10 * k,
                scope_area=Decimal("10800.00") + 450 * k,
                emergency=emergency,
                emergency_category=category,
                confirmed_by="镇住建办 陈晓梅" if emergency else "",
                confirmed_on=start if emergency else None,
                disclosure_start=None if emergency else start + timedelta(days=1),
                disclosure_end=None if emergency else start + timedelta(days=5 if k == 4 else 7),
            )
        )
        n += 1
        f = svc()
        if stop is FundStage.DRAFT:
            continue
        for m in (Material.APPLICATION, Material.PLAN):
            f.set_material(rid, m, start)
        if emergency:
            f.set_material(rid, Material.EVIDENCE, start)
        else:
            area = Decimal("10800.00") + 450 * k
            owners = 120 + 10 * k
            yes = (
                area * Decimal("0.55") if stop is not FundStage.REJECTED else area * Decimal("0.6")
            )
            count = VoteCount(
                area,
                owners,
                (area * 3 / 4).quantize(Decimal("0.01")),
                owners * 3 // 4 + 1,
                yes.quantize(Decimal("0.01")),
                owners * 3 // 5 + 1,
            )
            day = step(9)
            svc().record_vote(rid, count, VoteMatter.USE, day)
            if stop is FundStage.VOTING:
                continue
            day = step(1)
            f = svc()
            f.advance(rid, FundStage.VOTED, day, "表决通过")
            if stop is FundStage.VOTED:
                continue
            for m in (Material.VOTE_RESULT, Material.DISCLOSURE_PROOF):
                f.set_material(rid, m, clock[0])
        for target in PATH:
            day = step(4)
            f = svc()
            if target is FundStage.DISBURSED:
                f.set_material(rid, Material.CONTRACT, day)
                f.disburse(rid, InstalmentKind.FIRST, day, budget * 7 // 10 // 100 * 100)
            elif target is FundStage.ACCEPTED:
                f.set_material(rid, Material.ACCEPTANCE, day)
                f.advance(rid, target, day, OPINIONS[target])
            elif target is FundStage.FINAL_DISCLOSURE:
                f.set_material(rid, Material.FINAL_ACCOUNT, day)
                f.advance(rid, target, day, "决算审核完成，张贴公示", amount_fen=budget * 96 // 100)
            elif target is FundStage.DONE:
                paid = f.get(rid).disbursed_fen
                f.disburse(rid, InstalmentKind.FINAL, day, budget * 96 // 100 - paid)
                f.advance(rid, target, day, OPINIONS[target])
            elif target is FundStage.APPROVED:
                f.advance(rid, target, day, OPINIONS[target], amount_fen=budget)
            else:
                f.advance(rid, target, day, OPINIONS.get(target, "同意"))
            if stop is FundStage.RETURNED and target is FundStage.TOWNSHIP_REVIEW:
                day = step(2)
                svc().send_back(rid, day, "维修预算缺少分项明细，请补充后重新提交")
                break
            if stop is FundStage.REJECTED and target is FundStage.TOWNSHIP_REVIEW:
                day = step(3)
                svc().reject(rid, day, "改变共有部分用途不属于维修资金列支范围")
                break
            if target is stop:
                break
    return n
