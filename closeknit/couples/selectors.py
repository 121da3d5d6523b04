"""Reads of couple-owned data. Every one goes through the couple-scoped gate below."""

from __future__ import annotations

import uuid
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone

from closeknit.accounts.models import User
from closeknit.couples.models import Couple, Invitation, Membership

M = TypeVar("M", bound=models.Model)


def couple_id_of(user: User) -> uuid.UUID | None:
    """The id of the person's couple, or None when they are on their own."""
    try:
        return user.membership.couple_id
    except Membership.DoesNotExist:
        return None


def scoped_to_couple(queryset: models.QuerySet[M], user: User) -> models.QuerySet[M]:
    """The one gate for couple-owned rows: only rows of the person's own couple.

    Works for any model with a ``couple`` foreign key. Someone with no couple sees
    nothing, so a missing couple can never widen a query.
    """
    couple_id = couple_id_of(user)
    if couple_id is None or not user.is_authenticated:
        return queryset.none()
    return queryset.filter(couple_id=couple_id)


def get_for_couple_or_404(queryset: models.QuerySet[M], user: User, **lookups: object) -> M:
    """Fetch one couple-owned row, or 404 for anyone outside the couple."""
    try:
        return scoped_to_couple(queryset, user).get(**lookups)
    except (models.ObjectDoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc


def get_couple_for(user: User) -> Couple | None:
    couple_id = couple_id_of(user)
    if couple_id is None:
        return None
    return Couple.objects.get(id=couple_id)


def partner_of(user: User) -> User | None:
    """The other partner in the person's couple, if one has joined."""
    couple_id = couple_id_of(user)
    if couple_id is None:
        return None
    membership = (
        Membership.objects.select_related("user")
        .filter(couple_id=couple_id)
        .exclude(user_id=user.pk)
        .first()
    )
    return membership.user if membership else None


def get_invitation_for(user: User, code: str) -> Invitation:
    return get_for_couple_or_404(Invitation.objects.all(), user, code=normalise_code(code))


def active_invitation_for(user: User) -> Invitation | None:
    return (
        scoped_to_couple(Invitation.objects.all(), user)
        .filter(accepted_at=None, revoked_at=None, expires_at__gt=timezone.now())
        .order_by("-created_at")
        .first()
    )


def find_invitation_by_code(code: str) -> Invitation | None:
    """Look up an invitation by the code someone typed or followed (not couple-scoped:
    the code itself is the capability, and only its inviter's name is shown)."""
    normalised = normalise_code(code)
    if not normalised:
        return None
    return Invitation.objects.select_related("created_by").filter(code=normalised).first()


def normalise_code(code: str) -> str:
    """Accept codes typed in any case, with or without the dash or spaces."""
    compact = "".join(ch for ch in code.upper() if ch.isalnum())
    if len(compact) != 8:
        return ""
    return f"{compact[:4]}-{compact[4:]}"
