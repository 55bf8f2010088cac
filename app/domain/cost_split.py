"""Cost split by area (DOMAIN.md §5.3; Civil Code Art. 283, fund measures Art. 20–21).

Each unit's exact share is cost × its area ÷ the total area. The largest-remainder method
turns it into whole fen: every share is rounded down, then the fen left over (fewer than the
number of units) go one at a time to the units with the largest remainders; ties go to the
larger area, then to the earlier unit in the list. So the shares always add up to the cost and
every share is within 1 fen of its exact share: never the whole residue on one unit.
Everything is exact arithmetic (integers and Fractions): areas are taken as hundredths of a m².
Unsold units (no owner) are charged to the developer.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from app.domain import cells
from app.domain.cells import CellError
from app.domain.errors import ValidationError
from app.domain.tabular import CellKind, CellProblem, ColumnSpec, RawRow

DEVELOPER = "建设单位（未售）"
EXACT_HEADER = "精确分摊(元)（未取整）"  # the exact share's column in every 分摊明细
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class SplitUnit:
    room: str
    area: Decimal  # m², two decimals
    owner: str = ""  # blank: an unsold unit

    @property
    def payer(self) -> str:
        return self.owner or DEVELOPER


@dataclass(frozen=True)
class Share:
    unit: SplitUnit
    fen: int  # the share charged, in whole fen
    exact: Fraction  # the exact proportional share, in fen (unrounded)

    def exact_yuan(self, places: int = 4) -> Decimal:
        """The exact share in yuan with `places` decimals, rounded half up (for display)."""
        return exact_yuan(self.exact, places)


def exact_yuan(fen: Fraction | int, places: int = 4) -> Decimal:
    """An exact amount of fen as yuan with `places` decimals, rounded half up."""
    n = math.floor(Fraction(fen) * Fraction(10**places, 100) + Fraction(1, 2))
    return Decimal(n).scaleb(-places)


UNIT_COLUMNS: list[ColumnSpec] = [
    ColumnSpec(
        "room",
        "房号",
        required=True,
        aliases=("房屋号", "户号", "房间号", "门牌号", "室号", "单元房号"),
        example="1-2-301",
    ),
    ColumnSpec(
        "area",
        "面积(㎡)",
        CellKind.DECIMAL,
        required=True,
        aliases=("建筑面积", "专有部分面积", "套内面积", "面积"),
        example="89.50",
    ),
    ColumnSpec("owner", "业主", aliases=("业主姓名", "产权人", "所有权人"), example="张三"),
]


def _centi(unit: SplitUnit) -> int:
    """The unit's area in hundredths of a m²; refuses negatives and a third decimal."""
    area = unit.area
    if (
        isinstance(area, bool)
        or not isinstance(area, Decimal | int)
        or not Decimal(area).is_finite()
    ):
        raise ValidationError(f"房号 {unit.room} 的面积无效：{area}", field="area", value=area)
    if area < 0:
        raise ValidationError(
            f"房号 {unit.room} 的面积不能为负数：{area} ㎡", field="area", value=area
        )
    try:
        exact = Decimal(area).quantize(_CENT)
    except InvalidOperation:
        raise ValidationError(
            f"房号 {unit.room} 的面积过大：{area} ㎡", field="area", value=area
        ) from None
    if exact != area:
        raise ValidationError(
            f"房号 {unit.room} 的面积最多保留两位小数：{area} ㎡", field="area", value=area
        )
    return int(exact * 100)


def split(cost_fen: int, units: Sequence[SplitUnit]) -> list[Share]:
    """Each unit's share of `cost_fen`, in the order given; the shares sum to `cost_fen`."""
    if not units:
        raise ValidationError("分摊范围内没有房屋，请先导入房屋清单", field="units")
    if isinstance(cost_fen, bool) or not isinstance(cost_fen, int):
        raise ValidationError(f"维修费用应为整数分：{cost_fen}", field="cost", value=cost_fen)
    if cost_fen < 0:
        raise ValidationError(f"维修费用不能为负数：{cost_fen} 分", field="cost", value=cost_fen)
    seen: dict[str, int] = {}
    dupes: list[str] = []
    for u in units:
        key = u.room.strip()
        seen[key] = seen.get(key, 0) + 1
        if seen[key] == 2:
            dupes.append(key)
    if dupes:
        raise ValidationError(
            f"房号重复：{'、'.join(dupes)}。每套房屋只能出现一次", field="room", value=dupes
        )
    areas = [_centi(u) for u in units]
    total = sum(areas)
    if total == 0:
        raise ValidationError("分摊范围的总面积为零，无法按面积分摊", field="area", value=0)
    fens = _largest_remainder(cost_fen, areas, total)
    return [
        Share(u, f, Fraction(cost_fen * a, total))
        for u, f, a in zip(units, fens, areas, strict=True)
    ]


def _largest_remainder(cost_fen: int, areas: Sequence[int], total: int) -> list[int]:
    """Floors of cost × area ÷ total, plus 1 fen each for the `residue` units with the largest
    remainders (ties: larger area, then list order). O(n log n)."""
    fens: list[int] = []
    remainders: list[int] = []  # numerators over `total`: comparable as integers
    for a in areas:
        q, r = divmod(cost_fen * a, total)
        fens.append(q)
        remainders.append(r)
    residue = cost_fen - sum(fens)  # Σ r / total: an integer in [0, n)
    if residue:
        order = sorted(range(len(areas)), key=lambda i: (-remainders[i], -areas[i], i))
        for i in order[:residue]:
            fens[i] += 1
    return fens


def ratio_text(area: Decimal, total: Decimal) -> str:
    """The unit's share of the total area as a percentage with four decimals, rounded half up."""
    if total == 0:
        return "—"
    scaled = Fraction(area) / Fraction(total) * 10**6  # percent × 10^4
    n = int(scaled + Fraction(1, 2))
    return f"{n // 10**4}.{n % 10**4:04d}%"


def parse_units(rows: Sequence[RawRow]) -> tuple[list[SplitUnit], list[CellProblem]]:
    """Unit rows read by header (UNIT_COLUMNS keys) → units, and every bad cell as a problem."""
    head = {c.key: c.header for c in UNIT_COLUMNS}
    units: list[SplitUnit] = []
    problems: list[CellProblem] = []
    first_row: dict[str, int] = {}
    for raw in rows:
        values = raw.values
        before = len(problems)
        room = cells.to_text(values.get("room"))
        if not room:
            problems.append(CellProblem(raw.row, head["room"], "", "房号不能为空"))
        elif room in first_row:
            problems.append(
                CellProblem(raw.row, head["room"], room, f"房号重复（与第{first_row[room]}行相同）")
            )
        else:
            first_row[room] = raw.row
        area_raw = values.get("area")
        area: Decimal | None = None
        try:
            area = cells.to_decimal(area_raw)
        except CellError as err:
            problems.append(CellProblem(raw.row, head["area"], _shown(area_raw), err.message))
        else:
            if area is None:
                problems.append(CellProblem(raw.row, head["area"], "", "面积不能为空"))
            elif area <= 0:
                problems.append(
                    CellProblem(raw.row, head["area"], _shown(area_raw), "面积必须大于零")
                )
        owner = cells.to_text(values.get("owner"))
        if len(problems) == before and area is not None:
            units.append(SplitUnit(room=room, area=area, owner=owner))
    return units, problems


def _shown(value: object) -> str:
    return "" if value is None else cells.to_text(value)
