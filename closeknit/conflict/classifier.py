"""A small logistic-regression second opinion for what the rules have no pattern for.

The rules know phrases; people keep finding new ones. This model reads words, word pairs
and lexicon families instead, learnt from the development part of the labelled set (never
the test part) the first time it is needed: a few hundred short messages, trained in about
a second with plain stochastic gradient descent, standard library only, the same result
every time (a fixed shuffle).

It is only ever a second opinion, and a cautious one: the coach asks it only about drafts
in which no rule found anything, raises a flag only when the model is confident, and only
where every guard the rules obey allows it (warmth, apologies, quotes, a promise to come
back). Its
flags cover the whole sentence, with a tentative explanation for the kind it judges most
likely, because it cannot point at one phrase the way a rule can.
"""

from __future__ import annotations

import itertools
import math
import random
import re
from collections.abc import Sequence
from functools import cache
from typing import Final

from closeknit.conflict import lexicon
from closeknit.conflict.dataset import KINDS, Example, load

# The score a sentence must reach before the model speaks. Chosen on the development part
# by training on three of its batches and reading the fourth, in turn: alone, the model
# then flags more than half of the harsh messages it has never seen, at a precision
# above 0.95.
THRESHOLD: Final = 1.5

EPOCHS: Final = 25
LEARNING_RATE: Final = 0.1
L2: Final = 0.01
SEED: Final = 20250

_SPELLINGS: Final = {
    "u": "you",
    "ya": "you",
    "yu": "you",
    "ur": "your",
    "yr": "your",
    "youre": "you're",
    "im": "i'm",
    "ive": "i've",
    "dont": "don't",
    "cant": "can't",
    "wont": "won't",
    "didnt": "didn't",
    "doesnt": "doesn't",
    "isnt": "isn't",
    "wasnt": "wasn't",
    "its": "it's",
    "thats": "that's",
    "r": "are",
}
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|[\U0001F300-\U0001FAFF\u2764\u2665]")

# Words from the coach's lexicon also count as their family, so that a synonym the set
# never used still looks like its neighbours: "surly" is unseen, TRAIT is not.
_STOP = frozenset({"a", "an", "such", "so", "the", "most", "always", "never", "on", "time"})


def _families() -> dict[str, str]:
    families = {}
    for family, phrases in (
        ("TRAIT", lexicon.TRAITS),
        ("INSULT", (*lexicon.INSULTS, *lexicon.VOCATIVE_INSULTS)),
        ("WARM", (*lexicon.POSITIVE_CUES, *lexicon.GENTLE_WORDS, *lexicon.PRAISE_WORDS)),
    ):
        for phrase in phrases:
            for word in phrase.split():
                if word not in _STOP:
                    families[word] = family
    return families


_FAMILY: Final = _families()


def features(text: str) -> set[str]:
    """Words, neighbouring word pairs and lexicon families, with texting spellings folded."""
    words = [
        _SPELLINGS.get(word, word)
        for word in _TOKEN.findall(re.sub(r"['\u2019\u02bc]", "'", text.lower()))
    ]
    pairs = {f"{first} {second}" for first, second in itertools.pairwise(words)}
    families = {f"<{_FAMILY[word]}>" for word in words if word in _FAMILY}
    return set(words) | pairs | families


class _Logistic:
    """Binary logistic regression on feature sets, L2-regularised, trained by SGD."""

    def __init__(self, rows: Sequence[tuple[frozenset[str], bool]]) -> None:
        self.weights: dict[str, float] = {}
        self.bias = 0.0
        order = list(rows)
        shuffle = random.Random(SEED)  # noqa: S311 - a reproducible shuffle, not a secret
        for _ in range(EPOCHS):
            shuffle.shuffle(order)
            for found, label in order:
                error = _sigmoid(self.score(found)) - (1.0 if label else 0.0)
                self.bias -= LEARNING_RATE * error
                for feature in found:
                    weight = self.weights.get(feature, 0.0)
                    self.weights[feature] = weight - LEARNING_RATE * (error + L2 * weight)

    def score(self, found: frozenset[str] | set[str]) -> float:
        weights = self.weights
        return self.bias + sum(weights.get(feature, 0.0) for feature in found)


def _sigmoid(value: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, value))))


class Model:
    """Harsh or not, and if harsh, which kind (one model per kind, most confident wins)."""

    def __init__(self, examples: Sequence[Example]) -> None:
        rows = [(frozenset(features(example.text)), example) for example in examples]
        self._harsh = _Logistic([(found, bool(example.flags)) for found, example in rows])
        flagged = [(found, example) for found, example in rows if example.flags]
        self._kinds = {
            kind: _Logistic([(found, kind in example.flags) for found, example in flagged])
            for kind in KINDS
        }

    def harshness(self, text: str) -> float:
        """The model's log-odds that the text should be flagged; above THRESHOLD counts."""
        return self._harsh.score(features(text))

    def kind(self, text: str) -> str:
        """The most likely kind for a text judged harsh."""
        found = features(text)
        return max(KINDS, key=lambda kind: self._kinds[kind].score(found))


@cache
def default_model() -> Model:
    """The model trained on the development part, built once per process."""
    return Model(load("dev"))
