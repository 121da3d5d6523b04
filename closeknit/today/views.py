from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from closeknit.accounts.models import User
from closeknit.checkins import selectors as checkin_selectors
from closeknit.closeness import selectors as closeness_selectors
from closeknit.insights.charts import practice_balance_chart
from closeknit.insights.selectors import practice_balance
from closeknit.questions import selectors as question_selectors
from closeknit.questions.services import todays_question
from closeknit.today.selectors import today_for


def landing(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("today:index")
    return render(request, "today/landing.html")


def safety(request: HttpRequest) -> HttpResponse:
    return render(request, "today/safety.html")


@login_required
def today(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    daily = todays_question(user=user)
    summary = today_for(user)
    context = {
        "summary": summary,
        "qview": question_selectors.daily_view_for(user, daily, partner=summary.partner),
        "streak": question_selectors.streak_of(daily.couple, daily.date),
        "bonus": question_selectors.bonus_views_for(user, daily.date, partner=summary.partner),
        "checkin_card": checkin_selectors.today_card_for(
            user, daily.couple, daily.date, partner=summary.partner
        ),
        "focus": closeness_selectors.focus_for(user, daily.couple),
        "closeness_month": closeness_selectors.month_view_for(
            user, daily.couple, closeness_selectors.month_of(daily.couple)
        ),
        "balance_chart": practice_balance_chart(
            practice_balance(daily.couple, daily.date), chart_id="today-balance"
        ),
    }
    return render(request, "today/today.html", context)
