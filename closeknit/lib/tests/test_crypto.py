"""The keyring: sealing, opening, binding to a context, tampering and key handling."""

from __future__ import annotations

import base64
import os
import stat
from pathlib import Path

import pytest

from closeknit.lib.crypto import (
    DecryptionError,
    Keyring,
    KeyringError,
    generate_key,
    is_sealed,
    key_id_of,
)
from closeknit.lib.tests.conftest import key_text

CONTEXT = "accounts_user.pronouns:7c0e7a4e-5a55-4d2b-9f5e-0a6f3e2d1c00"


def _flip_payload_bit(sealed: str, position: int) -> str:
    """The sealed value with one bit of its decoded payload flipped.

    Flipping bytes, not base64 characters, because the last character of
    unpadded base64 carries spare bits that decoding ignores.
    """
    prefix, key_id, payload = sealed.split(":", 2)
    blob = bytearray(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    blob[position] ^= 0x01
    encoded = base64.urlsafe_b64encode(bytes(blob)).decode("ascii").rstrip("=")
    return f"{prefix}:{key_id}:{encoded}"


def test_a_sealed_value_opens_to_the_same_text(keys: dict[str, str]) -> None:
    ring = Keyring.from_text(keys["A"])
    text = "they/them — and a little ✨ unicode"

    sealed = ring.seal(text, context=CONTEXT)

    assert ring.open(sealed, context=CONTEXT) == text


def test_a_sealed_value_names_its_key_and_hides_the_text(keys: dict[str, str]) -> None:
    ring = Keyring.from_text(keys["A"])

    first = ring.seal("she/her", context=CONTEXT)
    second = ring.seal("she/her", context=CONTEXT)

    assert first.startswith("ck1:A:")
    assert is_sealed(first)
    assert key_id_of(first) == "A"
    assert "she/her" not in first
    assert first != second, "each seal uses a fresh nonce"


@pytest.mark.parametrize(
    "other_context",
    [
        "accounts_user.pronouns:0b5d1e4c-2f8a-4a39-8d7e-1c2b3a4d5e6f",  # another row
        "accounts_user.name:7c0e7a4e-5a55-4d2b-9f5e-0a6f3e2d1c00",  # another field
        "journal_entry.pronouns:7c0e7a4e-5a55-4d2b-9f5e-0a6f3e2d1c00",  # another table
    ],
)
def test_a_value_moved_to_another_place_does_not_open(
    keys: dict[str, str], other_context: str
) -> None:
    ring = Keyring.from_text(keys["A"])
    sealed = ring.seal("he/him", context=CONTEXT)

    with pytest.raises(DecryptionError, match="does not belong here or was altered"):
        ring.open(sealed, context=other_context)


# Positions in the decoded payload: nonce (0-11), ciphertext (12-33), tag (last 16).
@pytest.mark.parametrize("position", [0, 11, 12, 20, 33, 34, -1])
def test_a_tampered_value_does_not_open(keys: dict[str, str], position: int) -> None:
    ring = Keyring.from_text(keys["A"])
    sealed = ring.seal("a secret worth keeping", context=CONTEXT)

    tampered = _flip_payload_bit(sealed, position)

    assert tampered != sealed
    with pytest.raises(DecryptionError, match="does not belong here or was altered"):
        ring.open(tampered, context=CONTEXT)


def test_a_truncated_value_does_not_open(keys: dict[str, str]) -> None:
    ring = Keyring.from_text(keys["A"])
    sealed = ring.seal("a secret worth keeping", context=CONTEXT)

    for cut in (4, 16, len(sealed) - 3):
        with pytest.raises(DecryptionError):
            ring.open(sealed[:-cut], context=CONTEXT)


def test_a_value_too_short_to_hold_a_nonce_is_a_decryption_error(keys: dict[str, str]) -> None:
    ring = Keyring.from_text(keys["A"])

    with pytest.raises(DecryptionError, match="too short"):
        ring.open("ck1:A:AAAA", context=CONTEXT)


def test_a_value_relabelled_with_another_key_id_does_not_open(keys: dict[str, str]) -> None:
    ring = Keyring.from_text(f"{keys['A']},{keys['B']}")
    sealed = ring.seal("they/them", context=CONTEXT)

    relabelled = sealed.replace("ck1:A:", "ck1:B:", 1)

    with pytest.raises(DecryptionError):
        ring.open(relabelled, context=CONTEXT)


def test_a_value_sealed_with_an_unknown_key_says_which_key_is_missing(
    keys: dict[str, str],
) -> None:
    sealed = Keyring.from_text(keys["C"]).seal("ze/zir", context=CONTEXT)

    with pytest.raises(DecryptionError, match="no key with id 'C'"):
        Keyring.from_text(keys["A"]).open(sealed, context=CONTEXT)


def test_text_that_is_not_sealed_is_refused(keys: dict[str, str]) -> None:
    ring = Keyring.from_text(keys["A"])

    with pytest.raises(DecryptionError, match="not a sealed value"):
        ring.open("she/her", context=CONTEXT)
    assert not is_sealed("she/her")


def test_an_old_key_still_opens_after_a_new_primary_key_is_added(keys: dict[str, str]) -> None:
    old_ring = Keyring.from_text(keys["A"])
    sealed_before = old_ring.seal("they/them", context=CONTEXT)

    new_ring = Keyring.from_text(f"{keys['B']},{keys['A']}")
    sealed_after = new_ring.seal("they/them", context=CONTEXT)

    assert new_ring.primary_id == "B"
    assert new_ring.open(sealed_before, context=CONTEXT) == "they/them"
    assert key_id_of(sealed_after) == "B"
    assert new_ring.needs_rotation(sealed_before)
    assert not new_ring.needs_rotation(sealed_after)


def test_the_first_key_given_is_primary_whatever_the_separator(keys: dict[str, str]) -> None:
    ring = Keyring.from_text(f"\n  {keys['C']}\n{keys['A']},\n{keys['B']}\n")

    assert ring.primary_id == "C"
    assert list(ring.keys) == ["C", "A", "B"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no encryption keys were given"),
        (" ,\n, ", "no encryption keys were given"),
        ("just-some-text", "each key must look like '<id>:<base64 key>'"),
        (":" + "A" * 43, "each key must look like '<id>:<base64 key>'"),
        ("k1:abc:def", "each key must look like '<id>:<base64 key>'"),
        ("k1:not*base64*at*all", "key 'k1' is not valid base64"),
        ("k1:" + base64.urlsafe_b64encode(b"x" * 16).decode(), "key 'k1' must be 32 bytes long"),
        ("my key:" + "A" * 43, "key id 'my key' may only use letters, digits"),
    ],
)
def test_malformed_key_text_gives_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(KeyringError) as caught:
        Keyring.from_text(text)

    assert message in str(caught.value)


