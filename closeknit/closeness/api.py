"""The closeness check over JSON: /api/v1/closeness/.

Every month object is built from ``selectors`` month views, which apply the reveal
rule; nothing here reads a check on its own, so a partner's answers and scores can
only appear once both partners completed that month.
"""

from __future__ import annotations

import re
from datetime import date

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from closeknit.accounts.models import User
from closeknit.api_schemas import error_responses
from closeknit.closeness import selectors, services
from closeknit.closeness.items import CIRCLES_OPTIONS, ITEMS, SCALE_MAX, SCALE_MIN, group_label
from closeknit.closeness.models import Focus
from closeknit.closeness.schemas import (
    ClosenessCheckIn,
    ClosenessFocusIn,
    ClosenessFocusOut,
    ClosenessFocusStateOut,
    ClosenessGapOut,
    ClosenessItemOut,
    ClosenessItemsOut,
    ClosenessMonthOut,
    ClosenessPictureOut,
    ClosenessResultsOut,
    ClosenessScoresOut,
    ClosenessSuggestionOut,
)
from closeknit.closeness.scoring import Scores, rounded
from closeknit.closeness.selectors import FocusView, MonthView
from closeknit.couples.models import Couple
from closeknit.couples.selectors import get_couple_for, partner_of
from closeknit.couples.services import ensure_couple
from closeknit.lib.errors import ServiceError
from closeknit.questions.practices import Practice

router = Router(tags=["closeness"])

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _couple(user: User) -> Couple:
    # The couple read with the person; a couple of one is made only for someone who
    # has none yet (ensure_couple writes, so it is not the way to read it).
    return get_couple_for(user) or ensure_couple(user=user)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def note() -> str:
    return _(
        "Scores are Closeknit's own reflections on your answers, from 0 to 100. They are not "
        "a clinical or validated measure."
    )


def scores_out(scores: Scores | None) -> ClosenessScoresOut | None:
    if scores is None or scores.overall_shown is None:
        return None
    return ClosenessScoresOut(
        overall=scores.overall_shown,
        signs={group: rounded(score) for group, score in scores.signs().items()},
        practices={group: rounded(score) for group, score in scores.practices().items()},
        circles=scores.shown("circles"),
    )


def month_out(view: MonthView) -> ClosenessMonthOut:
    # The partner's side comes only through their_scores and gaps, which are both
    # empty until the month is revealed; checking again here keeps a later change
    # in the selector from leaking through the API.
    revealed = view.revealed
    return ClosenessMonthOut(
        month=f"{view.month:%Y-%m}",
        state=view.state,
        partner_completed=view.partner_done,
        can_edit=view.can_edit,
        my_answers=dict(view.mine.answers) if view.mine else None,
        mine=scores_out(view.my_scores),
        partner=scores_out(view.their_scores) if revealed else None,
        gaps=[
            ClosenessGapOut(
                group=gap.group,
                label=gap.label,
                mine=gap.mine,
                partner=gap.theirs,
                prompt=gap.prompt,
            )
            for gap in (view.gaps if revealed else [])
        ],
    )


def focus_out(focus: FocusView) -> ClosenessFocusOut:
    return ClosenessFocusOut(
        practice=Practice(focus.practice),
        label=focus.label,
        month=f"{focus.month:%Y-%m}",
        source=Focus.Source(focus.source),
        chosen_by_me=focus.chosen_by_me,
        suggestions=[
            ClosenessSuggestionOut(feature=s.feature, text=s.text, link_text=s.link_text, url=s.url)
            for s in focus.suggestions
        ],
    )


@router.get("/items", response={200: ClosenessItemsOut, **error_responses(401)})
def items(request: HttpRequest) -> ClosenessItemsOut:
    """The check's items in order: ten for the five signs, eight for the practices, and
    the circles picture. Each is answered with a whole number on the same scale."""
    return ClosenessItemsOut(
        scale_min=SCALE_MIN,
        scale_max=SCALE_MAX,
        items=[
            ClosenessItemOut(
                key=item.key,
                kind=item.kind,
                group=item.group,
                group_label=group_label(item.group),
                text=str(item.text),
                low_label=str(item.low),
                high_label=str(item.high),
            )
            for item in ITEMS
        ],
        pictures=[
            ClosenessPictureOut(
                value=option.value, description=str(option.description), distance=option.distance
            )
            for option in CIRCLES_OPTIONS
        ],
        note=note(),
    )


def _current(user: User) -> ClosenessMonthOut:
    couple = _couple(user)
    return month_out(selectors.month_view_for(user, couple, selectors.month_of(couple)))


@router.get("/check", response={200: ClosenessMonthOut, **error_responses(401)})
def current_check(request: HttpRequest) -> ClosenessMonthOut:
    """This month's check as I may see it: my answers, and both results once we've both done it."""
    return _current(_user(request))


@router.post(
    "/check", response={200: ClosenessMonthOut, **error_responses(400, 401, 409, 413, 422)}
)
def submit(request: HttpRequest, payload: ClosenessCheckIn) -> ClosenessMonthOut:
    """Save my answers to this month's check, or change them until my partner has completed
    it too (then 409). A missing, unknown or out-of-range answer is refused by its key."""
    user = _user(request)
    try:
        services.submit_check(user=user, answers=payload.answers)
    except ServiceError as error:
        if error.field and error.field != "answers":
            error.field = f"answers.{error.field}"
        raise
    return _current(user)


@router.get("/results", response={200: ClosenessResultsOut, **error_responses(401)})
def results(request: HttpRequest) -> ClosenessResultsOut:
    """The months I completed in the last two years, oldest first, my partner's side only for
    months we both did; and the names of my earlier months, each at /results/{month}."""
    user = _user(request)
    couple = _couple(user)
    overview = selectors.trend_overview_for(user, couple, partner_of(user))
    return ClosenessResultsOut(
        current=month_out(overview.current),
        months=[month_out(view) for view in overview.months],
        earlier_months=[
            view.month.strftime("%Y-%m") for view in selectors.earlier_months_for(user, couple)
        ],
    )


@router.get("/results/{month}", response={200: ClosenessMonthOut, **error_responses(401, 404)})
def month_results(request: HttpRequest, month: str) -> ClosenessMonthOut:
    """One month (YYYY-MM) I completed; 404 for a month I didn't."""
    match = _MONTH.match(month)
    try:
        first_day = date(int(match[1]), int(match[2]), 1) if match else None
    except ValueError:
        first_day = None
    if first_day is None:
        raise Http404
    user = _user(request)
    view = selectors.month_view_for(user, _couple(user), first_day)
    if view.mine is None:
        raise Http404
    return month_out(view)


@router.get("/focus", response={200: ClosenessFocusStateOut, **error_responses(401)})
def get_focus(request: HttpRequest) -> ClosenessFocusStateOut:
    """This month's focus and three things to try, or null before there is one."""
    user = _user(request)
    focus = selectors.focus_for(user, _couple(user))
    return ClosenessFocusStateOut(focus=focus_out(focus) if focus else None)


@router.put("/focus", response={200: ClosenessFocusOut, **error_responses(400, 401, 413, 422)})
def put_focus(request: HttpRequest, payload: ClosenessFocusIn) -> ClosenessFocusOut:
    """Pick this month's focus; the daily question leans toward it. Either of us can."""
    user = _user(request)
    services.set_focus(user=user, practice=payload.practice.value)
    focus = selectors.focus_for(user, _couple(user))
    assert focus is not None
    return focus_out(focus)
