"""Reading a draft: its sentences and clauses, what is quoted or reported, what apologises.

The rules in :mod:`closeknit.conflict.rules` ask a :class:`Draft` about the context of a
match: is it negated, quoted, inside an apology, in a warm sentence, in a draft that
promises to come back? Offsets are always into the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from closeknit.conflict import lexicon
from closeknit.conflict.lexicon import alternation, compile_pattern

_SENTENCE = re.compile(r"[^.!?;\n]+[.!?;\n]*|[.!?;\n]+")
_CLAUSE_BREAK = re.compile(
    r"[,;:.!?\n()\u2014\u2013]|\s-\s|\b(?:but|and|so|because|although|though|while)\b", re.I
)
_WORD = re.compile(r"[\w'\u2019]+")
_QUOTED = re.compile(
    r"\"[^\"\n]{1,300}\"|\u201c[^\u201d\n]{1,300}\u201d|\u2018[^\u2018\u2019\n]{1,300}\u2019(?![a-z])|"
    r"(?<![\w])'[^'\n]{1,300}?'(?![\w])",
    re.I,
)
_REPORTING = compile_pattern(
    r"\b(?:said|say|says|saying|told\s+(?:me|you|u)|tell\s+(?:me|you|u)|tells\s+me|"
    r"call(?:ed|ing)?\s+(?:me|you|u)|hear|heard|wrote|texted|accused\s+(?:me|you)\s+of)\b"
)
_REPORT_END = re.compile(r"[,;:.!?\n\u2014\u2013]|\b(?:and|but)\b", re.I)
_APOLOGY = compile_pattern(
    r"\b(?:(?<!said i was )sorry(?!,?\s+(?:but|you\s+feel|if\s+<you>|that\s+<you>\s+feel))|"
    r"apologi[sz]e|apologies|forgive\s+me|my\s+bad|i\s+was\s+wrong|i\s+regret|"
    r"that's\s+on\s+me|i\s+should<nt>\s+have|i\s+was\s+out\s+of\s+line|"
    r"i\s+take\s+responsibility|i\s+owe\s+you\s+an\s+apology|i\s+messed\s+up)\b"
)
_POSITIVE = compile_pattern(r"\b" + alternation(lexicon.POSITIVE_CUES) + r"\b")
ABOUT_PARTNER = compile_pattern(r"\b(?:<you>|<your>|yours|yourself)\b")
_TURN = re.compile(r"\b(?:but|however|though|although|yet)\b", re.I)
_GENTLE = compile_pattern(r"\b" + alternation(lexicon.GENTLE_WORDS) + r"\b")
# "Talk to you later. Or never." takes the promise back.
_NO_RETURN = compile_pattern(r"\bor\s+(?:never|not|any\s+(?:other\s+)?(?:night|day|time))\b")
_RETURN = compile_pattern(r"\b" + alternation(lexicon.RETURN_MARKERS) + r"\b|\b\d+\s*m\b")
YES_NO_QUESTION = compile_pattern(
    r"^\W*(?:do|does|did|are|r|is|have|has|would|will|can|could)\s+<you>\b"
)


def _norm(word: str) -> str:
    return re.sub(r"['\u2019\u02bc]", "", word.lower())


class Draft:
    """The draft and what the rules need to know about its shape."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.sentences = [(m.start(), m.end()) for m in _SENTENCE.finditer(text)]
        self.protected = self._protected_spans()
        self.apologies = [span for span in self.sentences if self._apologises(span)]
        self.will_come_back = bool(_RETURN.search(text)) and not _NO_RETURN.search(text)

    def _protected_spans(self) -> list[tuple[int, int]]:
        spans = [(m.start(), m.end()) for m in _QUOTED.finditer(self.text)]
        for verb in _REPORTING.finditer(self.text):
            end = _REPORT_END.search(self.text, verb.end() + 1)
            spans.append((verb.end(), end.start() if end else len(self.text)))
        return spans

    def _apologises(self, span: tuple[int, int]) -> bool:
        start, end = span
        return any(
            not self.is_protected(m.start()) for m in _APOLOGY.finditer(self.text, start, end)
        )

    def is_protected(self, position: int) -> bool:
        return any(start <= position < end for start, end in self.protected)

    def in_apology(self, position: int) -> bool:
        return any(start <= position < end for start, end in self.apologies)

    def sentence_at(self, position: int) -> tuple[int, int]:
        for start, end in self.sentences:
            if start <= position < end:
                return start, end
        return 0, len(self.text)

    def sentence_text(self, position: int) -> str:
        start, end = self.sentence_at(position)
        return self.text[start:end]

    def next_sentence_text(self, position: int) -> str:
        _, end = self.sentence_at(position)
        if end >= len(self.text):
            return ""
        start, stop = self.sentence_at(end)
        return self.text[start:stop]

    def clause_before(self, position: int) -> str:
        start, _ = self.sentence_at(position)
        head = self.text[start:position]
        breaks = list(_CLAUSE_BREAK.finditer(head))
        return head[breaks[-1].end() :] if breaks else head

    def clause_after(self, position: int) -> str:
        _, end = self.sentence_at(position)
        tail = self.text[position:end]
        found = _CLAUSE_BREAK.search(tail)
        return tail[: found.start()] if found else tail

    def negated(self, position: int, window: int = 3) -> bool:
        words = [_norm(w) for w in _WORD.findall(self.clause_before(position))][-window:]
        return any(word in lexicon.NEGATORS for word in words)

    def kind_anywhere(self) -> bool:
        """Whether any sentence is warm or gentle."""
        return is_warm(self.text) or bool(_GENTLE.search(self.text))

    def warm(
        self, position: int, ignore: tuple[int, int] | None = None, *, gentle: bool = False
    ) -> bool:
        """Whether the sentence at ``position`` is warm, leaving out the ``ignore`` span.

        ``gentle`` also counts everyday kind words ("great", "enough"), for the classifier.
        """
        start, end = self.sentence_at(position)
        # "I love you, but you made me late": what follows "but" is what is meant.
        turns = [m.end() for m in _TURN.finditer(self.text, start, position)]
        if turns:
            start = turns[-1]
        sentence = self.text[start:end]
        if gentle and _GENTLE.search(sentence):
            return True
        if ignore is not None:
            cut_start, cut_end = max(ignore[0], start) - start, min(ignore[1], end) - start
            sentence = sentence[:cut_start] + " " + sentence[cut_end:]
        if is_warm(sentence):
            return True
        # "Why do you always sing in the shower? It's adorable."
        return sentence.rstrip().endswith("?") and is_warm(self.next_sentence_text(position))


# Thanks that is not warm: sarcastic, demanded, or pointedly polite.
_COLD_THANKS = compile_pattern(
    r"\b(?:say|said|saying)\s+(?:thank\s+you|thanks)\b|\bthanks\s+(?:for\s+nothing|a\s+lot)\b|"
    r"\bthank\s+you\s+very\s+much\s*[.!]*$"
)


def is_warm(text: str) -> bool:
    """Thanks, love, admiration, a laugh or a heart: the sentence is kind as a whole."""
    text = _COLD_THANKS.sub(" ", text)
    return bool(_POSITIVE.search(text)) or any(emoji in text for emoji in lexicon.POSITIVE_EMOJI)


def has(phrases: Iterable[str], text: str) -> bool:
    return bool(re.search(r"\b" + alternation(phrases) + r"\b", text, re.I))


def starts_with(phrases: Iterable[str], text: str) -> bool:
    return bool(re.match(r"\W*" + alternation(phrases) + r"\b", text, re.I))
