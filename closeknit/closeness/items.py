"""The monthly closeness check: the app's own items, written for Closeknit.

Two statements for each of the five signs of emotional intimacy in the founding
article, one for each of the eight practices, and a picture item with seven pairs
of circles. Every statement is answered on a seven-point scale whose two ends are
labelled in plain words. No item is taken or adapted from a published instrument:
these are the app's own reflections, not a validated or clinical measure.

Keys are stored with each answer, so a key never changes meaning; a reworded item
gets a new key and the scoring simply uses the items a check holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from closeknit.questions.practices import Practice

SCALE_MIN = 1
SCALE_MAX = 7
SCALE = range(SCALE_MIN, SCALE_MAX + 1)

CIRCLES = "circles"

GroupKind = Literal["sign", "practice", "circles"]


class Sign(models.TextChoices):
    """The article's five signs of strong emotional intimacy, in its order."""

    TRUE_SELF = "true_self", _("Being your true self")
    OPENNESS = "openness", _("Talking without fear")
    UNDERSTANDING = "understanding", _("Understanding without words")
    GROWTH = "growth", _("Supporting each other's growth")
    SECURITY = "security", _("Feeling secure and valued")


@dataclass(frozen=True)
class Item:
    key: str
    kind: GroupKind
    group: str  # a Sign or Practice value, or CIRCLES
    text: Promise
    low: Promise  # what 1 means
    high: Promise  # what 7 means


SIGN_ITEMS: tuple[Item, ...] = (
    Item(
        "self_1",
        "sign",
        Sign.TRUE_SELF,
        _("Around my partner I can drop any act and simply be myself."),
        _("Rarely"),
        _("Almost always"),
    ),
    Item(
        "self_2",
        "sign",
        Sign.TRUE_SELF,
        _(
            "I can show my partner my less polished sides without worrying "
            "they'll think less of me."
        ),
        _("Not at all"),
        _("Completely"),
    ),
    Item(
        "open_1",
        "sign",
        Sign.OPENNESS,
        _("I can bring up something that bothers me without bracing myself for how it will land."),
        _("Rarely"),
        _("Almost always"),
    ),
    Item(
        "open_2",
        "sign",
        Sign.OPENNESS,
        _("When we talk, it feels safe to say what I really think."),
        _("Not safe at all"),
        _("Completely safe"),
    ),
    Item(
        "read_1",
        "sign",
        Sign.UNDERSTANDING,
        _("I can usually sense how my partner is feeling before they say a word."),
        _("Hardly ever"),
        _("Nearly always"),
    ),
    Item(
        "read_2",
        "sign",
        Sign.UNDERSTANDING,
        _("My partner notices when something is on my mind, even if I haven't mentioned it."),
        _("Hardly ever"),
        _("Nearly always"),
    ),
    Item(
        "grow_1",
        "sign",
        Sign.GROWTH,
        _("My partner encourages the things I want to learn, try or become."),
        _("Not at all"),
        _("Wholeheartedly"),
    ),
    Item(
        "grow_2",
        "sign",
        Sign.GROWTH,
        _("When one of us reaches for something new, the other is in their corner."),
        _("Rarely"),
        _("Always"),
    ),
    Item(
        "safe_1",
        "sign",
        Sign.SECURITY,
        _("I feel settled and safe in our relationship."),
        _("Not at all"),
        _("Completely"),
    ),
    Item(
        "safe_2",
        "sign",
        Sign.SECURITY,
        _("I feel that my partner values me as I am."),
        _("Not at all"),
        _("Completely"),
    ),
)

PRACTICE_ITEMS: tuple[Item, ...] = (
    Item(
        "p_communication",
        "practice",
        Practice.COMMUNICATION,
        _("We talk about more than plans and chores: the things that really matter to us."),
        _("Rarely"),
        _("Most days"),
    ),
    Item(
        "p_quality_time",
        "practice",
        Practice.QUALITY_TIME,
        _("We make unhurried time for just the two of us."),
        _("Rarely"),
        _("Often"),
    ),
    Item(
        "p_vulnerability",
        "practice",
        Practice.VULNERABILITY,
        _("I can tell my partner what I'm afraid of and what I need."),
        _("Hardly at all"),
        _("Freely"),
    ),
    Item(
        "p_appreciation",
        "practice",
        Practice.APPRECIATION,
        _("My partner lets me know they notice and appreciate me."),
        _("Rarely"),
        _("Often"),
    ),
    Item(
        "p_goals",
        "practice",
        Practice.GOALS,
        _("We take a real interest in each other's dreams and plans."),
        _("Not really"),
        _("Very much"),
    ),
    Item(
        "p_conflict",
        "practice",
        Practice.CONFLICT,
        _("When we disagree, we stay kind and try to understand each other."),
        _("Rarely"),
        _("Almost always"),
    ),
    Item(
        "p_rituals",
        "practice",
        Practice.RITUALS,
        _("We have small routines and traditions that feel like ours."),
        _("None to speak of"),
        _("Plenty"),
    ),
    Item(
        "p_trust",
        "practice",
        Practice.TRUST,
        _("I can count on my partner to do what they say they will."),
        _("Rarely"),
        _("Always"),
    ),
)

CIRCLES_ITEM = Item(
    CIRCLES,
    "circles",
    CIRCLES,
    _("Which picture best describes your relationship right now?"),
    _("Two separate circles"),
    _("Almost one circle"),
)

STATEMENT_ITEMS: tuple[Item, ...] = SIGN_ITEMS + PRACTICE_ITEMS
ITEMS: tuple[Item, ...] = (*STATEMENT_ITEMS, CIRCLES_ITEM)
ITEM_KEYS: frozenset[str] = frozenset(item.key for item in ITEMS)


@dataclass(frozen=True)
class CirclesOption:
    """One of the seven pictures: two equal circles ``distance`` radii apart, centre to
    centre. 2 is just touching; below it they overlap, more with each step."""

    value: int
    distance: float
    description: Promise

    # The picture is drawn in a 100 x 56 box with circles of radius 20.
    @property
    def left_x(self) -> float:
        return round(50 - self.distance * 10, 2)

    @property
    def right_x(self) -> float:
        return round(50 + self.distance * 10, 2)


CIRCLES_OPTIONS: tuple[CirclesOption, ...] = (
    CirclesOption(1, 2.5, _("Two circles standing apart, not touching at all.")),
    CirclesOption(2, 2.0, _("Two circles just touching at their edges.")),
    CirclesOption(3, 1.6, _("Two circles overlapping a little.")),
    CirclesOption(4, 1.2, _("Two circles overlapping by about a third.")),
    CirclesOption(5, 0.85, _("Two circles overlapping by about half.")),
    CirclesOption(6, 0.5, _("Two circles overlapping by most of their area.")),
    CirclesOption(7, 0.2, _("Two circles almost on top of each other, nearly one.")),
)


def group_label(group: str) -> str:
    """The name of a sign, a practice or the circles picture, for people."""
    if group == CIRCLES:
        return str(_("Closeness picture"))
    if group in Sign.values:
        return str(Sign(group).label)
    return str(Practice(group).label)
