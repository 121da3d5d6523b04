"""Free-text checking and the environment readers: any input, a value or a clear error."""

from __future__ import annotations

import os
import tempfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from closeknit.lib.env import ConfigError, env_bool, env_int, env_list, env_str
from closeknit.lib.errors import ServiceError
from closeknit.lib.text import clean_text
from tests.properties.support import attempt, examples

texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=400)
# Names that exist in no real environment: the readers are given their own mapping.
NAME = "CLOSEKNIT_PROPERTY_TEST"


# clean_text


@examples(300)
@given(text=st.none() | texts, limit=st.integers(0, 300), required=st.booleans())
def test_clean_text_trims_or_names_the_field(text, limit, required):
    expected = (text or "").strip()
    cleaned, error = attempt(
        lambda: clean_text(text, field="note", limit=limit, required=required), ServiceError
    )
    if error is not None:
        assert error.field == "note"
        assert error.code in {"required", "too_long"}
        if error.code == "required":
            assert required
            assert not expected
        else:
            assert len(expected) > limit
            assert str(len(expected)) in error.message
        return
    assert cleaned is not None
    assert cleaned == expected
    assert len(cleaned) <= limit
    assert not required or cleaned
    # Cleaning is settled: cleaning again changes nothing.
    assert clean_text(cleaned, field="note", limit=limit, required=required) == cleaned


# Environment readers


@examples(200)
@given(raw=texts)
def test_env_bool_reads_the_usual_words_and_refuses_the_rest(raw):
    word = raw.strip().lower()
    value, error = attempt(lambda: env_bool(NAME, default=False, environ={NAME: raw}), ConfigError)
    if error is not None:
        assert NAME in str(error)
        assert word not in {"1", "true", "yes", "on", "0", "false", "no", "off", ""}
        return
    assert value is (word in {"1", "true", "yes", "on"})


@examples(200)
@given(raw=texts | st.integers().map(str) | st.integers().map(lambda n: f"  {n}\n"))
def test_env_int_reads_integers_and_refuses_the_rest(raw):
    default = 7
    value, error = attempt(lambda: env_int(NAME, default, environ={NAME: raw}), ConfigError)
    if error is not None:
        assert NAME in str(error)
        return
    if raw.strip() == "":
        assert value == default
    else:
        assert value == int(raw.strip())


@examples(200)
@given(raw=texts)
def test_env_list_gives_trimmed_non_empty_items(raw):
    items = env_list(NAME, ["default"], environ={NAME: raw})
    assert all(item and item == item.strip() and "," not in item for item in items)
    assert items == [part.strip() for part in raw.split(",") if part.strip()]


@examples(40)
@given(raw=texts)
def test_a_value_read_from_a_file_is_the_value_trimmed(raw):
    # Container secrets arrive as files; the file's content, trimmed, is the value.
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "secret")
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(raw)
        # Read as text, so line endings arrive as "\n" whichever the file used.
        expected = raw.replace("\r\n", "\n").replace("\r", "\n").strip()
        assert env_str(NAME, environ={f"{NAME}_FILE": path}) == expected


def test_a_file_that_cannot_be_read_is_a_config_error():
    with pytest.raises(ConfigError, match=f"{NAME}_FILE"):
        env_str(NAME, environ={f"{NAME}_FILE": "/nonexistent/closeknit/secret"})
