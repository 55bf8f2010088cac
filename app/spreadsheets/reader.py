"""Read a sheet of records by its Chinese headers.

The workbook is opened read-only (streaming), which is fast but hides merged cells, so the
merge ranges are read from the sheet's XML in the zip (`sheet_merges`). Values are returned
raw: the caller validates and converts them.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, NamedTuple
from xml.etree import ElementTree as ET
from xml.etree.ElementTree import ParseError

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.workbook.workbook import Workbook

from app.domain.errors import PropDeskError
from app.domain.tabular import CellProblem, ColumnSpec, RawRow, match_header

SCAN_ROWS = 10  # the header row is looked for in the first rows only
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, .et, or a password-protected .xlsx
_BROKEN = (zipfile.BadZipFile, zlib.error, EOFError, ParseError, ValueError, OSError)
_FOOTER_PREFIX = "制表人"  # the footer line of our own ledgers
# <mergeCell ref="B3:C3"/>, with any namespace prefix; "<" never occurs raw in XML text
_MERGE_CELL = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\s[^>]*?\bref\s*=\s*[\"']([^\"']+)[\"']"
)


class SheetError(PropDeskError):
    """A problem with the whole file or sheet; the message says what to do."""


@dataclass(frozen=True)
class SheetTable:
    sheet_name: str
    header_row: int  # 1-based
    columns: dict[str, int]  # ColumnSpec.key -> 0-based column index
    unknown_headers: list[str]  # headers that matched no column (ignored, reported)
    rows: list[RawRow]  # non-empty data rows only; RawRow.values: key -> raw cell value
    problems: list[CellProblem]  # row-level structural problems (merged cells in data)


class MergeRange(NamedTuple):
    ref: str  # "B3:C3"
    min_col: int  # 1-based, like the rows
    min_row: int
    max_col: int
    max_row: int


def sheet_merges(path: Path, ws: Any) -> list[MergeRange]:
    """The merged ranges of a read-only worksheet, from its XML part in the zip."""
    with zipfile.ZipFile(path) as zf:
        # openpyxl's own (private) record of the part is only a fallback
        part = _sheet_part(zf, ws.title) or getattr(ws, "_worksheet_path", None)
        if part is None:
            return []
        with zf.open(part) as src:
            refs = _scan_merge_refs(src)
    out = []
    for ref in refs:
        ref = ref.replace("$", "").upper()
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        if (min_col, min_row) != (max_col, max_row):  # a one-cell "merge" merges nothing
            out.append(MergeRange(ref, min_col, min_row, max_col, max_row))
    return out


def _scan_merge_refs(src: IO[bytes]) -> list[str]:
    """Stream the part in chunks: <mergeCells> follows the cell data, which may be large."""
    refs: list[str] = []
    tail = b""
    while chunk := src.read(1 << 20):
        buf = tail + chunk
        end = 0
        if b"mergeCell" in buf:
            for m in _MERGE_CELL.finditer(buf):
                refs.append(m.group(1).decode("ascii", "replace"))
                end = m.end()
        tail = buf[max(end, len(buf) - 512) :]  # a tag cut by the chunk boundary
    return refs


def _sheet_part(zf: zipfile.ZipFile, title: str) -> str | None:
    """The zip path of the sheet named `title`: package rels → workbook → workbook rels."""
    book = "xl/workbook.xml"
    for _, rel_type, target in _relations(zf, "_rels/.rels"):
        if rel_type.endswith("/officeDocument"):
            book = _resolve("", target)
    rel_id = None
    for el in ET.fromstring(zf.read(book)).iter():
        if el.tag.rpartition("}")[2] == "sheet" and el.get("name") == title:
            rel_id = next((v for k, v in el.attrib.items() if k.endswith("}id")), None)
    base = posixpath.dirname(book)
    book_rels = posixpath.join(base, "_rels", posixpath.basename(book) + ".rels")
    for rid, _, target in _relations(zf, book_rels):
        if rid == rel_id:
            return _resolve(base, target)
    return None


def _relations(zf: zipfile.ZipFile, part: str) -> list[tuple[str, str, str]]:
    try:
        root = ET.fromstring(zf.read(part))
    except KeyError:  # no such part
        return []
    return [
        (el.get("Id", ""), el.get("Type", ""), el.get("Target", ""))
        for el in root.iter()
        if el.tag.rpartition("}")[2] == "Relationship"
    ]


def _resolve(base: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(base, target))


@dataclass
class _Header:
    """The best header row found in the first rows of a sheet."""

    sheet: Any  # a read-only worksheet
    row: int = 0  # 1-based; 0 when no cell matched
    texts: dict[int, str] = field(default_factory=dict)  # 0-based column -> any header text
    found: dict[str, list[int]] = field(default_factory=dict)  # key -> columns that matched
    empty: bool = True  # no value at all in the scanned rows

    def missing(self, columns: Sequence[ColumnSpec]) -> list[ColumnSpec]:
        return [c for c in columns if c.required and c.key not in self.found]


def _cell_text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _only_value(record: dict[str, object], value: object) -> bool:
    return all(v is value or _is_blank(v) for v in record.values())


def _column_name(header: _Header, idx: int) -> str:
    text = header.texts.get(idx, "")
    return text or f"{get_column_letter(idx + 1)}列"


@contextmanager
def _open_workbook(path: Path) -> Iterator[Workbook]:
    name = path.name
    if not path.exists():
        raise SheetError(f"找不到文件“{path}”。请确认文件没有被移动、改名或删除，再重新选择。")
    if path.is_dir():
        raise SheetError(f"“{name}”是一个文件夹，不是 Excel 文件。请选择 .xlsx 文件。")
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise SheetError(
            f"无法打开文件“{name}”：可能正被其他程序占用，或没有读取权限。"
            "请关闭占用它的程序后重试。"
        ) from exc
    with fh:
        _check_signature(name, fh.read(8))
        fh.seek(0)
        try:
            # A file object skips openpyxl's check of the extension: the content decides.
            wb = load_workbook(fh, read_only=True, data_only=True)
        except Exception as exc:  # whatever openpyxl trips on, the file is the cause
            raise SheetError(_unreadable(name)) from exc
        try:
            yield wb
        except _BROKEN as exc:  # a damaged part found while streaming the rows
            raise SheetError(_unreadable(name)) from exc
        finally:
            wb.close()


def _unreadable(name: str) -> str:
    return (
        f"无法读取“{name}”：文件不是有效的 Excel 工作簿（.xlsx），或者已经损坏。"
        "请用 Excel 打开它，再“另存为”Excel 工作簿（*.xlsx）格式的新文件后导入。"
    )


def _check_signature(name: str, head: bytes) -> None:
    if not head:
        raise SheetError(f"文件“{name}”是空的（0 字节）。请重新选择要导入的 Excel 文件。")
    if head.startswith(_ZIP_MAGIC):
        return
    if head.startswith(_OLE_MAGIC):
        kind = "旧版 Excel（.xls）或 WPS（.et）格式的文件，或者设置了打开密码"
    else:
        kind = "文本、CSV 或网页文件，不是 Excel 工作簿"
    raise SheetError(
        f"“{name}”是{kind}，无法直接导入。请用 Excel 打开它（如有密码请先取消），"
        "再“另存为”Excel 工作簿（*.xlsx）格式后导入。"
    )


def _scan_header(ws: Any, columns: list[ColumnSpec]) -> _Header:
    """The row among the first SCAN_ROWS with the most matched headers (first one on a tie)."""
    best = _Header(ws)
    for r, values in enumerate(ws.iter_rows(max_row=SCAN_ROWS, values_only=True), 1):
        texts: dict[int, str] = {}
        found: dict[str, list[int]] = {}
        for i, value in enumerate(values):
            text = _cell_text(value)
            if not text:
                continue
            texts[i] = text
            col = match_header(text, columns)
            if col is not None:
                found.setdefault(col.key, []).append(i)
        if texts:
            best.empty = False
        if len(found) > len(best.found):
            best.row, best.texts, best.found = r, texts, found
    return best


def _choose_sheet(wb: Workbook, columns: list[ColumnSpec], sheet: str | None) -> _Header:
    if sheet is not None:
        if sheet not in wb.sheetnames:
            names = "、".join(f"“{n}”" for n in wb.sheetnames)
            raise SheetError(f"文件中没有名为“{sheet}”的工作表。文件中的工作表有：{names}。")
        candidates = [wb[sheet]]
        if not hasattr(candidates[0], "iter_rows"):
            raise SheetError(f"工作表“{sheet}”是图表，不是数据表。请选择填有数据的工作表。")
    else:
        active = wb.active
        shown = [ws for ws in wb.worksheets if ws.sheet_state == "visible"] or wb.worksheets
        candidates = [ws for ws in shown if ws is active] + [ws for ws in shown if ws is not active]
    if not candidates:
        raise SheetError("文件中没有可读取的工作表。请用 Excel 打开检查后重新导入。")

    headers = []
    for ws in candidates:
        ws.reset_dimensions()  # some programs write a wrong size; read every cell there is
        headers.append(_scan_header(ws, columns))
    # The sheet with the most matched columns; on a tie the active one, then the first.
    best = max(headers, key=lambda h: len(h.found))
    if best.row:
        return best  # missing required columns are reported by the caller
    if all(h.empty and _sheet_is_empty(h.sheet) for h in headers):
        names = "、".join(f"“{h.sheet.title}”" for h in headers)
        raise SheetError(f"工作表{names}为空，没有可导入的内容。请选择填好数据的文件。")
    names = "、".join(f"“{h.sheet.title}”" for h in headers)
    sample = "、".join(c.header for c in columns[:4])
    raise SheetError(
        f"在工作表{names}的前 {SCAN_ROWS} 行中找不到表头。请确认表头在前 {SCAN_ROWS} 行内，"
        f"且列名与导入模板一致（例如：{sample}），或下载导入模板重新填写。"
    )


def _sheet_is_empty(ws: Any) -> bool:
    return all(_is_blank(v) for row in ws.iter_rows(values_only=True) for v in row)


def _check_header(header: _Header, columns: list[ColumnSpec], merges: list[MergeRange]) -> None:
    name, r = header.sheet.title, header.row
    in_header = [m for m in merges if m.min_row <= r <= m.max_row]
    if in_header:
        refs = "、".join(m.ref for m in in_header)
        raise SheetError(
            f"工作表“{name}”的表头（第 {r} 行）有合并单元格 {refs}。"
            "请取消合并，让每一列都有自己的列名，再重新导入。"
        )
    by_key = {c.key: c for c in columns}
    for key, idxs in header.found.items():
        if len(idxs) > 1:
            both = "和".join(
                f"“{_column_name(header, i)}”（{get_column_letter(i + 1)}列）" for i in idxs
            )
            raise SheetError(
                f"工作表“{name}”第 {r} 行表头中，{both}都对应“{by_key[key].header}”。"
                "请删除或改名多余的列，再重新导入。"
            )
    missing = header.missing(columns)
    if missing:
        heads = "、".join(f"“{c.header}”" for c in missing)
        raise SheetError(
            f"工作表“{name}”缺少必填列：{heads}。请在第 {r} 行表头中补上这些列"
            "（列名可参照导入模板），再重新导入。"
        )


def _read_rows(
    header: _Header, columns: dict[str, int], merges: list[MergeRange]
) -> tuple[list[RawRow], list[CellProblem]]:
    first = header.row + 1
    items = list(columns.items())
    used = set(columns.values())
    data_merges = [
        m
        for m in merges
        if m.min_row >= first and any(m.min_col <= i + 1 <= m.max_col for i in used)
    ]  # merges over ignored columns only do no harm
    tops: dict[int, list[MergeRange]] = {}  # first row -> merges starting there
    for m in data_merges:
        tops.setdefault(m.min_row, []).append(m)
    top_values: dict[MergeRange, object] = {}

    rows: list[RawRow] = []
    for r, values in enumerate(header.sheet.iter_rows(min_row=first, values_only=True), first):
        n = len(values)
        record = {key: values[i] if i < n else None for key, i in items}
        for m in tops.get(r, ()):
            top_values[m] = values[m.min_col - 1] if m.min_col <= n else None
        for v in record.values():
            if v is not None and (v.__class__ is not str or v.strip()):
                break  # the first non-blank value
        else:
            continue  # a blank row
        if isinstance(v, str) and v.startswith(_FOOTER_PREFIX) and _only_value(record, v):
            continue  # "制表人：…  审核人：…" under one of our own ledgers
        rows.append(RawRow(row=r, values=record))

    problems = []
    for m in data_merges:
        column = _column_name(header, m.min_col - 1)
        value = _cell_text(top_values.get(m))
        message = f"{m.ref} 是合并单元格。请取消合并，并在每一行分别填写“{column}”。"
        problems += [
            CellProblem(r, column, value, message) for r in range(m.min_row, m.max_row + 1)
        ]
    problems.sort(key=lambda p: p.row)
    return rows, problems


def read_table(
    path: Path, columns: Sequence[ColumnSpec], *, sheet: str | None = None
) -> SheetTable:
    """Read the records of one sheet, matching its headers to `columns` (any order).

    Raises SheetError for a problem with the whole file; row-level problems are returned."""
    path = Path(path)
    specs = list(columns)
    with _open_workbook(path) as wb:
        header = _choose_sheet(wb, specs, sheet)
        merges = sheet_merges(path, header.sheet)
        _check_header(header, specs, merges)
        found = header.found
        index = {c.key: found[c.key][0] for c in specs if c.key in found}
        rows, problems = _read_rows(header, index, merges)
    matched = {i for idxs in found.values() for i in idxs}
    unknown = [t for i, t in sorted(header.texts.items()) if i not in matched]
    return SheetTable(
        sheet_name=header.sheet.title,
        header_row=header.row,
        columns=index,
        unknown_headers=unknown,
        rows=rows,
        problems=problems,
    )
