from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema

from closeknit.accounts import services
from closeknit.accounts.models import User
from closeknit.couples.api import CoupleOut, couple_out
from closeknit.couples.selectors import get_couple_for, partner_of

router = Router(tags=["accounts"])


class SignupIn(Schema):
    email: str = Field(max_length=254)
    password: str = Field(max_length=512)
    name: str = Field(max_length=60)
    timezone: str = Field(default="UTC", max_length=64)
    pronouns: str = Field(default="", max_length=40)


class UserOut(Schema):
    id: uuid.UUID
    email: str
    name: str
    timezone: str


class TokenIn(Schema):
    email: str = Field(max_length=254)
    password: str = Field(max_length=512)
    device: str = Field(default="", max_length=80)


class TokenOut(Schema):
    token: str


class MeOut(Schema):
    id: uuid.UUID
    email: str
    name: str
    pronouns: str
    timezone: str
    couple: CoupleOut | None


class MePatch(Schema):
    name: str | None = Field(default=None, max_length=60)
    pronouns: str | None = Field(default=None, max_length=40)
    timezone: str | None = Field(default=None, max_length=64)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def me_out(user: User) -> MeOut:
    couple = get_couple_for(user)
    return MeOut(
        id=user.id,
        email=user.email,
        name=user.name,
        pronouns=user.pronouns,
        timezone=user.timezone,
        couple=couple_out(couple, partner_of(user)) if couple else None,
    )


@router.post("/auth/signup", auth=None, response={201: UserOut})
def signup(request: HttpRequest, payload: SignupIn) -> tuple[int, UserOut]:
    user = services.register_user(
        email=payload.email,
        password=payload.password,
        name=payload.name,
        tz_name=payload.timezone,
        pronouns=payload.pronouns,
    )
    return 201, UserOut(id=user.id, email=user.email, name=user.name, timezone=user.timezone)


@router.post("/auth/token", auth=None, response={201: TokenOut})
def create_token(request: HttpRequest, payload: TokenIn) -> tuple[int, TokenOut]:
    _token, raw = services.issue_token(
        request=request, email=payload.email, password=payload.password, device=payload.device
    )
    return 201, TokenOut(token=raw)


@router.delete("/auth/token", response={204: None})
def delete_token(request: HttpRequest) -> HttpResponse:
    header = request.headers.get("Authorization", "")
    services.revoke_token(raw=header.partition(" ")[2].strip())
    return HttpResponse(status=204)


@router.get("/me", response=MeOut)
def me(request: HttpRequest) -> MeOut:
    return me_out(_user(request))


@router.patch("/me", response=MeOut)
def update_me(request: HttpRequest, payload: MePatch) -> MeOut:
    user = _user(request)
    services.update_profile(
        user=user,
        name=payload.name if payload.name is not None else user.name,
        pronouns=payload.pronouns if payload.pronouns is not None else user.pronouns,
        tz_name=payload.timezone if payload.timezone is not None else user.timezone,
    )
    return me_out(user)
