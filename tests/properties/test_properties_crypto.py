"""Keyring and EncryptedTextField: sealed text opens only as written, where written."""

from __future__ import annotations

import base64
import contextlib
import re
import uuid

import pytest
from django.db import connection
from hypothesis import assume, given
from hypothesis import strategies as st

from closeknit.accounts.models import User
from closeknit.lib.crypto import DecryptionError, Keyring, KeyringError, generate_key
from closeknit.lib.fields import keyring
from tests.properties.support import examples

# Every code point Python strings can hold and UTF-8 can carry, long texts included.
any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=3000)
contexts = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=80)
key_ids = st.from_regex(r"[A-Za-z0-9_-]{1,32}", fullmatch=True)

OLD = Keyring.from_text(generate_key())


def _keyring_with(*entries: tuple[str, bytes]) -> Keyring:
    text = ",".join(f"{key_id}:{base64.urlsafe_b64encode(key).decode()}" for key_id, key in entries)
    return Keyring.from_text(text)


def _blob(sealed: str) -> bytes:
    encoded = sealed.split(":", 2)[2]
    return base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))


def _with_blob(sealed: str, blob: bytes) -> str:
    prefix, key_id, _encoded = sealed.split(":", 2)
    return f"{prefix}:{key_id}:{base64.urlsafe_b64encode(blob).decode().rstrip('=')}"


@examples(150)
@given(text=any_text, context=contexts)
def test_any_text_opens_as_written_under_its_context(text, context):
    sealed = OLD.seal(text, context=context)
    assert sealed.startswith(f"ck1:{OLD.primary_id}:")
    assert OLD.open(sealed, context=context) == text
    # Two seals of one text differ: the nonce is fresh each time.
    assert OLD.seal(text, context=context) != sealed


@examples(100)
@given(text=any_text, context=contexts, other=contexts)
def test_text_sealed_for_one_context_does_not_open_under_another(text, context, other):
    assume(context != other)
    sealed = OLD.seal(text, context=context)
    with pytest.raises(DecryptionError):
        OLD.open(sealed, context=other)


@examples(100)
@given(text=any_text, context=contexts, data=st.data())
def test_any_change_to_the_sealed_bytes_is_refused(text, context, data):
    sealed = OLD.seal(text, context=context)
    blob = bytearray(_blob(sealed))
    index = data.draw(st.integers(0, len(blob) - 1), label="byte")
    bit = data.draw(st.integers(0, 7), label="bit")
    blob[index] ^= 1 << bit
    with pytest.raises(DecryptionError):
        OLD.open(_with_blob(sealed, bytes(blob)), context=context)


@examples(60)
@given(text=any_text, context=contexts, keep=st.integers(0, 60))
def test_a_shortened_or_lengthened_value_is_refused(text, context, keep):
    sealed = OLD.seal(text, context=context)
    blob = _blob(sealed)
    with pytest.raises(DecryptionError):
        OLD.open(
            _with_blob(sealed, blob[:keep] if keep < len(blob) else blob + b"\0"), context=context
        )


@examples(60)
@given(text=any_text, context=contexts, key_id=key_ids)
def test_a_value_moved_to_another_key_id_is_refused(text, context, key_id):
    assume(key_id != OLD.primary_id)
    sealed = OLD.seal(text, context=context)
    _prefix, _old_id, encoded = sealed.split(":", 2)
    moved = f"ck1:{key_id}:{encoded}"
    with pytest.raises(DecryptionError):
        OLD.open(moved, context=context)
    # Under a keyring that does hold a key by that id (a different key), it still fails.
    other = _keyring_with((key_id, bytes(32)), (OLD.primary_id, OLD.keys[OLD.primary_id]))
    with pytest.raises(DecryptionError):
        other.open(moved, context=context)


@examples(80)
@given(text=any_text, context=contexts)
def test_rotating_keys_keeps_every_value_readable(text, context):
    old_id = OLD.primary_id
    new_id = f"n{old_id}"[:32]
    new_key = bytes(range(32))
    rotated = _keyring_with((new_id, new_key), (old_id, OLD.keys[old_id]))

    sealed_before = OLD.seal(text, context=context)
    assert rotated.open(sealed_before, context=context) == text
    assert rotated.needs_rotation(sealed_before)

    resealed = rotated.seal(rotated.open(sealed_before, context=context), context=context)
    assert not rotated.needs_rotation(resealed)
    assert rotated.open(resealed, context=context) == text
    # Once re-sealed, the old key can be dropped; values it alone sealed then cannot open.
    only_new = _keyring_with((new_id, new_key))
    assert only_new.open(resealed, context=context) == text
    with pytest.raises(DecryptionError):
        only_new.open(sealed_before, context=context)


