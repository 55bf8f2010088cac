"""Import communities from the county's sheet: check every row first, then write it all
in one transaction, or nothing."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from app.domain import uscc as uscc_rules
from app.domain.community import CommunityFields, CompanyFields, validate_community
from app.domain.community_import import BY_KEY, COLUMNS, ParsedRow, parse_row
from app.domain.errors import PropDeskError, ValidationError
from app.domain.tabular import CellProblem
from app.services import audit
from app.services.context import ServiceContext
from app.storage.repositories import community_repo, company_repo

_NEW_COMPANY = -1
_FIELD_NAMES = {f.name for f in fields(CommunityFields)}
_COLUMN_OF_FIELD = {"company_id": BY_KEY["company_name"].header}


@dataclass(frozen=True)
class ImportReport:
    file: str
    sheet: str
    total_rows: int
    present: frozenset[str]
    problems: tuple[CellProblem, ...]
    unknown_headers: tuple[str, ...]
    to_create: tuple[str, ...]
    to_update: tuple[str, ...]
    new_companies: tuple[str, ...]
    rows: tuple[ParsedRow, ...] = field(repr=False, default=())

    @property
    def ok(self) -> bool:
        return not self.problems and self.total_rows > 0

    @property
    def bad_rows(self) -> int:
        return len({p.row for p in self.problems})


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    companies_created: int


class ImportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def check(self, path: Path) -> ImportReport:
        """Read and validate every row. Writes nothing."""
        from app.spreadsheets.reader import read_table  # openpyxl loads on first use

        table = read_table(path, COLUMNS)
        problems: list[CellProblem] = list(table.problems)
        parsed: list[ParsedRow] = []
        for raw in table.rows:
            row, cell_problems = parse_row(raw)
            problems.extend(cell_problems)
            if row is not None:
                parsed.append(row)
        present = frozenset(table.columns)
        with self._ctx.db.read() as s:
            by_name = company_repo.name_to_ids(s)
            by_code = company_repo.uscc_to_ids(s)
            code_of = {v: k for k, v in by_code.items()}
            existing = community_repo.names_to_ids(s, [r.fields.name for r in parsed])
        name_of_id = {v: k for k, v in by_name.items()}
        new_companies: dict[str, str] = {}
        first_row: dict[str, int] = {}
        resolved: list[ParsedRow] = []
        this_year = self._ctx.today().year
        for r in parsed:
            row_problems: list[CellProblem] = []
            name = r.fields.name
            if name in first_row:
                row_problems.append(
                    CellProblem(r.row, "小区名称", name, f"与第{first_row[name]}行的小区名称重复")
                )
            else:
                first_row[name] = r.row
            company_id, company_problems = self._resolve_company(
                r, by_name, by_code, code_of, name_of_id, new_companies
            )
            row_problems.extend(company_problems)
            f = replace(r.fields, company_id=company_id)
            try:
                validate_community(f, this_year=this_year)
            except ValidationError as err:
                col = _COLUMN_OF_FIELD.get(err.field or "") or (
                    BY_KEY[err.field].header if err.field in BY_KEY else err.field or ""
                )
                row_problems.append(
                    CellProblem(r.row, col, audit.plain(err.value) or "", err.message)
                )
            problems.extend(row_problems)
            if not row_problems:
                resolved.append(replace(r, fields=f))
        problems.sort(key=lambda p: p.row)
        return ImportReport(
            file=str(path),
            sheet=table.sheet_name,
            total_rows=len(table.rows),
            present=present,
            problems=tuple(problems),
            unknown_headers=tuple(table.unknown_headers),
            to_create=tuple(r.fields.name for r in resolved if r.fields.name not in existing),
            to_update=tuple(r.fields.name for r in resolved if r.fields.name in existing),
            new_companies=tuple(new_companies),
            rows=tuple(resolved),
        )

    @staticmethod
    def _resolve_company(
        r: ParsedRow,
        by_name: dict[str, int],
        by_code: dict[str, int],
        code_of: dict[int, str],
        name_of_id: dict[int, str],
        new_companies: dict[str, str],
    ) -> tuple[int | None, list[CellProblem]]:
        code_header = BY_KEY["company_uscc"].header
        name_header = BY_KEY["company_name"].header
        code = ""
        if r.company_uscc:
            try:
                code = uscc_rules.validate(r.company_uscc)
            except ValidationError as err:
                return None, [CellProblem(r.row, code_header, r.company_uscc, err.message)]
        name = r.company_name
        if not name:
            if not code:
                return None, []
            if code in by_code:
                return by_code[code], []
            msg = "填写了信用代码但未填写物业服务企业名称"
            return None, [CellProblem(r.row, name_header, "", msg)]
        if name in by_name:
            cid = by_name[name]
            known = code_of.get(cid, "")
            if code and known and known != code:
                msg = f"企业“{name}”已登记的信用代码为 {known}，与本行不一致"
                return None, [CellProblem(r.row, code_header, code, msg)]
            if code and by_code.get(code, cid) != cid:
                msg = f"该信用代码已登记在“{name_of_id[by_code[code]]}”名下"
                return None, [CellProblem(r.row, code_header, code, msg)]
            return cid, []
        if code and code in by_code:
            msg = f"该信用代码已登记在“{name_of_id[by_code[code]]}”名下，企业名称不一致"
            return None, [CellProblem(r.row, name_header, name, msg)]
        if name in new_companies and code and new_companies[name] and new_companies[name] != code:
            msg = f"同一企业“{name}”在表中填写了不同的信用代码"
            return None, [CellProblem(r.row, code_header, code, msg)]
        if len(name) > 100:
            return None, [CellProblem(r.row, name_header, name, "企业名称不能超过100个字")]
        if code and code in new_companies.values() and new_companies.get(name) != code:
            msg = "该信用代码在表中对应了另一家企业"
            return None, [CellProblem(r.row, code_header, code, msg)]
        new_companies[name] = new_companies.get(name) or code
        return _NEW_COMPANY, []

    def apply(self, report: ImportReport) -> ImportResult:
        """Write every checked row in one transaction. Refuses a report with problems."""
        if report.problems:
            raise PropDeskError(
                f"有 {report.bad_rows} 行数据有误，未导入任何数据。请修改后重新导入。"
            )
        if not report.rows:
            raise PropDeskError("表中没有可导入的数据行。")
        operator = self._ctx.operator()
        with self._ctx.db.write() as s:
            company_ids = company_repo.name_to_ids(s)
            created_companies = 0
            for name, code in dict.fromkeys(report.new_companies, "").items():
                code = next(
                    (
                        r.company_uscc
                        for r in report.rows
                        if r.company_name == name and r.company_uscc
                    ),
                    code,
                )
                if name in company_ids:
                    continue
                company = company_repo.add(
                    s, CompanyFields(name=name, uscc=uscc_rules.normalize(code) if code else "")
                )
                company_ids[name] = company.id
                created_companies += 1
                audit.record(
                    s,
                    operator,
                    "import",
                    "company",
                    company.id,
                    f"导入新增企业 {name}",
                    audit.diff(None, company_repo.to_fields(company)),
                )
            nids = community_repo.ensure_neighborhoods(
                s, {r.fields.neighborhood for r in report.rows}
            )
            existing = community_repo.by_names(s, [r.fields.name for r in report.rows])
            created: list[tuple[Any, CommunityFields]] = []
            updated = 0
            for r in report.rows:
                f = r.fields
                if f.company_id == _NEW_COMPANY:
                    f = replace(f, company_id=company_ids[r.company_name])
                current = existing.get(f.name)
                if current is None:
                    c = community_repo.new(f, nids[f.neighborhood])
                    s.add(c)
                    created.append((c, f))
                    continue
                old = community_repo.to_fields(current)
                keep = {k: getattr(f, k) for k in report.present if k in _FIELD_NAMES}
                if "company_name" in report.present:
                    keep["company_id"] = f.company_id
                merged = replace(old, **keep)
                try:
                    validate_community(merged, this_year=self._ctx.today().year)
                except ValidationError as err:
                    raise PropDeskError(
                        f"第{r.row}行与已有小区“{f.name}”合并后不符合规则：{err.message}。"
                        "未导入任何数据。"
                    ) from err
                changes = audit.diff(old, merged)
                if changes:
                    nid = (
                        nids.get(merged.neighborhood)
                        or community_repo.ensure_neighborhoods(s, [merged.neighborhood])[
                            merged.neighborhood
                        ]
                    )
                    community_repo.set_fields(current, merged, nid)
                    audit.record(
                        s,
                        operator,
                        "import",
                        "community",
                        current.id,
                        f"导入更新小区 {merged.name}",
                        changes,
                    )
                    updated += 1
            s.flush()
            for c, f in created:
                audit.record(
                    s,
                    operator,
                    "create",
                    "community",
                    c.id,
                    f"导入新增小区 {f.name}",
                    audit.diff(None, f),
                )
        return ImportResult(
            created=len(created), updated=updated, companies_created=created_companies
        )
