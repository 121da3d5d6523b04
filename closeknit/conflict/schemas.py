"""Shapes of the conflict API: the coach, time-outs and repairs."""

from __future__ import annotations

from typing import Literal

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
