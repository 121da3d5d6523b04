from __future__ import annotations

import uuid
from datetime import date, datetime, time

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Router, Schema

from closeknit.accounts.models import User
from closeknit.couples import selectors, services
from closeknit.couples.models import Couple, Invitation

router = Router(tags=["couple"])


class PartnerOut(Schema):
    id: uuid.UUID
    name: str
    pronouns: str


class CoupleOut(Schema):
    id: uuid.UUID
    home_timezone: str
    day_starts_at: str = Field(description="When the couple's day rolls over, as HH:MM.")
    relationship_started_on: date | None
    partner: PartnerOut | None


class CouplePatch(Schema):
    home_timezone: str | None = Field(default=None, max_length=64)
    day_starts_at: str | None = Field(default=None, pattern=r"^([01]\d|2[0-3]):00$")
    relationship_started_on: date | None = None


class InvitationOut(Schema):
    code: str
    url: str
    expires_at: datetime


class JoinIn(Schema):
    code: str = Field(max_length=20)


def couple_out(couple: Couple, partner: User | None) -> CoupleOut:
    return CoupleOut(
        id=couple.id,
        home_timezone=couple.home_timezone,
        day_starts_at=couple.day_starts_at.strftime("%H:%M"),
        relationship_started_on=couple.relationship_started_on,
        partner=(
            PartnerOut(id=partner.id, name=partner.name, pronouns=partner.pronouns)
            if partner
            else None
        ),
    )


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _invitation_out(request: HttpRequest, invitation: Invitation) -> InvitationOut:
    url = request.build_absolute_uri(reverse("couples:join_link", args=[invitation.code]))
    return InvitationOut(code=invitation.code, url=url, expires_at=invitation.expires_at)


@router.get("", response={200: CoupleOut, 404: dict})
def get_couple(request: HttpRequest) -> CoupleOut | tuple[int, dict[str, object]]:
    user = _user(request)
    couple = selectors.get_couple_for(user)
    if couple is None:
        return 404, {"detail": "You are not in a couple yet.", "code": "no_couple", "errors": []}
    return couple_out(couple, selectors.partner_of(user))


@router.patch("", response=CoupleOut)
def update_couple(request: HttpRequest, payload: CouplePatch) -> CoupleOut:
    user = _user(request)
    current = services.ensure_couple(user=user)
    starts = payload.day_starts_at
    couple = services.update_couple_settings(
        user=user,
        home_timezone=payload.home_timezone or current.home_timezone,
        day_starts_at=time(int(starts[:2]), 0) if starts else current.day_starts_at,
        relationship_started_on=(
            payload.relationship_started_on
            if "relationship_started_on" in payload.model_fields_set
            else current.relationship_started_on
        ),
    )
    return couple_out(couple, selectors.partner_of(user))


@router.post("/invitations", response={201: InvitationOut})
def create_invitation(request: HttpRequest) -> tuple[int, InvitationOut]:
    invitation = services.create_invitation(user=_user(request))
    return 201, _invitation_out(request, invitation)


@router.get("/invitations/current", response={200: InvitationOut, 404: dict})
def current_invitation(
    request: HttpRequest,
) -> InvitationOut | tuple[int, dict[str, object]]:
    invitation = selectors.active_invitation_for(_user(request))
    if invitation is None:
        return 404, {"detail": "No open invitation.", "code": "not_found", "errors": []}
    return _invitation_out(request, invitation)


@router.delete("/invitations/{code}", response={204: None})
def revoke_invitation(request: HttpRequest, code: str) -> HttpResponse:
    invitation = selectors.get_invitation_for(_user(request), code)
    services.revoke_invitation(invitation=invitation)
    return HttpResponse(status=204)


@router.post("/join", response=CoupleOut)
def join(request: HttpRequest, payload: JoinIn) -> CoupleOut:
    user = _user(request)
    couple = services.join_couple(user=user, code=payload.code)
    return couple_out(couple, selectors.partner_of(user))
