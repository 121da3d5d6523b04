"""Sign-in throttling by account *and* client address, never by account alone.

A per-account lock would let anyone (a partner included) keep a person out of
their own account by failing on purpose. Counting failures per (account, address)
pair, plus a looser per-address cap, slows guessing without that power.
"""

from __future__ import annotations

import hashlib
import ipaddress
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address a request came from, as far as it can be trusted.

    Behind a reverse proxy REMOTE_ADDR is the proxy's own address for everyone,
    which would turn the per-(account, address) throttle into a per-account lock.
    With ``TRUSTED_PROXY_HOPS`` set to the number of proxies in front, the client
    is the entry that many places from the right of X-Forwarded-For: each proxy
    appends what it saw, and anything further left was written by the client.
    """
    remote = str(request.META.get("REMOTE_ADDR") or "unknown")
    hops = int(getattr(settings, "TRUSTED_PROXY_HOPS", 0))
    if hops <= 0:
        return remote
    header = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    forwarded = [part.strip() for part in header.split(",") if part.strip()]
    if len(forwarded) < hops:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-hops]))
    except ValueError:
        return remote


def _key(*parts: str) -> str:
    digest = hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()
    return f"signin-throttle:{digest}"


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int = 0


def _keys(email: str, address: str) -> list[tuple[str, int]]:
    return [
        (_key("pair", email.strip().lower(), address), settings.LOGIN_THROTTLE_ATTEMPTS),
        (_key("address", address), settings.LOGIN_THROTTLE_ADDRESS_ATTEMPTS),
    ]


def check(email: str, address: str) -> Verdict:
    now = time.time()
    wait = 0
    for key, limit in _keys(email, address):
        entry = cache.get(key)
        if entry and entry[0] >= limit:
            wait = max(wait, int(entry[1] - now) + 1)
    return Verdict(allowed=wait <= 0, retry_after=max(wait, 0))


def record_failure(email: str, address: str) -> None:
    now = time.time()
    window = settings.LOGIN_THROTTLE_WINDOW_SECONDS
    for key, _limit in _keys(email, address):
        entry = cache.get(key)
        if entry and entry[1] > now:
            count, reset_at = entry[0] + 1, entry[1]
        else:
            count, reset_at = 1, now + window
        cache.set(key, (count, reset_at), timeout=max(int(reset_at - now), 1))


def record_success(email: str, address: str) -> None:
    cache.delete(_keys(email, address)[0][0])
