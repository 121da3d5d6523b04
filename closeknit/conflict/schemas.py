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
    start: int = Field(
        description=(
            "Where the phrase starts in text, counted in Unicode code points (in a "
            "JavaScript string, an emoji before it counts twice: use Array.from(text))."
        )
    )
    end: int = Field(description="Just after the phrase, counted the same way.")
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


RepairState = Literal["writing", "revealed", "agreed", "forgiven"]


class RepairStartIn(InputSchema):
    title: str = Field(description="A few words both will recognise, up to 120 characters.")


class RepairSideIn(InputSchema):
    feelings: list[str] = Field(description="One to three keys from the feelings vocabulary.")
    trigger: str = ""
    my_part: str = ""
    need: str = ""
    differently: str = ""


class RepairAgreementIn(InputSchema):
    agreement: str = Field(description="Up to 500 characters; the partner accepts it anew.")


class RepairFeelingOut(Schema):
    key: str
    label: str


class RepairSideOut(Schema):
    feelings: list[RepairFeelingOut]
    trigger: str
    my_part: str
    need: str
    differently: str
    done: bool


class RepairOut(Schema):
    id: UUID
    title: str
    state: RepairState
    created_at: datetime
    mine: RepairSideOut | None
    theirs: RepairSideOut | None = Field(
        description="The partner's side: null until both sides are done."
    )
    partner_done: bool
    agreement: str
    agreement_by_me: bool
    i_accepted: bool
    partner_accepted: bool
    i_forgave: bool
    partner_forgave: bool


class RepairSummaryOut(Schema):
    id: UUID
    title: str
    state: RepairState
    created_at: datetime


class RepairListOut(Schema):
    count: int
    page: int
    pages: int
    results: list[RepairSummaryOut]
