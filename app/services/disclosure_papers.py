"""The disclosure printouts' data: the 执法进小区公示牌 of a community and the 信息公示检查表
(blank for use on foot, or filled from a visit)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from app.domain.departments import Department
from app.domain.disclosure import CheckView, DisclosureItem
from app.domain.disclosure_documents import (
    ChecklistDoc,
    ChecklistLine,
    ChecklistPage,
    DepartmentLine,
    PosterDoc,
)
from app.domain.errors import ValidationError

SIZES = ("A4", "A3")


def poster(
    office_name: str,
    complaint_phone: str,
    community: str,
    company: tuple[str, str],
    departments: Sequence[Department],
    today: date,
    size: str,
) -> PosterDoc:
    size = size.upper()
    if size not in SIZES:
        raise ValidationError(f"公示牌纸张只能是 A4 或 A3，而不是“{size}”", field="size")
    lines = tuple(
        DepartmentLine(d.fields.name, d.fields.duties, d.fields.contact_person, d.fields.phone)
        for d in departments
        if d.fields.active
    )
    if not lines and departments:
        raise ValidationError("没有设为“公示牌上显示”的职能部门：请在“职能部门”中勾选要公示的部门")
    if not lines:
        raise ValidationError("职能部门名单为空：请先在“职能部门”中填写部门及联系方式")
    return PosterDoc(
        office_name, community, complaint_phone, lines, company[0], company[1], today, size
    )


def blank_page(
    community: str, neighborhood: str, company: str, items: Sequence[DisclosureItem]
) -> ChecklistPage:
    lines = tuple(ChecklistLine(i.name, i.frequency.label) for i in items if i.active)
    return ChecklistPage(community, neighborhood, company, lines)


def filled_page(visit: CheckView, neighborhood: str, company: str) -> ChecklistPage:
    lines = tuple(
        ChecklistLine(e.item_name, e.frequency.label, e.result, e.posted_on, e.note)
        for e in visit.entries
    )
    return ChecklistPage(
        visit.community,
        neighborhood,
        company,
        lines,
        visit.checked_on,
        visit.inspector,
        visit.notes,
    )


def checklist(
    office_name: str, pages: Sequence[ChecklistPage], blank: bool, today: date
) -> ChecklistDoc:
    if not pages:
        raise ValidationError("请至少选择一个小区")
    return ChecklistDoc(office_name, tuple(pages), blank, today)
