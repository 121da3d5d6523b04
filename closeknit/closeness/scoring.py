"""Scores for a closeness check. Pure functions, no database, so they can be checked by hand.

The scores are the app's own reflections on a partner's answers, each 0 to 100:

- an answer on the seven-point scale maps linearly: 1 is 0, 4 is 50, 7 is 100;
- a **sign** scores the mean of its two answers, mapped the same way (5 and 6 make 5.5,
  which is 75);
- a **practice** scores its one answer, mapped;
- the **circles** picture scores its step, mapped (step 1 is 0, step 7 is 100);
- **overall** is the plain mean of fourteen parts: the five signs, the eight practices
  and the circles picture, each already 0 to 100. Every part weighs the same, so the
  two items of a sign count as much together as one practice item.

Scores are kept unrounded for comparing (the focus, the gaps) and rounded half up to
whole numbers only when shown. They are never compared with any outside norm.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from closeknit.closeness.items import (
    CIRCLES,
    ITEMS,
    SCALE_MAX,
    SCALE_MIN,
    Sign,
)
from closeknit.questions.practices import Practice

GROUPS: tuple[str, ...] = (*Sign.values, *Practice.values, CIRCLES)


def to_percent(value: float) -> float:
    """A point on the 1-7 scale (or a mean of such points) as 0-100."""
    return (value - SCALE_MIN) / (SCALE_MAX - SCALE_MIN) * 100


def rounded(score: float) -> int:
    """Half up, so 62.5 shows as 63 (Python's round() would make it 62)."""
    return math.floor(score + 0.5)


@dataclass(frozen=True)
class Scores:
    """One partner's scores for one month, by group (sign, practice or circles)."""

    groups: dict[str, float] = field(default_factory=dict)

    @property
    def overall(self) -> float | None:
        if not self.groups:
            return None
        return sum(self.groups.values()) / len(self.groups)

    def shown(self, group: str) -> int | None:
        """The rounded score of a group, or None if the check had no answer for it."""
        score = self.groups.get(group)
        return None if score is None else rounded(score)

    @property
    def overall_shown(self) -> int | None:
        overall = self.overall
        return None if overall is None else rounded(overall)

    def signs(self) -> dict[str, float]:
        return {g: s for g, s in self.groups.items() if g in Sign.values}

    def practices(self) -> dict[str, float]:
        return {g: s for g, s in self.groups.items() if g in Practice.values}


def score_answers(answers: Mapping[str, int]) -> Scores:
    """Score one partner's answers (item key to a value from 1 to 7).

    A key the app no longer knows is ignored and a group with no answers is left out,
    so a check answered before an item changed still scores what it holds.
    """
    by_group: dict[str, list[int]] = {}
    for item in ITEMS:
        value = answers.get(item.key)
        if value is not None:
            by_group.setdefault(item.group, []).append(value)
    groups = {
        group: to_percent(sum(values) / len(values))
        for group in GROUPS
        if (values := by_group.get(group))
    }
    return Scores(groups=groups)


def combine(scores: Iterable[Scores]) -> Scores:
    """The couple's view: for each group, the mean of the partners' scores."""
    every = list(scores)
    groups: dict[str, float] = {}
    for group in GROUPS:
        values = [s.groups[group] for s in every if group in s.groups]
        if values:
            groups[group] = sum(values) / len(values)
    return Scores(groups=groups)


@dataclass(frozen=True)
class Gap:
    group: str
    mine: float
    theirs: float

    @property
    def size(self) -> float:
        return abs(self.mine - self.theirs)


# A gap smaller than one step of the scale (16.7 points) is just noise in a self-report.
GAP_THRESHOLD = 100 / (SCALE_MAX - SCALE_MIN) - 0.01
# Two steps or more apart is "quite" differently rather than "a bit".
WIDE_GAP = 2 * 100 / (SCALE_MAX - SCALE_MIN) - 0.01


def gaps(mine: Scores, theirs: Scores, *, limit: int = 3) -> list[Gap]:
    """Where the two views differ by at least a scale step, widest first.

    Equal gaps keep the fixed order of the groups (signs, practices, picture), so the
    same answers always list the same things.
    """
    found = [
        Gap(group, mine.groups[group], theirs.groups[group])
        for group in GROUPS
        if group in mine.groups and group in theirs.groups
    ]
    wide = [gap for gap in found if gap.size >= GAP_THRESHOLD]
    wide.sort(key=lambda gap: -gap.size)  # sort is stable: ties keep GROUPS order
    return wide[:limit]
