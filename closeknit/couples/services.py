"""Writes for couples: invitations, joining, and the couple's shared settings."""

from __future__ import annotations

import secrets
import zoneinfo
from collections.abc import Callable
from datetime import date, time, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from closeknit.accounts.models import User
from closeknit.couples.models import Couple, Invitation, Membership
from closeknit.couples.selectors import couple_id_of, find_invitation_by_code
from closeknit.lib.errors import ConflictError, GoneError, ServiceError
from closeknit.lib.timezones import is_valid_timezone

# No 0/O, 1/I/L, so a code read aloud or copied by hand survives.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def _new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


@transaction.atomic
def ensure_couple(*, user: User) -> Couple:
    """The person's couple, creating a couple of one if they have none yet."""
    couple_id = couple_id_of(user)
    if couple_id is not None:
        return Couple.objects.get(id=couple_id)
    couple = Couple.objects.create(home_timezone=user.timezone)
    Membership.objects.create(couple=couple, user=user)
    _forget_membership(user)
    return couple


@transaction.atomic
def create_invitation(*, user: User) -> Invitation:
    """A fresh single-use code; any earlier open invitation of the couple is revoked."""
    couple = ensure_couple(user=user)
    couple = Couple.objects.select_for_update().get(id=couple.id)
    if couple.memberships.count() >= 2:
        raise ConflictError(
            _("Your partner has already joined, so there is nobody left to invite."),
            code="couple_full",
        )
    now = timezone.now()
    couple.invitations.filter(accepted_at=None, revoked_at=None).update(revoked_at=now)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Invitation.objects.create(
                    couple=couple,
                    created_by=user,
                    code=_new_code(),
                    expires_at=now + timedelta(days=settings.INVITATION_DAYS),
                )
        except IntegrityError:
            continue
    raise RuntimeError("could not find a free invitation code")


@transaction.atomic
def revoke_invitation(*, invitation: Invitation) -> Invitation:
    if invitation.accepted_at is not None:
        raise ConflictError(_("This invitation was already used."), code="used")
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


def check_invitation(*, code: str) -> Invitation:
    """The usable invitation for a code, or an error that says what is wrong with it."""
    invitation = find_invitation_by_code(code)
    if invitation is None:
        raise ServiceError(
            _("That code doesn't match any invitation. Check it and try again."),
            field="code",
            code="invalid",
        )
    status = invitation.status
    if status == Invitation.Status.USED:
        raise GoneError(
            _("This invitation has already been used. Ask your partner for a new one."),
            field="code",
            code="used",
        )
    if status == Invitation.Status.REVOKED:
        raise GoneError(
            _("This invitation was cancelled. Ask your partner for a new one."),
            field="code",
            code="revoked",
        )
    if status == Invitation.Status.EXPIRED:
        raise GoneError(
            _("This invitation has expired. Invitations last 7 days; ask for a new one."),
            field="code",
            code="expired",
        )
    return invitation


@transaction.atomic
def join_couple(*, user: User, code: str) -> Couple:
    """Link the person to the couple that invited them.

    Someone already linked with a partner is refused. Someone on their own keeps
    everything they did alone: their couple of one is folded into the new couple.
    """
    invitation = check_invitation(code=code)
    invitation = Invitation.objects.select_for_update().get(id=invitation.id)
    check_invitation(code=invitation.code)  # re-check under the row lock
    couple = Couple.objects.select_for_update().get(id=invitation.couple_id)
    if Membership.objects.filter(couple=couple, user=user).exists():
        raise ConflictError(
            _("This is your own invitation. Send it to your partner instead."),
            field="code",
            code="own_invitation",
        )
    if couple.memberships.count() >= 2:
        raise ConflictError(
            _("This couple already has two partners."), field="code", code="couple_full"
        )
    own_couple_id = couple_id_of(user)
    if own_couple_id is not None:
        own = Couple.objects.select_for_update().get(id=own_couple_id)
        if own.memberships.count() > 1:
            raise ConflictError(
                _(
                    "You're already linked with a partner. A person can be in one couple "
                    "at a time, so this invitation can't be used."
                ),
                field="code",
                code="already_linked",
            )
        _fold_solo_couple(solo=own, into=couple)
    Membership.objects.create(couple=couple, user=user)
    _forget_membership(user)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return couple


def _forget_membership(user: User) -> None:
    # Django caches a missing reverse one-to-one as None; drop it so the next
    # read of user.membership sees the couple just joined or created.
    user._state.fields_cache.pop("membership", None)


FoldStep = Callable[[Couple, Couple], None]
_fold_steps: list[FoldStep] = []


def register_fold_step(step: FoldStep) -> FoldStep:
    """Let a feature app move its couple-owned rows when a couple of one is folded in.

    Called from each app's ``AppConfig.ready``; the couples app stays unaware of
    what features exist, and nothing a person wrote alone is lost on joining.
    """
    if step not in _fold_steps:
        _fold_steps.append(step)
    return step


def _fold_solo_couple(*, solo: Couple, into: Couple) -> None:
    """Move what a person did alone into the couple they are joining, then delete
    the empty couple of one (with its open invitations)."""
    for step in _fold_steps:
        step(solo, into)
    Membership.objects.filter(couple=solo).delete()
    solo.delete()


@transaction.atomic
def update_couple_settings(
    *,
    user: User,
    relationship_started_on: date | None,
    home_timezone: str,
    day_starts_at: time,
) -> Couple:
    if not is_valid_timezone(home_timezone):
        raise ServiceError(_("Choose a time zone from the list."), field="home_timezone")
    # "Today" is the person's own day: someone in Tokyo is already on tomorrow's date
    # while the server, in UTC, is not.
    their_today = timezone.now().astimezone(zoneinfo.ZoneInfo(user.timezone)).date()
    if relationship_started_on is not None and relationship_started_on > their_today:
        raise ServiceError(_("That date is in the future."), field="relationship_started_on")
    if day_starts_at.minute or day_starts_at.second:
        raise ServiceError(_("Choose a whole hour."), field="day_starts_at")
    couple = ensure_couple(user=user)
    couple.relationship_started_on = relationship_started_on
    couple.home_timezone = home_timezone
    couple.day_starts_at = day_starts_at
    couple.save(update_fields=["relationship_started_on", "home_timezone", "day_starts_at"])
    return couple
