"""System checks for what Django's own `check --deploy` leaves out.

Run by `manage.py check` (the deploy-only ones with `--deploy`). The secrets themselves
are checked earlier, in settings.py, because a server must not even start with weak ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.core.checks import CheckMessage, Error, Tags, register
from django.utils.module_loading import import_string

ONE_HOUR = 3600
HOST_PREFIX = "__Host-"


@register(Tags.security)
def check_password_reset_timeout(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[CheckMessage]:
    # A reset link is as good as the password for as long as it lives, and it sits in
    # a mailbox that may be read on a shared device.
    if settings.PASSWORD_RESET_TIMEOUT <= ONE_HOUR:
        return []
    return [
        Error(
            f"PASSWORD_RESET_TIMEOUT is {settings.PASSWORD_RESET_TIMEOUT} seconds; "
            f"a password-reset link must expire within an hour ({ONE_HOUR}).",
            id="closeknit.E001",
        )
    ]


@register(Tags.security)
def check_argon2_first(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[CheckMessage]:
    # The first hasher is the one new passwords are stored with; the others only
    # read (and upgrade) older hashes.
    hashers = list(settings.PASSWORD_HASHERS)
    if hashers:
        first = import_string(hashers[0])
        if isinstance(first, type) and issubclass(first, Argon2PasswordHasher):
            return []
    return [
        Error(
            "Argon2 must be the first entry of PASSWORD_HASHERS, so new passwords are "
            f"hashed with it; the first is {hashers[0] if hashers else 'missing'}.",
            hint="Put django.contrib.auth.hashers.Argon2PasswordHasher first.",
            id="closeknit.E002",
        )
    ]


def _cookie_problems(
    kind: str, name: str, *, secure: bool, path: str, domain: str | None
) -> list[str]:
    if not name.startswith(HOST_PREFIX):
        return []
    problems = []
    # Browsers silently drop a __Host- cookie that breaks any of these rules, which
    # would show up only as sign-ins and forms that mysteriously never work.
    if not secure:
        problems.append(f"{kind} cookie {name!r} is not Secure")
    if path != "/":
        problems.append(f"{kind} cookie {name!r} has path {path!r}, not '/'")
    if domain:
        problems.append(f"{kind} cookie {name!r} has a domain ({domain!r})")
    return problems


@register(Tags.security)
def check_host_cookies_are_valid(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[CheckMessage]:
    problems = _cookie_problems(
        "The session",
        settings.SESSION_COOKIE_NAME,
        secure=settings.SESSION_COOKIE_SECURE,
        path=settings.SESSION_COOKIE_PATH,
        domain=settings.SESSION_COOKIE_DOMAIN,
    ) + _cookie_problems(
        "The CSRF",
        settings.CSRF_COOKIE_NAME,
        secure=settings.CSRF_COOKIE_SECURE,
        path=settings.CSRF_COOKIE_PATH,
        domain=settings.CSRF_COOKIE_DOMAIN,
    )
    return [
        Error(
            f"{problem}: browsers refuse a {HOST_PREFIX} cookie unless it is Secure, "
            "has path '/' and no domain.",
            id="closeknit.E003",
        )
        for problem in problems
    ]


@register(Tags.security, deploy=True)
def check_host_cookie_names(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[CheckMessage]:
    # The __Host- prefix makes the browser itself refuse such a cookie from a
    # subdomain or over plain HTTP, so a sibling site cannot plant a session or a
    # CSRF token on us.
    errors: list[CheckMessage] = []
    for setting in ("SESSION_COOKIE_NAME", "CSRF_COOKIE_NAME"):
        name = getattr(settings, setting)
        if not name.startswith(HOST_PREFIX):
            errors.append(
                Error(
                    f"{setting} is {name!r}; in production it must start with {HOST_PREFIX!r}.",
                    id="closeknit.E004",
                )
            )
    return errors


@register(Tags.security, deploy=True)
def check_no_wildcard_host(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[CheckMessage]:
    # With "*" any Host header is believed, and links in password-reset e-mails can be
    # made to point at someone else's server.
    if "*" not in settings.ALLOWED_HOSTS:
        return []
    return [
        Error(
            "ALLOWED_HOSTS contains '*'; list the host names the site is served at.",
            id="closeknit.E005",
        )
    ]
