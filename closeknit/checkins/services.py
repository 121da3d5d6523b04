"""Writes for the feelings check-in: checking in, guessing, and responding.

The guess rules, decided here and documented in the API:

* A partner may guess (a feeling family and an intensity) or skip guessing, once
  per couple-day, and only for today. A guess is final: once made it cannot be
  changed, so nobody can guess again after seeing.
* A guess may be made before the partner has checked in. It is stored, and shown
  with how close it was as soon as the partner shares their check-in. A private
  check-in is treated exactly like none: the guess keeps waiting.
* Responding (reactions, replies, "I can help with that") needs the check-in to
  be shown to the responder: shared, and for today, guessed or skipped first.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from closeknit.accounts.models import User
from closeknit.checkins.models import (
    VALIDATING_REACTIONS,
    CheckIn,
    CheckInReaction,
    CheckInReply,
    EmpathyGuess,
    Visibility,
)
from closeknit.checkins.selectors import has_seen_today
from closeknit.checkins.vocabulary import FAMILY_BY_KEY, FEELINGS, NEED_BY_KEY
from closeknit.couples.models import Couple
from closeknit.couples.selectors import partner_of
from closeknit.couples.services import ensure_couple
from closeknit.insights.services import record_activity
from closeknit.lib.errors import ConflictError, ServiceError
from closeknit.lib.text import clean_text
from closeknit.questions.practices import Practice
from closeknit.questions.selectors import day_of

MAX_FEELINGS = 3
NOTE_MAX = 500
NEED_TEXT_MAX = 200
REPLY_MAX = 300
INTENSITIES = range(1, 6)


def _clean_intensity(intensity: object, *, field: str = "intensity") -> int:
    if type(intensity) is not int or intensity not in INTENSITIES:
        raise ServiceError(
            _("Choose how strong it is, from 1 (a little) to 5 (very strongly)."),
            field=field,
            code="invalid",
        )
    return intensity


def _clean_feelings(feelings: list[str]) -> list[str]:
    picked: list[str] = []
    for key in feelings:
        if key not in FEELINGS:
            raise ServiceError(
                _("Choose feelings from the list."), field="feelings", code="unknown_feeling"
            )
        if key not in picked:
            picked.append(key)
    if not picked:
        raise ServiceError(
            _("Pick at least one feeling, the one closest to how you are."),
            field="feelings",
            code="required",
        )
    if len(picked) > MAX_FEELINGS:
        raise ServiceError(
            _("Pick up to three feelings: the ones that stand out most."),
            field="feelings",
            code="too_many",
        )
    return picked


@transaction.atomic
def save_checkin(
    *,
    user: User,
    feelings: list[str],
    intensity: int,
    note: str = "",
    need: str = "",
    need_text: str = "",
    shared: bool = True,
) -> CheckIn:
    """Check in for the couple's today, or change today's check-in."""
    picked = _clean_feelings(feelings)
    strength = _clean_intensity(intensity)
    note = clean_text(note, field="note", limit=NOTE_MAX, what=_("A note"))
    need_text = clean_text(
        need_text, field="need_text", limit=NEED_TEXT_MAX, what=_("What you need")
    )
    if need and need not in NEED_BY_KEY:
        raise ServiceError(_("Choose a need from the list."), field="need", code="unknown_need")
    couple = ensure_couple(user=user)
    day = day_of(couple)
    values = {
        "feelings": picked,
        "intensity": strength,
        "note": note,
        "need": need,
        "need_text": need_text,
        "visibility": Visibility.SHARED if shared else Visibility.PRIVATE,
    }
    existing = (
        CheckIn.objects.select_for_update().filter(couple=couple, author=user, date=day).first()
    )
    if existing is None:
        try:
            with transaction.atomic():
                checkin = CheckIn.objects.create(couple=couple, author=user, date=day, **values)
        except IntegrityError:
            # The first check-in of the day, sent twice at once (two devices, a retry).
            raise ConflictError(
                _("Your check-in was just saved from another device. Reload to see it."),
                field="feelings",
                code="checked_in_elsewhere",
            ) from None
        record_activity(
            couple=couple, user=user, practice=Practice.VULNERABILITY, kind="checkin", day=day
        )
        return checkin
    if not (need or need_text) or need != existing.need:
        # An offer of help answered the need as it was; a different need has had none.
        existing.reactions.filter(kind=CheckInReaction.Kind.CAN_HELP).delete()
    for name, value in values.items():
        setattr(existing, name, value)
    existing.updated_at = timezone.now()
    existing.save(update_fields=[*values, "updated_at"])
    return existing


def _partner_for_guess(user: User) -> tuple[Couple, User]:
    couple = ensure_couple(user=user)
    partner = partner_of(user)
    if partner is None:
        raise ConflictError(
            _("Guessing is for two: once your partner joins, you can guess how they feel."),
            code="no_partner",
        )
    return couple, partner


def _existing_guess_error(existing: EmpathyGuess) -> ConflictError:
    if existing.skipped:
        return ConflictError(
            _("You chose to see today's check-in without guessing. Guess again tomorrow."),
            field="family",
            code="already_seen",
        )
    return ConflictError(
        _("You've already guessed today. A new guess comes with tomorrow."),
        field="family",
        code="already_guessed",
    )


@transaction.atomic
def make_guess(*, user: User, family: str, intensity: int) -> EmpathyGuess:
    """Guess how the partner feels today. Allowed before they check in: it waits."""
    if family not in FAMILY_BY_KEY:
        raise ServiceError(
            _("Choose the kind of feeling you think it is."), field="family", code="invalid"
        )
    strength = _clean_intensity(intensity)
    couple, _partner = _partner_for_guess(user)
    day = day_of(couple)
    existing = EmpathyGuess.objects.filter(couple=couple, guesser=user, date=day).first()
    if existing is not None:
        raise _existing_guess_error(existing)
    try:
        with transaction.atomic():
            guess = EmpathyGuess.objects.create(
                couple=couple, guesser=user, date=day, family=family, intensity=strength
            )
    except IntegrityError:
        raise ConflictError(
            _("You've already guessed today. A new guess comes with tomorrow."),
            field="family",
            code="already_guessed",
        ) from None
    record_activity(
        couple=couple, user=user, practice=Practice.COMMUNICATION, kind="empathy_guess", day=day
    )
    return guess


@transaction.atomic
def skip_guess(*, user: User) -> EmpathyGuess:
    """See the partner's check-in today without guessing. A guess already made stays."""
    couple, _partner = _partner_for_guess(user)
    day = day_of(couple)
    guess, _created = EmpathyGuess.objects.get_or_create(
        couple=couple, guesser=user, date=day, defaults={"skipped": True}
    )
    return guess


