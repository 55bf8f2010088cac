"""Add a county's worth of issues (default 200,000) to a benchmark data folder.

Issues go in with SQLAlchemy Core in one transaction, values drawn from the rule pack's
categories and the domain's enums, and each row passes the domain validation first. Statuses
are spread over the whole chain; the rows carry no documents (the batch-notice benchmark
issues real ones), so 文书号 cells stay empty.
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta
from pathlib import Path

STATUS_WEIGHTS = {
    "open": 20,
    "notified": 15,
    "rectifying": 20,
    "awaiting_reinspection": 5,
    "closed": 40,
}
WORDS = [
    "消防通道被占用",
    "垃圾清运不及时",
    "电梯年检过期",
    "飞线充电",
    "路面破损",
    "绿化带被侵占",
    "公共收益未公示",
    "楼道堆放杂物",
    "监控设备损坏",
    "门禁失灵",
]


def add_issues(data_dir: Path, n: int = 200_000, seed: int = 7) -> float:
    """Insert n issues; returns the seconds taken. Today is the fixed benchmark day."""
    from sqlalchemy import insert, select

    from app.bootstrap import open_data
    from app.domain.enums import IssueSource, IssueStatus, ResponsibleKind
    from app.domain.issues import IssueFields, validate_issue
    from app.storage.models import Community, Issue, PropertyCompany

    rng = random.Random(seed)
    today = date(2026, 11, 23)
    opened = open_data(data_dir)
    t0 = time.perf_counter()
    try:
        cats = opened.services.issues.categories(active_only=True)
        names = [c.name for c in cats]
        with opened.db.write() as s:
            communities = s.execute(
                select(Community.id, PropertyCompany.name).outerjoin(
                    PropertyCompany, Community.company_id == PropertyCompany.id
                )
            ).all()
            statuses = list(STATUS_WEIGHTS)
            weights = list(STATUS_WEIGHTS.values())
            rows = []
            for k in range(n):
                cid, company = communities[rng.randrange(len(communities))]
                cat = cats[rng.randrange(len(cats))]
                found = today - timedelta(days=rng.randint(0, 3 * 365))
                f = validate_issue(
                    IssueFields(
                        community_id=cid,
                        category=cat.name,
                        description=f"{rng.choice(WORDS)}（第{k + 1}号）",
                        found_date=found,
                        deadline=found + timedelta(days=cat.deadline_days),
                        responsible_name=company or "业主委员会",
                        responsible_kind=ResponsibleKind.COMPANY,
                        source=IssueSource.INSPECTION,
                        legal_basis=cat.legal_basis,
                        measures="立即整改",
                    ),
                    today,
                    names,
                )
                status = IssueStatus(rng.choices(statuses, weights)[0])
                closed = status is IssueStatus.CLOSED
                rows.append(
                    {
                        **{name: getattr(f, name) for name in IssueFields.__dataclass_fields__},
                        "source": f.source.value,
                        "responsible_kind": f.responsible_kind.value,
                        "status": status.value,
                        "closed_on": f.deadline if closed else None,
                        "closed_by": "王建国" if closed else "",
                        "result": "已整改" if closed else "",
                        "notes": "",
                    }
                )
                if len(rows) == 10_000:
                    s.execute(insert(Issue.__table__), rows)
                    rows = []
            if rows:
                s.execute(insert(Issue.__table__), rows)
    finally:
        opened.close()
    return time.perf_counter() - t0
