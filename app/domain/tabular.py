"""Column specifications shared by import templates, sheet readers and ledgers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from app.domain.text import header_key

_PAREN = re.compile(r"\(.*?\)")


class CellKind(StrEnum):
    TEXT = "text"
    INT = "int"
    DECIMAL = "decimal"  # up to 2 decimal places
    DATE = "date"
    BOOL = "bool"  # 是/否
    CHOICE = "choice"  # one of `choices`


@dataclass(frozen=True)
class ColumnSpec:
    key: str  # attribute name the value goes to
    header: str  # the Chinese header written in templates and ledgers
    kind: CellKind = CellKind.TEXT
    required: bool = False
    aliases: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    note: str = ""  # one line of help for the template's 填写说明 sheet
    example: str = ""
    width: int = 0  # suggested width in characters (0: fit to content)

    def keys(self) -> set[str]:
        """Every header key this column answers to (with and without bracketed units)."""
        out: set[str] = set()
        for name in (self.header, *self.aliases):
            k = header_key(name)
            out.add(k)
            out.add(_PAREN.sub("", k))
        return out


@dataclass(frozen=True)
class CellProblem:
    """One bad cell: row number as Excel shows it, the column's header, the raw value."""

    row: int
    column: str
    value: str
    message: str


@dataclass(frozen=True)
class RawRow:
    row: int  # 1-based Excel row number
    values: dict[str, object] = field(default_factory=dict)  # ColumnSpec.key -> cell value


def match_header(text: object, columns: list[ColumnSpec]) -> ColumnSpec | None:
    k = header_key(text)
    if not k:
        return None
    base = _PAREN.sub("", k)
    for col in columns:
        keys = col.keys()
        if k in keys or base in keys:
            return col
    return None
