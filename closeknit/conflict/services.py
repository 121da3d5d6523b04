"""Writes for conflict with empathy: time-outs (and repairs).

Time-out rules:

* Only someone with a partner can take one: it exists to tell the partner.
* 20, 30, 45 or 60 minutes. Twenty is the least, because a racing heart needs about
  that long to settle before a hard conversation can go well.
* One running time-out per couple at a time; only its author can end it early.

Repair rules:

* Either partner starts one, about a short title; it needs a partner to repair with.
* Each writes a side privately and may edit it until marking it done; a done side
  needs one to three feelings and every question answered.
* Only when both sides are done may an agreement be written. Writing or changing it
  counts as its writer's acceptance and clears the partner's; the partner accepts.
* Once both accepted, each may forgive. After anyone has forgiven, the agreement
  is settled and no longer changes.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from closeknit.accounts.models import User
from closeknit.checkins.vocabulary import FEELINGS
from closeknit.conflict.models import Repair, RepairSide, TimeOut
from closeknit.couples.selectors import (
    get_couple_for,
    get_for_couple_or_404,
    partner_of,
    scoped_to_couple,
)
from closeknit.insights.services import record_activity
from closeknit.lib.errors import ConflictError, ServiceError
from closeknit.lib.text import clean_text
from closeknit.questions.practices import Practice
from closeknit.questions.selectors import day_of

TIMEOUT_MINUTES = (20, 30, 45, 60)
TIMEOUT_NOTE_MAX = 300


class NotYoursError(ServiceError):
    """Only the partner who took the step may undo it."""

    status = 403


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
    note = clean_text(note, field="note", limit=TIMEOUT_NOTE_MAX)
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


# --------------------------------------------------------------------------------------
# Repairs

REPAIR_TITLE_MAX = 120
REPAIR_TEXT_MAX = 1000
REPAIR_AGREEMENT_MAX = 500
REPAIR_FEELINGS_MAX = 3
SIDE_FIELDS = ("trigger", "my_part", "need", "differently")


def _locked_repair(user: User, repair_id: uuid.UUID | str) -> Repair:
    """The couple's repair, locked for this write, with its sides; 404 for anyone else."""
    return get_for_couple_or_404(
        Repair.objects.select_for_update().prefetch_related("sides"), user, id=repair_id
    )


def _clean_repair_feelings(feelings: list[str]) -> list[str]:
    picked: list[str] = []
    for key in feelings:
        if key not in FEELINGS:
            raise ServiceError(
                _("Choose feelings from the list."), field="feelings", code="unknown_feeling"
            )
        if key not in picked:
            picked.append(key)
    if len(picked) > REPAIR_FEELINGS_MAX:
        raise ServiceError(
            _("Pick up to three feelings: the ones that stand out most."),
            field="feelings",
            code="too_many",
        )
    return picked


@transaction.atomic
def start_repair(*, user: User, title: str) -> Repair:
    """Begin a repair after a fight, about a short title both will recognise."""
    title = clean_text(title, field="title", limit=REPAIR_TITLE_MAX, required=True)
    couple = get_couple_for(user)
    if couple is None or partner_of(user) is None:
        raise ServiceError(
            _("A repair is something you do together. Invite your partner first."),
            code="no_partner",
        )
    return Repair.objects.create(couple=couple, started_by=user, title=title)


@transaction.atomic
def save_repair_side(
    *,
    user: User,
    repair_id: uuid.UUID | str,
    feelings: list[str],
    trigger: str = "",
    my_part: str = "",
    need: str = "",
    differently: str = "",
) -> RepairSide:
    """Write or rewrite my side; private until both sides are done."""
    repair = _locked_repair(user, repair_id)
    mine = repair.sides_by_author().get(user.pk)
    if mine is not None and mine.done_at is not None:
        raise ConflictError(
            _("You marked your side done, so it stays as you shared it."), code="side_done"
        )
    values = {
        "feelings": _clean_repair_feelings(feelings),
        "trigger": clean_text(trigger, field="trigger", limit=REPAIR_TEXT_MAX),
        "my_part": clean_text(my_part, field="my_part", limit=REPAIR_TEXT_MAX),
        "need": clean_text(need, field="need", limit=REPAIR_TEXT_MAX),
        "differently": clean_text(differently, field="differently", limit=REPAIR_TEXT_MAX),
    }
    side, _created = RepairSide.objects.update_or_create(
        repair=repair, author=user, defaults={**values, "updated_at": timezone.now()}
    )
    return side


