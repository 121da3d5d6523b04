"""Is a configured secret strong enough to run a production server on?

Imported by settings.py before Django is set up, so nothing here may touch settings.
The rules catch mistakes (a short, made-up, copied or placeholder value), not a
determined attempt to fool them.
"""

from __future__ import annotations

from closeknit.lib.crypto import Keyring

# Django's own `check --deploy` asks for the same, so a server that starts also passes.
MIN_SECRET_LENGTH = 50
MIN_SECRET_CHARACTERS = 5
# Words that only turn up in placeholders and examples, never in a generated secret.
PLACEHOLDER_WORDS = ("insecure", "replace", "changeme", "change-me", "example", "secret-key")
# Random 32-byte keys have about 30 different byte values; one with fewer than 16 was
# typed or derived from something guessable (the odds of a random one are below 1e-12).
MIN_DISTINCT_KEY_BYTES = 16


def weak_secret_key_reason(secret: str, *, development_key: str) -> str | None:
    """Why ``secret`` is too weak for production, or None when it will do."""
    if secret == development_key:
        return "it is the development key, which is published in the source"
    lowered = secret.lower()
    for word in PLACEHOLDER_WORDS:
        if word in lowered:
            return f"it contains {word!r}, so it looks like a placeholder"
    if len(secret) < MIN_SECRET_LENGTH:
        return (
            f"it has {len(secret)} characters and needs at least {MIN_SECRET_LENGTH}; "
            'make one with: python3 -c "import secrets; print(secrets.token_urlsafe(50))"'
        )
    if len(set(secret)) < MIN_SECRET_CHARACTERS:
        return f"it uses fewer than {MIN_SECRET_CHARACTERS} different characters"
    return None


def weak_keyring_reason(keyring: Keyring) -> str | None:
    """Why one of the encryption keys is not a random key, or None when all look random."""
    seen: set[bytes] = set()
    for key_id, key in keyring.keys.items():
        if len(set(key)) < MIN_DISTINCT_KEY_BYTES:
            return f"key {key_id!r} is not random; make one with `manage.py generate_key`"
        if key in seen:
            return f"key {key_id!r} repeats another key"
        seen.add(key)
    return None
