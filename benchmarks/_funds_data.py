"""Add a county's worth of maintenance-fund requests (default 20,000) to a benchmark folder.

The requests are spread over a third of the county's communities and over five years of
applications (2022-01-01 to the benchmark day), with year/seq numbered in application order.
Each one stands in a stage reached along the real chain (DOMAIN.md §4.2): its steps replay
that path on increasing days (some with a 退回补正 round), it holds the materials of every
gate it passed (and often those of the next), and the payments of a paid request never
exceed its approved or final amount (a 办结 one's add up to the final amount). About 30 % are
emergency uses (no vote; a pack category, a confirmer). Older requests are mostly closed.

Rows go in with bare sqlite3 executemany, one transaction. Money is integer fen; areas are
FixedDecimal(2) integers (m² × 100); dates are ISO text, booleans 0/1, enums their codes.
"""

from __future__ import annotations

import random
import sqlite3
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import _common  # noqa: F401  (puts the app under test on sys.path)

from app.domain.cost_split import SplitUnit
from app.domain.funds import Applicant, FundStage, InstalmentKind, Material, materials_for
from app.domain.votes import VoteCount, VoteMatter

Rows = list[tuple[object, ...]]

TODAY = date(2026, 11, 23)
FIRST_DAY = date(2022, 1, 1)
S = FundStage
ORDINARY = [
    S.DRAFT,
    S.VOTING,
    S.VOTED,
    S.COMMUNITY_REVIEW,
    S.TOWNSHIP_REVIEW,
    S.COUNTY_REVIEW,
    S.APPROVED,
    S.DISBURSED,
    S.ACCEPTED,
    S.FINAL_DISCLOSURE,
    S.DONE,
]
EMERGENCY = [s for s in ORDINARY if s not in (S.VOTING, S.VOTED)]
REVIEWS = [S.COMMUNITY_REVIEW, S.TOWNSHIP_REVIEW, S.COUNTY_REVIEW]
# stage weights by the request's age (days since it was applied for)
WEIGHTS = [
    (120, {S.DRAFT: 8, S.VOTING: 12, S.VOTED: 8, S.COMMUNITY_REVIEW: 14, S.TOWNSHIP_REVIEW: 12,
           S.COUNTY_REVIEW: 10, S.APPROVED: 10, S.DISBURSED: 10, S.ACCEPTED: 4, S.RETURNED: 6,
           S.REJECTED: 2}),
    (400, {S.COMMUNITY_REVIEW: 3, S.TOWNSHIP_REVIEW: 3, S.COUNTY_REVIEW: 5, S.APPROVED: 8,
           S.DISBURSED: 15, S.ACCEPTED: 12, S.FINAL_DISCLOSURE: 10, S.DONE: 35, S.RETURNED: 4,
           S.REJECTED: 5}),
    (10**6, {S.DISBURSED: 2, S.ACCEPTED: 2, S.FINAL_DISCLOSURE: 3, S.DONE: 85, S.RETURNED: 2,
             S.REJECTED: 6}),
]  # fmt: skip
PROJECTS = [
    ("屋面防水层翻新", "屋面"),
    ("电梯曳引机更换", "电梯"),
    ("消防管网改造", "消防设施"),
    ("二次供水水泵更换", "水泵房"),
    ("外墙保温层修复", "外墙"),
    ("雨污管道疏通改造", "排水管网"),
    ("单元门禁系统更换", "单元门"),
    ("外立面脱落抢修", "外立面"),
    ("地下车库防水维修", "地下车库"),
    ("路灯及监控线路改造", "公共照明"),
    ("电梯钢丝绳及门机更换", "电梯"),
    ("楼道墙面粉刷", "楼道"),
]
CATEGORIES = [
    "roof_leak",
    "lift_fault",
    "pump_failure",
    "facade_risk",
    "drainage_failure",
    "fire_system",
]
OPINIONS = {
    S.VOTED: "表决通过",
    S.COMMUNITY_REVIEW: "材料已收齐，提交社区初审",
    S.TOWNSHIP_REVIEW: "经核实，维修事项属实，同意上报",
    S.COUNTY_REVIEW: "经审核，表决程序合法，预算合理，同意报县住建局",
    S.APPROVED: "同意使用住宅专项维修资金",
    S.ACCEPTED: "经竣工验收，工程质量合格",
    S.FINAL_DISCLOSURE: "决算审核完成，张贴公示",
    S.DONE: "决算公示期满无异议，办结",
    S.RETURNED: "维修预算缺少分项明细，请补充后重新提交",
    S.REJECTED: "改变共有部分用途不属于维修资金列支范围",
}
OPERATORS = ["王建国", "李秀英", "陈晓梅", "张伟"]
GATES = [S.COMMUNITY_REVIEW, S.DISBURSED, S.ACCEPTED, S.FINAL_DISCLOSURE]

