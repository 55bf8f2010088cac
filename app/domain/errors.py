"""Domain errors carry a Chinese message plus structured fields for the UI."""

from __future__ import annotations


class PropDeskError(Exception):
    """Base of every expected error: the user's problem, not a bug."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(PropDeskError):
    """One field has a bad value. `field` names the attribute, `rule` the broken rule."""

    def __init__(
        self, message: str, *, field: str | None = None, value: object = None, rule: str = ""
    ) -> None:
        super().__init__(message)
        self.field = field
        self.value = value
        self.rule = rule


class NotFoundError(PropDeskError):
    pass


class ConflictError(PropDeskError):
    """The write would break an invariant held by other records (in use, duplicate...)."""


class StorageError(PropDeskError):
    """A known storage problem: locked, read-only, disk full, corrupt, too new."""


class OperationCancelled(PropDeskError):
    """The user cancelled long work; the transaction was rolled back, nothing changed."""

    def __init__(self, message: str = "已取消，没有做任何更改") -> None:
        super().__init__(message)
