"""Reads for insights, each a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count

from closeknit.couples.models import Couple
from closeknit.insights.models import Activity
from closeknit.questions.practices import Practice


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
