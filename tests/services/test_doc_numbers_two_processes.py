"""Two PropDesk processes issue documents on one database at the same moment: no duplicate 文号.

Both processes issue 整改通知书 and 复查意见书 printed with one shared prefix, so the two types
draw from one sequence (issue 12, item 4): the printed numbers run 1…n with no repeat and no
gap across both types."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from datetime import timedelta

from app.domain.community import CommunityQuery
from app.domain.enums import DocType
from app.domain.issues import IssueFields
from tests.conftest import REPO, TODAY

PER_PROCESS = 12

WORKER = r"""
import json, sys, time
from dataclasses import replace
from datetime import date
from app.bootstrap import open_data
from app.domain.issues import ReinspectionFields
from app.services import build_services

data_dir, ids, start_at = sys.argv[1], json.loads(sys.argv[2]), float(sys.argv[3])
opened = open_data(data_dir)
svc = build_services(replace(opened.services.ctx, today=lambda: date(2026, 11, 23)))
while time.time() < start_at:  # both processes start issuing at the same instant
    time.sleep(0.001)
numbers = []
for i in ids:  # a notice, then its 复查意见书: the two types interleave across processes
    numbers.append(svc.chain.issue_notice([i], svc.chain.draft_notice([i])).row.doc_number)
    done = svc.chain.reinspect([i], ReinspectionFields(date(2026, 11, 23), "王五", True, "已整改"))
    numbers.append(done.row.doc_number)
opened.close()
print(json.dumps(numbers, ensure_ascii=False))
"""


def test_two_processes_never_share_a_number(demo, opened):
    profile = demo.office.profile()
    shared = {
        DocType.RECTIFICATION_NOTICE: "青禾镇物整",
        DocType.REINSPECTION_OPINION: "青禾镇物整",
    }
    demo.office.save_profile(replace(profile, prefixes={**profile.prefixes, **shared}))
    cid = demo.communities.search_ids(CommunityQuery())[0]
    ids = [
        demo.issues.create(
            IssueFields(cid, "其他", f"问题{n}", TODAY, TODAY + timedelta(days=9), f"单位{n}")
        ).id
        for n in range(2 * PER_PROCESS)
    ]
    start_at = time.time() + 3.0
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(opened.data_dir), json.dumps(part), str(start_at)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for part in (ids[0::2], ids[1::2])
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    for p, (_, err) in zip(procs, outputs, strict=True):
        assert p.returncode == 0, err
    numbers = [n for out, _ in outputs for n in json.loads(out.strip().splitlines()[-1])]
    total = 4 * PER_PROCESS  # a notice and an opinion per issue
    assert len(numbers) == total
    assert len(set(numbers)) == len(numbers)
    assert sorted(numbers) == sorted(f"青禾镇物整〔2026〕{n}号" for n in range(1, total + 1))
    conn = sqlite3.connect(opened.data_dir / "propdesk.db")
    rows = conn.execute("SELECT doc_type, number, doc_number FROM document ORDER BY number")
    stored = list(rows)
    conn.close()
    assert [r[1] for r in stored] == list(range(1, total + 1))  # no gaps, no repeats
    assert len({r[2] for r in stored}) == total
    kinds = {r[0] for r in stored}
    assert kinds == {DocType.RECTIFICATION_NOTICE.value, DocType.REINSPECTION_OPINION.value}
