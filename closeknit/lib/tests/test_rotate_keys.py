"""manage.py rotate_keys: re-seal everything with the new primary key, resumably."""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from closeknit.accounts.management.commands.rotate_keys import encrypted_fields
from closeknit.accounts.models import User
from closeknit.lib.crypto import DecryptionError, Keyring, key_id_of
from closeknit.lib.fields import EncryptedTextField

pytestmark = pytest.mark.django_db

UseKeyring = Callable[[str], Keyring]
PRONOUNS = ["she/her", "he/him", "they/them", "xe/xem", "ze/hir"]


def _stored() -> dict[uuid.UUID, str]:
    """Each user's pronouns column as it is in the database."""
    table = User._meta.db_table
    pk = User._meta.pk
    assert pk is not None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, pronouns FROM {table}")
        rows = cursor.fetchall()
    return {pk.to_python(row_id): value for row_id, value in rows}


def _key_ids() -> list[str]:
    return sorted(key_id_of(value) for value in _stored().values() if value)


def _pronouns_by_email() -> dict[str, str]:
    return {user.email: user.pronouns for user in User.objects.all()}


def _rotate(*args: str) -> str:
    out = io.StringIO()
    call_command("rotate_keys", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def people_on_key_a(use_keyring: UseKeyring, keys: dict[str, str]) -> dict[str, str]:
    """Five people whose pronouns were sealed with key A, plus one with none."""
    use_keyring(keys["A"])
    expected = {}
    for index, pronouns in enumerate(PRONOUNS):
        email = f"person{index}@example.com"
        User.objects.create_user(email, None, name=f"Person {index}", pronouns=pronouns)
        expected[email] = pronouns
    User.objects.create_user("blank@example.com", None, name="Blank", pronouns="")
    expected["blank@example.com"] = ""
    assert _key_ids() == ["A"] * len(PRONOUNS)
    return expected


def test_the_command_finds_every_encrypted_field() -> None:
    found = {
        f"{model._meta.label}.{f.name}" for model, fields in encrypted_fields() for f in fields
    }

    assert "accounts.User.pronouns" in found
    for model, fields in encrypted_fields():
        assert all(isinstance(f, EncryptedTextField) for f in fields)
        assert not model._meta.proxy


def test_rotation_moves_every_value_to_the_new_primary_key(
    people_on_key_a: dict[str, str], use_keyring: UseKeyring, keys: dict[str, str]
) -> None:
    use_keyring(f"{keys['B']},{keys['A']}")
    before = _stored()

    output = _rotate("--batch-size", "2")

    assert _key_ids() == ["B"] * len(PRONOUNS)
    after = _stored()
    assert all(after[pk] != before[pk] for pk in before if before[pk])
    assert _pronouns_by_email() == people_on_key_a
    assert "accounts.User: 5 row(s) to re-encrypt" in output
    assert "accounts.User: 2/5" in output
    assert "accounts.User: 5/5" in output
    assert "Done: 5 value(s) re-encrypted with key B." in output

    use_keyring(keys["B"])
    assert _pronouns_by_email() == people_on_key_a, "the old key is no longer needed"


def test_without_rotation_the_old_key_cannot_be_dropped(
    people_on_key_a: dict[str, str], use_keyring: UseKeyring, keys: dict[str, str]
) -> None:
    use_keyring(keys["B"])

    with pytest.raises(DecryptionError, match="no key with id 'A'"):
        _pronouns_by_email()


def test_running_again_changes_nothing(
    people_on_key_a: dict[str, str], use_keyring: UseKeyring, keys: dict[str, str]
) -> None:
    use_keyring(f"{keys['B']},{keys['A']}")
    _rotate()
    rotated = _stored()

    output = _rotate()

    assert _stored() == rotated
    assert "accounts.User: 0 row(s) to re-encrypt" in output
    assert "Done: 0 value(s) re-encrypted" in output


def test_a_dry_run_counts_without_changing_anything(
    people_on_key_a: dict[str, str], use_keyring: UseKeyring, keys: dict[str, str]
) -> None:
    use_keyring(f"{keys['B']},{keys['A']}")
    before = _stored()

    output = _rotate("--dry-run")

    assert _stored() == before
    assert "accounts.User.pronouns: 5 to re-encrypt" in output
    assert "Dry run: 5 value(s) would be re-encrypted." in output


def test_a_run_stopped_by_limit_resumes_where_it_left_off(
    people_on_key_a: dict[str, str], use_keyring: UseKeyring, keys: dict[str, str]
) -> None:
    use_keyring(f"{keys['B']},{keys['A']}")

    first = _rotate("--batch-size", "1", "--limit", "2")

    assert _key_ids() == ["A", "A", "A", "B", "B"]
    assert "Stopped at --limit with 3 row(s) left" in first
    assert "--dry-run" not in first
    assert "accounts.User.pronouns: 3 to re-encrypt" in _rotate("--dry-run")

    last = _rotate("--batch-size", "1", "--limit", "3")

    assert _key_ids() == ["B"] * len(PRONOUNS)
    assert _pronouns_by_email() == people_on_key_a
    assert "Stopped at --limit" not in last, "nothing is left, so nothing to continue"


def test_a_run_that_crashes_keeps_finished_batches_and_resumes(
    people_on_key_a: dict[str, str],
    use_keyring: UseKeyring,
    keys: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    use_keyring(f"{keys['B']},{keys['A']}")
    real_save = User.save
    saves = 0

    def save_then_crash(self: User, *args: Any, **kwargs: Any) -> None:
        nonlocal saves
        saves += 1
        if saves == 3:  # in the second batch of two
            raise RuntimeError("the server was switched off")
        real_save(self, *args, **kwargs)

    monkeypatch.setattr(User, "save", save_then_crash)
    with pytest.raises(RuntimeError, match="switched off"):
        _rotate("--batch-size", "2")

    # The first batch was committed; the whole second batch was rolled back.
    assert _key_ids() == ["A", "A", "A", "B", "B"]

    monkeypatch.setattr(User, "save", real_save)
    _rotate("--batch-size", "2")

    assert _key_ids() == ["B"] * len(PRONOUNS)
    use_keyring(keys["B"])
    assert _pronouns_by_email() == people_on_key_a


def test_key_ids_differing_only_in_case_are_different_keys(
    use_keyring: UseKeyring, keys: dict[str, str]
) -> None:
    lower_b = keys["C"].replace("C:", "b:", 1)
    use_keyring(lower_b)
    User.objects.create_user("casey@example.com", None, name="Casey", pronouns="fae/faer")
    use_keyring(f"{keys['B']},{lower_b}")

    _rotate()

    assert _key_ids() == ["B"]
    use_keyring(keys["B"])
    assert _pronouns_by_email() == {"casey@example.com": "fae/faer"}


def test_text_stored_before_encryption_is_sealed_too(
    use_keyring: UseKeyring, keys: dict[str, str]
) -> None:
    use_keyring(keys["A"])
    user = User.objects.create_user("old@example.com", None, name="Old", pronouns="")
    pk = User._meta.pk
    assert pk is not None
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {User._meta.db_table} SET pronouns = %s WHERE id = %s",
            ["she/they", pk.get_db_prep_value(user.id, connection)],
        )

    output = _rotate()

    stored = _stored()[user.id]
    assert stored.startswith("ck1:A:")
    assert "she/they" not in stored
    assert User.objects.get(id=user.id).pronouns == "she/they"
    assert "1 unencrypted value(s) sealed" in output


def test_values_that_cannot_be_opened_are_reported_and_left_alone(
    people_on_key_a: dict[str, str], use_keyring: UseKeyring, keys: dict[str, str]
) -> None:
    # Key A was dropped before rotating: nothing can be opened, nothing is lost.
    use_keyring(f"{keys['B']},{keys['C']}")
    before = _stored()

    with pytest.raises(CommandError, match="5 value\\(s\\) could not be opened"):
        _rotate()

    assert _stored() == before
    use_keyring(f"{keys['B']},{keys['A']}")
    _rotate()
    assert _key_ids() == ["B"] * len(PRONOUNS)


@pytest.mark.parametrize("option", ["--batch-size", "--limit"])
def test_sizes_below_one_are_refused(option: str) -> None:
    with pytest.raises(CommandError, match=f"{option} must be at least 1"):
        _rotate(option, "0")


def test_generate_key_prints_a_usable_key() -> None:
    out = io.StringIO()
    call_command("generate_key", stdout=out)
    printed = out.getvalue().strip()

    ring = Keyring.from_text(printed)

    assert ring.primary_id == printed.split(":", 1)[0]
    assert len(printed.splitlines()) == 1
