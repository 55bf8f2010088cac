"""Use cases of the departments registry (职能部门), printed on the 执法进小区公示牌.

The list starts from DEFAULT_DEPARTMENTS the first time it is read. That is remembered in
the app meta table, so an office that deletes every department does not get them back
(restore_defaults brings back the missing ones on request).
"""

from __future__ import annotations

from dataclasses import replace

from app.domain.departments import (
    DEFAULT_DEPARTMENTS,
    Department,
    DepartmentFields,
    validate_department,
)
from app.domain.disclosure_documents import DepartmentLine
from app.domain.errors import NotFoundError, ValidationError
from app.services import audit
from app.services.context import ServiceContext
from app.storage.models import Department as DepartmentRow
from app.storage.repositories import department_repo, office_repo
from app.storage.session import Session

ENTITY = "department"
SEEDED_KEY = "departments_seeded"
STEP = 10


class DepartmentService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # ---- queries -------------------------------------------------------------------------
    def list(self, active_only: bool = False) -> list[Department]:
        """Every department in board order; seeds the defaults on the very first call."""
        with self._ctx.db.read() as s:
            seeded = office_repo.get_meta(s, SEEDED_KEY) is not None
        if not seeded:
            with self._ctx.db.write() as s:
                self._seed_once(s)
        with self._ctx.db.read() as s:
            return [
                department_repo.to_record(r)
                for r in department_repo.rows(s, active_only=active_only)
            ]

    def get(self, department_id: int) -> Department:
        with self._ctx.db.read() as s:
            return department_repo.to_record(self._row(s, department_id))

    def poster_lines(self) -> tuple[DepartmentLine, ...]:
        """The departments shown on the 公示牌, in order, as the poster prints them."""
        return tuple(
            DepartmentLine(
                name=d.fields.name,
                duties=d.fields.duties,
                contact=d.fields.contact_person,
                phone=d.fields.phone,
            )
            for d in self.list(active_only=True)
        )

    # ---- writes --------------------------------------------------------------------------
    def create(self, fields: DepartmentFields) -> int:
        """Adds a department; sort_order 0 puts it at the end of the list."""
        clean = validate_department(fields)
        with self._ctx.db.write() as s:
            self._seed_once(s)
            self._check_unique(s, clean.name, None)
            if clean.sort_order <= 0:
                clean = replace(clean, sort_order=department_repo.max_order(s) + STEP)
            row = department_repo.add(s, clean)
            audit.record(
                s,
                self._ctx.operator(),
                "create",
                ENTITY,
                row.id,
                f"新增职能部门 {clean.name}",
                audit.diff(None, clean),
            )
            return row.id

    def update(self, department_id: int, fields: DepartmentFields) -> None:
        """Saves the fields; sort_order 0 keeps the department where it is."""
        clean = validate_department(fields)
        with self._ctx.db.write() as s:
            row = self._row(s, department_id)
            self._check_unique(s, clean.name, department_id)
            if clean.sort_order <= 0:
                clean = replace(clean, sort_order=row.sort_order)
            old = department_repo.to_fields(row)
            department_repo.apply_fields(row, clean)
            changes = audit.diff(old, clean)
            if changes:
                audit.record(
                    s,
                    self._ctx.operator(),
                    "update",
                    ENTITY,
                    department_id,
                    f"修改职能部门 {clean.name}",
                    changes,
                )

    def delete(self, department_id: int) -> None:
        with self._ctx.db.write() as s:
            row = self._row(s, department_id)
            old = department_repo.to_fields(row)
            s.delete(row)
            audit.record(
                s,
                self._ctx.operator(),
                "delete",
                ENTITY,
                department_id,
                f"删除职能部门 {old.name}",
                audit.diff(old, None),
            )

    def move(self, department_id: int, up: bool) -> bool:
        """Swaps the department with its neighbour above (up) or below. False at an end."""
        with self._ctx.db.write() as s:
            rows = department_repo.rows(s)
            pos = next((i for i, r in enumerate(rows) if r.id == department_id), None)
            if pos is None:
                raise NotFoundError(f"找不到编号为 {department_id} 的职能部门")
            other = pos - 1 if up else pos + 1
            if not 0 <= other < len(rows):
                return False
            moved = rows[pos]
            before = moved.sort_order
            rows[pos], rows[other] = rows[other], rows[pos]
            for i, r in enumerate(rows):  # renumber, so equal sort_orders cannot stall a move
                r.sort_order = STEP * (i + 1)
            audit.record(
                s,
                self._ctx.operator(),
                "update",
                ENTITY,
                department_id,
                f"职能部门 {moved.name} {'上移' if up else '下移'}至第 {other + 1} 位",
                {"sort_order": [before, moved.sort_order]},
            )
            return True

    def restore_defaults(self) -> int:
        """Adds back the default departments that were deleted; returns how many."""
        with self._ctx.db.write() as s:
            return self._seed_once(s) + self._add_missing_defaults(s)

    # ---- helpers -------------------------------------------------------------------------
    def _row(self, s: Session, department_id: int) -> DepartmentRow:
        row = department_repo.get(s, department_id)
        if row is None:
            raise NotFoundError(f"找不到编号为 {department_id} 的职能部门")
        return row

    def _check_unique(self, s: Session, name: str, own_id: int | None) -> None:
        same = department_repo.by_name(s, name)
        if same is not None and same.id != own_id:
            raise ValidationError(f"部门“{name}”已在列表中，不能重复添加", field="name", value=name)

    def _seed_once(self, s: Session) -> int:
        """The first time ever: load the defaults (unless the table already has rows)."""
        if office_repo.get_meta(s, SEEDED_KEY) is not None:
            return 0
        office_repo.set_meta(s, SEEDED_KEY, "1")
        if department_repo.count(s):
            return 0
        return self._add_missing_defaults(s)

    def _add_missing_defaults(self, s: Session) -> int:
        """The defaults not in the list, matched by which default a row was (so a renamed
        default is not added again), and never a second department of the same name."""
        present = department_repo.names(s)
        keys = department_repo.default_keys(s)
        order = department_repo.max_order(s)
        added = 0
        for k, d in enumerate(DEFAULT_DEPARTMENTS, 1):
            key = f"default_{k:02d}"
            if key in keys or d.name in present:
                continue
            order += STEP
            clean = replace(d, sort_order=order)
            row = department_repo.add(s, clean, key)
            audit.record(
                s,
                self._ctx.operator(),
                "create",
                ENTITY,
                row.id,
                f"新增默认职能部门 {clean.name}",
                audit.diff(None, clean),
            )
            added += 1
        return added
