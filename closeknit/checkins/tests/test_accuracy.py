"""How close a guess came: hand-computed examples of the one scoring function.

Family: 60 when right, 30 when only the tone (pleasant/unpleasant) is right, else 0.
Intensity: 40 minus 10 per step off, never below 0.
"""

from __future__ import annotations

import pytest

from closeknit.checkins.accuracy import Closeness, describe, score_guess, summary_sentence


@pytest.mark.parametrize(
    ("family", "intensity", "families", "actual", "expected"),
    [
        # Exactly right: 60 + 40.
        ("calm", 3, ["calm"], 3, Closeness(100, 60, 40, 0)),
        # Right family, one step off: 60 + (40 - 10).
        ("tired", 4, ["tired"], 3, Closeness(90, 60, 30, 1)),
        # Right family, two steps off the other way: 60 + (40 - 20).
        ("sad", 1, ["sad"], 3, Closeness(80, 60, 20, 2)),
        # One of several families named is enough for the family points: 60 + 40.
        ("anxious", 2, ["tired", "anxious"], 2, Closeness(100, 60, 40, 0)),
        # Wrong family, same tone (both unpleasant): 30 + (40 - 10).
        ("angry", 5, ["sad"], 4, Closeness(60, 30, 30, 1)),
        # Wrong family, same tone (both pleasant), exact strength: 30 + 40.
        ("joyful", 2, ["calm"], 2, Closeness(70, 30, 40, 0)),
        # Opposite tone, three steps off: 0 + (40 - 30).
        ("joyful", 5, ["tired"], 2, Closeness(10, 0, 10, 3)),
        # Opposite tone, four steps off: 0 + max(0, 40 - 40).
        ("calm", 1, ["angry"], 5, Closeness(0, 0, 0, 4)),
        # A mixed day (pleasant and unpleasant) gives tone points to either tone: 30 + 20.
        ("proud", 3, ["tired", "loving"], 5, Closeness(50, 30, 20, 2)),
        # An unknown family scores nothing for the family: 0 + 40.
        ("no-such-family", 3, ["calm"], 3, Closeness(40, 0, 40, 0)),
    ],
)
def test_a_guess_scores_as_computed_by_hand(family, intensity, families, actual, expected):
    got = score_guess(
        guessed_family=family, guessed_intensity=intensity, families=families, intensity=actual
    )
    assert got == expected
    assert 0 <= got.score <= 100


def test_every_possible_guess_scores_between_0_and_100():
    scores = {
        score_guess(guessed_family=g, guessed_intensity=gi, families=[a], intensity=ai).score
        for g in ("calm", "sad", "joyful")
        for a in ("calm", "angry")
        for gi in range(1, 6)
        for ai in range(1, 6)
    }
    assert min(scores) == 0
    assert max(scores) == 100


def test_each_single_guess_gets_a_kind_sentence_that_names_what_was_right():
    spot_on = describe(Closeness(100, 60, 40, 0))
    family = describe(Closeness(80, 60, 20, 2))
    tone = describe(Closeness(50, 30, 20, 2))
    strength = describe(Closeness(30, 0, 30, 1))
    far = describe(Closeness(0, 0, 0, 4))
    assert spot_on.startswith("Spot on")
    assert "right kind of feeling" in family
    assert "pleasant or hard" in tone
    assert "how strongly" in strength
    assert "Now you know" in far
    assert len({spot_on, family, tone, strength, far}) == 5


@pytest.mark.parametrize(
    ("average", "mine", "theirs"),
    [
        (95, "You read Sam well on most days.", "Sam reads you well on most days."),
        (80, "You read Sam well on most days.", "Sam reads you well on most days."),
        (79, "You're often close to how Sam feels.", "Sam is often close to how you feel."),
        (40, "You're getting to know Sam's days.", "Sam is getting to know your days."),
        (
            39,
            "Sam's days have been harder to read lately. Asking is always a good way in.",
            "Your days have been harder for Sam to read. Telling them helps.",
        ),
        (None, "No guesses in this time yet.", "Sam hasn't made any guesses in this time."),
    ],
)
def test_averages_are_put_gently_never_as_a_grade(average, mine, theirs):
    assert summary_sentence(average, "Sam", about_me=False) == mine
    assert summary_sentence(average, "Sam", about_me=True) == theirs
