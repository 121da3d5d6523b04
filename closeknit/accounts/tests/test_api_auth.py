"""POST /auth/signup, POST /auth/token (with its throttle) and DELETE /auth/token."""

from __future__ import annotations

import json
import time
import uuid

import pytest
import time_machine
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.test import Client

from closeknit.accounts.models import ApiToken, User
from closeknit.accounts.services import hash_token
from closeknit.testing.api import bearer_client
from closeknit.testing.openapi import validate_response
from conftest import PASSWORD

pytestmark = pytest.mark.django_db

SIGNUP = "/api/v1/auth/signup"
TOKEN = "/api/v1/auth/token"
ME = "/api/v1/me"
NEW_PASSWORD = "quiet mornings and strong tea"
PERSONAS = ["partner_a", "partner_b", "outsider"]

HOME = "203.0.113.10"
ELSEWHERE = "198.51.100.20"


def _checked(response):
    """Every response here is held to the OpenAPI document, whatever else is asserted."""
    validate_response(response)
    return response


def _post(path, data, *, address=HOME):
    return _checked(Client().post(path, data, content_type="application/json", REMOTE_ADDR=address))


def _raw(path, body, *, content_type="application/json"):
    return _checked(Client().post(path, data=body, content_type=content_type))


def _error(response, status, *, code=None, field=None):
    body = validate_response(response)
    assert response.status_code == status, body
    if code is not None:
        assert body["code"] == code, body
    if field is not None:
        assert field in {error["field"] for error in body["errors"]}, body
    return body


def _signup(**changes):
    data = {"email": "lee@example.com", "password": NEW_PASSWORD, "name": "Lee"}
    data.update(changes)
    return _post(SIGNUP, data)


# Sign-up


def test_signing_up_creates_an_account_with_the_profile_given():
    response = _signup(email="  Lee@Example.COM ", timezone="Asia/Kolkata", pronouns="he/him")
    body = validate_response(response)
    assert response.status_code == 201
    user = User.objects.get(email="lee@example.com")
    assert body == {
        "id": str(user.id),
        "email": "lee@example.com",
        "name": "Lee",
        "timezone": "Asia/Kolkata",
    }
    assert user.pronouns == "he/him"
    assert user.check_password(NEW_PASSWORD)
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.primary, address.verified) == ("lee@example.com", True, False)


def test_signing_up_without_a_time_zone_uses_utc():
    body = validate_response(_signup())
    assert body["timezone"] == "UTC"
    assert User.objects.get(id=body["id"]).timezone == "UTC"


def test_the_new_account_can_get_a_token_at_once():
    _signup()
    response = _post(TOKEN, {"email": "lee@example.com", "password": NEW_PASSWORD})
    assert validate_response(response)["token"]
    assert response.status_code == 201


@pytest.mark.parametrize("persona", PERSONAS)
def test_signing_up_with_an_address_already_in_use_is_refused(request, persona):
    existing = request.getfixturevalue(persona).user
    before = User.objects.count()
    response = _signup(email=existing.email.upper(), name="Someone Else")
    body = _error(response, 409, code="email_taken", field="email")
    assert "already exists" in body["detail"]
    assert User.objects.count() == before
    existing.refresh_from_db()
    assert existing.name != "Someone Else"
    assert existing.check_password(PASSWORD)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"password": "short"}, "password", "too short"),
        ({"password": "password123"}, "password", "too common"),
        ({"email": "not-an-address"}, "email", "valid e-mail"),
        ({"name": "   "}, "name", "call you"),
        ({"timezone": "Mars/Olympus_Mons"}, "timezone", "time zone"),
        ({"timezone": "EST"}, "timezone", "time zone"),
    ],
)
def test_signing_up_with_values_the_rules_refuse_names_the_field(changes, field, words):
    body = _error(_signup(**changes), 400, field=field)
    assert words in body["detail"]
    assert not User.objects.filter(email="lee@example.com").exists()


