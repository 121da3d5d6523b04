"""The shapes of /api/v1/closeness/: what goes out and what comes in.

Names carry the feature (ClosenessMonthOut) because every app's schemas share one
OpenAPI components namespace.
"""

from __future__ import annotations

from ninja import Field, Schema
from pydantic import StrictInt

from closeknit.api_schemas import InputSchema
from closeknit.closeness.items import SCALE_MAX, SCALE_MIN, GroupKind
from closeknit.closeness.models import Focus
from closeknit.closeness.selectors import MonthState
from closeknit.questions.practices import Practice

# Output


class ClosenessItemOut(Schema):
    key: str = Field(description="Send answers under this key.")
    kind: GroupKind
    group: str = Field(description="The sign or practice it belongs to, or 'circles'.")
    group_label: str
    text: str
    low_label: str = Field(description=f"What {SCALE_MIN} means.")
    high_label: str = Field(description=f"What {SCALE_MAX} means.")


class ClosenessPictureOut(Schema):
    value: int
    description: str
    distance: float = Field(description="Centre-to-centre distance of the circles, in radii.")


class ClosenessItemsOut(Schema):
    scale_min: int
    scale_max: int
    items: list[ClosenessItemOut]
    pictures: list[ClosenessPictureOut] = Field(description="The options of the circles item.")
    note: str = Field(description="What the scores are, and what they are not.")


class ClosenessScoresOut(Schema):
    """Scores 0-100: the app's own reflections, not a clinical or validated measure."""

    overall: int = Field(description="Mean of the five signs, eight practices and the picture.")
    signs: dict[str, int]
    practices: dict[str, int]
    circles: int | None


class ClosenessGapOut(Schema):
    group: str
    label: str
    mine: int
    partner: int
    prompt: str = Field(description="Something to talk about, never a verdict.")


class ClosenessMonthOut(Schema):
    """One month of the check as the person asking may see it."""

    month: str = Field(description="YYYY-MM, on the couple's own calendar.")
    state: MonthState = Field(
        description="your_turn: I haven't completed it; waiting: I have, my partner hasn't; "
        "revealed: we both have."
    )
    partner_completed: bool
    can_edit: bool = Field(description="Answers can change until both of us have completed.")
    my_answers: dict[str, int] | None
    mine: ClosenessScoresOut | None
    partner: ClosenessScoresOut | None = Field(description="Null until we have both completed.")
    gaps: list[ClosenessGapOut] = Field(description="Empty until we have both completed.")


class ClosenessResultsOut(Schema):
    current: ClosenessMonthOut
    months: list[ClosenessMonthOut] = Field(
        description="Months I completed in the last two years (this one included), oldest first."
    )
    earlier_months: list[str] = Field(
        description="Months I completed before those, as YYYY-MM, newest first: "
        "read each from /results/{month}."
    )


class ClosenessSuggestionOut(Schema):
    feature: str
    text: str
    link_text: str
    url: str


class ClosenessFocusOut(Schema):
    practice: Practice
    label: str
    month: str
    source: Focus.Source
    chosen_by_me: bool
    suggestions: list[ClosenessSuggestionOut]


class ClosenessFocusStateOut(Schema):
    focus: ClosenessFocusOut | None = Field(description="Null until this month has a focus.")


# Input


class ClosenessCheckIn(InputSchema):
    answers: dict[str, StrictInt] = Field(
        description=f"Every item's key with a whole number from {SCALE_MIN} to {SCALE_MAX}."
    )


class ClosenessFocusIn(InputSchema):
    practice: Practice
