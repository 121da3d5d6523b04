"""Writes for insights: the activity log every feature adds to."""

from __future__ import annotations

from datetime import date

from closeknit.accounts.models import User
from closeknit.couples.models import Couple
from closeknit.insights.models import Activity
from closeknit.questions.practices import Practice


def record_activity(
    *, couple: Couple, user: User | None, practice: str, kind: str, day: date
) -> Activity:
    """Note that someone practised ``practice`` on the couple's ``day``."""
    Practice(practice)  # an unknown practice is a programming error, not user input
    return Activity.objects.create(couple=couple, user=user, practice=practice, kind=kind, day=day)
