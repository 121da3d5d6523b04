"""Checking the free text people write: one rule for every feature."""

from __future__ import annotations

from django.utils.translation import gettext as _

from closeknit.lib.errors import ServiceError


def clean_text(
    text: str | None, *, field: str, limit: int, required: bool = False, what: str = ""
) -> str:
    """The text trimmed, or a ServiceError on ``field`` if it is missing or too long.

    ``what`` names the thing in the message ("An answer"); without it the message
    speaks of "This".
    """
    cleaned = (text or "").strip()
    if required and not cleaned:
        raise ServiceError(_("Write a few words first."), field=field, code="required")
    if len(cleaned) > limit:
        raise ServiceError(
            _("%(what)s can be at most %(limit)d characters; this one has %(count)d.")
            % {"what": what or _("This"), "limit": limit, "count": len(cleaned)},
            field=field,
            code="too_long",
        )
    return cleaned
