"""All mapped models. Import this package to register every table on Base.metadata."""

from app.storage.models.audit import AuditEntry
from app.storage.models.community import Community, Neighborhood
from app.storage.models.company import PropertyCompany
from app.storage.models.disclosure import (
    Department,
    DisclosureCheck,
    DisclosureEntry,
    DisclosureItemSetting,
)
from app.storage.models.document import Document, DocumentFile, DocumentIssue, ServiceRecord
from app.storage.models.fund import (
    FundDisbursement,
    FundMaterial,
    FundRequest,
    FundStep,
    FundUnit,
)
from app.storage.models.governance import (
    GovernanceAudit,
    GovernanceBody,
    GovernanceFinding,
    GovernanceMember,
)
from app.storage.models.issue import (
    Attachment,
    Inspection,
    InspectionCommunity,
    Issue,
    IssueCategorySetting,
    Reinspection,
)
from app.storage.models.office import AppMeta, DocNumberPrefix, Office

__all__ = [
    "AppMeta",
    "Attachment",
    "AuditEntry",
    "Community",
    "Department",
    "DisclosureCheck",
    "DisclosureEntry",
    "DisclosureItemSetting",
    "DocNumberPrefix",
    "Document",
    "DocumentFile",
    "DocumentIssue",
    "FundDisbursement",
    "FundMaterial",
    "FundRequest",
    "FundStep",
    "FundUnit",
    "GovernanceAudit",
    "GovernanceBody",
    "GovernanceFinding",
    "GovernanceMember",
    "Inspection",
    "InspectionCommunity",
    "Issue",
    "IssueCategorySetting",
    "Neighborhood",
    "Office",
    "PropertyCompany",
    "Reinspection",
    "ServiceRecord",
]
