"""Insights over JSON: /api/v1/insights, the data behind the charts.

The closeness part is built from ``closeness.selectors`` month views, so a partner's
score appears only for months both partners completed.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from closeknit.accounts.models import User
from closeknit.api_schemas import error_responses
from closeknit.closeness.api import month_out, note
from closeknit.couples.selectors import partner_of
from closeknit.couples.services import ensure_couple
from closeknit.insights.schemas import InsightsClosenessMonthOut, InsightsOut, InsightsPracticeOut
from closeknit.insights.selectors import insights_for
from closeknit.questions.practices import Practice

router = Router(tags=["insights"])


@router.get("", response={200: InsightsOut, **error_responses(401)})
def insights(request: HttpRequest) -> InsightsOut:
    """The practice balance of the last 30 days, my closeness trend with my partner's for
    the months we both completed, and where our views differed most most recently."""
    user = request.user
    assert isinstance(user, User)
    overview = insights_for(user, ensure_couple(user=user), partner_of(user))
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
    )
