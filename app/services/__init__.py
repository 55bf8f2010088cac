"""Use cases. One transaction each; they validate, write the audit log and return DTOs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from app.services.attachment_service import AttachmentService
from app.services.community_service import CommunityService
from app.services.company_service import CompanyService
from app.services.context import ServiceContext
from app.services.demo_service import DemoService
from app.services.department_service import DepartmentService
from app.services.disclosure_service import DisclosureService
from app.services.document_service import DocumentService
from app.services.fund_service import FundService
from app.services.governance_service import GovernanceService
from app.services.import_service import ImportService
from app.services.issue_service import IssueService
from app.services.ledger_service import LedgerService
from app.services.office_service import OfficeService
from app.services.rectification_service import RectificationService


@dataclass(frozen=True)
class Services:
    ctx: ServiceContext
    office: OfficeService
    communities: CommunityService
    companies: CompanyService
    imports: ImportService
    ledgers: LedgerService
    demo: DemoService
    issues: IssueService
    chain: RectificationService
    documents: DocumentService
    attachments: AttachmentService
    governance: GovernanceService
    funds: FundService
    disclosure: DisclosureService
    departments: DepartmentService


def build_services(ctx: ServiceContext) -> Services:
    """Every service on one context; a service that needs another is given it here."""
    issues = IssueService(ctx)
    departments = DepartmentService(ctx)
    governance = GovernanceService(ctx)
    funds = FundService(ctx)
    disclosure = DisclosureService(ctx, issues=issues, departments=departments)
    return Services(
        ctx=ctx,
        office=OfficeService(ctx),
        communities=CommunityService(ctx),
        companies=CompanyService(ctx),
        imports=ImportService(ctx),
        ledgers=LedgerService(ctx, governance=governance, funds=funds, disclosure=disclosure),
        demo=DemoService(ctx, on=services_on(ctx)),
        issues=issues,
        chain=RectificationService(ctx),
        documents=DocumentService(ctx),
        attachments=AttachmentService(ctx),
        governance=governance,
        funds=funds,
        disclosure=disclosure,
        departments=departments,
    )


def services_on(ctx: ServiceContext) -> Callable[[date], Services]:
    """The services of `ctx` as they are on a given day (the demo enters its records on the
    days they happened)."""
    return lambda day: build_services(replace(ctx, today=lambda: day))
