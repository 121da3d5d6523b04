"""Three small things to try for each practice, each linking to a feature that exists.

The focus shows these for its practice. Every link goes to a page of the app (the
question library filtered to the practice, where a question can be asked now; a
listening session; the couple's own questions; today's question; past answers).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from closeknit.questions.practices import Practice

LIBRARY = "library"
LISTEN = "listen"
OWN = "own"
TODAY = "today"
HISTORY = "history"

_URL_NAMES = {
    LIBRARY: "questions:library",
    LISTEN: "questions:listen_start",
    OWN: "questions:own",
    TODAY: "questions:today",
    HISTORY: "questions:history",
}


@dataclass(frozen=True)
class Suggestion:
    feature: str
    text: Promise
    link_text: Promise


@dataclass(frozen=True)
class SuggestionLink:
    """A suggestion with its address worked out, ready for a page or the API."""

    feature: str
    text: str
    link_text: str
    url: str


_SUGGESTIONS: dict[str, tuple[Suggestion, Suggestion, Suggestion]] = {
    Practice.COMMUNICATION: (
        Suggestion(
            LISTEN,
            _(
                "Hold a listening session: one of you talks for two minutes, the other says back "
                "what they heard."
            ),
            _("Start a listening session"),
        ),
        Suggestion(
            LIBRARY,
            _("Pick an open communication question and ask it tonight, with time to wander."),
            _("Open communication questions"),
        ),
        Suggestion(
            TODAY,
            _("Answer today's question with one sentence more than you usually would."),
            _("Today's question"),
        ),
    ),
    Practice.QUALITY_TIME: (
        Suggestion(
            LIBRARY,
            _("Ask a quality time question over a meal with both phones in another room."),
            _("Quality time questions"),
        ),
        Suggestion(
            OWN,
            _("Write your own question about a day you'd love to spend together."),
            _("Write a question"),
        ),
        Suggestion(
            HISTORY,
            _("Look back through your past answers and pick a memory to relive this week."),
            _("Past answers"),
        ),
    ),
    Practice.VULNERABILITY: (
        Suggestion(
            LIBRARY,
            _("Ask a vulnerability question. Start with a light one if it feels big."),
            _("Vulnerability questions"),
        ),
        Suggestion(
            LISTEN,
            _("Use a listening session for something you've been carrying on your own."),
            _("Start a listening session"),
        ),
        Suggestion(
            OWN,
            _("Write down a question you've been hoping your partner would ask you."),
            _("Write a question"),
        ),
    ),
    Practice.APPRECIATION: (
        Suggestion(
            LIBRARY,
            _("Ask an appreciation question about what you value in each other."),
            _("Appreciation questions"),
        ),
        Suggestion(
            HISTORY,
            _("Read back through your past answers and tell your partner one thing you loved."),
            _("Past answers"),
        ),
        Suggestion(
            TODAY,
            _("Answer today's question, then leave a warm reply on your partner's answer."),
            _("Today's question"),
        ),
    ),
    Practice.GOALS: (
        Suggestion(
            LIBRARY,
            _("Ask a goals and dreams question and really listen to the answer."),
            _("Goals and dreams questions"),
        ),
        Suggestion(
            LISTEN,
            _("Take turns talking about one hope for the year ahead while the other only listens."),
            _("Start a listening session"),
        ),
        Suggestion(
            OWN,
            _("Write a question about a dream you haven't told your partner yet."),
            _("Write a question"),
        ),
    ),
    Practice.CONFLICT: (
        Suggestion(
            LISTEN,
            _(
                "Talk through a small disagreement in a listening session: say back what you "
                "heard before you reply."
            ),
            _("Start a listening session"),
        ),
        Suggestion(
            LIBRARY,
            _("Ask a conflict with empathy question on a calm day, not in the middle of one."),
            _("Conflict with empathy questions"),
        ),
        Suggestion(
            OWN,
            _("Write a question about what helps each of you settle after a disagreement."),
            _("Write a question"),
        ),
    ),
    Practice.RITUALS: (
        Suggestion(
            LIBRARY,
            _("Ask a rituals and traditions question about the little things you'd keep."),
            _("Rituals and traditions questions"),
        ),
        Suggestion(
            TODAY,
            _("Make the daily question a ritual: answer it at the same time each day."),
            _("Today's question"),
        ),
        Suggestion(
            OWN,
            _("Write a question about a tradition you'd like to start together."),
            _("Write a question"),
        ),
    ),
    Practice.TRUST: (
        Suggestion(
            LIBRARY,
            _("Ask a trust and respect question and take your time with it."),
            _("Trust and respect questions"),
        ),
        Suggestion(
            LISTEN,
            _("Use a listening session to talk about one boundary that matters to you."),
            _("Start a listening session"),
        ),
        Suggestion(
            HISTORY,
            _("Look back at a time in your past answers when you could count on each other."),
            _("Past answers"),
        ),
    ),
}


def suggestions_for(practice: str) -> list[SuggestionLink]:
    """The three suggestions for a practice, with their links."""
    links = []
    for suggestion in _SUGGESTIONS[Practice(practice)]:
        url = reverse(_URL_NAMES[suggestion.feature])
        if suggestion.feature == LIBRARY:
            url = f"{url}?practice={practice}"
        links.append(
            SuggestionLink(
                feature=suggestion.feature,
                text=str(suggestion.text),
                link_text=str(suggestion.link_text),
                url=url,
            )
        )
    return links
