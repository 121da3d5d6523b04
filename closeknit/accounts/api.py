from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema, Status

from closeknit.accounts import services
from closeknit.accounts.models import User
from closeknit.api_schemas import InputSchema, error_responses
from closeknit.couples.api import CoupleOut, couple_out
from closeknit.couples.selectors import get_couple_for, partner_of

router = Router(tags=["accounts"])


class SignupIn(InputSchema):
    email: str = Field(max_length=254)
    password: str = Field(max_length=512)
    name: str = Field(max_length=60)
    timezone: str = Field(default="UTC", max_length=64, description="An IANA time zone name.")
    pronouns: str = Field(default="", max_length=40)


class UserOut(Schema):
    id: uuid.UUID
    email: str
    name: str
    timezone: str


class TokenIn(InputSchema):
    email: str = Field(max_length=254)
    password: str = Field(max_length=512)
    device: str = Field(default="", max_length=80, description="A name to recognise it by.")
    otp: str = Field(
        default="",
        max_length=40,
        description="The authenticator-app or recovery code, when two-step sign-in is on.",
    )


class TokenOut(Schema):
    token: str


class MeOut(Schema):
    id: uuid.UUID
    email: str
    name: str
    pronouns: str
    timezone: str
    couple: CoupleOut | None


class MePatch(InputSchema):
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


@router.post(
    "/auth/signup", auth=None, response={201: UserOut, **error_responses(400, 409, 413, 422)}
)
def signup(request: HttpRequest, payload: SignupIn) -> Status[UserOut]:
    user = services.register_user(
        email=payload.email,
        password=payload.password,
        name=payload.name,
        tz_name=payload.timezone,
        pronouns=payload.pronouns,
    )
    out = UserOut(id=user.id, email=user.email, name=user.name, timezone=user.timezone)
    return Status(201, out)


@router.post(
    "/auth/token", auth=None, response={201: TokenOut, **error_responses(400, 401, 413, 422, 429)}
)
def create_token(request: HttpRequest, payload: TokenIn) -> Status[TokenOut]:
    """Sign in and get a token for this device. It is shown once; keep it safe."""
    _token, raw = services.issue_token(
        request=request,
        email=payload.email,
        password=payload.password,
        device=payload.device,
        otp=payload.otp,
    )
    return Status(201, TokenOut(token=raw))


@router.delete("/auth/token", response={204: None, **error_responses(401)})
def delete_token(request: HttpRequest) -> HttpResponse:
    """Sign this device out: the token used for this request stops working."""
    header = request.headers.get("Authorization", "")
    services.revoke_token(raw=header.partition(" ")[2].strip())
    return HttpResponse(status=204)


@router.get("/me", response={200: MeOut, **error_responses(401)})
def me(request: HttpRequest) -> MeOut:
    return me_out(_user(request))


@router.patch("/me", response={200: MeOut, **error_responses(400, 401, 413, 422)})
def update_me(request: HttpRequest, payload: MePatch) -> MeOut:
    """Change any of the profile fields; those left out (or null) stay as they are."""
    user = _user(request)
    services.update_profile(
        user=user,
        name=payload.name if payload.name is not None else user.name,
        pronouns=payload.pronouns if payload.pronouns is not None else user.pronouns,
        tz_name=payload.timezone if payload.timezone is not None else user.timezone,
    )
    return me_out(user)
