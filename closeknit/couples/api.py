from __future__ import annotations

import uuid
from datetime import date, datetime, time
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from pydantic import field_validator

from closeknit.accounts.models import User
from closeknit.api_schemas import InputSchema, IsoDate, error_body, error_responses
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
    day_starts_at: str = Field(
        description="The hour the couple's day rolls over, as HH:00.", pattern=r"^\d\d:00$"
    )
    relationship_started_on: date | None
    partner: PartnerOut | None


class CouplePatch(InputSchema):
    home_timezone: str | None = Field(
        default=None, max_length=64, description="An IANA time zone name."
    )
    day_starts_at: str | None = Field(
        default=None, max_length=5, description="A whole hour, 00:00 to 23:00."
    )
    relationship_started_on: IsoDate | None = Field(
        default=None, description="Send null to clear it."
    )

    @field_validator("day_starts_at")
    @classmethod
    def _whole_hour(cls, value: str | None) -> str | None:
        if value is None:
            return None
        hour, sep, minutes = value.partition(":")
        # isdigit() alone also takes "²" (which int() refuses) and other scripts' digits.
        digits = hour.isascii() and hour.isdigit()
        if not (sep and digits and len(hour) == 2 and minutes == "00" and int(hour) < 24):
            raise ValueError(_("Use a whole hour written as HH:00, such as 04:00."))
        return value


class InvitationOut(Schema):
    code: str
    url: str
    expires_at: datetime


class JoinIn(InputSchema):
    code: str = Field(max_length=20, description="As typed: case, dash and spaces don't matter.")


def couple_out(couple: Couple, partner: User | None) -> CoupleOut:
    return CoupleOut(
        id=couple.id,
        home_timezone=couple.home_timezone,
        day_starts_at=couple.day_starts_at.strftime("%H:00"),
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


@router.get("", response={200: CoupleOut, **error_responses(401, 404)})
def get_couple(request: HttpRequest) -> CoupleOut | Status[dict[str, Any]]:
    """The couple's shared settings, and the partner once they have joined."""
    user = _user(request)
    couple = selectors.get_couple_for(user)
    if couple is None:
        message = _(
            "You haven't started a couple yet. Create an invitation to invite your partner."
        )
        return Status(404, error_body(message, code="no_couple"))
    return couple_out(couple, selectors.partner_of(user))


@router.patch("", response={200: CoupleOut, **error_responses(400, 401, 413, 422)})
def update_couple(request: HttpRequest, payload: CouplePatch) -> CoupleOut:
    """Change any of the couple's settings; those left out stay as they are.

    Either partner may change them. Someone on their own gets a couple of one.
    """
    user = _user(request)
    # Someone on their own has no couple yet; the service creates one with these defaults.
    current = selectors.get_couple_for(user) or Couple(home_timezone=user.timezone)
    sent = payload.model_fields_set
    starts = payload.day_starts_at
    couple = services.update_couple_settings(
        user=user,
        home_timezone=(
            payload.home_timezone if payload.home_timezone is not None else current.home_timezone
        ),
        day_starts_at=time(int(starts[:2]), 0) if starts is not None else current.day_starts_at,
        relationship_started_on=(
            payload.relationship_started_on
            if "relationship_started_on" in sent
            else current.relationship_started_on
        ),
    )
    return couple_out(couple, selectors.partner_of(user))


@router.post("/invitations", response={201: InvitationOut, **error_responses(401, 409)})
def create_invitation(request: HttpRequest) -> Status[InvitationOut]:
    """A fresh single-use code and link for the partner, valid for 7 days.

    Any earlier open invitation stops working.
    """
    invitation = services.create_invitation(user=_user(request))
    return Status(201, _invitation_out(request, invitation))


@router.get("/invitations/current", response={200: InvitationOut, **error_responses(401, 404)})
def current_invitation(
    request: HttpRequest,
) -> InvitationOut | Status[dict[str, Any]]:
    """The couple's open invitation, if there is one."""
    invitation = selectors.active_invitation_for(_user(request))
    if invitation is None:
        message = _("There is no open invitation. Create one to invite your partner.")
        return Status(404, error_body(message, code="not_found"))
    return _invitation_out(request, invitation)


@router.delete("/invitations/{code}", response={204: None, **error_responses(401, 404, 409)})
def revoke_invitation(request: HttpRequest, code: str) -> HttpResponse:
    """Cancel an invitation so that its code and link no longer work."""
    invitation = selectors.get_invitation_for(_user(request), code)
    services.revoke_invitation(invitation=invitation)
    return HttpResponse(status=204)


@router.post("/join", response={200: CoupleOut, **error_responses(400, 401, 409, 410, 413, 422)})
def join(request: HttpRequest, payload: JoinIn) -> CoupleOut:
    """Join the partner who sent the code. Whatever you did alone comes with you."""
    user = _user(request)
    couple = services.join_couple(user=user, code=payload.code)
    return couple_out(couple, selectors.partner_of(user))
