"""Ledgers sent upward (DOMAIN.md §7) and the import template."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain import committee_ledger, disclosure_ledger, fund_ledger, issue_ledger
from app.domain.community import CommunityQuery
from app.domain.community_import import BY_KEY, COLUMNS, column_keys, export_row
from app.domain.disclosure import DisclosureQuery
from app.domain.fund_records import FundQuery
from app.domain.governance import GovernanceQuery
from app.domain.issues import IssueQuery, IssueRow
from app.domain.tabular import ColumnSpec
from app.domain.text import mask_phone
from app.services.context import ServiceContext
from app.storage.repositories import (
    community_repo,
    company_repo,
    fund_repo,
    issue_repo,
    office_repo,
)

if TYPE_CHECKING:
    from app.services.disclosure_service import DisclosureService
    from app.services.fund_service import FundService
    from app.services.governance_service import GovernanceService

SEQ = ColumnSpec("seq", "序号", width=6)
LEDGER_COLUMNS = [SEQ, *COLUMNS]
_PHONE_INDEX = 1 + COLUMNS.index(BY_KEY["project_manager_phone"])


class LedgerService:
    def __init__(
        self,
        ctx: ServiceContext,
        *,
        governance: GovernanceService,
        funds: FundService,
        disclosure: DisclosureService,
    ) -> None:
        self._ctx = ctx
        self._governance = governance
        self._funds = funds
        self._disclosure = disclosure

    def write_community_template(self, path: Path) -> Path:
        from app.spreadsheets.template import write_template  # openpyxl loads on first use

        write_template(path, title="小区底数导入模板（一张表）", columns=COLUMNS)
        return path

    def export_communities(
        self,
        path: Path,
        query: CommunityQuery | None = None,
        *,
        mask_phones: bool = True,
        groups: Sequence[str] | None = None,
    ) -> int:
        """Write the 小区底数台账 for the communities the query matches; returns the count.
        `groups`: the column groups (COLUMN_GROUPS) to include, all when None."""
        keys = column_keys(groups)  # an unknown group is refused before anything is read
        keep = [0] + [1 + i for i, c in enumerate(COLUMNS) if c.key in set(keys)]
        from app.spreadsheets.ledger_writer import LedgerFooter, LedgerSpec, write_ledger

        q = query or CommunityQuery()
        q = replace(q, sort_key=q.sort_key or "neighborhood")
        with self._ctx.db.read() as s:
            office = office_repo.get_profile(s)
            records = community_repo.records(s, q)
            codes = {cid: code for code, cid in company_repo.uscc_to_ids(s).items()}
        rows = []
        for i, rec in enumerate(records, start=1):
            code = codes.get(rec.fields.company_id or 0, "")
            row = [i, *export_row(rec.fields, rec.company_name, code)]
            phone = row[_PHONE_INDEX]
            if mask_phones and isinstance(phone, str):
                row[_PHONE_INDEX] = mask_phone(phone)
            rows.append([row[k] for k in keep])
        unit = office.name or "（未设置单位名称）"
        spec = LedgerSpec(
            title=f"{office.name}物业小区底数台账",
            unit_name=unit,
            fill_date=self._ctx.today(),
            columns=[LEDGER_COLUMNS[k] for k in keep],
            footer=LedgerFooter(
                preparer=self._ctx.operator(),
                phone=mask_phone(office.contact_phone) if mask_phones else office.contact_phone,
            ),
            sheet_name="小区底数台账",
        )
        return write_ledger(path, spec, rows)

    # ---- 问题整改台账 -------------------------------------------------------------------
    def _issue_rows(self, query: IssueQuery | None) -> tuple[str, str, list[IssueRow]]:
        q = query or IssueQuery()
        today = self._ctx.today()
        with self._ctx.db.read() as s:
            office = office_repo.get_profile(s)
            ids = issue_repo.search_ids(s, q, today)
            rows = issue_repo.rows(s, ids)
        return office.name, office.contact_phone, rows

    def export_issues(self, path: Path, query: IssueQuery | None = None) -> int:
        """The 问题整改台账 in Excel, for exactly the issues the on-screen filter shows."""
        from app.spreadsheets.ledger_writer import LedgerFooter, LedgerSpec, write_ledger

        name, phone, rows = self._issue_rows(query)
        today = self._ctx.today()
        data = [issue_ledger.ledger_row(n, r, today) for n, r in enumerate(rows, 1)]
        spec = LedgerSpec(
            title=f"{name}物业小区问题整改台账",
            unit_name=name or "（未设置单位名称）",
            fill_date=today,
            columns=issue_ledger.COLUMNS,
            footer=LedgerFooter(preparer=self._ctx.operator(), phone=phone),
            sheet_name="问题整改台账",
        )
        return write_ledger(path, spec, data)

    def print_issues(self, path: Path, query: IssueQuery | None = None) -> int:
        """The same ledger as a landscape A4 PDF for the printer."""
        from app.documents.ledger_pdf import render_ledger
        from app.domain.documents import LedgerTable

        name, phone, rows = self._issue_rows(query)
        today = self._ctx.today()
        table = LedgerTable(
            title=f"{name}物业小区问题整改台账",
            office_name=name,
            filled_date=today,
            headers=[c.header for c in issue_ledger.COLUMNS],
            rows=[
                [issue_ledger.as_text(v) for v in issue_ledger.ledger_row(n, r, today)]
                for n, r in enumerate(rows, 1)
            ],
            col_widths_mm=issue_ledger.PDF_WIDTHS,
            preparer=self._ctx.operator(),
            phone=phone,
        )
        path.write_bytes(render_ledger(table))
        return len(rows)

    # ---- 业委会组建情况台账 -------------------------------------------------------------
    def export_committees(self, path: Path, query: GovernanceQuery | None = None) -> int:
        """The committee ledger with 组建率 summary rows per neighbourhood and overall."""
        from app.spreadsheets.ledger_writer import LedgerFooter, LedgerSpec, write_ledger

        gov = self._governance
        rows = gov.rows(query)
        today = self._ctx.today()
        total, parts = gov.coverage()
        with self._ctx.db.read() as s:
            office = office_repo.get_profile(s)
        data = [committee_ledger.ledger_row(n, r, today) for n, r in enumerate(rows, 1)]
        spec = LedgerSpec(
            title=f"{office.name}业主委员会组建情况台账",
            unit_name=office.name or "（未设置单位名称）",
            fill_date=today,
            columns=committee_ledger.COLUMNS,
            footer=LedgerFooter(preparer=self._ctx.operator(), phone=office.contact_phone),
            sheet_name="业委会组建情况台账",
        )
        summary = committee_ledger.summary_rows(total, parts)
        return write_ledger(path, spec, data, summary)

    # ---- 维修资金使用台账 ---------------------------------------------------------------
    def export_funds(self, path: Path, query: FundQuery | None = None) -> int:
        """The fund ledger for the requests the filter shows, oldest first, with totals."""
        from app.spreadsheets.ledger_writer import LedgerFooter, LedgerSpec, write_ledger

        funds = self._funds
        ids = list(reversed(funds.search_ids(query or FundQuery())))
        with self._ctx.db.read() as s:
            office = office_repo.get_profile(s)
            views = fund_repo.ledger_records(s, ids)
        spec = LedgerSpec(
            title=f"{office.name}住宅专项维修资金使用台账",
            unit_name=office.name or "（未设置单位名称）",
            fill_date=self._ctx.today(),
            columns=fund_ledger.COLUMNS,
            footer=LedgerFooter(preparer=self._ctx.operator(), phone=office.contact_phone),
            sheet_name="维修资金使用台账",
        )
        days = self._ctx.rules.fund.disclosure_min_days
        data = [fund_ledger.ledger_row(n, v, days) for n, v in enumerate(views, 1)]
        return write_ledger(path, spec, data, fund_ledger.summary_rows(views))

    # ---- 信息公示检查台账 ---------------------------------------------------------------
    def export_disclosure(self, path: Path, query: DisclosureQuery | None = None) -> int:
        """One row per community the filter shows, then 公示率 rows per neighbourhood."""
        from app.spreadsheets.ledger_writer import LedgerFooter, LedgerSpec, write_ledger

        svc = self._disclosure
        rows = svc.rows(query)
        by_hood, _ = svc.rates(rows)
        with self._ctx.db.read() as s:
            office = office_repo.get_profile(s)
        spec = LedgerSpec(
            title=f"{office.name}物业小区信息公示检查台账",
            unit_name=office.name or "（未设置单位名称）",
            fill_date=self._ctx.today(),
            columns=disclosure_ledger.COLUMNS,
            footer=LedgerFooter(preparer=self._ctx.operator(), phone=office.contact_phone),
            sheet_name="信息公示检查台账",
        )
        data = [disclosure_ledger.ledger_row(n, r) for n, r in enumerate(rows, 1)]
        return write_ledger(path, spec, data, disclosure_ledger.summary_rows(by_hood))
