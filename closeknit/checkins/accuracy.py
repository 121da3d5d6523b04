"""How close an empathy guess came: one pure function, and the words we show for it.

A guess names a feeling family and an intensity; a check-in names one to three
feelings (so one or more families) and an intensity. The score, 0 to 100:

* **family, up to 60**: 60 when the guessed family is the family of any feeling
  picked; 30 when it is not, but it has the same tone (pleasant or unpleasant) as
  one of them; 0 otherwise.
* **intensity, up to 40**: 40 minus 10 for every step between the guessed and the
  real intensity, never below 0 (so 4 steps off scores 0).

So an exact guess scores 100, the right family one step off scores 90, and a
pleasant guess for a day of unpleasant feelings four steps off scores 0.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from closeknit.checkins.vocabulary import FAMILY_BY_KEY

FAMILY_POINTS = 60
TONE_POINTS = 30
INTENSITY_POINTS = 40
POINTS_PER_STEP = 10


@dataclass(frozen=True)
class Closeness:
    """A guess scored against a check-in, with its two parts for explaining it."""

    score: int
    family_points: int
    intensity_points: int
    steps_off: int


def score_guess(
    *, guessed_family: str, guessed_intensity: int, families: list[str], intensity: int
) -> Closeness:
    """Score a guess (family, intensity) against a check-in's families and intensity."""
    if guessed_family in families:
        family_points = FAMILY_POINTS
    else:
        guessed = FAMILY_BY_KEY.get(guessed_family)
        tones = {FAMILY_BY_KEY[f].tone for f in families if f in FAMILY_BY_KEY}
        family_points = TONE_POINTS if guessed is not None and guessed.tone in tones else 0
    steps_off = abs(guessed_intensity - intensity)
    intensity_points = max(0, INTENSITY_POINTS - POINTS_PER_STEP * steps_off)
    return Closeness(
        score=family_points + intensity_points,
        family_points=family_points,
        intensity_points=intensity_points,
        steps_off=steps_off,
    )


def describe(closeness: Closeness) -> str:
    """One kind sentence about a single guess: what was right, never a grade."""
    if closeness.score == FAMILY_POINTS + INTENSITY_POINTS:
        return _("Spot on: the right kind of feeling, and just as strong.")
    if closeness.family_points == FAMILY_POINTS:
        return _("You sensed the right kind of feeling.")
    if closeness.family_points == TONE_POINTS:
        return _("You picked up whether the day felt pleasant or hard.")
    if closeness.intensity_points >= INTENSITY_POINTS - POINTS_PER_STEP:
        return _("You sensed how strongly they felt it.")
    return _("Different from your guess today. Now you know, and that's what counts.")


def summary_sentence(average: int | None, name: str, *, about_me: bool) -> str:
    """A gentle line for an average over many days. ``about_me``: the partner guessing me."""
    if average is None:
        if about_me:
            return _("%(name)s hasn't made any guesses in this time.") % {"name": name}
        return _("No guesses in this time yet.")
    if about_me:
        if average >= 80:
            return _("%(name)s reads you well on most days.") % {"name": name}
        if average >= 60:
            return _("%(name)s is often close to how you feel.") % {"name": name}
        if average >= 40:
            return _("%(name)s is getting to know your days.") % {"name": name}
        return _("Your days have been harder for %(name)s to read. Telling them helps.") % {
            "name": name
        }
    if average >= 80:
        return _("You read %(name)s well on most days.") % {"name": name}
    if average >= 60:
        return _("You're often close to how %(name)s feels.") % {"name": name}
    if average >= 40:
        return _("You're getting to know %(name)s's days.") % {"name": name}
    return _("%(name)s's days have been harder to read lately. Asking is always a good way in.") % {
        "name": name
    }
