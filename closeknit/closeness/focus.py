"""Choosing the month's focus from closeness scores. Pure, so every tie can be tested.

The focus is the practice with the lowest score. When several share the lowest
score, the one the couple has not focused on for the longest wins (never before
beats any month); when that ties too, the practices' fixed order decides.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from closeknit.questions.practices import Practice

_ORDER = {practice: index for index, practice in enumerate(Practice.values)}


def choose_focus(scores: Mapping[str, float], last_focused: Mapping[str, date]) -> str | None:
    """The practice to focus on, given practice scores (0-100) and, for each practice
    the couple has focused on before, the month it last was the focus."""
    candidates = [practice for practice in Practice.values if practice in scores]
    if not candidates:
        return None

    def rank(practice: str) -> tuple[float, int, int]:
        last = last_focused.get(practice)
        # Scores are means of thirds of a hundred; rounding keeps two equal means
        # from differing in the last bit of a float.
        return (
            round(scores[practice], 6),
            last.toordinal() if last else -1,
            _ORDER[practice],
        )

    return min(candidates, key=rank)
