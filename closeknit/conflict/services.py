"""Writes for conflict with empathy: time-outs (and repairs).

Time-out rules:

* Only someone with a partner can take one: it exists to tell the partner.
* 20, 30, 45 or 60 minutes. Twenty is the least, because a racing heart needs about
  that long to settle before a hard conversation can go well.
* One running time-out per couple at a time; only its author can end it early.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from closeknit.accounts.models import User
from closeknit.conflict.models import TimeOut
from closeknit.couples.selectors import get_couple_for, partner_of, scoped_to_couple
from closeknit.insights.services import record_activity
from closeknit.lib.errors import ConflictError, ServiceError
from closeknit.questions.practices import Practice
from closeknit.questions.selectors import day_of

TIMEOUT_MINUTES = (20, 30, 45, 60)
TIMEOUT_NOTE_MAX = 300


class NotYoursError(ServiceError):
    """Only the partner who took the step may undo it."""

    status = 403


def _clean_text(text: str, *, field: str, limit: int, required: bool = False) -> str:
    cleaned = (text or "").strip()
    if required and not cleaned:
        raise ServiceError(_("Write a few words here."), field=field, code="required")
    if len(cleaned) > limit:
        raise ServiceError(
            _("This can be at most %(limit)d characters; it has %(count)d.")
            % {"limit": limit, "count": len(cleaned)},
            field=field,
            code="too_long",
        )
    return cleaned


def running_timeout(user: User) -> TimeOut | None:
    now = timezone.now()
    return (
        scoped_to_couple(TimeOut.objects.all(), user)
        .filter(ended_at=None, ends_at__gt=now)
        .select_related("author")
        .order_by("-started_at")
        .first()
    )


@transaction.atomic
def start_timeout(*, user: User, minutes: int, note: str = "") -> TimeOut:
    """Take a break from a hard conversation; the partner sees it on Today at once."""
    if type(minutes) is not int or minutes not in TIMEOUT_MINUTES:
        raise ServiceError(
            _(
                "Choose 20, 30, 45 or 60 minutes. Twenty is the least: a racing heart "
                "needs about that long to settle."
            ),
            field="minutes",
            code="invalid",
        )
    note = _clean_text(note, field="note", limit=TIMEOUT_NOTE_MAX)
    couple = get_couple_for(user)
    if couple is None or partner_of(user) is None:
        raise ServiceError(
            _("A time-out tells your partner you'll be back. Invite your partner first."),
            code="no_partner",
        )
    running = running_timeout(user)
    if running is not None:
        raise ConflictError(
            _("A break is already running, until %(time)s.")
            % {"time": timezone.localtime(running.ends_at).strftime("%H:%M")},
            code="already_running",
        )
    now = timezone.now()
    timeout = TimeOut.objects.create(
        couple=couple,
        author=user,
        minutes=minutes,
        note=note,
        started_at=now,
        ends_at=now + timedelta(minutes=minutes),
    )
    record_activity(
        couple=couple, user=user, practice=Practice.CONFLICT, kind="timeout", day=day_of(couple)
    )
    return timeout


@transaction.atomic
def end_timeout(*, user: User) -> TimeOut:
    """Come back before the time is up. Only the one who asked for the break can."""
    running = running_timeout(user)
    if running is None:
        raise ConflictError(_("There is no break running."), code="not_running")
    if running.author_id != user.pk:
        raise NotYoursError(
            _("Only %(name)s can end their break early. It will end by itself soon.")
            % {"name": running.author.name},
            code="not_yours",
        )
    running.ended_at = timezone.now()
    running.save(update_fields=["ended_at"])
    return running
