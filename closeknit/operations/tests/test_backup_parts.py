"""The pieces of backup and restore that need no database."""

from __future__ import annotations

from pathlib import Path

import pytest

from closeknit.lib.crypto import Keyring, generate_key
from closeknit.operations import backups
from closeknit.operations.backups import BackupError, KeyCheck, copy_rows, detect_format

PG_RESTORE_OUTPUT = """\
--
-- Data for Name: questions_comment; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.questions_comment (id, answer_id, "text", created_at) FROM stdin;
0f3c\t9a1b\tck1:k1:abc\t2025-01-01 10:00:00+00
0f3d\t9a1b\tline\\none\\ttab\\\\slash\\101\\x42\t\\N
\\.

COPY public.insights_activity (id, kind) FROM stdin;
aa\tpair-first
\\.
"""


def test_copy_rows_reads_every_block_and_undoes_copy_escapes():
    rows = list(copy_rows(PG_RESTORE_OUTPUT.splitlines()))

    assert [table for table, _row in rows] == [
        "questions_comment",
        "questions_comment",
        "insights_activity",
    ]
    assert rows[0][1]["text"] == "ck1:k1:abc"
    assert rows[1][1]["text"] == "line\none\ttab\\slashAB"
    assert rows[1][1]["created_at"] is None
    assert rows[2][1] == {"id": "aa", "kind": "pair-first"}


def test_a_key_check_names_the_missing_key_ids_and_never_the_keys(settings):
    old = Keyring.from_text(generate_key())
    check = KeyCheck()
    check.add("questions.Answer.text", "t.c:1", old.seal("hello", context="t.c:1"))
    check.add("questions.Answer.text", "t.c:2", "plain text from before encryption")

    assert not check.ok
    assert check.checked == 1
    problem = check.problem()
    assert old.primary_id in problem
    assert "questions.Answer.text (1)" in problem
    assert "hello" not in problem


def test_a_key_check_tells_a_key_with_the_right_id_but_other_contents(monkeypatch):
    current = Keyring.from_text(generate_key())
    impostor = Keyring.from_text(f"{current.primary_id}:{generate_key().split(':')[1]}")
    monkeypatch.setattr(backups, "keyring", lambda: current)
    check = KeyCheck()
    check.add("conflict.Repair.title", "t.c:1", impostor.seal("a fight", context="t.c:1"))
    check.add("conflict.Repair.title", "t.c:2", current.seal("kept", context="t.c:2"))

    assert check.failed == {"conflict.Repair.title": 1}
    assert "same id" in check.problem()


def test_a_key_check_passes_when_the_keys_open_everything(monkeypatch):
    current = Keyring.from_text(generate_key())
    monkeypatch.setattr(backups, "keyring", lambda: current)
    check = KeyCheck()
    for number in range(3):
        check.add("x.Y.z", f"t.c:{number}", current.seal("words", context=f"t.c:{number}"))

    assert check.ok
    assert check.checked == 3


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "There is no file at"),
        (b"", "not a Closeknit backup"),
        (b"PK\x03\x04 a zip file", "not a Closeknit backup"),
    ],
)
def test_detect_format_refuses_what_is_not_a_backup(tmp_path: Path, content, message):
    path = tmp_path / "file"
    if content is not None:
        path.write_bytes(content)

    with pytest.raises(BackupError, match=message):
        detect_format(path)


def test_detect_format_knows_both_engines(tmp_path: Path):
    (tmp_path / "a").write_bytes(b"SQLite format 3\x00" + bytes(100))
    (tmp_path / "b").write_bytes(b"PGDMP\x01\x0f\x00")

    assert detect_format(tmp_path / "a") == "sqlite"
    assert detect_format(tmp_path / "b") == "postgresql"
