"""Demonstration issues: every state of the chain, overdue ones, and real documents.

The chain is replayed day by day with the service context's `today` set to each event's
date, so the documents carry believable dates and numbers in date order.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from app.domain.enums import InspectionKind, IssueSource, ServiceMethod
from app.domain.issues import (
    InspectionFields,
    IssueCategory,
    IssueFields,
    ReinspectionFields,
    ServiceFields,
)
from app.services.context import ServiceContext

if TYPE_CHECKING:
    from app.services import Services
    from app.services.demo_service import ServicesOn
    from app.services.issue_service import IssueService
    from app.services.rectification_service import RectificationService

FINDINGS: dict[str, list[str]] = {
    "消防安全隐患（通道占用、设施老化）": [
        "消防通道被私家车占用",
        "楼道内消火栓箱无水带",
        "地下车库应急照明损坏",
    ],
    "环境卫生（脏乱差）": ["垃圾分类投放点周边垃圾满溢", "绿化带内堆放建筑垃圾"],
    "停车与电动车充电": ["电动车在楼道内充电", "飞线充电现象突出"],
    "收费不规范": ["收费项目未公示即收取停车费", "擅自提高物业费标准"],
    "电梯及特种设备": ["电梯年检标志过期", "电梯困人应急处置超时"],
    "区域管理混乱（杂物、路面、违章搭建、侵占绿地）": ["屋顶违章搭建阳光房", "小区主干道路面破损"],
    "服务不到位": ["保洁频次低于合同约定", "夜间无人值守门岗"],
    "信息公示": ["未公示公共收益收支情况"],
}
INSPECTORS = ["陈晓梅", "王建国", "李娜", "赵磊"]
# the fate of each demo issue: how far along the chain it gets
PLAN = (
    ["open"] * 4
    + ["open_overdue"] * 3
    + ["notified"] * 3
    + ["served"] * 3
    + ["served_overdue"] * 2
    + ["reported"] * 2
    + ["failed"] * 2
    + ["closed"] * 5
)


def load_issues(
    ctx: ServiceContext,
    services_on: ServicesOn,
    communities: list[tuple[int, str]],
    rng: random.Random,
) -> int:
    """Add the demo issues; returns how many. Needs the office profile with 文号 prefixes."""
    today = ctx.today()

    def on(day: date) -> tuple[IssueService, RectificationService]:
        s = services_on(day)
        return s.issues, s.chain

    issues_now, _ = on(today)
    cats = {c.name: c for c in issues_now.categories(active_only=True)}
    events: list[tuple[date, int, str, int]] = []  # (day, order, action, plan index)
    ids: dict[int, int] = {}
    found_on: dict[int, date] = {}
    for n, fate in enumerate(PLAN):
        if "overdue" in fate:
            found = today - timedelta(days=rng.randint(20, 60))
        elif fate == "closed":
            found = today - timedelta(days=rng.randint(30, 60))
        elif fate in ("failed", "reported"):
            found = today - timedelta(days=rng.randint(16, 20))
        elif fate == "served":
            found = today - timedelta(days=rng.randint(4, 8))  # served 3 days later
        else:
            found = today - timedelta(days=rng.randint(1, 5))
        found_on[n] = found
        events.append((found, 0, "create", n))
        if fate != "open" and fate != "open_overdue":
            events.append((found + timedelta(days=1), 1, "notice", n))
        if fate in ("served", "served_overdue", "reported", "failed", "closed"):
            events.append((found + timedelta(days=3), 2, "serve", n))
        if fate in ("reported", "closed", "failed"):
            events.append((found + timedelta(days=12), 3, "report", n))
        if fate in ("closed", "failed"):
            events.append((found + timedelta(days=15), 4, "reinspect", n))

    community_ids = [cid for cid, _ in communities]
    for day, _, action, n in sorted(events):
        issues, chain = on(day)
        fate = PLAN[n]
        if action == "create":
            cid = community_ids[n % len(community_ids)]
            name = list(FINDINGS)[n % len(FINDINGS)]
            cat: IssueCategory = cats.get(name) or next(iter(cats.values()))
            days = cat.deadline_days if "overdue" not in fate else rng.randint(3, 10)
            source = IssueSource.HOTLINE if n % 5 == 2 else IssueSource.INSPECTION
            fields = IssueFields(
                community_id=cid,
                category=cat.name,
                description=rng.choice(FINDINGS.get(cat.name, ["其他问题"])),
                found_date=day,
                deadline=day + timedelta(days=days),
                responsible_name=issues.suggested_responsible(cid)
                or f"{communities[n % len(communities)][1]}业主委员会",  # noqa: E501
                source=source,
                source_ref=f"GD{day:%Y%m%d}{n:03d}" if source is IssueSource.HOTLINE else "",
                legal_basis=cat.legal_basis,
                measures="立即整改，消除隐患，并将整改情况书面报告",
            )
            if source is IssueSource.INSPECTION:
                _, new = issues.record_inspection(
                    InspectionFields(
                        day, InspectionKind.ROUTINE, tuple(rng.sample(INSPECTORS, 2)), (cid,)
                    ),  # noqa: E501
                    [fields],
                )
                ids[n] = new[0]
            else:
                ids[n] = issues.create(fields).id
        elif action == "notice":
            text = chain.draft_notice([ids[n]])
            if "overdue" in fate:
                text = replace(text, deadline=day + timedelta(days=rng.randint(5, 10)))
            chain.issue_notice([ids[n]], text)
        elif action == "serve":
            doc = _live_notice(services_on(day), ids[n])
            recipient = issues.get(ids[n]).fields.responsible_name
            chain.record_service(
                doc,
                ServiceFields(ServiceMethod.DIRECT, day, recipient, "项目经理", "王建国"),
                print_receipt=n % 2 == 0,
            )
        elif action == "report":
            issues.report_rectified(ids[n], "已按要求整改完毕", day)
        elif action == "reinspect":
            passed = fate == "closed"
            chain.reinspect(
                [ids[n]],
                ReinspectionFields(
                    day,
                    "李娜",
                    passed,
                    "整改到位" if passed else "整改不彻底",
                    None if passed else day + timedelta(days=10),
                ),
                print_opinion=n % 2 == 1,
            )
    return len(PLAN)


def _live_notice(services: Services, issue_id: int) -> int:
    from app.domain.doc_records import DocumentQuery
    from app.domain.enums import DocType

    rows = services.documents.search(
        DocumentQuery(
            issue_id=issue_id, doc_type=DocType.RECTIFICATION_NOTICE, include_voided=False
        )
    )
    return rows[0].id
