"""The message coach: read a draft, point out what tends to make a partner defensive.

Pure Python, standard library only, no network and no downloaded model. Two layers:

1. readable rules (:mod:`closeknit.conflict.rules`) over the lexicon in
   :mod:`closeknit.conflict.lexicon`, so that every highlight points at a phrase and every
   rule can be read, tested and changed by hand;
2. when no rule found anything, a cautious second opinion
   (:mod:`closeknit.conflict.classifier`): a small logistic regression trained on the
   development part of the labelled set, which may flag a whole sentence with a tentative
   explanation. ``find_flags(text, threshold=math.inf)`` leaves it out.

``analyze(text)`` returns an :class:`Analysis`:

- ``flags``: one :class:`Flag` per phrase, with its ``kind`` (criticism, contempt,
  defensiveness, stonewalling or blame), ``start`` and ``end`` as character offsets into
  ``text`` (``text[start:end]`` is the phrase) and a kind ``explanation`` that names the
  antidote. Flags never overlap and come in reading order.
- ``suggestion``: when something was flagged, an "I" statement to start from, with the
  parts the draft gives filled in and the others left as ``[feeling]``, ``[situation]``,
  ``[need]`` and ``[request]`` for the partner to complete; ``None`` otherwise.

How it avoids false alarms, because a false alarm on a loving message is worse than a
miss:

- words after "you always" / "you never" are read: praise ("you always make me laugh"),
  reassurance ("you never have to apologise") and plain facts ("you always have to show
  ID there") are left alone, and so is a sentence that is warm as a whole;
- a negation just before a phrase cancels it ("it's not your fault", "I don't think
  you're selfish");
- quoted words and reported speech ("when you said 'whatever'", "I'm sorry I said you
  were too sensitive") are not the speaker's words now;
- a sentence that apologises is not scolded for what it apologises for, and a shutdown
  phrase is fine when the draft says the speaker will come back (a request for a break);
- genuine yes/no questions ("do you always feel this way on Sundays?") are not verdicts.

The classifier obeys the same guards and more: it stays quiet on any draft with a warm or
comforting word, an apology, a genuine question or an I-statement in it, and on sentences
where a rule matched but its context said no.

Explanations (see :mod:`closeknit.conflict.rules`) are fixed English sentences, marked
for translation so the web pages and the API can show them through gettext.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from closeknit.conflict import classifier, lexicon
from closeknit.conflict.draft import ABOUT_PARTNER, Draft, has
from closeknit.conflict.lexicon import compile_pattern
from closeknit.conflict.rules import EXPLAIN, HEALTHY_CATEGORIES, KINDS, RULES, Kind
from closeknit.conflict.suggestion import SuggestionParts, build_parts, render

__all__ = [
    "HEALTHY_CATEGORIES",
    "KINDS",
    "MAX_LENGTH",
    "Analysis",
    "CoachInputError",
    "Flag",
    "Kind",
    "SuggestionParts",
    "analyze",
]

# The API refuses longer drafts; the coach refuses them too, so nobody relies on more.
MAX_LENGTH: Final = 2000


class CoachInputError(ValueError):
    """The draft cannot be analysed: it is empty or longer than :data:`MAX_LENGTH`.

    ``code`` is ``"empty"`` or ``"too_long"``, for the API's error body.
    """

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Flag:
    kind: Kind
    start: int
    end: int
    explanation: str


@dataclass(frozen=True)
class Analysis:
    flags: list[Flag] = field(default_factory=list)
    suggestion: str | None = None
    parts: SuggestionParts | None = None

    @property
    def kinds(self) -> set[Kind]:
        return {flag.kind for flag in self.flags}


# --------------------------------------------------------------------------------------
# Running the rules.

_TRIM = " \t\r\n,.;:!?"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Highlight words, not the punctuation or spaces a pattern needed around them."""
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


@dataclass(frozen=True)
class _Candidate:
    flag: Flag
    survives_apology: bool
    survives_warmth: bool


def _candidates(draft: Draft, declined: list[int]) -> list[_Candidate]:
    """What the rules find; where a rule matched but its context said no, ``declined``."""
    found = []
    for current in RULES:
        for match in current.pattern.finditer(draft.text):
            start, end = _trimmed(draft.text, *match.span(current.group))
            if start == end:
                continue
            if (current.negatable and draft.negated(start)) or (
                current.check is not None and not current.check(draft, match)
            ):
                declined.append(start)
                continue
            explanation = current.explanation
            if not isinstance(explanation, str):
                explanation = explanation(match)
            flag = Flag(current.kind, start, end, explanation)
            found.append(_Candidate(flag, current.survives_apology, current.survives_warmth))
    return found


def _allowed(draft: Draft, candidate: _Candidate, *, whole_sentence: bool = False) -> bool:
    flag = candidate.flag
    if draft.is_protected(flag.start):
        return False
    if flag.kind == "stonewalling" and draft.will_come_back:
        return False
    ignore = None if whole_sentence else (flag.start, flag.end)
    if not candidate.survives_warmth and draft.warm(flag.start, ignore, gentle=whole_sentence):
        return False
    return candidate.survives_apology or not draft.in_apology(flag.start)