@pytest.mark.parametrize(
    ("data", "fields"),
    [
        ({}, {"email", "password", "name"}),
        ({"password": NEW_PASSWORD, "name": "Lee"}, {"email"}),
        ({"email": 42, "password": NEW_PASSWORD, "name": "Lee"}, {"email"}),
        ({"email": "lee@example.com", "password": ["x"], "name": "Lee"}, {"password"}),
        ({"email": "lee@example.com", "password": NEW_PASSWORD, "name": {"a": 1}}, {"name"}),
        ({"email": "lee@example.com", "password": NEW_PASSWORD, "name": "x" * 61}, {"name"}),
        (
            {
                "email": "lee@example.com",
                "password": NEW_PASSWORD,
                "name": "L",
                "pronouns": "p" * 41,
            },
            {"pronouns"},
        ),
        (
            {
                "email": "lee@example.com",
                "password": NEW_PASSWORD,
                "name": "L",
                "timezone": "Z" * 65,
            },
            {"timezone"},
        ),
        ({"email": "a" * 250 + "@example.com", "password": NEW_PASSWORD, "name": "L"}, {"email"}),
        ({"email": "lee@example.com", "password": "p" * 513, "name": "Lee"}, {"password"}),
        ({"email": "lee@example.com", "password": NEW_PASSWORD, "name": "Le\x00e"}, {"name"}),
    ],
)
def test_signing_up_with_missing_wrong_or_over_long_fields_is_a_422_naming_them(data, fields):
    body = _error(_post(SIGNUP, data), 422, code="invalid")
    assert {error["field"] for error in body["errors"]} == fields
    assert body["detail"].startswith(body["errors"][0]["field"] + ": ")
    assert not User.objects.filter(email="lee@example.com").exists()


def test_a_nul_character_gets_a_message_a_person_can_act_on():
    data = {"email": "lee@example.com", "password": NEW_PASSWORD, "name": "Le\x00e"}
    body = _error(_post(SIGNUP, data), 422, field="name")
    assert body["errors"][0]["message"] == "Remove the invisible NUL character from this text."


def test_a_broken_unicode_character_is_a_422_naming_the_field():
    data = {"email": "lee@example.com", "password": NEW_PASSWORD, "name": "Lee"}
    body = json.dumps(data).replace('"Lee"', '"Lee\\ud800"')
    _error(_raw(SIGNUP, body), 422, field="name")
    assert not User.objects.filter(email="lee@example.com").exists()


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ('{"email": "lee@example.com", ', "application/json"),
        ("email=lee%40example.com&password=x&name=Lee", "application/x-www-form-urlencoded"),
        ("\xff\xfe not text", "application/json"),
        ("[" * 200_000 + "]" * 200_000, "application/json"),
    ],
    ids=["cut-off", "form-encoded", "not-utf8", "nested-too-deep"],
)
def test_a_body_that_is_not_json_is_a_400_naming_the_body(body, content_type):
    response = _raw(SIGNUP, body.encode("latin-1"), content_type=content_type)
    error = _error(response, 400, code="malformed", field="body")
    assert "JSON" in error["detail"]


@pytest.mark.parametrize("body", ["null", "[]", '"lee@example.com"', "42"])
def test_json_that_is_not_an_object_is_a_422(body):
    _error(_raw(SIGNUP, body), 422, code="invalid")


def test_a_huge_body_is_refused_with_413_before_anything_is_stored():
    huge = json.dumps(
        {"email": "lee@example.com", "password": NEW_PASSWORD, "name": "x" * 3_000_000}
    )
    body = _error(_raw(SIGNUP, huge), 413, code="too_large", field="body")
    assert "too large" in body["detail"]
    assert not User.objects.filter(email="lee@example.com").exists()


