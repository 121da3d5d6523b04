"""Authenticated encryption for the free text partners write.

Framework-free on purpose: the Django field in ``lib.fields`` only decides *what*
to bind a value to; this module decides how it is sealed.

A sealed value looks like ``ck1:<key id>:<base64url(nonce + ciphertext)>``. The key
id lets old values stay readable after a new key becomes primary, until
``rotate_keys`` re-seals them. The associated data ("context") names the table,
field and row, so a ciphertext copied into another row or column fails to open
instead of showing the wrong person's words.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

PREFIX = "ck1"
_NONCE_BYTES = 12
_TAG_BYTES = 16
_KEY_BYTES = 32
# Key ids end up inside every sealed value, between colons.
_KEY_ID = re.compile(r"[A-Za-z0-9_-]{1,32}")


class KeyringError(RuntimeError):
    """The keys given are missing or malformed."""


class DecryptionError(ValueError):
    """A sealed value could not be opened: wrong key, wrong row, or tampering."""


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _b64decode(text: str) -> bytes:
    # validate=True: the lenient default silently skips stray characters, which
    # would turn a mistyped key into a "wrong length" puzzle instead of an error.
    text = text.rstrip("=")
    padding = "=" * (-len(text) % 4)
    return base64.b64decode(text + padding, altchars=b"-_", validate=True)


def generate_key() -> str:
    """A new random key as ``<key id>:<base64 key>``, ready for CLOSEKNIT_KEYS."""
    key_id = secrets.token_hex(4)
    return f"{key_id}:{_b64encode(os.urandom(_KEY_BYTES))}"


def is_sealed(value: str) -> bool:
    return value.startswith(PREFIX + ":")


def key_id_of(value: str) -> str:
    parts = value.split(":", 2)
    if len(parts) != 3 or parts[0] != PREFIX:
        raise DecryptionError("not a sealed value")
    return parts[1]


@dataclass(frozen=True)
class Keyring:
    """Keys by id; the first one given is the primary key used for new values."""

    primary_id: str
    # repr=False keeps key material out of logs, tracebacks and debug pages.
    keys: dict[str, bytes] = field(repr=False)

    @classmethod
    def from_text(cls, text: str) -> Keyring:
        """Parse ``id:key`` entries separated by commas or new lines, primary first."""
        entries = [e.strip() for e in text.replace("\n", ",").split(",") if e.strip()]
        if not entries:
            raise KeyringError("no encryption keys were given")
        keys: dict[str, bytes] = {}
        for entry in entries:
            key_id, sep, encoded = entry.partition(":")
            if not sep or not key_id or ":" in encoded:
                raise KeyringError("each key must look like '<id>:<base64 key>'")
            if not _KEY_ID.fullmatch(key_id):
                raise KeyringError(
                    f"key id {key_id!r} may only use letters, digits, '-' and '_' "
                    "(at most 32 characters)"
                )
            try:
                # Accept the standard alphabet too, as printed by `openssl rand -base64 32`.
                key = _b64decode(encoded.replace("+", "-").replace("/", "_"))
            except (binascii.Error, ValueError) as exc:
                raise KeyringError(f"key {key_id!r} is not valid base64") from exc
            if len(key) != _KEY_BYTES:
                raise KeyringError(f"key {key_id!r} must be {_KEY_BYTES} bytes long")
            if key_id in keys:
                raise KeyringError(f"key id {key_id!r} is given twice")
            keys[key_id] = key
        return cls(primary_id=next(iter(keys)), keys=keys)

    @classmethod
    def from_file(cls, path: Path, *, create: bool = False) -> Keyring:
        """Read a key file; with ``create``, write a fresh one (mode 600) if it is absent."""
        if not path.exists():
            if not create:
                raise KeyringError(f"key file {path} does not exist")
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write(generate_key() + "\n")
        return cls.from_text(path.read_text(encoding="ascii"))

    def seal(self, plaintext: str, *, context: str) -> str:
        nonce = os.urandom(_NONCE_BYTES)
        aead = AESGCM(self.keys[self.primary_id])
        ciphertext = aead.encrypt(nonce, plaintext.encode("utf-8"), context.encode("utf-8"))
        return f"{PREFIX}:{self.primary_id}:{_b64encode(nonce + ciphertext)}"

    def open(self, sealed: str, *, context: str) -> str:
        key_id = key_id_of(sealed)
        key = self.keys.get(key_id)
        if key is None:
            raise DecryptionError(f"no key with id {key_id!r} is configured")
        try:
            blob = _b64decode(sealed.split(":", 2)[2])
        except (binascii.Error, ValueError) as exc:
            raise DecryptionError("sealed value is not valid base64") from exc
        if len(blob) < _NONCE_BYTES + _TAG_BYTES:
            raise DecryptionError("sealed value is too short to be genuine")
        nonce, ciphertext = blob[:_NONCE_BYTES], blob[_NONCE_BYTES:]
        try:
            plaintext = AESGCM(key).decrypt(nonce, ciphertext, context.encode("utf-8"))
        except InvalidTag as exc:
            raise DecryptionError("sealed value does not belong here or was altered") from exc
        return plaintext.decode("utf-8")

    def needs_rotation(self, sealed: str) -> bool:
        return key_id_of(sealed) != self.primary_id