@transaction.atomic
def finish_repair_side(*, user: User, repair_id: uuid.UUID | str) -> RepairSide:
    """Mark my side done. It is revealed, with my partner's, once theirs is done too."""
    repair = _locked_repair(user, repair_id)
    mine = repair.sides_by_author().get(user.pk)
    if mine is None:
        raise ServiceError(_("Write your side first."), code="no_side")
    if mine.done_at is not None:
        return mine
    if not mine.feelings:
        raise ServiceError(
            _("Pick at least one feeling, the one closest to how you felt."),
            field="feelings",
            code="required",
        )
    for field in SIDE_FIELDS:
        if not getattr(mine, field):
            raise ServiceError(
                _("Answer each question before marking your side done."),
                field=field,
                code="required",
            )
    mine.done_at = timezone.now()
    mine.save(update_fields=["done_at"])
    record_activity(
        couple=repair.couple,
        user=user,
        practice=Practice.CONFLICT,
        kind="repair_side",
        day=day_of(repair.couple),
    )
    return mine


def _require_revealed(repair: Repair) -> None:
    if not repair.is_revealed:
        raise ConflictError(
            _("The agreement comes once you have both finished your sides."),
            code="not_revealed",
        )


@transaction.atomic
def set_repair_agreement(*, user: User, repair_id: uuid.UUID | str, text: str) -> Repair:
    """Draft or change our agreement; it counts as mine, and my partner accepts it anew."""
    text = clean_text(text, field="agreement", limit=REPAIR_AGREEMENT_MAX, required=True)
    repair = _locked_repair(user, repair_id)
    _require_revealed(repair)
    if any(side.forgiven_at is not None for side in repair.sides.all()):
        raise ConflictError(
            _("Forgiveness has begun, so this agreement is settled."), code="settled"
        )
    if text == repair.agreement:
        return repair
    repair.agreement = text
    repair.agreement_by = user
    repair.save(update_fields=["agreement", "agreement_by"])
    now = timezone.now()
    RepairSide.objects.filter(repair=repair, author=user).update(accepted_at=now)
    RepairSide.objects.filter(repair=repair).exclude(author=user).update(accepted_at=None)
    return repair


@transaction.atomic
def accept_repair_agreement(*, user: User, repair_id: uuid.UUID | str) -> RepairSide:
    """Accept the agreement as it now reads."""
    repair = _locked_repair(user, repair_id)
    _require_revealed(repair)
    if not repair.agreement:
        raise ConflictError(_("There is no agreement to accept yet."), code="no_agreement")
    mine = repair.sides_by_author()[user.pk]
    if mine.accepted_at is None:
        mine.accepted_at = timezone.now()
        mine.save(update_fields=["accepted_at"])
    return mine


@transaction.atomic
def forgive_repair(*, user: User, repair_id: uuid.UUID | str) -> RepairSide:
    """ "I forgive and let this go", once we have both accepted the agreement."""
    repair = _locked_repair(user, repair_id)
    if not repair.is_revealed or not repair.both("accepted_at"):
        raise ConflictError(
            _("Forgiving comes after you have both accepted the agreement."),
            code="not_agreed",
        )
    mine = repair.sides_by_author()[user.pk]
    if mine.forgiven_at is not None:
        return mine
    mine.forgiven_at = timezone.now()
    mine.save(update_fields=["forgiven_at"])
    record_activity(
        couple=repair.couple,
        user=user,
        practice=Practice.CONFLICT,
        kind="repair_forgiven",
        day=day_of(repair.couple),
    )
    return mine
