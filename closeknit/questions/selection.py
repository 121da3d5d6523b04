"""How the daily question is chosen. Pure logic, so it can be tested over years of days.

Rules:
- deterministic for a couple and a day (the seed is the couple id and the date), so
  both partners always get the same question, even if they open the app at once;
- never repeats until every eligible question has been asked: only questions asked
  the fewest times so far are candidates;
- starts light in the first week, adds deeper questions from the second, and the
  deepest from the fifth week, never past the couple's chosen deepest level;
- leans toward the couple's focus practice when one is set.
"""

from __future__ import annotations

import hashlib
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from closeknit.questions.practices import DEPTH_ORDER, Depth

FOCUS_WEIGHT = 3.0

# Depth weights by how long the couple has been answering (in days).
_STAGES: list[tuple[int, dict[str, float]]] = [
    (7, {Depth.LIGHT: 1.0}),
    (28, {Depth.LIGHT: 2.0, Depth.DEEPER: 1.0}),
    (10**9, {Depth.LIGHT: 1.0, Depth.DEEPER: 2.0, Depth.DEEPEST: 1.0}),
]


@dataclass(frozen=True)
class Candidate:
    id: uuid.UUID
    practice: str
    depth: str
    times_asked: int


def depth_weights(day_number: int, max_depth: str) -> dict[str, float]:
    limit = DEPTH_ORDER[Depth(max_depth)]
    for until, weights in _STAGES:
        if day_number < until:
            return {d: w for d, w in weights.items() if DEPTH_ORDER[Depth(d)] <= limit}
    raise AssertionError("unreachable: the last stage is open-ended")


def seed_for(couple_id: uuid.UUID, day: str, salt: str = "") -> int:
    digest = hashlib.sha256(f"{couple_id}|{day}|{salt}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def choose(
    candidates: Sequence[Candidate],
    *,
    seed: int,
    day_number: int,
    max_depth: str,
    focus_practice: str = "",
) -> Candidate | None:
    if not candidates:
        return None
    weights_by_depth = depth_weights(day_number, max_depth)
    pool = [c for c in candidates if c.depth in weights_by_depth]
    if not pool:
        # The chosen decks hold nothing this light yet: use what they have, lightest first.
        lightest = min(DEPTH_ORDER[Depth(c.depth)] for c in candidates)
        pool = [c for c in candidates if DEPTH_ORDER[Depth(c.depth)] == lightest]
        weights_by_depth = {pool[0].depth: 1.0}
    fewest = min(c.times_asked for c in pool)
    pool = sorted((c for c in pool if c.times_asked == fewest), key=lambda c: c.id.hex)
    weights = [
        weights_by_depth[c.depth] * (FOCUS_WEIGHT if c.practice == focus_practice else 1.0)
        for c in pool
    ]
    return random.Random(seed).choices(pool, weights=weights, k=1)[0]  # noqa: S311
