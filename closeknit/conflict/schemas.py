"""Shapes of the conflict API: the coach, time-outs and repairs."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from ninja import Schema
from pydantic import Field

from closeknit.api_schemas import InputSchema

CoachKind = Literal["criticism", "contempt", "defensiveness", "stonewalling", "blame"]


class CoachIn(InputSchema):
    text: str = Field(description="The draft, up to 2000 characters. It is not stored.")


class CoachFlagOut(Schema):
    kind: CoachKind
    start: int = Field(description="Character offset where the phrase starts in text.")
    end: int = Field(description="Character offset just after the phrase.")
    explanation: str


class CoachOut(Schema):
    flags: list[CoachFlagOut]
    suggestion: str | None = Field(
        description="An “I” statement to start from, with [feeling], [situation], [need] "
        "and [request] left for the writer where the draft did not say; null when "
        "nothing was flagged."
    )


class TimeOutIn(InputSchema):
    minutes: Literal[20, 30, 45, 60] = Field(
        description="20 at least: a racing heart needs about twenty minutes to settle."
    )
    note: str = ""


class TimeOutOut(Schema):
    id: UUID
    by_me: bool
    author_name: str
    minutes: int
    note: str
    started_at: datetime
    ends_at: datetime
    ended_at: datetime | None
    running: bool
    minutes_left: int
    soothing: str


class CurrentTimeOutOut(Schema):
    timeout: TimeOutOut | None = Field(
        description="The running break, or one that ended in the last three hours; "
        "null when there is none."
    )