@examples(200)
@given(value=st.text(max_size=200) | st.from_regex(r"ck1:[A-Za-z0-9_-]{1,8}:[A-Za-z0-9_=+/-]*"))
def test_opening_anything_at_all_either_works_or_says_it_cannot(value):
    with contextlib.suppress(DecryptionError):
        OLD.open(value, context="t.c:1")


@examples(200)
@given(text=st.text(max_size=300))
def test_reading_any_key_configuration_gives_a_keyring_or_a_keyring_error(text):
    try:
        parsed = Keyring.from_text(text)
    except KeyringError:
        return
    assert parsed.primary_id in parsed.keys
    assert all(len(key) == 32 for key in parsed.keys.values())


key_entries = st.tuples(
    # Sound ids, and ones that are empty, too long or hold a character ids may not.
    st.from_regex(r"[A-Za-z0-9_.!é-]{0,34}", fullmatch=True),
    st.binary(min_size=0, max_size=40),
    st.booleans(),  # the standard base64 alphabet with padding, as openssl prints it
)


@examples(150)
@given(entries=st.lists(key_entries, max_size=4), separator=st.sampled_from([",", "\n", " ,\n"]))
def test_a_key_configuration_is_accepted_exactly_when_every_entry_is_sound(entries, separator):
    texts = [
        f"{key_id}:"
        + (base64.b64encode(key).decode() if standard else base64.urlsafe_b64encode(key).decode())
        for key_id, key, standard in entries
    ]
    ids = [key_id for key_id, _key, _standard in entries]
    sound = (
        bool(entries)
        and all(
            re.fullmatch(r"[A-Za-z0-9_-]{1,32}", key_id) and len(key) == 32
            for key_id, key, _standard in entries
        )
        and len(set(ids)) == len(ids)
    )
    try:
        parsed = Keyring.from_text(separator.join(texts))
    except KeyringError:
        assert not sound
        return
    assert sound
    assert list(parsed.keys) == ids
    assert list(parsed.keys.values()) == [key for _id, key, _standard in entries]


@examples(40)
@given(count=st.integers(1, 5), separator=st.sampled_from([",", "\n", " , ", ",\n"]))
def test_generated_keys_always_read_back_primary_first(count, separator):
    keys = [generate_key() for _ in range(count)]
    parsed = Keyring.from_text(separator.join(keys))
    assert list(parsed.keys) == [key.split(":")[0] for key in keys]
    assert parsed.primary_id == keys[0].split(":")[0]


# The field, through the ORM and the database


def _raw_pronouns(user_id: uuid.UUID) -> str:
    table = User._meta.db_table
    pk_value = User._meta.pk.get_db_prep_value(user_id, connection)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT pronouns FROM {table} WHERE id = %s", [pk_value])
        row = cursor.fetchone()
    return str(row[0])


@pytest.mark.django_db
@examples(40, db=True)
@given(text=st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=2000))
def test_the_encrypted_field_stores_any_text_sealed_and_reads_it_back(text):
    user = User.objects.create_user(f"{uuid.uuid4().hex}@example.com", None, name="Someone")
    user.pronouns = text
    user.save(update_fields=["pronouns"])

    stored = _raw_pronouns(user.id)
    assert stored.startswith(f"ck1:{keyring().primary_id}:")
    assert keyring().open(stored, context=f"{User._meta.db_table}.pronouns:{user.id}") == text
    assert User.objects.get(id=user.id).pronouns == text


@pytest.mark.django_db
@examples(25, db=True)
@given(text=st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=200))
def test_a_sealed_value_copied_to_another_row_does_not_open_there(text):
    first = User.objects.create_user(f"{uuid.uuid4().hex}@example.com", None, name="One")
    second = User.objects.create_user(f"{uuid.uuid4().hex}@example.com", None, name="Two")
    first.pronouns = text
    first.save(update_fields=["pronouns"])
    table = User._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET pronouns = %s WHERE id = %s",
            [_raw_pronouns(first.id), User._meta.pk.get_db_prep_value(second.id, connection)],
        )
    with pytest.raises(DecryptionError):
        _ = User.objects.get(id=second.id).pronouns
