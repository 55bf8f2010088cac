"""All mapped models. Import this package to register every table on Base.metadata."""

from app.storage.models.audit import AuditEntry
from app.storage.models.community import Community, Neighborhood
from app.storage.models.company import PropertyCompany
from app.storage.models.office import AppMeta, DocNumberPrefix, Office

__all__ = [
    "AppMeta",
    "AuditEntry",
    "Community",
    "DocNumberPrefix",
    "Neighborhood",
    "Office",
    "PropertyCompany",
]
