"""EncryptedTextField through the ORM, with User.pronouns as the example field."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection, transaction

from closeknit.accounts.models import User
from closeknit.lib.crypto import DecryptionError
from closeknit.lib.fields import EncryptedTextField, Sealed, keyring

pytestmark = pytest.mark.django_db


def _user(email: str, pronouns: str, **extra: object) -> User:
    # No password: nobody signs in here, and hashing one would only slow the tests.
    return User.objects.create_user(email, None, name="Someone", pronouns=pronouns, **extra)


def _raw_pronouns(user_id: uuid.UUID) -> str:
    table = User._meta.db_table
    pk_value = User._meta.pk.get_db_prep_value(user_id, connection)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT pronouns FROM {table} WHERE id = %s", [pk_value])
        row = cursor.fetchone()
    assert row is not None
    return str(row[0])


def test_pronouns_are_stored_sealed_and_read_back_as_written() -> None:
    user = _user("ash@example.com", "xe/xem")

    stored = _raw_pronouns(user.id)

    assert stored.startswith(f"ck1:{keyring().primary_id}:")
    assert "xe/xem" not in stored
    assert User.objects.get(id=user.id).pronouns == "xe/xem"


def test_a_loaded_value_stays_sealed_until_it_is_read() -> None:
    user = _user("ash@example.com", "xe/xem")

    loaded = User.objects.get(id=user.id)
    before = EncryptedTextField.raw_value(loaded, "pronouns")
    shown = loaded.pronouns
    after = EncryptedTextField.raw_value(loaded, "pronouns")

    assert isinstance(before, Sealed)
    assert before == _raw_pronouns(user.id)
    assert shown == "xe/xem"
    assert after == "xe/xem"
    assert not isinstance(after, Sealed)


def test_empty_pronouns_are_stored_empty() -> None:
    user = _user("ash@example.com", "")

    assert _raw_pronouns(user.id) == ""
    assert User.objects.get(id=user.id).pronouns == ""


def test_the_context_names_table_column_and_row() -> None:
    user = _user("ash@example.com", "xe/xem")
    field = User._meta.get_field("pronouns")
    assert isinstance(field, EncryptedTextField)

    assert field.context_for(user) == f"accounts_user.pronouns:{user.id}"


def test_pronouns_pasted_into_another_row_refuse_to_open() -> None:
    ash = _user("ash@example.com", "xe/xem")
    blair = _user("blair@example.com", "he/him")
    table = User._meta.db_table
    pk = User._meta.pk
    assert pk is not None

    # What someone with write access to the database file could do: copy one
    # person's sealed pronouns over another person's.
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET pronouns = (SELECT pronouns FROM {table} WHERE id = %s) "
            "WHERE id = %s",
            [pk.get_db_prep_value(ash.id, connection), pk.get_db_prep_value(blair.id, connection)],
        )
    assert _raw_pronouns(blair.id) == _raw_pronouns(ash.id)

    pasted = User.objects.get(id=blair.id)
    with pytest.raises(DecryptionError, match="does not belong here or was altered"):
        _ = pasted.pronouns
    assert User.objects.get(id=ash.id).pronouns == "xe/xem"


def test_a_sealed_value_copied_between_instances_in_python_refuses_to_open() -> None:
    ash = _user("ash@example.com", "xe/xem")
    blair = _user("blair@example.com", "he/him")
    source = User.objects.get(id=ash.id)
    target = User.objects.get(id=blair.id)

    target.pronouns = EncryptedTextField.raw_value(source, "pronouns")
    target.save(update_fields=["pronouns"])

    with pytest.raises(DecryptionError):
        _ = User.objects.get(id=blair.id).pronouns


def test_plaintext_cannot_reach_the_column_through_a_bulk_update() -> None:
    user = _user("ash@example.com", "xe/xem")

    loaded = User.objects.get(id=user.id)

    with pytest.raises(ValueError, match="pronouns is encrypted"), transaction.atomic():
        User.objects.filter(id=user.id).update(pronouns="she/her")
    with pytest.raises(ValueError, match="pronouns is encrypted"), transaction.atomic():
        User.objects.bulk_update([loaded], ["pronouns"])

    assert "she/her" not in _raw_pronouns(user.id)
    assert User.objects.get(id=user.id).pronouns == "xe/xem"


def test_encrypted_text_cannot_be_filtered_on() -> None:
    _user("ash@example.com", "xe/xem")

    with pytest.raises(ValueError, match="do not filter on it"):
        list(User.objects.filter(pronouns="xe/xem"))


def test_a_primary_key_given_as_a_string_still_reads_back() -> None:
    given = uuid.uuid4()

    _user("ash@example.com", "xe/xem", id=given.hex)

    assert User.objects.get(id=given).pronouns == "xe/xem"


def test_a_new_value_is_sealed_with_a_new_nonce_on_every_save() -> None:
    user = _user("ash@example.com", "xe/xem")
    first = _raw_pronouns(user.id)

    user.pronouns = "xe/xem"
    user.save(update_fields=["pronouns"])

    assert _raw_pronouns(user.id) != first
    assert User.objects.get(id=user.id).pronouns == "xe/xem"
