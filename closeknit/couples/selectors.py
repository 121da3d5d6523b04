"""Reads of couple-owned data. Every one goes through the couple-scoped gate below."""

from __future__ import annotations

import json
import uuid
from datetime import UTC
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models.expressions import BaseExpression
from django.db.models.functions import JSONObject
from django.http import Http404
from django.utils import timezone

from closeknit.accounts.models import User
from closeknit.couples.models import Couple, Invitation, Membership
from closeknit.lib.fields import EncryptedTextField, Sealed

M = TypeVar("M", bound=models.Model)


def couple_id_of(user: User) -> uuid.UUID | None:
    """The id of the person's couple, or None when they are on their own."""
    membership = _membership(user)
    return membership.couple_id if membership is not None else None


# The partner read along with the person, kept on their membership so it is forgotten
# with it (``couples.services`` drops the membership when someone joins a couple).
_PARTNER = "_closeknit_partner"


def _membership(user: User) -> Membership | None:
    try:
        return user.membership
    except Membership.DoesNotExist:
        return None


def remember_couple(user: User, partner: User | None) -> None:
    """Keep the partner read with the person (their membership and couple came along
    with them), so the rest of the request asks the database for neither."""
    membership = _membership(user)
    if membership is not None:
        setattr(membership, _PARTNER, partner)


def _membership_with_couple(user: User) -> Membership | None:
    """The person's membership with the couple and the partner: as read with the
    person when signing them in, or else all three in one query."""
    membership = _membership(user)
    if membership is None:
        return None
    if hasattr(membership, _PARTNER) and Membership.couple.is_cached(membership):
        return membership
    members = list(
        Membership.objects.select_related("couple", "user").filter(couple_id=membership.couple_id)
    )
    if members:
        membership.couple = members[0].couple
    partner = next((m.user for m in members if m.user_id != user.pk), None)
    setattr(membership, _PARTNER, partner)
    return membership


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


# Reading several small things in one query
#
# A page like Today shows one row from each of several tables (this month's focus,
# a running time-out, today's guesses...). Each read below is a subquery of one
# SELECT, made with the same gate, so the page costs one round trip for all of them.


def first_row(queryset: models.QuerySet[M], user: User, *fields: str) -> models.Subquery:
    """The first of the couple's rows of ``queryset`` (in its order) as a JSON object
    of ``fields``, for ``read_together``; turn it back into a model with ``from_row``."""
    rows = scoped_to_couple(queryset, user).values(row=JSONObject(**{f: f for f in fields}))
    return models.Subquery(rows[:1], output_field=models.JSONField())


def any_row(queryset: models.QuerySet[M], user: User) -> models.Exists:
    """Whether the couple has any row of ``queryset``, for ``read_together``."""
    return models.Exists(scoped_to_couple(queryset, user))


def read_together(user: User, **reads: BaseExpression) -> dict[str, Any]:
    """Run the reads (``first_row``, ``any_row``, or other expressions made with
    ``scoped_to_couple``) in one query. Someone with no couple gets None for each."""
    couple_id = couple_id_of(user)
    if couple_id is None or not user.is_authenticated:
        return dict.fromkeys(reads)
    row = Couple.objects.filter(id=couple_id).values(**reads).first()
    return dict(row) if row is not None else dict.fromkeys(reads)


def from_row(model: type[M], row: dict[str, Any] | None) -> M | None:
    """The model instance a ``first_row`` object describes, as the ORM would load it.

    Sealed text stays sealed until it is read, as it does from a normal query; the
    fields not in the row are deferred.
    """
    if row is None:
        return None
    values = {}
    for name, raw in row.items():
        field = model._meta.get_field(name)
        assert isinstance(field, models.Field)
        values[field.attname] = _from_json(field, raw)
    ordered = [values.get(f.attname) for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(connection.alias, list(values), ordered)


def _from_json(field: models.Field[Any, Any], raw: Any) -> Any:
    if raw is None:
        return None
    if isinstance(field, EncryptedTextField):
        return Sealed(raw) if raw else raw
    if isinstance(field, models.JSONField):
        # SQLite's json_object nests a JSON column as its text; PostgreSQL nests it.
        return json.loads(raw) if connection.vendor == "sqlite" else raw
    value = field.to_python(raw)
    if isinstance(field, models.DateTimeField) and timezone.is_naive(value):
        # SQLite keeps datetimes as UTC text without an offset.
        value = value.replace(tzinfo=UTC)
    return value


def get_couple_for(user: User) -> Couple | None:
    membership = _membership_with_couple(user)
    return membership.couple if membership is not None else None


def partner_of(user: User) -> User | None:
    """The other partner in the person's couple, if one has joined."""
    membership = _membership_with_couple(user)
    if membership is None:
        return None
    partner: User | None = getattr(membership, _PARTNER)
    return partner


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
