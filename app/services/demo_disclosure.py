"""Demonstration disclosure checks: visits over the past year, with items that lapsed on
their own, items found missing, and one issue made from a failing item."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING

from app.domain.disclosure import CheckResult, EntryFields, Frequency
from app.services.context import ServiceContext

if TYPE_CHECKING:
    from app.services.demo_service import ServicesOn

SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱"
INSPECTORS = ("王建华、李晓梅", "张志强", "陈丽娟、刘国平")
NOTES = {
    CheckResult.MISSING: "公示栏未见该项内容",
    CheckResult.INCOMPLETE: "缺少收费依据及投诉电话",
    CheckResult.EXPIRED: "公示内容仍为上一期",
}


def load_disclosure(
    ctx: ServiceContext, services_on: ServicesOn, community_ids: list[int], rng: random.Random
) -> int:
    """Record the visits; returns how many issues were made from failing items."""
    today = ctx.today()
    now = services_on(today)
    departments = now.departments
    for k, d in enumerate(departments.list()):  # fictional contacts for the 公示牌
        departments.update(
            d.id, replace(d.fields, contact_person=SURNAMES[k] + "科长", phone=f"0000-55502{k:02d}")
        )
    items = now.disclosure.items(active_only=True)
    made = 0
    for k, cid in enumerate(community_ids):
        if k % 5 == 4:
            continue  # never checked
        ago = 20 + (k * 37) % 300
        day = today - timedelta(days=ago)
        entries = []
        for item in items:
            roll = rng.random()
            if roll < 0.12:
                result = rng.choice(
                    [CheckResult.MISSING, CheckResult.INCOMPLETE, CheckResult.EXPIRED]
                )
                entries.append(EntryFields(item.code, result, None, NOTES[result]))
                continue
            back = 0 if item.frequency is Frequency.LONG_TERM else rng.randint(0, 60)
            entries.append(EntryFields(item.code, CheckResult.POSTED, day - timedelta(days=back)))
        svc = services_on(day).disclosure
        check_id = svc.record_check(cid, day, INSPECTORS[k % 3], entries)
        if k % 3 == 0:
            failing = [e for e in svc.check(check_id).entries if e.result.failing]
            if failing:
                svc.create_issue(failing[0].id)
                made += 1
    return made
