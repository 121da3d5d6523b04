"""Reads for conflict with empathy: the coach's reading of a draft, time-outs and repairs."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from closeknit.checkins.vocabulary import FEELINGS, NEEDS
from closeknit.conflict.coach import MAX_LENGTH, Analysis, CoachInputError, Flag, analyze
from closeknit.lib.errors import ServiceError


def read_draft(text: str, *, field: str = "text") -> Analysis:
    """The coach's reading of a draft; an empty or overlong one is refused by ``field``.

    Nothing of the draft is stored or logged: it lives only in this request.
    """
    try:
        return analyze(text)
    except CoachInputError as error:
        if error.code == "too_long":
            message = _(
                "The coach reads up to %(limit)d characters at a time; this draft has "
                "%(count)d. Try it a paragraph at a time."
            ) % {"limit": MAX_LENGTH, "count": len(text)}
        else:
            message = _("Write what you want to say, and the coach will read it with you.")
        raise ServiceError(message, field=field, code=error.code) from error


@dataclass(frozen=True)
class Segment:
    """A stretch of the draft, highlighted when ``flag`` is set."""

    text: str
    flag: Flag | None = None

    @property
    def explanation(self) -> str:
        return _(self.flag.explanation) if self.flag else ""


def segments_of(text: str, flags: list[Flag]) -> list[Segment]:
    """The draft cut into plain and flagged stretches, in reading order."""
    pieces: list[Segment] = []
    at = 0
    for flag in flags:
        if flag.start > at:
            pieces.append(Segment(text[at : flag.start]))
        pieces.append(Segment(text[flag.start : flag.end], flag))
        at = flag.end
    if at < len(text):
        pieces.append(Segment(text[at:]))
    return pieces


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


def feeling_choices(prefill: str | None) -> list[Choice]:
    """The feelings vocabulary, led by the draft's own word when it is not in it."""
    words = [Choice(str(f.label), str(f.label)) for f in FEELINGS.values()]
    if prefill and prefill.lower() not in {choice.value.lower() for choice in words}:
        words.insert(0, Choice(prefill, prefill))
    return words


def need_choices(prefill: str | None) -> list[Choice]:
    needs = [Choice(str(n.label).lower(), str(n.label)) for n in NEEDS]
    if prefill and prefill.lower() not in {choice.value for choice in needs}:
        needs.insert(0, Choice(prefill, prefill))
    return needs