REQUEST_COLUMNS = (
    "id, year, seq, community_id, applicant, applicant_name, contact, phone, applied_on, "
    "project, part, reason, budget_fen, scope_text, scope_households, scope_area, emergency, "
    "emergency_category, confirmed_by, confirmed_on, vote_matter, vote_rule, voted_on, "
    "total_area, total_owners, part_area, part_owners, yes_area, yes_owners, vote_passed, "
    "disclosure_start, disclosure_end, stage, stage_since, approved_fen, final_fen, "
    "completed_on, final_on, closed_on, notes"
)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _path(rng: random.Random, stage: FundStage, emergency: bool) -> list[FundStage]:
    """The stages a request passed through to reach `stage`, the first being 草拟."""
    chain = EMERGENCY if emergency else ORDINARY
    if stage in (S.RETURNED, S.REJECTED):
        path = chain[: chain.index(rng.choice(REVIEWS)) + 1] + [stage]
    else:
        path = chain[: chain.index(stage) + 1]
    if S.TOWNSHIP_REVIEW in path and rng.random() < 0.15:  # one 退回补正 round, resubmitted
        k = path.index(S.COMMUNITY_REVIEW) + 1
        path[k:k] = [S.RETURNED, S.COMMUNITY_REVIEW]
    return path


def _days(rng: random.Random, path: list[FundStage], age: int) -> list[date]:
    """The day each stage of `path` was entered, within the `age` days since application."""
    gaps = [0] + [rng.randint(12, 25) if b is S.VOTED else rng.randint(2, 20) for b in path[1:]]
    total = sum(gaps)
    if total > age:
        gaps = [g * age // total for g in gaps]
    start = TODAY - timedelta(days=age)
    out, day = [], start
    for g in gaps:
        day += timedelta(days=g)
        out.append(day)
    return out


def _payments(rng: random.Random, stage: FundStage, cap: int) -> list[tuple[InstalmentKind, int]]:
    if stage is S.DONE:
        first = cap * rng.randint(50, 70) // 100
        if rng.random() < 0.4:
            progress = cap * rng.randint(10, 20) // 100
            return [
                (InstalmentKind.FIRST, first),
                (InstalmentKind.PROGRESS, progress),
                (InstalmentKind.FINAL, cap - first - progress),
            ]
        return [(InstalmentKind.FIRST, first), (InstalmentKind.FINAL, cap - first)]
    out = [(InstalmentKind.FIRST, cap * rng.randint(50, 70) // 100)]
    if rng.random() < 0.4:
        out.append((InstalmentKind.PROGRESS, cap * rng.randint(10, 20) // 100))
    return out


def build(
    n: int, community_ids: list[int], seed: int, first_id: int, seqs: dict[int, int]
) -> tuple[Rows, Rows, Rows, Rows]:
    """The rows of n requests and their steps, materials and payments (tuples in column order)."""
    rng = random.Random(seed)
    span = (TODAY - FIRST_DAY).days
    pool = rng.sample(community_ids, max(1, len(community_ids) // 3))
    ages = sorted((rng.randint(0, span) for _ in range(n)), reverse=True)  # oldest first
    requests: Rows = []
    steps: Rows = []
    materials: Rows = []
    payments: Rows = []
    for k, age in enumerate(ages):
        rid = first_id + k
        applied = TODAY - timedelta(days=age)
        year = applied.year
        seqs[year] = seqs.get(year, 0) + 1
        emergency = rng.random() < 0.3
        weights = next(w for limit, w in WEIGHTS if age <= limit)
        if emergency:
            weights = {s: w for s, w in weights.items() if s not in (S.VOTING, S.VOTED)}
        stage = rng.choices(list(weights), list(weights.values()))[0]
        path = _path(rng, stage, emergency)
        days = _days(rng, path, age)
        entered = dict(zip(path, days, strict=True))  # last entry wins for repeated stages
        project, part = rng.choice(PROJECTS)
        if rng.random() < 0.7:
            project = f"{rng.randint(1, 24)}号楼{project}"
        budget = rng.randint(5_000, 800_000) * 100
        households = rng.randint(30, 600)
        area = households * rng.randint(7_000, 13_000)  # m² × 100
        approved = budget * rng.randint(85, 100) // 100 if S.APPROVED in path else None
        final = (
            approved * rng.randint(90, 100) // 100
            if approved and S.FINAL_DISCLOSURE in path
            else None
        )
        # the owners' vote and its 公示 (ordinary requests that reached 公示/表决)
        vote: list[object] = ["use", "", None, None, None, None, None, None, None, None]
        disclosure: list[object] = [None, None]
        if not emergency and S.VOTING in path:
            voted_on = entered[S.VOTING]
            owners = households + rng.randint(0, 20)
            part_o, part_a = owners * rng.randint(68, 95) // 100, area * rng.randint(68, 95) // 100
            passed = S.VOTED in path or rng.random() < 0.7
            share = rng.randint(55, 90) if passed else rng.randint(30, 49)
            vote = [
                "use",
                "civil_code_2021",
                voted_on,
                area,
                owners,
                part_a,
                part_o,
                part_a * share // 100,
                part_o * share // 100,
                passed,
            ]
            start = applied + timedelta(days=1)
            disclosure = [start, start + timedelta(days=4 if rng.random() < 0.05 else 6)]
        requests.append(
            (
                rid,
                year,
                seqs[year],
                rng.choice(pool),
                (
                    Applicant.COMPANY if emergency or rng.random() < 0.15 else Applicant.COMMITTEE
                ).value,
                "物业服务中心" if emergency else "业主委员会",
                "王建华",
                "13800138000",
                applied,
                project,
                part,
                f"{part}老化损坏，影响业主正常生活，需及时维修。",
                budget,
                "全体业主" if rng.random() < 0.5 else f"{rng.randint(1, 24)}号楼全体业主",
                households,
                area,
                int(emergency),
                rng.choice(CATEGORIES) if emergency else "",
                "镇住建办 陈晓梅" if emergency else "",
                applied if emergency else None,
                *vote,
                *disclosure,
                stage.value,
                days[-1],
                approved,
                final,
                entered.get(S.ACCEPTED),
                entered.get(S.FINAL_DISCLOSURE),
                entered.get(S.DONE) or entered.get(S.REJECTED),
                "业主代表要求加快进度" if rng.random() < 0.1 else "",
            )
        )
        paid = _payments(rng, stage, final or approved or 0) if S.DISBURSED in path else []
        for a, b, day in zip(path, path[1:], days[1:], strict=False):
            amount = {
                S.APPROVED: approved,
                S.DISBURSED: paid[0][1] if paid else None,
                S.FINAL_DISCLOSURE: final,
            }.get(b)
            opinion = OPINIONS.get(b, "进入公示、表决")
            if b is S.DISBURSED:
                opinion = f"首付 {amount // 100:,}.{amount % 100:02d} 元" if amount else ""
            steps.append((rid, a.value, b.value, day, rng.choice(OPERATORS), opinion, amount))
        for j, (kind, amount) in enumerate(paid):
            day = min(days[-1], entered[S.DISBURSED] + timedelta(days=30 * j))
            if stage is S.DONE and j == len(paid) - 1:
                day = days[-1]  # the 尾款 is paid when the request is closed
            payments.append((rid, kind.value, day, amount, rng.choice(OPERATORS), ""))
        # materials of every gate passed, and often of the next one
        have: dict[Material, date] = {Material.APPLICATION: applied, Material.PLAN: applied}
        for gate in GATES:
            reached = gate in path
            if reached or rng.random() < 0.6:
                day = entered.get(gate, days[-1])
                for m in materials_for(gate, emergency):
                    have.setdefault(m, day)
            if not reached:
                break
        for m, day in have.items():
            scan = rng.random() < 0.3
            materials.append(
                (
                    rid,
                    m.value,
                    day,
                    f"fund/{rid}-{m.value}.pdf" if scan else "",
                    f"{m.label}.pdf" if scan else "",
                    "",
                )
            )
    return requests, steps, materials, payments


def add_fund_requests(data_dir: Path, n: int = 20_000, seed: int = 20261123) -> float:
    """Insert n requests with their steps, materials and payments; returns the seconds taken."""
    from app.bootstrap import open_data

    open_data(data_dir).close()  # migrate an older county to the fund tables first
    t0 = time.perf_counter()
    conn = sqlite3.connect(data_dir / "propdesk.db", isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        ids = [r[0] for r in conn.execute("SELECT id FROM community ORDER BY id")]
        first = (conn.execute("SELECT max(id) FROM fund_request").fetchone()[0] or 0) + 1
        seqs = dict(
            conn.execute("SELECT year, max(seq) FROM fund_request GROUP BY year").fetchall()
        )
        requests, steps, materials, payments = build(n, ids, seed, first, seqs)
        marks = ", ".join("?" * len(REQUEST_COLUMNS.split(",")))
        conn.executemany(
            f"INSERT INTO fund_request ({REQUEST_COLUMNS}) VALUES ({marks})",
            [tuple(_iso(v) if isinstance(v, date) else v for v in r) for r in requests],
        )
        conn.executemany(
            'INSERT INTO fund_step (request_id, from_stage, to_stage, "on", operator, opinion, '
            "amount_fen) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(r, a, b, _iso(d), o, t, m) for r, a, b, d, o, t, m in steps],
        )
        conn.executemany(
            "INSERT INTO fund_material (request_id, material, received_on, stored_name, "
            "original_name, note) VALUES (?, ?, ?, ?, ?, ?)",
            [(r, m, _iso(d), s, o, t) for r, m, d, s, o, t in materials],
        )
        conn.executemany(
            "INSERT INTO fund_disbursement (request_id, kind, paid_on, amount_fen, operator, "
            "note) VALUES (?, ?, ?, ?, ?, ?)",
            [(r, k, _iso(d), a, o, t) for r, k, d, a, o, t in payments],
        )
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()
    return time.perf_counter() - t0


# ---- inputs of the micro benchmarks ----------------------------------------------------------
def split_units(n: int = 5_000, seed: int = 5) -> list[SplitUnit]:
    """n units with distinct room numbers, 45–180 m², one in twenty unsold (no owner)."""
    rng = random.Random(seed)
    return [
        SplitUnit(
            f"{k // 600 + 1}-{k // 100 % 6 + 1}-{k % 100 + 101}",
            Decimal(rng.randint(4_500, 18_000)) / 100,
            "" if k % 20 == 0 else f"业主{k}",
        )
        for k in range(n)
    ]


def vote_counts(n: int = 100_000, seed: int = 9) -> list[tuple[VoteCount, VoteMatter]]:
    """n (count, matter) pairs: a pool of 1,000 plausible counts (some at the thresholds),
    one matter in five a special one (筹集), cycled."""
    rng = random.Random(seed)
    pool = []
    for k in range(1_000):
        owners = rng.randint(50, 2_000)
        area = owners * rng.randint(7_000, 13_000)  # m² × 100
        part_o, part_a = owners * rng.randint(60, 95) // 100, area * rng.randint(60, 95) // 100
        if k % 10 == 0:  # exactly two thirds take part, exactly half agree
            owners, area = owners - owners % 6, area - area % 6
            part_o, part_a = owners * 2 // 3, area * 2 // 3
        share = rng.randint(40, 90) if k % 10 else 50
        cents = Decimal(1).scaleb(-2)
        count = VoteCount(
            Decimal(area) * cents,
            owners,
            Decimal(part_a) * cents,
            part_o,
            Decimal(part_a * share // 100) * cents,
            part_o * share // 100,
        )
        pool.append((count, VoteMatter.RAISE if k % 5 == 0 else VoteMatter.USE))
    return [pool[k % len(pool)] for k in range(n)]
