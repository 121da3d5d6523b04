"""Errors raised by services, shown to people as a clear message next to a field."""

from __future__ import annotations


class ServiceError(Exception):
    """A rule refused a write. ``field`` names the input it is about, if any."""

    status = 400

    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code


class ConflictError(ServiceError):
    """The write clashes with the current state (already linked, already used)."""

    status = 409


class GoneError(ServiceError):
    """The thing asked for existed but can no longer be used (expired, revoked)."""

    status = 410
