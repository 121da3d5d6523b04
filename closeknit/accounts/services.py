"""Writes for people: sign-up through the API, profiles and device tokens."""

from __future__ import annotations

import hashlib
import secrets

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from closeknit.accounts import throttle
from closeknit.accounts.models import ApiToken, User
from closeknit.lib.errors import ConflictError, ServiceError
from closeknit.lib.timezones import is_valid_timezone

TOKEN_PREFIX = "ck_"


class SignInError(ServiceError):
    """Credentials were refused; 401 tells a client to ask the person again."""

    status = 401


class ThrottledError(ServiceError):
    status = 429

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            _("Too many sign-in attempts. Try again in a few minutes."), code="throttled"
        )
        self.retry_after = retry_after


def _clean_profile(*, name: str, pronouns: str, tz_name: str) -> tuple[str, str, str]:
    name = name.strip()
    if not name:
        raise ServiceError(_("Tell us what to call you."), field="name")
    if len(name) > 60:
        raise ServiceError(_("Keep your name under 60 characters."), field="name")
    pronouns = pronouns.strip()
    if len(pronouns) > 40:
        raise ServiceError(_("Keep pronouns under 40 characters."), field="pronouns")
    if not is_valid_timezone(tz_name):
        raise ServiceError(_("Choose a time zone from the list."), field="timezone")
    return name, pronouns, tz_name


@transaction.atomic
def register_user(
    *, email: str, password: str, name: str, tz_name: str = "UTC", pronouns: str = ""
) -> User:
    """Create an account the way the sign-up page does, for API clients."""
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ServiceError(_("Enter a valid e-mail address."), field="email") from exc
    taken = ConflictError(
        _("An account with this e-mail address already exists. Sign in instead."),
        field="email",
        code="email_taken",
    )
    if User.objects.filter(email__iexact=email).exists():
        raise taken
    name, pronouns, tz_name = _clean_profile(name=name, pronouns=pronouns, tz_name=tz_name)
    candidate = User(email=email, name=name)
    try:
        validate_password(password, user=candidate)
    except ValidationError as exc:
        raise ServiceError(" ".join(exc.messages), field="password") from exc
    try:
        # A savepoint, so that losing a race for the address is a clean 409.
        with transaction.atomic():
            user = User.objects.create_user(
                email, password, name=name, pronouns=pronouns, timezone=tz_name
            )
    except IntegrityError as exc:
        raise taken from exc
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    return user


@transaction.atomic
def update_profile(*, user: User, name: str, pronouns: str, tz_name: str) -> User:
    user.name, user.pronouns, user.timezone = _clean_profile(
        name=name, pronouns=pronouns, tz_name=tz_name
    )
    user.save(update_fields=["name", "pronouns", "timezone"])
    return user


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _code_authenticators(user: User) -> QuerySet[Authenticator]:
    # Passkeys cannot check a typed code; the app and the recovery codes can.
    found: QuerySet[Authenticator] = Authenticator.objects.filter(user=user).exclude(
        type=Authenticator.Type.WEBAUTHN
    )
    return found


def _second_step_passes(user: User, otp: str) -> bool:
    """Check an authenticator-app or recovery code; each code works only once."""
    for authenticator in _code_authenticators(user):
        if authenticator.wrap().validate_code(otp):
            authenticator.record_usage()
            return True
    return False


def issue_token(
    *, request: HttpRequest, email: str, password: str, device: str = "", otp: str = ""
) -> tuple[ApiToken, str]:
    """Check credentials (throttled per account and address) and mint a device token."""
    address = throttle.client_address(request)
    verdict = throttle.check(email, address)
    if not verdict.allowed:
        raise ThrottledError(verdict.retry_after)
    user = authenticate(request, email=email.strip().lower(), password=password)
    if not isinstance(user, User):
        throttle.record_failure(email, address)
        raise SignInError(
            _("That e-mail and password don't match. Check both and try again."),
            code="bad_credentials",
        )
    # A token is a full sign-in, so two-step sign-in applies here exactly as on the web.
    if _code_authenticators(user).exists():
        if not otp.strip():
            raise SignInError(
                _("Two-step sign-in is on: add the code from your authenticator app as 'otp'."),
                field="otp",
                code="otp_required",
            )
        if not _second_step_passes(user, otp.strip()):
            throttle.record_failure(email, address)
            raise SignInError(
                _("That code didn't work. Use a fresh code from your app, or a recovery code."),
                field="otp",
                code="otp_invalid",
            )
    throttle.record_success(email, address)
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, device=device.strip()[:80], token_hash=hash_token(raw)
    )
    return token, raw


def user_for_token(raw: str) -> User | None:
    if not raw.startswith(TOKEN_PREFIX):
        return None
    # The membership comes along in the same query: every couple-scoped lookup needs it.
    token = (
        ApiToken.objects.select_related("user__membership")
        .filter(token_hash=hash_token(raw), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    # Writing on every request would turn each read into a write; a minute is plenty.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(id=token.id).update(last_used_at=now)
    token.user.api_token_id = token.id  # type: ignore[attr-defined]
    return token.user


def revoke_token(*, raw: str) -> None:
    ApiToken.objects.filter(token_hash=hash_token(raw)).delete()