def _require_shown(checkin: CheckIn, user: User) -> None:
    """The responder must be able to see it: a private one is 404 before this."""
    if not has_seen_today(checkin, user):
        raise ConflictError(
            _("Guess first, or choose to just see it, and then you can respond."),
            code="guess_first",
        )


def _require_partners(checkin: CheckIn, user: User, *, what: str) -> None:
    if checkin.author_id == user.pk:
        raise ServiceError(
            _("%(what)s are for your partner's check-in.") % {"what": what},
            field="kind",
            code="own",
        )


@transaction.atomic
def toggle_reaction(*, user: User, checkin: CheckIn, kind: str) -> bool:
    """Add a validating reaction, or take it back if it was there. Returns whether on."""
    if kind not in VALIDATING_REACTIONS:
        raise ServiceError(_("Choose one of the reactions."), field="kind", code="invalid")
    _require_partners(checkin, user, what=_("Reactions"))
    _require_shown(checkin, user)
    deleted, _rows = CheckInReaction.objects.filter(
        checkin=checkin, author=user, kind=kind
    ).delete()
    if deleted:
        return False
    CheckInReaction.objects.create(checkin=checkin, author=user, kind=kind)
    return True


@transaction.atomic
def set_help_offer(*, user: User, checkin: CheckIn, offered: bool) -> bool:
    """Tap "I can help with that" on the partner's need (or take the offer back)."""
    if checkin.author_id == user.pk:
        raise ServiceError(
            _("Offers of help are for your partner's need."), field="offered", code="own"
        )
    _require_shown(checkin, user)
    if not checkin.has_need:
        raise ConflictError(
            _("There's no need on this check-in to help with."), field="offered", code="no_need"
        )
    existing = CheckInReaction.objects.filter(
        checkin=checkin, author=user, kind=CheckInReaction.Kind.CAN_HELP
    )
    if not offered:
        existing.delete()
        return False
    if not existing.exists():
        CheckInReaction.objects.create(
            checkin=checkin, author=user, kind=CheckInReaction.Kind.CAN_HELP
        )
    return True


@transaction.atomic
def add_reply(*, user: User, checkin: CheckIn, text: str) -> CheckInReply:
    """A short reply under a shared check-in, from either partner."""
    cleaned = clean_text(text, field="text", limit=REPLY_MAX, what=_("A reply"))
    if not cleaned:
        raise ServiceError(_("Write a few words first."), field="text", code="required")
    if not checkin.is_shared:
        raise ConflictError(
            _("This check-in is just for you, so there's nobody to reply to."),
            field="text",
            code="private",
        )
    _require_shown(checkin, user)
    return CheckInReply.objects.create(checkin=checkin, author=user, text=cleaned)


def fold_solo_couple(solo: Couple, into: Couple) -> None:
    """Keep the check-ins someone made alone when they join their partner.

    A person alone has made no guesses and has no partner's check-ins, so their own
    rows move over unchanged (dated by the days they were made on).
    """
    CheckIn.objects.filter(couple=solo).update(couple=into)
    EmpathyGuess.objects.filter(couple=solo).update(couple=into)
