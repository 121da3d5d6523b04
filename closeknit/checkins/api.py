"""The feelings check-in over JSON: /api/v1/checkins/.

Every day object is built from ``selectors.today_card_for`` / ``history_for``, which
load a partner's private check-in for nobody and keep the partner's shared one of
today behind the guess; nothing here reads check-ins on its own.

Guessing: ``POST /today/guess`` names a feeling family and an intensity, once a
day, before seeing; it may come before the partner checks in and is then shown
with its score when they share. ``POST /today/skip`` shows their check-in without
guessing. Either is final for the day.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import cast

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from closeknit.accounts.models import User
from closeknit.api_schemas import error_responses
from closeknit.checkins import selectors, services
from closeknit.checkins.models import VALIDATING_REACTIONS
from closeknit.checkins.schemas import (
    CheckInAccuracyOut,
    CheckInAccuracySummaryOut,
    CheckInDayOut,
    CheckInFamilyMonthOut,
    CheckInFeelingOut,
    CheckInFeelingsOut,
    CheckInFeelingsQuery,
    CheckInGuessIn,
    CheckInGuessOut,
    CheckInHistoryOut,
    CheckInHistoryQuery,
    CheckInIn,
    CheckInNeedOut,
    CheckInOut,
    CheckInReactionIn,
    CheckInReactionOut,
    CheckInReplyIn,
    CheckInReplyOut,
    CheckInVocabularyOut,
    Tone,
    ValidatingReaction,
    VocabularyFamilyOut,
    VocabularyFeelingOut,
    VocabularyNeedOut,
    VocabularyReactionOut,
)
from closeknit.checkins.selectors import CheckInDay, CheckInView, GuessView
from closeknit.checkins.vocabulary import FAMILIES, NEEDS
from closeknit.lib.errors import ServiceError
from closeknit.questions.selectors import day_of

router = Router(tags=["checkins"])

FEELINGS_MAX_DAYS = 3 * 366


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


# Building the output


def checkin_out(view: CheckInView, me: User) -> CheckInOut:
    checkin = view.checkin
    need = checkin.need_item
    return CheckInOut(
        id=checkin.id,
        date=checkin.date,
        by_me=view.is_mine,
        feelings=[
            CheckInFeelingOut(key=f.key, label=str(f.label), family=f.family)
            for f in checkin.feeling_list
        ],
        families=checkin.families,
        intensity=checkin.intensity,
        note=checkin.note,
        need=CheckInNeedOut(key=need.key, label=str(need.label)) if need else None,
        need_text=checkin.need_text,
        shared=checkin.is_shared,
        updated_at=checkin.updated_at,
        reactions=[
            CheckInReactionOut(
                id=r.id,
                kind=cast(ValidatingReaction, r.kind),
                by_me=r.author_id == me.pk,
                created_at=r.created_at,
            )
            for r in view.reactions
        ],
        replies=[
            CheckInReplyOut(
                id=r.id,
                checkin_id=checkin.id,
                text=r.text,
                by_me=r.author_id == me.pk,
                created_at=r.created_at,
            )
            for r in view.replies
        ],
        help_offered=view.help_offered,
    )


def _guess_out(view: GuessView | None) -> CheckInGuessOut | None:
    if view is None:
        return None
    guess, closeness = view.guess, view.closeness
    return CheckInGuessOut(
        skipped=guess.skipped,
        family=guess.family or None,
        intensity=guess.intensity,
        score=closeness.score if closeness else None,
        family_points=closeness.family_points if closeness else None,
        intensity_points=closeness.intensity_points if closeness else None,
    )


def day_out(day: CheckInDay) -> CheckInDayOut:
    # The selectors already leave the partner's check-in out unless revealed;
    # checking the state again here keeps a later change there from leaking.
    revealed = day.partner_state == "revealed" and day.partner_checkin is not None
    return CheckInDayOut(
        date=day.day,
        mine=checkin_out(day.mine, day.me) if day.mine else None,
        partner_state=day.partner_state,
        partner=checkin_out(day.partner_checkin, day.me)
        if revealed and day.partner_checkin
        else None,
        can_guess=day.can_guess,
        my_guess=_guess_out(day.my_guess),
        partner_guess=_guess_out(day.partner_guess),
    )


def _today(user: User) -> CheckInDayOut:
    return day_out(selectors.checkin_day_for(user, selectors.couple_of(user)))


def _summary_out(summary: selectors.AccuracySummary) -> CheckInAccuracySummaryOut:
    return CheckInAccuracySummaryOut(
        days=summary.days, guesses=summary.guesses, average=summary.average
    )


_WRITE = error_responses(400, 401, 404, 409, 413, 422)


# Today


@router.get("/vocabulary", response={200: CheckInVocabularyOut, **error_responses(401)})
def vocabulary(request: HttpRequest) -> CheckInVocabularyOut:
    """Every feeling by family, every need, and the reactions, with their descriptions."""
    return CheckInVocabularyOut(
        families=[
            VocabularyFamilyOut(
                key=family.key,
                label=str(family.label),
                tone=cast(Tone, family.tone),
                description=str(family.description),
                feelings=[
                    VocabularyFeelingOut(
                        key=f.key, label=str(f.label), description=str(f.description)
                    )
                    for f in family.feelings
                ],
            )
            for family in FAMILIES
        ],
        needs=[
            VocabularyNeedOut(key=n.key, label=str(n.label), description=str(n.description))
            for n in NEEDS
        ],
        reactions=[
            VocabularyReactionOut(kind=cast(ValidatingReaction, kind.value), label=str(kind.label))
            for kind in VALIDATING_REACTIONS
        ],
    )


@router.get("/today", response={200: CheckInDayOut, **error_responses(401)})
def today(request: HttpRequest) -> CheckInDayOut:
    """Today: my check-in, and my partner's once I have guessed or skipped."""
    return _today(_user(request))


