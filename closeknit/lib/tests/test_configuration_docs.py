"""Every environment variable the code reads is documented, and the example is inert."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

from closeknit.lib.tests.test_production_settings import _start

# env_str("NAME", ...), env_bool(\n    "NAME", ...) and so on, wherever they are called.
_ENV_CALL = re.compile(r"\benv_(?:str|bool|int|list)\(\s*\"([A-Z][A-Z0-9_]*)\"")


def _variables_read_by_the_code() -> set[str]:
    package = Path(settings.BASE_DIR) / "closeknit"
    found: set[str] = set()
    for path in package.rglob("*.py"):
        if "tests" in path.parts or path.name == "env.py":
            continue
        found.update(_ENV_CALL.findall(path.read_text(encoding="utf-8")))
    return found


def _example_assignments() -> dict[str, str]:
    """NAME=value lines of .env.example, commented-out ones included."""
    text = (Path(settings.BASE_DIR) / ".env.example").read_text(encoding="utf-8")
    pairs = re.findall(r"^#? ?([A-Z][A-Z0-9_]*)=(.*)$", text, flags=re.MULTILINE)
    return dict(pairs)


def test_the_scan_finds_the_variables_it_should() -> None:
    found = _variables_read_by_the_code()

    assert {"CLOSEKNIT_KEYS", "CLOSEKNIT_ALLOWED_HOSTS", "DATABASE_URL"} <= found
    assert "CLOSEKNIT_SIGNUPS_OPEN" in found, "variables read outside settings.py count too"


def test_every_variable_is_in_the_env_example() -> None:
    missing = _variables_read_by_the_code() - set(_example_assignments())

    assert not missing, f".env.example does not mention {sorted(missing)}"


def test_every_variable_is_in_the_readme_table() -> None:
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    rows = set(re.findall(r"^\| `([A-Z][A-Z0-9_]*)` \|", readme, flags=re.MULTILINE))

    missing = _variables_read_by_the_code() - rows

    assert not missing, f"the README's configuration table lacks {sorted(missing)}"


def test_the_example_values_cannot_run_a_production_server_unchanged(tmp_path: Path) -> None:
    text = (Path(settings.BASE_DIR) / ".env.example").read_text(encoding="utf-8")
    active = dict(re.findall(r"^([A-Z][A-Z0-9_]*)=(.*)$", text, flags=re.MULTILINE))
    assert active["CLOSEKNIT_ENV"] == "production"
    del active["CLOSEKNIT_VAR_DIR"]  # stay inside the test's own folder

    result = _start(tmp_path, **active)

    # The placeholder key is unusable on purpose, so nobody runs on a published key.
    assert result.returncode != 0
    assert "KeyringError" in result.stderr