# Tokens


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_person_gets_a_device_token_for_their_own_account(request, persona):
    user = request.getfixturevalue(persona).user
    response = _post(TOKEN, {"email": user.email, "password": PASSWORD, "device": " Phone "})
    body = validate_response(response)
    assert response.status_code == 201
    token = ApiToken.objects.get(token_hash=hash_token(body["token"]))
    assert token.user == user
    assert token.device == "Phone"
    assert not ApiToken.objects.filter(token_hash=body["token"]).exists()  # never stored raw
    me = bearer_client(body["token"]).get(ME)
    assert validate_response(me)["id"] == str(user.id)


def test_the_email_is_matched_whatever_its_case_or_spacing(partner_a):
    response = _post(TOKEN, {"email": "  ALEX@example.com ", "password": PASSWORD})
    assert validate_response(response)["token"]
    assert response.status_code == 201


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_wrong_password_is_401_and_issues_no_token(request, persona):
    user = request.getfixturevalue(persona).user
    before = ApiToken.objects.count()
    response = _post(TOKEN, {"email": user.email, "password": "not the passphrase"})
    body = _error(response, 401, code="bad_credentials")
    assert "don't match" in body["detail"]
    assert ApiToken.objects.count() == before


def test_one_persons_password_does_not_open_anothers_account(partner_a, partner_b):
    User.objects.filter(id=partner_a.user.id).update(password="")
    partner_a.user.set_password("alex's very own passphrase")
    partner_a.user.save()
    before = ApiToken.objects.filter(user=partner_b.user).count()
    data = {"email": partner_b.user.email, "password": "alex's very own passphrase"}
    _error(_post(TOKEN, data), 401, code="bad_credentials")
    assert ApiToken.objects.filter(user=partner_b.user).count() == before


def test_an_unknown_email_is_401_like_a_wrong_password(db):
    _error(_post(TOKEN, {"email": "nobody@example.com", "password": PASSWORD}), 401)


def test_a_deactivated_account_gets_no_token(partner_a):
    User.objects.filter(id=partner_a.user.id).update(is_active=False)
    _error(_post(TOKEN, {"email": partner_a.user.email, "password": PASSWORD}), 401)
    _error(bearer_client(partner_a.token).get(ME), 401, code="unauthorized")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"password": PASSWORD}, "email"),
        ({"email": "alex@example.com"}, "password"),
        ({"email": ["alex@example.com"], "password": PASSWORD}, "email"),
        ({"email": "alex@example.com", "password": PASSWORD, "device": "d" * 81}, "device"),
        ({"email": "alex@example.com", "password": PASSWORD, "device": 3}, "device"),
        ({"email": "alex@\x00example.com", "password": PASSWORD}, "email"),
    ],
)
def test_bad_token_requests_are_a_422_naming_the_field(partner_a, data, field):
    before = ApiToken.objects.count()
    _error(_post(TOKEN, data), 422, field=field)
    assert ApiToken.objects.count() == before


def test_a_token_request_that_is_not_json_is_a_400(db):
    _error(_raw(TOKEN, b"{nope"), 400, code="malformed", field="body")


# Throttle


@pytest.fixture
def three_tries(settings):
    settings.LOGIN_THROTTLE_ATTEMPTS = 3
    settings.LOGIN_THROTTLE_WINDOW_SECONDS = 300
    settings.LOGIN_THROTTLE_ADDRESS_ATTEMPTS = 30


def _fail(email, *, address=HOME):
    return _post(TOKEN, {"email": email, "password": "a wrong guess"}, address=address)


def _sign_in(email, *, address=HOME):
    return _post(TOKEN, {"email": email, "password": PASSWORD}, address=address)


def test_too_many_failures_are_429_with_retry_after_even_for_the_right_password(
    partner_a, three_tries
):
    email = partner_a.user.email
    for _attempt in range(3):
        _error(_fail(email), 401)
    before = ApiToken.objects.count()
    response = _sign_in(email)
    body = _error(response, 429, code="throttled")
    assert "Try again" in body["detail"]
    assert 0 < int(response["Retry-After"]) <= 300
    assert ApiToken.objects.count() == before


