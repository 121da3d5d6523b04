"""Measuring the message coach on its labelled set (see ``data/README.md``).

For each part of the set this computes precision, recall and F1 for "flag anything"
(does the coach flag a message that should be flagged?) and for each kind (does it raise
that kind where the label has it?), for the coach and for a naive baseline that flags
every kind on any message containing "you". Counting is per message.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from closeknit.conflict.coach import HEALTHY_CATEGORIES, KINDS, analyze

DATA_DIR: Final = Path(__file__).resolve().parent / "data"
PARTS: Final = ("dev", "test")
DEV_SHARE: Final = 60  # percent of the hash range that goes to the development part
ANY: Final = "flag anything"

# Targets on the held-out test part.
MIN_PRECISION: Final = 0.90
MIN_RECALL: Final = 0.85

Predictor = Callable[[str], set[str]]


@dataclass(frozen=True)
class Example:
    text: str
    flags: frozenset[str]
    category: str
    batch: int = 1


def part_of(text: str) -> str:
    """The part a message belongs to, from a stable hash of its text: decided once, forever."""
    value = int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8], 16)
    return "dev" if value % 100 < DEV_SHARE else "test"


def load(part: str) -> list[Example]:
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}; expected one of {PARTS}")
    examples = []
    path = DATA_DIR / f"{part}.jsonl"
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        flags = frozenset(row["flags"])
        category = row["category"]
        unknown = flags - set(KINDS)
        if unknown or category not in (*KINDS, *HEALTHY_CATEGORIES):
            raise ValueError(f"{path.name}:{number}: unknown kind or category")
        examples.append(
            Example(text=row["text"], flags=flags, category=category, batch=row.get("batch", 1))
        )
    return examples


@dataclass(frozen=True)
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def coach_predict(text: str) -> set[str]:
    return set(analyze(text).kinds)


def baseline_predict(text: str) -> set[str]:
    """The naive baseline: every kind, on any message that contains "you"."""
    return set(KINDS) if "you" in text.lower() else set()


def score(examples: Sequence[Example], predict: Predictor) -> dict[str, Score]:
    predictions = [predict(example.text) for example in examples]
    scores = {}
    for name in (ANY, *KINDS):
        tp = fp = fn = 0
        for example, predicted in zip(examples, predictions, strict=True):
            if name == ANY:
                gold, guess = bool(example.flags), bool(predicted)
            else:
                gold, guess = name in example.flags, name in predicted
            tp += gold and guess
            fp += guess and not gold
            fn += gold and not guess
        scores[name] = Score(tp, fp, fn)
    return scores


@dataclass(frozen=True)
class Report:
    part: str
    size: int
    coach: dict[str, Score]
    baseline: dict[str, Score]

    @property
    def failures(self) -> list[str]:
        """Which targets are missed; empty when all are met."""
        missed = []
        overall = self.coach[ANY]
        if overall.precision < MIN_PRECISION:
            missed.append(f"precision {overall.precision:.3f} < {MIN_PRECISION:.2f}")
        if overall.recall < MIN_RECALL:
            missed.append(f"recall {overall.recall:.3f} < {MIN_RECALL:.2f}")
        for kind in KINDS:
            if not self.coach[kind].f1 > self.baseline[kind].f1:
                missed.append(
                    f"{kind}: F1 {self.coach[kind].f1:.3f} not above the baseline's "
                    f"{self.baseline[kind].f1:.3f}"
                )
        return missed


def evaluate(part: str) -> Report:
    examples = load(part)
    return Report(
        part=part,
        size=len(examples),
        coach=score(examples, coach_predict),
        baseline=score(examples, baseline_predict),
    )


def errors(part: str) -> Iterable[tuple[Example, set[str]]]:
    """Messages the coach gets wrong, for tuning. Only the development part may be read."""
    if part != "dev":
        raise ValueError("errors are shown for the development part only")
    for example in load(part):
        predicted = coach_predict(example.text)
        if predicted != set(example.flags):
            yield example, predicted


def table(report: Report) -> str:
    lines = [
        f"{'':16} {'coach P':>8} {'R':>6} {'F1':>6}   {'baseline P':>10} {'R':>6} {'F1':>6}"
        f"   {'support':>7}"
    ]
    for name in (ANY, *KINDS):
        ours, naive = report.coach[name], report.baseline[name]
        lines.append(
            f"{name:16} {ours.precision:8.3f} {ours.recall:6.3f} {ours.f1:6.3f}   "
            f"{naive.precision:10.3f} {naive.recall:6.3f} {naive.f1:6.3f}   {ours.tp + ours.fn:7d}"
        )
    return "\n".join(lines)