def test_a_key_id_given_twice_is_refused() -> None:
    with pytest.raises(KeyringError, match="key id 'A' is given twice"):
        Keyring.from_text(f"{key_text('A')},{key_text('A')}")


def test_keys_in_standard_base64_with_padding_are_accepted() -> None:
    raw = bytes([0xFB, 0xFF, 0xBF] * 10 + [0xFB, 0xFF])
    standard = base64.b64encode(raw).decode("ascii")
    assert "+" in standard
    assert "/" in standard
    assert standard.endswith("=")

    ring = Keyring.from_text(f"ops:{standard}")

    assert ring.keys["ops"] == raw


def test_the_keyring_repr_does_not_show_key_material(keys: dict[str, str]) -> None:
    ring = Keyring.from_text(keys["A"])
    encoded = keys["A"].split(":", 1)[1]

    shown = repr(ring) + str(ring)

    assert "A" in shown
    assert encoded.rstrip("=") not in shown
    assert repr(ring.keys["A"]) not in shown


def test_generated_keys_are_fresh_and_parse() -> None:
    first, second = generate_key(), generate_key()

    ring = Keyring.from_text(f"{first},{second}")

    assert first != second
    assert len(ring.keys) == 2
    assert ring.primary_id == first.split(":", 1)[0]


def test_a_missing_key_file_is_created_readable_only_by_its_owner(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "keys.txt"

    ring = Keyring.from_file(path, create=True)
    again = Keyring.from_file(path, create=True)

    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert again == ring, "an existing key file is reused, never replaced"
    sealed = ring.seal("kept across restarts", context=CONTEXT)
    assert again.open(sealed, context=CONTEXT) == "kept across restarts"


def test_a_missing_key_file_is_an_error_unless_creation_is_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "absent.txt"

    with pytest.raises(KeyringError, match="does not exist"):
        Keyring.from_file(path)
    assert not path.exists()
