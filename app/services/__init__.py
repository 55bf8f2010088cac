"""Use cases. One transaction each; they validate, write the audit log and return DTOs."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from app.services.context import ServiceContext

if TYPE_CHECKING:
    from app.services.attachment_service import AttachmentService
    from app.services.community_service import CommunityService
    from app.services.company_service import CompanyService
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

T = TypeVar("T")


class _OnFirstUse(Generic[T]):
    """A service built (and its module imported) the first time it is asked for, then kept.

    The GUI's first page needs one or two services; importing every service module, their
    repositories and the ORM models before the window is painted cost ~250 ms of start-up.
    Building is locked: a worker thread and the UI thread may ask at the same moment."""

    def __init__(self, build: Callable[[Services], T]) -> None:
        self._build = build
        self._name = build.__name__

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> _OnFirstUse[T]: ...
    @overload
    def __get__(self, obj: Services, owner: type | None = None) -> T: ...
    def __get__(self, obj: Services | None, owner: type | None = None) -> Any:
        if obj is None:
            return self
        built = obj.__dict__.get(self._name)
        if built is None:
            with obj._lock:
                built = obj.__dict__.get(self._name)
                if built is None:
                    built = obj.__dict__[self._name] = self._build(obj)
        return built


class Services:
    """Every service on one context; a service that needs another is given it here.

    Each service is built on first use (see _OnFirstUse), so `build_services` itself is
    cheap and imports nothing but the context."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self._lock = threading.RLock()  # re-entrant: a service may build the ones it needs

    @_OnFirstUse
    def office(self) -> OfficeService:
        from app.services.office_service import OfficeService

        return OfficeService(self.ctx)

    @_OnFirstUse
    def communities(self) -> CommunityService:
        from app.services.community_service import CommunityService

        return CommunityService(self.ctx)

    @_OnFirstUse
    def companies(self) -> CompanyService:
        from app.services.company_service import CompanyService

        return CompanyService(self.ctx)

    @_OnFirstUse
    def imports(self) -> ImportService:
        from app.services.import_service import ImportService

        return ImportService(self.ctx)

    @_OnFirstUse
    def ledgers(self) -> LedgerService:
        from app.services.ledger_service import LedgerService

        return LedgerService(
            self.ctx, governance=self.governance, funds=self.funds, disclosure=self.disclosure
        )

    @_OnFirstUse
    def demo(self) -> DemoService:
        from app.services.demo_service import DemoService

        return DemoService(self.ctx, on=services_on(self.ctx))

    @_OnFirstUse
    def issues(self) -> IssueService:
        from app.services.issue_service import IssueService

        return IssueService(self.ctx)

    @_OnFirstUse
    def chain(self) -> RectificationService:
        from app.services.rectification_service import RectificationService

        return RectificationService(self.ctx)

    @_OnFirstUse
    def documents(self) -> DocumentService:
        from app.services.document_service import DocumentService

        return DocumentService(self.ctx)

    @_OnFirstUse
    def attachments(self) -> AttachmentService:
        from app.services.attachment_service import AttachmentService

        return AttachmentService(self.ctx)

    @_OnFirstUse
    def governance(self) -> GovernanceService:
        from app.services.governance_service import GovernanceService

        return GovernanceService(self.ctx)

    @_OnFirstUse
    def funds(self) -> FundService:
        from app.services.fund_service import FundService

        return FundService(self.ctx)

    @_OnFirstUse
    def disclosure(self) -> DisclosureService:
        from app.services.disclosure_service import DisclosureService

        return DisclosureService(self.ctx, issues=self.issues, departments=self.departments)

    @_OnFirstUse
    def departments(self) -> DepartmentService:
        from app.services.department_service import DepartmentService

        return DepartmentService(self.ctx)


def build_services(ctx: ServiceContext) -> Services:
    """Every service on one context (each built on first use)."""
    return Services(ctx)


def services_on(ctx: ServiceContext) -> Callable[[date], Services]:
    """The services of `ctx` as they are on a given day (the demo enters its records on the
    days they happened)."""
    return lambda day: build_services(replace(ctx, today=lambda: day))
