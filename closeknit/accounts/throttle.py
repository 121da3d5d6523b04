"""Sign-in throttling by account *and* client address, never by account alone.

A per-account lock would let anyone (a partner included) keep a person out of
their own account by failing on purpose. Counting failures per (account, address)
pair, plus a looser per-address cap, slows guessing without that power.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR") or "unknown")


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
