"""The labelled set and the targets, so that CI holds the coach to them."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from closeknit.conflict import evaluation
from closeknit.conflict.dataset import HEALTHY_CATEGORIES, KINDS, load, part_of

ROOT = Path(__file__).resolve().parents[3]


def test_the_held_out_test_part_meets_every_target() -> None:
    report = evaluation.evaluate("test")

    assert report.failures == []
    assert report.coach[evaluation.ANY].precision >= evaluation.MIN_PRECISION
    assert report.coach[evaluation.ANY].recall >= evaluation.MIN_RECALL
    for kind in KINDS:
        assert report.coach[kind].f1 > report.baseline[kind].f1, kind


def test_every_message_sits_in_the_part_its_hash_sends_it_to() -> None:
    for part in ("dev", "test"):
        for example in load(part):
            assert part_of(example.text) == part, example.text


def test_the_set_is_large_balanced_and_has_no_repeats() -> None:
    examples = load("dev") + load("test")
    texts = [example.text for example in examples]
    flagged = sum(1 for example in examples if example.flags)

    assert len(examples) >= 500
    assert len(set(texts)) == len(texts)
    assert 0.4 <= flagged / len(examples) <= 0.6


@pytest.mark.parametrize("part", ["dev", "test"])
def test_each_part_covers_every_kind_and_every_healthy_category(part: str) -> None:
    examples = load(part)
    kinds = Counter(kind for example in examples for kind in example.flags)
    categories = Counter(example.category for example in examples)

    for kind in KINDS:
        assert kinds[kind] >= 10, kind
    for category in HEALTHY_CATEGORIES:
        assert categories[category] >= 10, category
    for example in examples:
        assert bool(example.flags) == (example.category in KINDS)


def test_the_test_part_s_mistakes_are_never_listed() -> None:
    with pytest.raises(ValueError, match="development part only"):
        list(evaluation.errors("test"))


def test_the_baseline_flags_every_kind_on_any_you() -> None:
    assert evaluation.baseline_predict("Thank YOU") == set(KINDS)
    assert evaluation.baseline_predict("Dinner at 7") == set()


def test_the_script_prints_both_parts_and_passes() -> None:
    finished = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "eval_coach.py")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert "TEST part" in finished.stdout
    assert "held out" in finished.stdout
    assert "DEV part" in finished.stdout
    assert "baseline" in finished.stdout
