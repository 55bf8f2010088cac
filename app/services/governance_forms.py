"""The 业主委员会备案表 of a governance body: its data from the records, then the PDF."""

from __future__ import annotations

from app.domain.documents import FilingForm, FilingMember
from app.domain.governance import BodyKind
from app.storage.models import Community, GovernanceBody
from app.storage.repositories import governance_repo, office_repo
from app.storage.session import Session


def filing_form(s: Session, b: GovernanceBody) -> FilingForm:
    """What the form says, from the body, its community and the office (in `s`)."""
    view = governance_repo.view(s, b)
    c = s.get(Community, b.community_id)
    assert c is not None
    office = office_repo.get_profile(s)
    area = (
        f"{view.votes.total_area}"
        if view.votes.total_area is not None
        else (f"{c.private_area}" if c.private_area is not None else "")
    )
    form = FilingForm(
        office_name=office.name,
        community=view.community,
        address=c.address,
        body_name=view.name,
        term_no=view.term_no,
        elected_on=view.dates.elected_on or (b.formed_on if b.kind is BodyKind.INTERIM else None),
        term_start=view.dates.term_start,
        term_end=view.dates.term_end,
        seats=view.seats or len(view.members),
        households=c.household_count,
        total_area=area,
        participation=view.votes.text(),
        members=[
            FilingMember(
                m.fields.name,
                m.fields.role.label,
                m.fields.room,
                m.fields.is_owner,
                m.fields.party_member,
                m.fields.votes,
                m.fields.phone,
            )
            for m in view.members
            if m.active
        ],
        documents=[
            ("业主委员会备案申请", True),
            ("首次业主大会（业主大会）会议决定", view.dates.elected_on is not None),
            ("业主委员会委员名单及基本情况", bool(view.members)),
            ("管理规约、业主大会议事规则", b.kind is BodyKind.COMMITTEE),
            ("选举结果公告及表决统计", view.votes.part_area is not None),
        ],
        filed_on=view.dates.filed_on,
        certificate_no=view.certificate_no,
        contact=f"{office.contact_person} {office.contact_phone}".strip(),
    )
    return form


def render(form: FilingForm) -> bytes:
    from app.documents.committee_filing import render_filing  # reportlab on first use

    return render_filing(form)
