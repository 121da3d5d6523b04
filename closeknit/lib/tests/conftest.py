"""Fixtures for the encryption tests: fresh keys and a way to swap the keyring."""

from __future__ import annotations

import base64
import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from closeknit.lib.crypto import Keyring
from closeknit.lib.fields import keyring


def key_text(key_id: str) -> str:
    """A fresh ``id:base64`` entry for CLOSEKNIT_KEYS."""
    return f"{key_id}:{base64.urlsafe_b64encode(os.urandom(32)).decode('ascii')}"


@pytest.fixture
def keys() -> dict[str, str]:
    """Three independent keys, by id, as they would be written in CLOSEKNIT_KEYS."""
    return {key_id: key_text(key_id) for key_id in ("A", "B", "C")}


@pytest.fixture
def use_keyring(settings: Any) -> Iterator[Callable[[str], Keyring]]:
    """Switch the app to a keyring given as CLOSEKNIT_KEYS text.

    ``closeknit.lib.fields.keyring`` is cached for the life of the process, so the
    cache is cleared on every switch and again afterwards.
    """

    def use(text: str) -> Keyring:
        ring = Keyring.from_text(text)
        settings.CLOSEKNIT_KEYRING = ring
        keyring.cache_clear()
        return ring

    yield use
    keyring.cache_clear()
