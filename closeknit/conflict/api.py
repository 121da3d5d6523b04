"""Conflict with empathy over JSON.

``POST /coach/analyze`` reads a draft and answers with what it flags; the draft is
neither stored nor logged.

``/conflict/timeouts``: "I need a break". Starting one tells the partner at once;
``current`` is the running break or one that just ended; only its author ends it early.

``/conflict/repairs``: a repair after a fight. My side is mine alone until both
sides are done; then one agreement both accept, then forgiveness from each.
"""

from __future__ import annotations

import uuid

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from closeknit.accounts.models import User
from closeknit.api_schemas import error_responses
from closeknit.conflict import selectors, services
from closeknit.conflict.schemas import (
    CoachFlagOut,
    CoachIn,
    CoachOut,
    CurrentTimeOutOut,
    RepairAgreementIn,
    RepairFeelingOut,
    RepairListOut,
    RepairOut,
    RepairSideIn,
    RepairSideOut,
    RepairStartIn,
    RepairSummaryOut,
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


def _side_out(view: selectors.SideView | None) -> RepairSideOut | None:
    if view is None:
        return None
    side = view.side
    return RepairSideOut(
        feelings=[RepairFeelingOut(key=f.key, label=str(f.label)) for f in view.feelings],
        trigger=side.trigger,
        my_part=side.my_part,
        need=side.need,
        differently=side.differently,
        done=view.done,
    )


def repair_out(view: selectors.RepairView) -> RepairOut:
    repair = view.repair
    return RepairOut(
        id=repair.id,
        title=repair.title,
        state=view.state,  # type: ignore[arg-type]
        created_at=repair.created_at,
        mine=_side_out(view.mine),
        theirs=_side_out(view.theirs),
        partner_done=view.partner_done,
        agreement=repair.agreement,
        agreement_by_me=view.agreement_by_me,
        i_accepted=view.i_accepted,
        partner_accepted=view.partner_accepted,
        i_forgave=view.i_forgave,
        partner_forgave=view.partner_forgave,
    )


def _repair(user: User, repair_id: uuid.UUID) -> RepairOut:
    return repair_out(selectors.get_repair_for(user, repair_id))


class RepairListQuery(Schema):
    page: int = 1


_REPAIR_WRITE = error_responses(400, 401, 404, 409, 413, 422)


@router.get("/repairs", response={200: RepairListOut, **error_responses(401, 422)})
def list_repairs(request: HttpRequest, filters: Query[RepairListQuery]) -> RepairListOut:
    """Our repairs with their state, newest first, twenty a page."""
    result = selectors.repairs_for(_user(request), page_number=filters.page)
    page = result.page
    return RepairListOut(
        count=page.paginator.count,
        page=page.number,
        pages=page.paginator.num_pages,
        results=[
            RepairSummaryOut(
                id=v.repair.id,
                title=v.repair.title,
                state=v.state,  # type: ignore[arg-type]
                created_at=v.repair.created_at,
            )
            for v in result.repairs
        ],
    )


@router.post("/repairs", response={201: RepairOut, **error_responses(400, 401, 413, 422)})
def start_repair(request: HttpRequest, payload: RepairStartIn) -> Status[RepairOut]:
    """Start a repair about a short title."""
    user = _user(request)
    repair = services.start_repair(user=user, title=payload.title)
    return Status(201, _repair(user, repair.id))


@router.get("/repairs/{repair_id}", response={200: RepairOut, **error_responses(401, 404, 422)})
def get_repair(request: HttpRequest, repair_id: uuid.UUID) -> RepairOut:
    """One repair; the partner's side is null until both sides are done."""
    return _repair(_user(request), repair_id)


@router.put("/repairs/{repair_id}/side", response={200: RepairOut, **_REPAIR_WRITE})
def save_side(request: HttpRequest, repair_id: uuid.UUID, payload: RepairSideIn) -> RepairOut:
    """Write or rewrite my side, until I mark it done (409 after)."""
    user = _user(request)
    services.save_repair_side(user=user, repair_id=repair_id, **payload.dict())
    return _repair(user, repair_id)


@router.post("/repairs/{repair_id}/side/done", response={200: RepairOut, **_REPAIR_WRITE})
def finish_side(request: HttpRequest, repair_id: uuid.UUID) -> RepairOut:
    """Mark my side done; both are revealed once both are done."""
    user = _user(request)
    services.finish_repair_side(user=user, repair_id=repair_id)
    return _repair(user, repair_id)


@router.put("/repairs/{repair_id}/agreement", response={200: RepairOut, **_REPAIR_WRITE})
def set_agreement(
    request: HttpRequest, repair_id: uuid.UUID, payload: RepairAgreementIn
) -> RepairOut:
    """Draft or change our agreement (after both sides are done); my partner accepts anew."""
    user = _user(request)
    services.set_repair_agreement(user=user, repair_id=repair_id, text=payload.agreement)
    return _repair(user, repair_id)


@router.post("/repairs/{repair_id}/agreement/accept", response={200: RepairOut, **_REPAIR_WRITE})
def accept_agreement(request: HttpRequest, repair_id: uuid.UUID) -> RepairOut:
    """Accept the agreement as it now reads."""
    user = _user(request)
    services.accept_repair_agreement(user=user, repair_id=repair_id)
    return _repair(user, repair_id)


@router.post("/repairs/{repair_id}/forgive", response={200: RepairOut, **_REPAIR_WRITE})
def forgive(request: HttpRequest, repair_id: uuid.UUID) -> RepairOut:
    """ "I forgive and let this go", once we both accepted the agreement."""
    user = _user(request)
    services.forgive_repair(user=user, repair_id=repair_id)
    return _repair(user, repair_id)
