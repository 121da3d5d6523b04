"""The shapes of /api/v1/questions/: what goes out and what comes in.

Names carry the feature (QuestionDayOut, not DayOut) because every app's schemas
share one OpenAPI components namespace.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from ninja import Field, Schema
from pydantic import StrictInt

from closeknit.api_schemas import InputSchema, IsoDate
from closeknit.questions import services
from closeknit.questions.models import Reaction
from closeknit.questions.practices import Depth, Practice
from closeknit.questions.selectors import DayState

# Output


class QuestionOut(Schema):
    id: uuid.UUID
    text: str
    practice: Practice
    depth: Depth


class QuestionAnswerOut(Schema):
    id: uuid.UUID
    text: str
    updated_at: dt.datetime


class QuestionReactionOut(Schema):
    id: uuid.UUID
    answer_id: uuid.UUID = Field(description="The answer it is on: mine or my partner's.")
    kind: Reaction.Kind
    by_me: bool
    created_at: dt.datetime


class QuestionCommentOut(Schema):
    id: uuid.UUID
    answer_id: uuid.UUID
    text: str
    by_me: bool
    created_at: dt.datetime


class QuestionDayOut(Schema):
    """One day's question as the person asking may see it."""

    id: uuid.UUID
    date: dt.date = Field(description="The couple's day, in the couple's home time zone.")
    is_bonus: bool = Field(description="Asked from the library, on top of the daily question.")
    state: DayState = Field(
        description="your_turn: I haven't answered; waiting: I have, my partner hasn't; "
        "revealed: we both have."
    )
    question: QuestionOut
    my_answer: QuestionAnswerOut | None
    partner_answered: bool
    partner_answer: QuestionAnswerOut | None = Field(
        description="Null until we have both answered."
    )
    reactions: list[QuestionReactionOut] = Field(description="Empty until we have both answered.")
    comments: list[QuestionCommentOut] = Field(description="Empty until we have both answered.")


class QuestionHistoryOut(Schema):
    count: int
    page: int
    pages: int
    results: list[QuestionDayOut]
    searched_back_to: dt.date | None = Field(
        default=None,
        description=(
            "A search reads up to 90 days at a time, newest first: the oldest day this "
            "one covered, while older days are left to search (else null)."
        ),
    )
    older_until: dt.date | None = Field(
        default=None,
        description="Send as `until` to search the days before; null once the search "
        "has reached the first day.",
    )


class QuestionLibraryOut(Schema):
    count: int
    page: int
    pages: int
    results: list[QuestionOut]


class QuestionStreakOut(Schema):
    days: int = Field(description="Days in a row we both answered; one missed day in seven is ok.")


class CustomQuestionOut(Schema):
    id: uuid.UUID
    text: str
    practice: Practice
    depth: Depth
    deck_id: uuid.UUID
    deck_name: str


class DeckOut(Schema):
    id: uuid.UUID
    name: str
    is_library: bool
    practice: Practice | None = Field(description="Set for the library's decks only.")
    question_count: int
    enabled: bool = Field(description="Whether the daily question draws from it.")


class QuestionSettingsOut(Schema):
    max_depth: Depth
    enabled_decks: list[uuid.UUID]


class DeckFileQuestion(Schema):
    text: str = Field(max_length=services.QUESTION_MAX)
    practice: Practice
    depth: Depth


class DeckFile(Schema):
    """A deck as a file: what export gives and import takes."""

    format: Literal["closeknit-deck"]
    version: Literal[1]
    name: str = Field(max_length=services.DECK_NAME_MAX)
    questions: list[DeckFileQuestion] = Field(min_length=1, max_length=services.DECK_MAX_QUESTIONS)


class ListeningSessionOut(Schema):
    id: uuid.UUID
    topic: str = Field(description="What to talk about: the topic given, or the question's text.")
    question_id: uuid.UUID | None
    speaker_seconds: int
    completed_at: dt.datetime | None


# Input


class AnswerIn(InputSchema):
    text: str = Field(
        description=f"Up to {services.ANSWER_MAX} characters; editable until the partner answers."
    )


class ReactionIn(InputSchema):
    kind: Reaction.Kind


class CommentIn(InputSchema):
    text: str = Field(description=f"Up to {services.COMMENT_MAX} characters.")


class CustomQuestionIn(InputSchema):
    text: str = Field(description=f"Up to {services.QUESTION_MAX} characters.")
    practice: Practice
    depth: Depth


class QuestionSettingsPatch(InputSchema):
    max_depth: Depth | None = None
    enabled_decks: list[uuid.UUID] | None = Field(
        default=None, description="Every deck to draw from; the others are switched off."
    )


class ListeningIn(InputSchema):
    topic: str = Field(default="", description="Leave empty to talk about today's question.")
    question_id: uuid.UUID | None = Field(default=None, description="A question to talk about.")
    minutes: StrictInt = Field(default=2, description="Speaking time for each turn: 1, 2, 3 or 5.")


class HistoryQuery(Schema):
    page: int = Field(default=1, ge=1)
    q: str = Field(default="", max_length=100, description="Search questions and answers.")
    until: IsoDate | None = Field(
        default=None,
        description="With `q`: search from this day back (the `older_until` of the last "
        "search) instead of from today.",
    )


class LibraryQuery(Schema):
    practice: Practice | None = None
    depth: Depth | None = None
    page: int = Field(default=1, ge=1)
