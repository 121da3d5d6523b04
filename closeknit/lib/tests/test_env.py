"""The strict environment readers settings.py is built on."""

from __future__ import annotations

from pathlib import Path

import pytest

from closeknit.lib.env import ConfigError, env_bool, env_int, env_list, env_str


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", True),
        ("true", True),
        ("Yes", True),
        (" ON ", True),
        ("0", False),
        ("false", False),
        ("No", False),
        ("off", False),
        ("", False),
    ],
)
def test_booleans_accept_the_usual_spellings(raw: str, expected: bool) -> None:
    assert env_bool("FLAG", not expected, environ={"FLAG": raw}) is expected


@pytest.mark.parametrize("default", [True, False])
def test_an_unset_boolean_takes_its_default(default: bool) -> None:
    assert env_bool("FLAG", default, environ={}) is default


@pytest.mark.parametrize("raw", ["ture", "2", "enabled", "y e s"])
def test_an_unreadable_boolean_stops_start_up_and_names_the_variable(raw: str) -> None:
    with pytest.raises(ConfigError) as caught:
        env_bool("CLOSEKNIT_DEBUG", False, environ={"CLOSEKNIT_DEBUG": raw})

    assert "CLOSEKNIT_DEBUG must be a boolean" in str(caught.value)
    assert repr(raw) in str(caught.value)


def test_integers_are_read_and_blank_means_default() -> None:
    assert env_int("PORT", 587, environ={"PORT": " 2525 "}) == 2525
    assert env_int("PORT", 587, environ={"PORT": "  "}) == 587
    assert env_int("PORT", 587, environ={}) == 587


@pytest.mark.parametrize("raw", ["5.0", "five", "10s", "1e3"])
def test_an_unreadable_integer_stops_start_up_and_names_the_variable(raw: str) -> None:
    with pytest.raises(ConfigError, match="CLOSEKNIT_EMAIL_PORT must be an integer"):
        env_int("CLOSEKNIT_EMAIL_PORT", 587, environ={"CLOSEKNIT_EMAIL_PORT": raw})


def test_strings_and_lists() -> None:
    environ = {"HOSTS": " a.example , ,b.example,", "NAME": "value"}

    assert env_list("HOSTS", [], environ=environ) == ["a.example", "b.example"]
    assert env_list("MISSING", ["x"], environ=environ) == ["x"]
    assert env_str("NAME", "fallback", environ=environ) == "value"
    assert env_str("MISSING", "fallback", environ=environ) == "fallback"


def test_a_file_variable_supplies_the_value_without_surrounding_whitespace(
    tmp_path: Path,
) -> None:
    secret = tmp_path / "secret"
    secret.write_text("  s3cret-from-a-file\n", encoding="utf-8")

    environ = {"CLOSEKNIT_SECRET_KEY_FILE": str(secret), "CLOSEKNIT_SECRET_KEY": "from-env"}

    assert env_str("CLOSEKNIT_SECRET_KEY", environ=environ) == "s3cret-from-a-file"


def test_file_variables_work_for_every_kind_of_value(tmp_path: Path) -> None:
    (tmp_path / "flag").write_text("yes\n", encoding="utf-8")
    (tmp_path / "number").write_text("42\n", encoding="utf-8")
    (tmp_path / "hosts").write_text("a.example,b.example\n", encoding="utf-8")
    environ = {
        "FLAG_FILE": str(tmp_path / "flag"),
        "NUMBER_FILE": str(tmp_path / "number"),
        "HOSTS_FILE": str(tmp_path / "hosts"),
    }

    assert env_bool("FLAG", False, environ=environ) is True
    assert env_int("NUMBER", 0, environ=environ) == 42
    assert env_list("HOSTS", [], environ=environ) == ["a.example", "b.example"]


def test_a_file_variable_pointing_nowhere_stops_start_up(tmp_path: Path) -> None:
    missing = tmp_path / "not-there"

    with pytest.raises(ConfigError) as caught:
        env_str("CLOSEKNIT_KEYS", environ={"CLOSEKNIT_KEYS_FILE": str(missing)})

    assert "CLOSEKNIT_KEYS_FILE" in str(caught.value)
    assert str(missing) in str(caught.value)


def test_a_bad_value_in_a_file_is_reported_like_one_in_the_environment(tmp_path: Path) -> None:
    (tmp_path / "flag").write_text("maybe", encoding="utf-8")

    with pytest.raises(ConfigError, match="FLAG must be a boolean"):
        env_bool("FLAG", False, environ={"FLAG_FILE": str(tmp_path / "flag")})
