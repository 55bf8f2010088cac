"""Who counts as an owner in an Art. 278 vote, from a request's unit list (DOMAIN.md §5.1):
one unit is one owner; a buyer of several units is one owner; all the developer's unsold
units together are one. The clerk types the vote's 总面积 and 业主总人数; when the request
has a unit list (房号, 面积, 业主), these are derived from it and shown beside the typed
figures, with a warning where the two differ."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from app.domain.cost_split import SplitUnit
from app.domain.votes import number_text


def owner_key(name: str) -> str:
    """The same person however the name was typed: no spaces, full-width forms folded."""
    return "".join(name.split()).replace("（", "(").replace("）", ")")


@dataclass(frozen=True)
class OwnerCount:
    units: int  # 户数 in the list
    area: Decimal  # 总面积 (㎡): every unit's area
    owners: int  # 业主总人数 by the counting rule
    unsold: int  # units with no owner: the developer's, counted as one owner together
    several: int  # owners with more than one unit, each counted once

    def derivation(self) -> str:
        """How the figures were reached, in one line for the clerk."""
        area = number_text(self.area)
        parts = [f"按房屋清单：{self.units} 套，总面积 {area} ㎡，业主 {self.owners} 人"]
        notes = []
        if self.several:
            notes.append(f"{self.several} 位业主拥有多套，各计 1 人")
        if self.unsold:
            notes.append(f"建设单位未售 {self.unsold} 套，合计 1 人")
        if notes:
            parts.append("（" + "；".join(notes) + "）")
        return "".join(parts)

    def differences(self, total_area: Decimal | None, total_owners: int | None) -> list[str]:
        """Warnings where typed figures differ from the list (blank figures: none)."""
        out = []
        if total_area is not None and Decimal(total_area) != self.area:
            typed, listed = number_text(Decimal(total_area)), number_text(self.area)
            out.append(f"填写的总面积 {typed} ㎡ 与房屋清单的 {listed} ㎡ 不一致")
        if total_owners is not None and total_owners != self.owners:
            out.append(f"填写的业主总人数 {total_owners} 人与房屋清单的 {self.owners} 人不一致")
        return out


def count_owners(units: Sequence[SplitUnit]) -> OwnerCount:
    """The vote's 总面积 and 业主总人数 that a unit list gives."""
    per_owner: dict[str, int] = {}
    unsold = 0
    area = Decimal(0)
    for unit in units:
        area += Decimal(unit.area)
        key = owner_key(unit.owner)
        if not key:
            unsold += 1
            continue
        per_owner[key] = per_owner.get(key, 0) + 1
    owners = len(per_owner) + (1 if unsold else 0)
    several = sum(1 for n in per_owner.values() if n > 1)
    return OwnerCount(len(units), area, owners, unsold, several)
