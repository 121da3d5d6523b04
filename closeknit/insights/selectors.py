"""Reads for insights, each a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count

from closeknit.accounts.models import User
from closeknit.closeness.selectors import ClosenessOverview, overview_for
from closeknit.couples.models import Couple
from closeknit.insights.models import Activity
from closeknit.questions.practices import Practice
from closeknit.questions.selectors import day_of


@dataclass(frozen=True)
class PracticeDays:
    practice: str
    label: str
    days: int


def practice_balance(couple: Couple, today: date, *, days: int = 30) -> list[PracticeDays]:
    """For each practice, on how many of the last ``days`` days either partner used it."""
    since = today - timedelta(days=days - 1)
    rows = (
        Activity.objects.filter(couple=couple, day__gte=since, day__lte=today)
        .values("practice")
        .annotate(days=Count("day", distinct=True))
    )
    counts = {row["practice"]: row["days"] for row in rows}
    return [PracticeDays(p.value, str(p.label), counts.get(p.value, 0)) for p in Practice]


@dataclass
class InsightsOverview:
    """What the Insights page shows, read in a fixed number of queries."""

    today: date
    balance: list[PracticeDays]
    closeness: ClosenessOverview


def insights_for(user: User, couple: Couple, partner: User | None) -> InsightsOverview:
    today = day_of(couple)
    return InsightsOverview(
        today=today,
        balance=practice_balance(couple, today),
        closeness=overview_for(user, couple, partner),
    )