@router.put("/today", response={200: CheckInDayOut, **_WRITE})
def save_today(request: HttpRequest, payload: CheckInIn) -> CheckInDayOut:
    """Check in for today, or change today's check-in. Shared unless ``shared`` is false."""
    user = _user(request)
    services.save_checkin(
        user=user,
        feelings=payload.feelings,
        intensity=payload.intensity,
        note=payload.note,
        need=payload.need,
        need_text=payload.need_text,
        shared=payload.shared,
    )
    return _today(user)


@router.post("/today/guess", response={200: CheckInDayOut, **_WRITE})
def guess(request: HttpRequest, payload: CheckInGuessIn) -> CheckInDayOut:
    """Guess how my partner feels today, before seeing it (once a day; 409 after)."""
    user = _user(request)
    services.make_guess(user=user, family=payload.family, intensity=payload.intensity)
    return _today(user)


@router.post("/today/skip", response={200: CheckInDayOut, **_WRITE})
def skip(request: HttpRequest) -> CheckInDayOut:
    """See my partner's check-in today without guessing."""
    user = _user(request)
    services.skip_guess(user=user)
    return _today(user)


@router.get("/history", response={200: CheckInHistoryOut, **error_responses(401, 422)})
def history(request: HttpRequest, filters: Query[CheckInHistoryQuery]) -> CheckInHistoryOut:
    """Days with my check-ins and my partner's shared ones, newest first."""
    result = selectors.history_for(_user(request), page_number=filters.page)
    page = result.page
    return CheckInHistoryOut(
        count=page.paginator.count,
        page=page.number,
        pages=page.paginator.num_pages,
        results=[day_out(day) for day in result.days],
    )


