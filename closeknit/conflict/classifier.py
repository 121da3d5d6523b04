"""A small naive Bayes second opinion for what the rules have no pattern for.

The rules know phrases; people keep finding new ones. This model reads words and word
pairs instead, learnt from the development part of the labelled set (never the test
part) the first time it is needed: a few hundred short messages, trained in a few
milliseconds, standard library only.

It is only ever a second opinion, and a cautious one: the coach asks it about a sentence
no rule flagged, and raises a flag only when the model is confident, and only where every
guard the rules obey allows it (warmth, apologies, quotes, a promise to come back). Its
flags cover the whole sentence, with a tentative explanation for the kind it judges most
likely, because it cannot point at one phrase the way a rule can.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Final

from closeknit.conflict import lexicon
from closeknit.conflict.dataset import KINDS, Example, load

# Log-odds a sentence must reach before the model speaks. Chosen on the development part
# by training on two of its batches and reading the third: alone, the model then flags
# about a third of the harsh messages at a precision above 0.9.
THRESHOLD: Final = 2.0

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


def features(text: str) -> set[str]:
    """Words, neighbouring word pairs and lexicon families, with texting spellings folded."""
    words = [
        _SPELLINGS.get(word, word)
        for word in _TOKEN.findall(re.sub(r"['\u2019\u02bc]", "'", text.lower()))
    ]
    pairs = {f"{first} {second}" for first, second in itertools.pairwise(words)}
    families = {f"<{_FAMILY[word]}>" for word in words if word in _FAMILY}
    return set(words) | pairs | families


@dataclass
class _Counts:
    documents: int = 0
    features: Counter[str] = field(default_factory=Counter)

    def add(self, found: Iterable[str]) -> None:
        self.documents += 1
        self.features.update(found)

    @property
    def total(self) -> int:
        return sum(self.features.values())


class Model:
    """Naive Bayes with add-one smoothing: harsh or not, and if harsh, which kind."""

    def __init__(self, examples: Sequence[Example]) -> None:
        self.harsh = _Counts()
        self.healthy = _Counts()
        self.kinds = {kind: _Counts() for kind in KINDS}
        for example in examples:
            found = features(example.text)
            (self.harsh if example.flags else self.healthy).add(found)
            for kind in example.flags:
                self.kinds[kind].add(found)
        self.vocabulary = set(self.harsh.features) | set(self.healthy.features)
        self._harsh_total = self.harsh.total
        self._healthy_total = self.healthy.total
        self._kind_totals = {kind: counts.total for kind, counts in self.kinds.items()}

    def _weight(self, counts: _Counts, total: int, feature: str) -> float:
        return math.log((counts.features[feature] + 1) / (total + len(self.vocabulary)))

    def harshness(self, text: str) -> float:
        """Log-odds that the text should be flagged; above :data:`THRESHOLD` counts."""
        score = math.log((self.harsh.documents + 1) / (self.healthy.documents + 1))
        for feature in features(text) & self.vocabulary:
            score += self._weight(self.harsh, self._harsh_total, feature)
            score -= self._weight(self.healthy, self._healthy_total, feature)
        return score

    def kind(self, text: str) -> str:
        """The most likely kind for a text judged harsh."""
        found = features(text) & self.vocabulary
        documents = sum(counts.documents for counts in self.kinds.values())

        def log_probability(kind: str) -> float:
            counts = self.kinds[kind]
            prior = math.log((counts.documents + 1) / (documents + len(KINDS)))
            total = self._kind_totals[kind]
            return prior + sum(self._weight(counts, total, feature) for feature in found)

        return max(KINDS, key=log_probability)


@cache
def default_model() -> Model:
    """The model trained on the development part, built once per process."""
    return Model(load("dev"))