def test_failures_from_one_address_never_lock_the_account_for_another(
    partner_a, partner_b, three_tries
):
    # Someone (a partner, say) fails on purpose from their own address...
    email = partner_a.user.email
    for _attempt in range(5):
        _fail(email, address=HOME)
    _error(_sign_in(email, address=HOME), 429)
    # ...and the owner, elsewhere, still signs in.
    response = _sign_in(email, address=ELSEWHERE)
    assert validate_response(response)["token"]
    assert response.status_code == 201


def test_one_accounts_lock_leaves_other_accounts_at_that_address_alone(
    partner_a, partner_b, three_tries
):
    for _attempt in range(3):
        _fail(partner_a.user.email)
    _error(_sign_in(partner_a.user.email), 429)
    response = _sign_in(partner_b.user.email)
    assert response.status_code == 201


def test_the_throttle_lifts_when_the_window_has_passed(partner_a, three_tries):
    email = partner_a.user.email
    with time_machine.travel("2030-01-01 12:00:00+00:00", tick=False):
        for _attempt in range(3):
            _fail(email)
        response = _sign_in(email)
        assert response.status_code == 429
        assert int(response["Retry-After"]) == 301
    with time_machine.travel("2030-01-01 12:03:00+00:00", tick=False):
        response = _sign_in(email)
        assert response.status_code == 429
        assert int(response["Retry-After"]) == 121
    with time_machine.travel("2030-01-01 12:05:01+00:00", tick=False):
        response = _sign_in(email)
        assert validate_response(response)["token"]
        assert response.status_code == 201


def test_signing_in_clears_earlier_failures_for_that_account_and_address(partner_a, three_tries):
    email = partner_a.user.email
    _fail(email)
    _fail(email)
    assert _sign_in(email).status_code == 201
    _fail(email)
    _fail(email)
    assert _sign_in(email).status_code == 201


def test_one_address_guessing_across_many_accounts_is_capped(settings, partner_a, partner_b):
    settings.LOGIN_THROTTLE_ATTEMPTS = 5
    settings.LOGIN_THROTTLE_ADDRESS_ATTEMPTS = 4
    for number in range(4):
        _fail(f"guess{number}@example.com")
    _error(_sign_in(partner_a.user.email), 429, code="throttled")
    assert _sign_in(partner_b.user.email, address=ELSEWHERE).status_code == 201


# Two-step sign-in


def _code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.fixture
def two_step_secret(partner_a):
    secret = generate_totp_secret()
    TOTP.activate(partner_a.user, secret)
    return secret


def test_with_two_step_sign_in_a_token_needs_the_app_code(partner_a, two_step_secret):
    email = partner_a.user.email
    with time_machine.travel("2030-01-01 12:00:00+00:00", tick=False):
        before = ApiToken.objects.count()
        missing = _post(TOKEN, {"email": email, "password": PASSWORD})
        _error(missing, 401, code="otp_required", field="otp")
        wrong = _post(TOKEN, {"email": email, "password": PASSWORD, "otp": "000000"})
        _error(wrong, 401, code="otp_invalid", field="otp")
        assert ApiToken.objects.count() == before
        code = _code(two_step_secret)
        right = _post(TOKEN, {"email": email, "password": PASSWORD, "otp": code})
        assert validate_response(right)["token"]
        assert right.status_code == 201
        again = _post(TOKEN, {"email": email, "password": PASSWORD, "otp": code})
        _error(again, 401, code="otp_invalid")
    totp = Authenticator.objects.get(user=partner_a.user, type=Authenticator.Type.TOTP)
    assert totp.last_used_at is not None


def test_a_recovery_code_works_once_for_a_token(partner_a, two_step_secret):
    recovery = RecoveryCodes.activate(partner_a.user)
    code = recovery.get_unused_codes()[0]
    data = {"email": partner_a.user.email, "password": PASSWORD, "otp": code}
    assert _post(TOKEN, data).status_code == 201
    _error(_post(TOKEN, data), 401, code="otp_invalid")


