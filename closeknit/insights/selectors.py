"""Reads for insights, each a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count

from closeknit.accounts.models import User
from closeknit.checkins.selectors import AccuracyOverview, FamilyMonth, feelings_and_accuracy
from closeknit.closeness.selectors import ClosenessOverview, months_back, overview_for
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


FEELING_MONTHS = 3


@dataclass(frozen=True)
class FamilyCount:
    family: str
    label: str
    tone: str
    by_month: list[int]  # one count per month of ``InsightsOverview.feeling_months``

    @property
    def total(self) -> int:
        return sum(self.by_month)


@dataclass
class InsightsOverview:
    """What the Insights page shows, read in a fixed number of queries."""

    today: date
    balance: list[PracticeDays]
    closeness: ClosenessOverview
    feeling_months: list[date]
    feelings: list[FamilyCount]  # most named first; families nobody named are left out
    accuracy: AccuracyOverview


def _family_counts(rows: list[FamilyMonth], months: list[date]) -> list[FamilyCount]:
    """Check-ins per family per month: mine (private ones too, they are mine) and my
    partner's shared ones, as ``feelings_by_family`` counts them for this viewer."""
    totals: dict[str, dict[date, int]] = {}
    labels: dict[str, tuple[str, str]] = {}
    for row in rows:
        totals.setdefault(row.family, {})[row.month] = row.total
        labels[row.family] = (row.label, row.tone)
    counts = [
        FamilyCount(family, *labels[family], [by_month.get(month, 0) for month in months])
        for family, by_month in totals.items()
    ]
    counts = [count for count in counts if count.total]
    counts.sort(key=lambda count: -count.total)  # stable: equal totals keep the vocabulary's order
    return counts


# The closeness line covers this many months, the current one included: Insights is a
# one-minute look, and reading every month of many years would make it slower each
# year. The closeness pages have all of them.
CLOSENESS_MONTHS = 12


def insights_for(user: User, couple: Couple, partner: User | None) -> InsightsOverview:
    """Five queries whatever the history: activity, checks, focus, check-ins, guesses."""
    today = day_of(couple)
    since = months_back(today, FEELING_MONTHS - 1)
    months = [months_back(today, back) for back in reversed(range(FEELING_MONTHS))]
    rows, accuracy = feelings_and_accuracy(user, couple, since=since, today=today)
    return InsightsOverview(
        today=today,
        balance=practice_balance(couple, today),
        closeness=overview_for(
            user, couple, partner, since=months_back(today, CLOSENESS_MONTHS - 1)
        ),
        feeling_months=months,
        feelings=_family_counts(rows, months),
        accuracy=accuracy,
    )
