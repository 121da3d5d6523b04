"""The "I" statement builder: a gentler way to say what a flagged draft was trying to say.

*I feel [feeling] when [situation], and I need [need]. Would you be willing to [request]?*

Each part is taken from the draft when the draft says it, and otherwise left in brackets
for the partner to fill in:

- **feeling**: a feeling the writer names ("I'm so stressed", "you made me cry");
- **situation**: the one moment behind an absolute, said without the absolute ("you never
  listen to me" becomes "you don't listen to me"), or what happened in a blaming sentence
  ("because of you we're late again" becomes "we're late again");
- **need**: a need the writer names ("I need …"), else the one the topic usually stands
  for (listening → to feel heard), or a break when the draft shuts the talk down;
- **request**: something the writer asks for ("can you …", "please …"), or the opposite of
  a "you never" ("you never call me back" → "call me back").

It never guesses a feeling the writer did not name: feelings are theirs to choose.
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from closeknit.conflict import lexicon
from closeknit.conflict.lexicon import alternation, compile_pattern

if TYPE_CHECKING:
    from closeknit.conflict.coach import Flag

TEMPLATE: Final = (
    "I feel {feeling} when {situation}, and I need {need}. Would you be willing to {request}?"
)
BREAK_NEED: Final = "a break of at least 20 minutes"
BREAK_REQUEST: Final = "pause with me and come back to this afterwards"


@dataclass(frozen=True)
class SuggestionParts:
    """The four parts of the "I" statement; ``None`` where the draft did not say."""

    feeling: str | None = None
    situation: str | None = None
    need: str | None = None
    request: str | None = None


def render(parts: SuggestionParts) -> str:
    return TEMPLATE.format(
        feeling=parts.feeling or "[feeling]",
        situation=parts.situation or "[situation]",
        need=parts.need or "[need]",
        request=parts.request or "[request]",
    )


_FEELING = alternation(lexicon.FEELING_WORDS)
_NAMED_FEELING = compile_pattern(
    r"\b(?:i\s+(?:feel|felt|am|was|get|got)|i'?m|im|makes?\s+me|made\s+me)\s+"
    r"(?:feel(?:ing)?\s+)?(?:(?:so|really|very|just|a\s+bit|kind\s+of|super|totally)\s+)?"
    r"(?P<feeling>" + _FEELING + r")\b"
)
_CLAUSE_END = re.compile(r"[,;:.!?\n\u2014\u2013]|\s-\s|\b(?:but|and|because|so|then)\b", re.I)
_ABSOLUTE = compile_pattern(
    r"\b<you>(?P<are>'re|\s+are|\s+r)?\s+(?:(?:literally|just|really|honestly)\s+)?"
    r"(?P<word>always|never|constantly|continually)\s*,?\s*(?:ever\s+)?(?P<rest>[^,;:.!?\n]+)"
)
_DONT_EVER = compile_pattern(r"\b<you>\s+do<nt>\s+ever\s+(?P<rest>[^,;:.!?\n]+)")
_BECAUSE_YOU = compile_pattern(r"\bbecause\s+<you>\s+(?P<rest>[^,;:.!?\n]+)")
_BECAUSE_OF_YOU_FIRST = compile_pattern(
    r"\b(?:because\s+of|thanks\s+to)\s+<you>\s*,?\s+(?P<rest>[^;:.!?\n]+)"
)
_BECAUSE_OF_YOU_LAST = compile_pattern(
    r"(?P<rest>[^,;:.!?\n]+?)\s+(?:because\s+of|thanks\s+to)\s+<you>\b"
)
_YOUR_FAULT = compile_pattern(r"\b(?:all\s+)?<your>\s+fault\s+(?:that\s+)?(?P<rest>[^,;:.!?\n]+)")
_NEED = compile_pattern(
    r"\bi\s+(?:just\s+|really\s+)?(?:need|want)\s+(?!to\s+talk|this\b)(?P<need>[^,;:.!?\n]+)"
)
_ASK = compile_pattern(
    r"\b(?:can|could|would|will)\s+<you>\s+(?:please\s+)?(?P<ask>[^,;:.!?\n]+)|"
    r"(?:^|[.!?]\s+)please\s+(?P<please>[^,;:.!?\n]+)"
)
_TRAILING = compile_pattern(
    r"(?:\s+(?:like\s+ever|anymore|any\s+more|ever|again|at\s+all|every\s+single\s+time|"
    r"every\s+time|all\s+the\s+time|literally|tbh|lol|honestly|seriously|for\s+once))+\s*$"
)
_VAGUE = re.compile(r"\b(?:anything|everything|anyone|anybody|nothing)\b", re.I)
_CONTROL = compile_pattern(r"^(?:have|has|need|needs)\s+to\b")


def _clean(text: str) -> str:
    """The clause, without trailing fillers ("like ever", "again") and shouting."""
    text = _CLAUSE_END.split(text, maxsplit=1)[0]
    if text.isupper():
        text = text.lower()
    text = _TRAILING.sub("", text.strip())
    return re.sub(r"\s+", " ", text).strip(" '\"\u2019")


def _lower_first(text: str) -> str:
    if text[:2].isupper():  # ALL CAPS or an acronym: soften the capitals.
        return text.lower()
    return text[:1].lower() + text[1:] if text[:1] != "I" else text


def _feeling(text: str) -> str | None:
    found = _NAMED_FEELING.search(text)
    if not found:
        return None
    word = re.sub(r"\s+", " ", found.group("feeling").lower())
    return lexicon.FEELING_WORDS.get(word)


def _from_absolute(text: str) -> tuple[str | None, str | None]:
    """Situation and request from the first "you never / you always" in the draft."""
    found = _ABSOLUTE.search(text) or _DONT_EVER.search(text)
    if not found:
        return None, None
    rest = _clean(found.group("rest"))
    if not rest or _CONTROL.match(rest):
        return None, None
    word = found.groupdict().get("word", "never") or "never"
    never = word.lower() == "never" or found.re is _DONT_EVER
    are = found.groupdict().get("are")
    if never:
        situation = f"you're not {rest}" if are else f"you don't {rest}"
        request = rest if not are and not _VAGUE.search(rest) and len(rest.split()) <= 7 else None
        return _lower_first(situation), _lower_first(request) if request else None
    situation = f"you're {rest}" if are else f"you {rest}"
    return _lower_first(situation), None


def _situation_from_blame(text: str) -> str | None:
    for pattern in (_YOUR_FAULT, _BECAUSE_OF_YOU_FIRST, _BECAUSE_YOU, _BECAUSE_OF_YOU_LAST):
        found = pattern.search(text)
        if not found:
            continue
        rest = _clean(found.group("rest"))
        if not rest or (_NAMED_FEELING.match("i'm " + rest) and len(rest.split()) <= 3):
            continue
        if rest.lower().startswith(("i'm ", "im ", "i am ")) and len(rest.split()) <= 3:
            continue
        if pattern is _BECAUSE_YOU:
            if rest.lower().startswith("never "):
                return "you don't " + _lower_first(rest[6:])
            return "you " + _lower_first(rest)
        return _lower_first(rest)
    return None


def _need(text: str, kinds: Set[str]) -> str | None:
    found = _NEED.search(text)
    if found:
        return _lower_first(_clean(found.group("need"))) or None
    lowered = text.lower()
    for topics, need in lexicon.NEEDS_BY_TOPIC:
        if any(re.search(r"\b" + re.escape(topic), lowered) for topic in topics):
            return need
    if kinds == {"stonewalling"}:
        return BREAK_NEED
    return None


def _request(text: str, kinds: Set[str], from_absolute: str | None) -> str | None:
    found = _ASK.search(text)
    if found:
        ask = _clean(found.group("ask") or found.group("please") or "")
        if ask and not _VAGUE.search(ask):
            return _lower_first(ask)
    if from_absolute:
        return from_absolute
    if kinds == {"stonewalling"}:
        return BREAK_REQUEST
    return None


def build_parts(text: str, flags: Sequence[Flag]) -> SuggestionParts:
    kinds = {flag.kind for flag in flags}
    situation, request = _from_absolute(text)
    if situation is None:
        situation = _situation_from_blame(text)
    return SuggestionParts(
        feeling=_feeling(text),
        situation=situation,
        need=_need(text, kinds),
        request=_request(text, kinds, request),
    )
