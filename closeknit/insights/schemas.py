"""The shapes of /api/v1/insights: the numbers behind the Insights page's charts."""

from __future__ import annotations

from ninja import Field, Schema

from closeknit.closeness.schemas import ClosenessGapOut
from closeknit.questions.practices import Practice


class InsightsPracticeOut(Schema):
    practice: Practice
    label: str
    days: int = Field(description="Days in the window on which either of us used it.")


class InsightsClosenessMonthOut(Schema):
    month: str = Field(description="YYYY-MM, a month I completed the closeness check.")
    mine: int = Field(description="My overall score, 0-100.")
    partner: int | None = Field(description="Null unless we both completed that month.")


class InsightsFamilyOut(Schema):
    family: str
    label: str
    tone: str = Field(description="pleasant or unpleasant")
    counts: list[int] = Field(description="Check-ins naming it, one number per feeling month.")
    total: int


class InsightsAccuracyOut(Schema):
    days: int
    guesses: int
    average: int | None = Field(description="How close the guesses came, 0-100; null if none.")


class InsightsGuessesOut(Schema):
    mine_30: InsightsAccuracyOut
    mine_90: InsightsAccuracyOut
    partner_30: InsightsAccuracyOut = Field(description="My partner's guesses about me.")
    partner_90: InsightsAccuracyOut


class InsightsOut(Schema):
    days: int = Field(description="The practice balance window, in days up to today.")
    practice_balance: list[InsightsPracticeOut]
    closeness: list[InsightsClosenessMonthOut] = Field(description="Oldest first.")
    gaps_month: str | None = Field(description="The latest month we both completed.")
    gaps: list[ClosenessGapOut] = Field(description="Where our views differed most that month.")
    note: str
    feeling_months: list[str] = Field(description="YYYY-MM, the last three months, oldest first.")
    feelings: list[InsightsFamilyOut] = Field(
        description="Families named in my check-ins and my partner's shared ones, most first."
    )
    guess_accuracy: InsightsGuessesOut