# Drafts the classifier leaves to the rules: with a genuine question, an I-statement or a
# time or number in them, the healthy shapes its bag of words confuses most.
_LEFT_TO_THE_RULES = compile_pattern(
    r"^\W*(?:(?:what|how|when|where|who|which|would|could|can|shall|is\s+there|are\s+you|"
    r"do\s+you\s+(?:want|need|think)|did\s+you|have\s+you|will\s+you)\b[^?]*\?\W*$|"
    r"i\s+(?:feel|felt|get|need|'d|would|want|miss|love|'m\s+feeling|am\s+feeling)\b)|\d"
)

# The classifier may call a sentence criticism, contempt or blame only when it is about
# the partner; an insult aimed at the neighbour's parking is not the coach's business.
_NEEDS_THE_PARTNER = frozenset({"criticism", "contempt", "blame"})


def _as_kind(name: str) -> Kind:
    for kind in KINDS:
        if kind == name:
            return kind
    raise ValueError(f"unknown kind {name!r}")


def _second_opinions(
    draft: Draft,
    flags: list[Flag],
    declined: list[int],
    model: classifier.Model,
    threshold: float,
) -> list[Flag]:
    """Sentences no rule flagged, or knowingly let pass, that the classifier is sure about.

    The classifier stays quiet on any draft with a warm or comforting word, an apology, a
    genuine question or an I-statement in it: a rule can tell "you idiot, I love you" from
    an insult, a bag of words cannot.
    """
    if has(lexicon.REASSURING, draft.text) or draft.kind_anywhere() or draft.apologies:
        return []
    if any(_LEFT_TO_THE_RULES.search(draft.text[start:end]) for start, end in draft.sentences):
        return []
    found = []
    for start, end in draft.sentences:
        if any(start <= flag.start < end for flag in flags):
            continue
        if any(start <= position < end for position in declined):
            continue
        spoken = "".join(
            " " if draft.is_protected(position) else draft.text[position]
            for position in range(start, end)
        )
        if model.harshness(spoken) <= threshold:
            continue
        first, last = _trimmed(draft.text, start, end)
        if first == last:
            continue
        kind = _as_kind(model.kind(spoken))
        if kind in _NEEDS_THE_PARTNER and not ABOUT_PARTNER.search(spoken):
            continue
        flag = Flag(kind, first, last, EXPLAIN[f"model_{kind}"])
        if _allowed(draft, _Candidate(flag, False, False), whole_sentence=True):
            found.append(flag)
    return found


_FEEL_LIKE = compile_pattern(
    r"\bi\s+(?:just\s+|really\s+)?(?:feel|felt)\s+(?:like\s+|that\s+|as\s+if\s+)?$"
)


def _dress_feelings(draft: Draft, flag: Flag) -> Flag:
    """Widen "you're selfish" to "I feel like you're selfish", with its own explanation."""
    if flag.kind != "criticism":
        return flag
    start, _ = draft.sentence_at(flag.start)
    found = _FEEL_LIKE.search(draft.text[start : flag.start])
    if not found:
        return flag
    return Flag(flag.kind, start + found.start(), flag.end, EXPLAIN["feel_like"])


def find_flags(
    text: str,
    *,
    model: classifier.Model | None = None,
    threshold: float = classifier.THRESHOLD,
) -> list[Flag]:
    """The flags for a draft, without the input checks of :func:`analyze`.

    ``model`` is the second opinion (the one trained on the development part by default);
    a ``threshold`` of ``math.inf`` turns it off and leaves the rules alone.
    """
    draft = Draft(text)
    declined: list[int] = []
    flags = []
    for candidate in _candidates(draft, declined):
        if _allowed(draft, candidate):
            flags.append(_dress_feelings(draft, candidate.flag))
        else:
            declined.append(candidate.flag.start)
    # Longest first, then keep what does not overlap: the more specific phrase wins.
    flags.sort(key=lambda flag: (-(flag.end - flag.start), flag.start, KINDS.index(flag.kind)))
    kept: list[Flag] = []
    for flag in flags:
        if all(flag.end <= other.start or flag.start >= other.end for other in kept):
            kept.append(flag)
    if not kept and threshold != float("inf"):
        model = model or classifier.default_model()
        kept += _second_opinions(draft, kept, declined, model, threshold)
    kept.sort(key=lambda flag: (flag.start, flag.end))
    return kept


def analyze(text: str) -> Analysis:
    """Read a draft and return its flags and, when something was flagged, a suggestion.

    Raises :class:`CoachInputError` for an empty (or all-whitespace) draft and for one
    longer than :data:`MAX_LENGTH` characters.
    """
    if not text or not text.strip():
        raise CoachInputError("Write a draft for the coach to read.", code="empty")
    if len(text) > MAX_LENGTH:
        raise CoachInputError(
            f"The coach reads drafts of up to {MAX_LENGTH} characters.", code="too_long"
        )
    flags = find_flags(text)
    if not flags:
        return Analysis(flags=[], suggestion=None, parts=None)
    parts = build_parts(text, flags)
    return Analysis(flags=flags, suggestion=render(parts), parts=parts)
