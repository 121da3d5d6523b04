"""A canary written through the app never reaches the database in readable form.

The data is committed (``transactional_db``), then the SQLite file is read byte by
byte, with its write-ahead log and rollback journal, because committed pages can
sit in the ``-wal`` file until a checkpoint.
"""

from __future__ import annotations

import base64
import secrets
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from closeknit.accounts.models import User

PASSWORD = "canary passphrase that is long enough"


def _canary(label: str) -> str:
    # Short enough for the 40-character pronouns field, unique enough to never
    # occur by chance.
    return f"cnry-{label}-{secrets.token_hex(8)}"


def _encodings_of(text: str) -> list[bytes]:
    """The text as raw UTF-8, and its base64 forms at each of the three alignments.

    Base64 covers copies hidden inside signed sessions or cache entries.
    """
    raw = text.encode("utf-8")
    found = [raw]
    for offset, skip in ((0, 0), (1, 2), (2, 3)):
        encoded = base64.b64encode(b"\0" * offset + raw)
        core = encoded[skip:-3]
        found += [core, core.replace(b"+", b"-").replace(b"/", b"_")]
    return found


def _database_bytes() -> bytes:
    name = Path(connection.settings_dict["NAME"])
    files = [name, Path(f"{name}-wal"), Path(f"{name}-journal")]
    return b"".join(path.read_bytes() for path in files if path.exists())


def _sign_up(client: Client, email: str, pronouns: str) -> None:
    response = client.post(
        "/accounts/signup/",
        {
            "email": email,
            "password1": PASSWORD,
            "name": "Canary Person",
            "pronouns": pronouns,
            "timezone": "Europe/London",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    profile = client.get("/profile/")
    assert pronouns in profile.content.decode(), "the owner sees what they wrote"


def _change_pronouns_through_the_api(client: Client, email: str, pronouns: str) -> None:
    token = client.post(
        "/api/v1/auth/token",
        {"email": email, "password": PASSWORD, "device": "canary test"},
        content_type="application/json",
    )
    assert token.status_code == 201, token.content
    auth: dict[str, Any] = {"HTTP_AUTHORIZATION": f"Bearer {token.json()['token']}"}

    patched = client.patch(
        "/api/v1/me", {"pronouns": pronouns}, content_type="application/json", **auth
    )
    assert patched.status_code == 200, patched.content
    assert client.get("/api/v1/me", **auth).json()["pronouns"] == pronouns


def _assert_absent(canary: str, on_disk: bytes) -> None:
    for form in _encodings_of(canary):
        # pytest.fail, not assert: the failure report would print the whole file.
        if form in on_disk:
            pytest.fail(f"{canary!r} reached the database file as {form!r}")


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="reads the SQLite database file; PostgreSQL is covered by the column test below",
)
def test_canaries_written_through_the_app_never_reach_the_sqlite_file(
    transactional_db: None,
) -> None:
    client = Client()
    email = f"canary-{secrets.token_hex(4)}@example.com"
    first, second = _canary("signup"), _canary("api")

    # Checked after each write: the second overwrites the first in place, so a
    # single check at the end could miss a first canary that had been stored.
    _sign_up(client, email, first)
    after_sign_up = _database_bytes()
    _change_pronouns_through_the_api(client, email, second)
    after_change = _database_bytes()

    # The control: plain data written in the same requests is there to be found,
    # so an empty or wrong file cannot pass this test.
    assert email.encode("utf-8") in after_sign_up, "the control is missing from the file"
    assert b"canary test" in after_change, "the API token's device name is missing"
    _assert_absent(first, after_sign_up)
    _assert_absent(first, after_change)
    _assert_absent(second, after_change)


def test_canaries_are_stored_sealed_in_the_column(transactional_db: None) -> None:
    client = Client()
    email = f"canary-{secrets.token_hex(4)}@example.com"
    first, second = _canary("signup"), _canary("api")

    _sign_up(client, email, first)
    after_sign_up = _stored_pronouns(email)
    _change_pronouns_through_the_api(client, email, second)
    after_change = _stored_pronouns(email)

    assert after_sign_up.startswith("ck1:")
    assert first not in after_sign_up
    assert after_change.startswith("ck1:")
    assert second not in after_change


def _stored_pronouns(email: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT pronouns FROM {User._meta.db_table} WHERE email = %s",
            [email],
        )
        row = cursor.fetchone()
    assert row is not None
    return str(row[0])
