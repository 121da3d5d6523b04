from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from closeknit.accounts.models import User
from closeknit.closeness.charts import overall_trend
from closeknit.couples.selectors import get_couple_for, partner_of
from closeknit.couples.services import ensure_couple
from closeknit.insights.charts import (
    balance_summary,
    feelings_chart,
    feelings_summary,
    practice_balance_chart,
)
from closeknit.insights.selectors import insights_for


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """A one-minute read: practice balance, how close we feel, what to talk about, the
    feelings that came up and how well we read each other."""
    user = request.user
    assert isinstance(user, User)
    couple, partner = get_couple_for(user) or ensure_couple(user=user), partner_of(user)
    insights = insights_for(user, couple, partner)
    context = {
        "insights": insights,
        "partner": partner,
        "balance_chart": practice_balance_chart(insights.balance),
        "balance_summary": balance_summary(insights.balance),
        "closeness_chart": overall_trend(insights.closeness, chart_id="insights-closeness"),
        "latest_revealed": insights.closeness.latest_revealed,
        "feelings_chart": (
            feelings_chart(insights.feelings, insights.feeling_months)
            if insights.feelings
            else None
        ),
        "feelings_summary": feelings_summary(insights.feelings),
        "accuracy": insights.accuracy,
    }
    return render(request, "insights/index.html", context)
