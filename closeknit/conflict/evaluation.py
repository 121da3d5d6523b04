"""Measuring the message coach on its labelled set (see ``data/README.md``).

For each part of the set this computes precision, recall and F1 for "flag anything"
(does the coach flag a message that should be flagged?) and for each kind (does it raise
that kind where the label has it?), for the coach and for a naive baseline that flags
every kind on any message containing "you". Counting is per message.

It also reports, on the held-out test part, "flag anything" per batch of the set (batch 1
was in its author's mind while the first rules were written; later batches were written
after the rules they are measured on), and the same with the rules alone, without the
classifier's second opinion, so that what each part of the coach adds stays visible.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Final

from closeknit.conflict.coach import analyze, find_flags
from closeknit.conflict.dataset import KINDS, Example, load, part_of

__all__ = [
    "ANY",
    "MIN_PRECISION",
    "MIN_RECALL",
    "Report",
    "Score",
    "baseline_predict",
    "coach_predict",
    "errors",
    "evaluate",
    "load",
    "part_of",
    "rules_predict",
    "score",
    "table",
]

ANY: Final = "flag anything"

# Targets on the held-out test part.
MIN_PRECISION: Final = 0.90
MIN_RECALL: Final = 0.85

Predictor = Callable[[str], set[str]]


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

    @property
    def support(self) -> int:
        return self.tp + self.fn


def coach_predict(text: str) -> set[str]:
    return set(analyze(text).kinds)


def rules_predict(text: str) -> set[str]:
    """The coach without the classifier's second opinion."""
    return {flag.kind for flag in find_flags(text, threshold=math.inf)}


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
    rules_alone: Score
    by_batch: dict[int, Score]

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
    batches = sorted({example.batch for example in examples})
    return Report(
        part=part,
        size=len(examples),
        coach=score(examples, coach_predict),
        baseline=score(examples, baseline_predict),
        rules_alone=score(examples, rules_predict)[ANY],
        by_batch={
            batch: score([e for e in examples if e.batch == batch], coach_predict)[ANY]
            for batch in batches
        },
    )


def errors(part: str) -> Iterator[tuple[Example, set[str]]]:
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
            f"{naive.precision:10.3f} {naive.recall:6.3f} {naive.f1:6.3f}   {ours.support:7d}"
        )
    return "\n".join(lines)


def breakdown(report: Report) -> str:
    """ "Flag anything" for the rules alone and for each batch of the set."""
    alone = report.rules_alone
    lines = [
        f"{'rules alone':16} {alone.precision:8.3f} {alone.recall:6.3f} {alone.f1:6.3f}"
        "   (flag anything, without the classifier)"
    ]
    for batch, found in report.by_batch.items():
        lines.append(
            f"{'batch ' + str(batch):16} {found.precision:8.3f} {found.recall:6.3f} "
            f"{found.f1:6.3f}   (flag anything, {found.support} to flag)"
        )
    return "\n".join(lines)
