"""Insights over JSON: /api/v1/insights, the data behind the charts.

The closeness part is built from ``closeness.selectors`` month views, so a partner's
score appears only for months both partners completed.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from closeknit.accounts.models import User
from closeknit.api_schemas import error_responses
from closeknit.checkins.selectors import AccuracySummary
from closeknit.closeness.api import month_out, note
from closeknit.couples.selectors import get_couple_for, partner_of
from closeknit.couples.services import ensure_couple
from closeknit.insights.schemas import (
    InsightsAccuracyOut,
    InsightsClosenessMonthOut,
    InsightsFamilyOut,
    InsightsGuessesOut,
    InsightsOut,
    InsightsPracticeOut,
)
from closeknit.insights.selectors import insights_for
from closeknit.questions.practices import Practice

router = Router(tags=["insights"])


def _accuracy(summary: AccuracySummary) -> InsightsAccuracyOut:
    return InsightsAccuracyOut(days=summary.days, guesses=summary.guesses, average=summary.average)


@router.get("", response={200: InsightsOut, **error_responses(401)})
def insights(request: HttpRequest) -> InsightsOut:
    """The practice balance of the last 30 days, my closeness trend of the last 12 months
    with my partner's for the months we both completed, where our views differed most
    most recently, the feelings our check-ins named over three months, and how close our
    guesses came."""
    user = request.user
    assert isinstance(user, User)
    overview = insights_for(
        user, get_couple_for(user) or ensure_couple(user=user), partner_of(user)
    )
    latest = overview.closeness.latest_revealed
    months = []
    for view in overview.closeness.months:
        mine, theirs = view.my_scores, view.their_scores
        if mine is None or mine.overall_shown is None:
            continue
        months.append(
            InsightsClosenessMonthOut(
                month=f"{view.month:%Y-%m}",
                mine=mine.overall_shown,
                partner=theirs.overall_shown if theirs and view.revealed else None,
            )
        )
    return InsightsOut(
        days=30,
        practice_balance=[
            InsightsPracticeOut(practice=Practice(row.practice), label=row.label, days=row.days)
            for row in overview.balance
        ],
        closeness=months,
        gaps_month=f"{latest.month:%Y-%m}" if latest else None,
        gaps=month_out(latest).gaps if latest else [],
        note=note(),
        feeling_months=[f"{month:%Y-%m}" for month in overview.feeling_months],
        feelings=[
            InsightsFamilyOut(
                family=count.family,
                label=count.label,
                tone=count.tone,
                counts=count.by_month,
                total=count.total,
            )
            for count in overview.feelings
        ],
        guess_accuracy=InsightsGuessesOut(
            mine_30=_accuracy(overview.accuracy.mine_30),
            mine_90=_accuracy(overview.accuracy.mine_90),
            partner_30=_accuracy(overview.accuracy.partner_30),
            partner_90=_accuracy(overview.accuracy.partner_90),
        ),
    )