def test_wrong_codes_count_towards_the_throttle(partner_a, two_step_secret, three_tries):
    data = {"email": partner_a.user.email, "password": PASSWORD, "otp": "000000"}
    for _attempt in range(3):
        _error(_post(TOKEN, data), 401, code="otp_invalid")
    _error(_post(TOKEN, data), 429, code="throttled")


def test_a_partner_without_two_step_sign_in_needs_no_code(partner_b, two_step_secret):
    assert _sign_in(partner_b.user.email).status_code == 201


# Signing a device out


@pytest.mark.parametrize("persona", PERSONAS)
def test_signing_a_device_out_revokes_that_token_only(
    request, persona, partner_a, partner_b, outsider
):
    person = request.getfixturevalue(persona)
    laptop = validate_response(_sign_in(person.user.email, address=ELSEWHERE))["token"]
    tokens_before = ApiToken.objects.count()

    response = bearer_client(laptop).delete(TOKEN)
    assert validate_response(response) is None
    assert response.status_code == 204

    assert not ApiToken.objects.filter(token_hash=hash_token(laptop)).exists()
    assert ApiToken.objects.count() == tokens_before - 1
    _error(bearer_client(laptop).get(ME), 401, code="unauthorized")
    for someone in (partner_a, partner_b, outsider):
        assert _checked(bearer_client(someone.token).get(ME)).status_code == 200


@pytest.mark.parametrize(
    "header",
    [None, "Bearer ck_not-a-real-token", "Bearer ", "Basic YWxleDpzZWNyZXQ=", "ck_raw-token"],
)
def test_signing_out_without_a_valid_token_is_401_and_revokes_nothing(partner_a, header):
    before = ApiToken.objects.count()
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = Client().delete(TOKEN, **extra)
    _error(response, 401, code="unauthorized")
    assert response["WWW-Authenticate"] == "Bearer"
    assert ApiToken.objects.count() == before


def test_a_signed_in_browser_session_is_not_enough_for_the_api(partner_a):
    # Only the bearer token counts: a session cookie alone would expose the API
    # to cross-site requests.
    _error(partner_a.client.get(ME), 401, code="unauthorized")
    _error(partner_a.client.delete(TOKEN), 401)
    assert ApiToken.objects.filter(user=partner_a.user).count() == 1


def test_token_ids_are_random_uuids(partner_a):
    token = ApiToken.objects.get(user=partner_a.user)
    assert isinstance(token.id, uuid.UUID)
    assert token.id.version == 4


# Behind a reverse proxy


PROXY = "127.0.0.1"


def _via_proxy(email, forwarded_for, *, password=PASSWORD):
    response = Client().post(
        TOKEN,
        {"email": email, "password": password},
        content_type="application/json",
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )
    return _checked(response)


def _fail_via_proxy(email, forwarded_for):
    return _via_proxy(email, forwarded_for, password="a wrong guess")


def test_behind_a_trusted_proxy_each_client_address_is_throttled_apart(
    partner_a, three_tries, settings
):
    settings.TRUSTED_PROXY_HOPS = 1
    email = partner_a.user.email
    for _attempt in range(3):
        _error(_fail_via_proxy(email, HOME), 401)
    _error(_via_proxy(email, HOME), 429, code="throttled")
    assert _via_proxy(email, ELSEWHERE).status_code == 201


def test_an_address_the_client_writes_itself_does_not_dodge_the_throttle(
    partner_a, three_tries, settings
):
    settings.TRUSTED_PROXY_HOPS = 1
    email = partner_a.user.email
    for n in range(3):
        # The proxy appends the real address after whatever the client sent.
        _error(_fail_via_proxy(email, f"10.0.0.{n}, {HOME}"), 401)
    _error(_via_proxy(email, f"10.0.0.99, {HOME}"), 429)


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(partner_a, three_tries):
    email = partner_a.user.email
    for n in range(3):
        _error(_fail_via_proxy(email, f"10.0.0.{n}"), 401)
    _error(_via_proxy(email, "10.0.0.99"), 429)
