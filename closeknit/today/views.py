from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from closeknit.accounts.models import User
from closeknit.couples.services import ensure_couple
from closeknit.insights.charts import practice_balance_chart
from closeknit.insights.selectors import practice_balance
from closeknit.questions import selectors as question_selectors
from closeknit.questions.selectors import day_of
from closeknit.questions.services import todays_question
from closeknit.today.selectors import cards_for, today_for


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
    summary = today_for(user)
    couple = summary.couple or ensure_couple(user=user)
    day = day_of(couple)
    question, bonus = question_selectors.day_cards_for(user, day, partner=summary.partner)
    if question is None:
        # The first visit of the day chooses the question.
        todays_question(user=user)
        question, bonus = question_selectors.day_cards_for(user, day, partner=summary.partner)
    assert question is not None
    cards = cards_for(user, couple, summary.partner, day)
    context = {
        "summary": summary,
        "qview": question,
        "streak": question_selectors.streak_of(couple, day),
        "bonus": bonus,
        "checkin_card": cards.checkin_card,
        "focus": cards.focus,
        "my_check_done": cards.my_check_done,
        "timeout_view": cards.timeout,
        "balance_chart": practice_balance_chart(
            practice_balance(couple, day), chart_id="today-balance"
        ),
    }
    return render(request, "today/today.html", context)
