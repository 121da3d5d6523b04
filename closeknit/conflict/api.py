"""Conflict with empathy over JSON.

``POST /coach/analyze`` reads a draft and answers with what it flags; the draft is
neither stored nor logged.

``/conflict/timeouts``: "I need a break". Starting one tells the partner at once;
``current`` is the running break or one that just ended; only its author ends it early.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from closeknit.accounts.models import User
from closeknit.api_schemas import error_responses
from closeknit.conflict import selectors, services
from closeknit.conflict.schemas import (
    CoachFlagOut,
    CoachIn,
    CoachOut,
    CurrentTimeOutOut,
    TimeOutIn,
    TimeOutOut,
)

coach_router = Router(tags=["conflict"])


@coach_router.post("/analyze", response={200: CoachOut, **error_responses(400, 401, 413, 422)})
def analyze(request: HttpRequest, payload: CoachIn) -> CoachOut:
    """Read a draft: the phrases that tend to make a partner defensive, and a gentler start.

    Empty text, or text over 2000 characters, is refused with 400 naming ``text``.
    """
    analysis = selectors.read_draft(payload.text)
    return CoachOut(
        flags=[
            CoachFlagOut(kind=f.kind, start=f.start, end=f.end, explanation=_(f.explanation))
            for f in analysis.flags
        ],
        suggestion=analysis.suggestion,
    )


router = Router(tags=["conflict"])

_WRITE = error_responses(400, 401, 403, 409, 413, 422)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def timeout_out(view: selectors.TimeOutView) -> TimeOutOut:
    timeout = view.timeout
    return TimeOutOut(
        id=timeout.id,
        by_me=view.by_me,
        author_name=view.author_name,
        minutes=timeout.minutes,
        note=timeout.note,
        started_at=timeout.started_at,
        ends_at=timeout.ends_at,
        ended_at=timeout.ended_at,
        running=view.running,
        minutes_left=view.minutes_left,
        soothing=view.soothing,
    )


def _current(user: User) -> CurrentTimeOutOut:
    view = selectors.current_timeout_for(user)
    return CurrentTimeOutOut(timeout=timeout_out(view) if view else None)


@router.post("/timeouts", response={201: CurrentTimeOutOut, **_WRITE})
def start_timeout(request: HttpRequest, payload: TimeOutIn) -> Status[CurrentTimeOutOut]:
    """ "I need a break": 20, 30, 45 or 60 minutes; my partner sees it on Today at once."""
    user = _user(request)
    services.start_timeout(user=user, minutes=payload.minutes, note=payload.note)
    return Status(201, _current(user))


@router.get("/timeouts/current", response={200: CurrentTimeOutOut, **error_responses(401)})
def current_timeout(request: HttpRequest) -> CurrentTimeOutOut:
    """Our running break, or one that just ended (to come back together)."""
    return _current(_user(request))


@router.post("/timeouts/current/end", response={200: CurrentTimeOutOut, **_WRITE})
def end_timeout(request: HttpRequest) -> CurrentTimeOutOut:
    """Come back early from my own break (403 for the partner's, 409 when none runs)."""
    user = _user(request)
    services.end_timeout(user=user)
    return _current(user)
