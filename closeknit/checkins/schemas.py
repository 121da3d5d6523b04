"""The shapes of /api/v1/checkins/: what goes out and what comes in.

Names carry the feature (CheckInOut, CheckInReactionOut) because every app's
schemas share one OpenAPI components namespace.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from ninja import Field, Schema
from pydantic import StrictBool, StrictInt

from closeknit.api_schemas import InputSchema, IsoDate
from closeknit.checkins import services
from closeknit.checkins.selectors import PartnerState

# Literals rather than the models' TextChoices: an enum becomes a named OpenAPI
# component, and "Kind" is already the daily question's reaction kinds.
Tone = Literal["pleasant", "unpleasant"]
ValidatingReaction = Literal["hear_you", "makes_sense", "here_for_you", "thanks_for_sharing", "hug"]

# Output


class CheckInFeelingOut(Schema):
    key: str
    label: str
    family: str


class CheckInNeedOut(Schema):
    key: str
    label: str


class CheckInReactionOut(Schema):
    id: uuid.UUID
    kind: ValidatingReaction
    by_me: bool
    created_at: dt.datetime


class CheckInReplyOut(Schema):
    id: uuid.UUID
    checkin_id: uuid.UUID
    text: str
    by_me: bool
    created_at: dt.datetime


class CheckInOut(Schema):
    """One check-in as the person asking may see it."""

    id: uuid.UUID
    date: dt.date = Field(description="The couple's day, in the couple's home time zone.")
    by_me: bool
    feelings: list[CheckInFeelingOut] = Field(description="One to three, in the order picked.")
    families: list[str] = Field(description="The families of those feelings, each once.")
    intensity: int = Field(ge=1, le=5)
    note: str
    need: CheckInNeedOut | None
    need_text: str
    shared: bool = Field(description="False: just for its author. The partner never sees it.")
    updated_at: dt.datetime
    reactions: list[CheckInReactionOut] = Field(description="The partner's validating reactions.")
    replies: list[CheckInReplyOut]
    help_offered: bool = Field(description='The partner tapped "I can help with that".')


class CheckInGuessOut(Schema):
    skipped: bool = Field(description="Chose to see the check-in without guessing.")
    family: str | None
    intensity: int | None
    score: int | None = Field(
        description="How close, 0-100; null until the check-in it is about is shown. "
        "Family: 60 if right, 30 if only pleasant/unpleasant is right; intensity: "
        "40 minus 10 per step off, at least 0."
    )
    family_points: int | None
    intensity_points: int | None


class CheckInDayOut(Schema):
    """A day of check-ins as the person asking may see it."""

    date: dt.date
    mine: CheckInOut | None
    partner_state: PartnerState = Field(
        description="no_partner: nobody has joined; waiting: my partner hasn't shared a "
        "check-in (a private one counts as none); guess_first: they have, and I haven't "
        "guessed or skipped today; revealed: their check-in is in `partner`."
    )
    partner: CheckInOut | None = Field(description="Null unless partner_state is revealed.")
    can_guess: bool = Field(description="Today, with a partner, and no guess or skip yet.")
    my_guess: CheckInGuessOut | None = Field(
        description="My guess about my partner's day; it waits until they share theirs."
    )
    partner_guess: CheckInGuessOut | None = Field(
        description="My partner's guess about my shared check-in, once they have made it."
    )


class CheckInHistoryOut(Schema):
    count: int
    page: int
    pages: int
    results: list[CheckInDayOut]


class CheckInAccuracySummaryOut(Schema):
    days: int
    guesses: int = Field(description="Guesses about a shared check-in in this time.")
    average: int | None = Field(description="Average closeness, 0-100; null without guesses.")


class CheckInAccuracyOut(Schema):
    mine_30: CheckInAccuracySummaryOut = Field(description="My guesses at my partner.")
    mine_90: CheckInAccuracySummaryOut
    partner_30: CheckInAccuracySummaryOut = Field(description="My partner's guesses at me.")
    partner_90: CheckInAccuracySummaryOut


class CheckInFamilyMonthOut(Schema):
    month: dt.date = Field(description="The first day of the month.")
    family: str
    mine: int = Field(description="My check-ins naming this family, private ones included.")
    partner: int = Field(description="My partner's shared check-ins naming this family.")


class CheckInFeelingsOut(Schema):
    since: dt.date
    until: dt.date
    results: list[CheckInFamilyMonthOut] = Field(
        description="Every month in the range times every family, zeros included."
    )


class VocabularyFeelingOut(Schema):
    key: str
    label: str
    description: str


class VocabularyFamilyOut(Schema):
    key: str
    label: str
    tone: Tone
    description: str
    feelings: list[VocabularyFeelingOut]


class VocabularyNeedOut(Schema):
    key: str
    label: str
    description: str


class VocabularyReactionOut(Schema):
    kind: ValidatingReaction
    label: str


class CheckInVocabularyOut(Schema):
    families: list[VocabularyFamilyOut]
    needs: list[VocabularyNeedOut]
    reactions: list[VocabularyReactionOut]


# Input


class CheckInIn(InputSchema):
    feelings: list[str] = Field(description="One to three feeling keys from /vocabulary.")
    intensity: StrictInt = Field(description="1 (a little) to 5 (very strongly).")
    note: str = Field(default="", description=f"Up to {services.NOTE_MAX} characters.")
    need: str = Field(default="", description="A need key from /vocabulary, or empty.")
    need_text: str = Field(
        default="", description=f"In my own words, up to {services.NEED_TEXT_MAX} characters."
    )
    shared: StrictBool = Field(default=True, description="False keeps it just for me.")


class CheckInGuessIn(InputSchema):
    family: str = Field(description="A family key from /vocabulary.")
    intensity: StrictInt = Field(description="1 to 5.")


class CheckInReactionIn(InputSchema):
    kind: ValidatingReaction


class CheckInReplyIn(InputSchema):
    text: str = Field(description=f"Up to {services.REPLY_MAX} characters.")


class CheckInHistoryQuery(Schema):
    page: int = Field(default=1, ge=1)


class CheckInFeelingsQuery(Schema):
    since: IsoDate | None = Field(default=None, description="Default: a year before until.")
    until: IsoDate | None = Field(default=None, description="Default: the couple's today.")