@router.get("/accuracy", response={200: CheckInAccuracyOut, **error_responses(401)})
def accuracy(request: HttpRequest) -> CheckInAccuracyOut:
    """How close our guesses came over 30 and 90 days, for each of us."""
    user = _user(request)
    couple = selectors.couple_of(user)
    if couple is None:
        empty = [selectors.AccuracySummary(days=d, guesses=0, average=None) for d in (30, 90)]
        overview = selectors.AccuracyOverview(empty[0], empty[1], empty[0], empty[1])
    else:
        overview = selectors.accuracy_overview(user, couple)
    return CheckInAccuracyOut(
        mine_30=_summary_out(overview.mine_30),
        mine_90=_summary_out(overview.mine_90),
        partner_30=_summary_out(overview.partner_30),
        partner_90=_summary_out(overview.partner_90),
    )


@router.get("/feelings", response={200: CheckInFeelingsOut, **error_responses(400, 401, 422)})
def feelings(request: HttpRequest, filters: Query[CheckInFeelingsQuery]) -> CheckInFeelingsOut:
    """Which families of feelings came up, month by month: mine, and my partner's shared."""
    user = _user(request)
    couple = selectors.couple_of(user)
    until = filters.until or (day_of(couple) if couple else selectors.empty_day(user).day)
    since = filters.since or until.replace(day=1) - timedelta(days=335)
    if since > until:
        raise ServiceError(_("Start on or before the end date."), field="since")
    if (until - since).days > FEELINGS_MAX_DAYS:
        raise ServiceError(_("Ask for at most three years at a time."), field="since")
    rows = (
        selectors.feelings_by_family(couple, since, until, viewer=user)
        if couple is not None
        else []
    )
    return CheckInFeelingsOut(
        since=since,
        until=until,
        results=[
            CheckInFamilyMonthOut(
                month=row.month, family=row.family, mine=row.mine, partner=row.partner
            )
            for row in rows
        ],
    )


# Responding


@router.post("/{uuid:checkin_id}/reactions", response={200: CheckInOut, **_WRITE})
def react(request: HttpRequest, checkin_id: uuid.UUID, payload: CheckInReactionIn) -> CheckInOut:
    """Add a validating reaction to my partner's check-in, or take it back."""
    user = _user(request)
    checkin = selectors.get_checkin_for(user, checkin_id)
    services.toggle_reaction(user=user, checkin=checkin, kind=payload.kind)
    return checkin_out(selectors.checkin_view_for(user, checkin), user)


@router.post("/{uuid:checkin_id}/replies", response={201: CheckInReplyOut, **_WRITE})
def reply(
    request: HttpRequest, checkin_id: uuid.UUID, payload: CheckInReplyIn
) -> Status[CheckInReplyOut]:
    """Reply under a shared check-in (mine or my partner's)."""
    user = _user(request)
    checkin = selectors.get_checkin_for(user, checkin_id)
    created = services.add_reply(user=user, checkin=checkin, text=payload.text)
    return Status(
        201,
        CheckInReplyOut(
            id=created.id,
            checkin_id=checkin.id,
            text=created.text,
            by_me=True,
            created_at=created.created_at,
        ),
    )


@router.put("/{uuid:checkin_id}/help", response={200: CheckInOut, **_WRITE})
def offer_help(request: HttpRequest, checkin_id: uuid.UUID) -> CheckInOut:
    """Tap "I can help with that" on my partner's need; my partner sees it."""
    return _set_help(request, checkin_id, offered=True)


@router.delete("/{uuid:checkin_id}/help", response={200: CheckInOut, **_WRITE})
def withdraw_help(request: HttpRequest, checkin_id: uuid.UUID) -> CheckInOut:
    """Take back an offer of help."""
    return _set_help(request, checkin_id, offered=False)


def _set_help(request: HttpRequest, checkin_id: uuid.UUID, *, offered: bool) -> CheckInOut:
    user = _user(request)
    checkin = selectors.get_checkin_for(user, checkin_id)
    services.set_help_offer(user=user, checkin=checkin, offered=offered)
    return checkin_out(selectors.checkin_view_for(user, checkin), user)
