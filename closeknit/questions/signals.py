"""Keep ``DailyQuestion.revealed_at`` and ``streak`` true to the day's answers, however
they are written.

Answers are normally saved by ``services.answer_question``, but the demo, tests and
deletions write and delete them too; following every save and delete here keeps the
marks right for all of them. bulk_create sends no signals, so code that makes answers
in bulk calls ``services.mark_revealed_days`` afterwards.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, IntegerField, Model, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from closeknit.couples.models import Couple
from closeknit.questions.models import Answer, DailyQuestion
from closeknit.questions.selectors import store_streak


def answer_count() -> Coalesce:
    """How many answers a day has (0 for none), for ``annotate``."""
    count = (
        Answer.objects.filter(daily=OuterRef("pk"))
        .order_by()
        .values("daily")
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(Subquery(count, output_field=IntegerField()), 0)


def answer_saved(sender: type[Answer], instance: Answer, created: bool, **kwargs: Any) -> None:
    if not created or kwargs.get("raw"):
        return
    day = DailyQuestion.objects.filter(id=instance.daily_id, revealed_at__isnull=True)
    revealed = day.annotate(answer_count=answer_count()).filter(answer_count__gte=2)
    if revealed.update(revealed_at=instance.created_at):
        store_streak(DailyQuestion.objects.get(id=instance.daily_id))


def answer_deleted(sender: type[Answer], instance: Answer, **kwargs: Any) -> None:
    if _goes_with_its_day(kwargs.get("origin")):
        return
    day = DailyQuestion.objects.filter(id=instance.daily_id, revealed_at__isnull=False)
    hidden = day.annotate(answer_count=answer_count()).exclude(answer_count__gte=2)
    if hidden.update(revealed_at=None):
        store_streak(DailyQuestion.objects.get(id=instance.daily_id))


def _goes_with_its_day(origin: object) -> bool:
    """Whether the answer is deleted along with its day (a couple or a day deleted):
    then there is nothing left to keep right."""
    model = origin.model if isinstance(origin, QuerySet) else type(origin)
    return isinstance(model, type) and issubclass(model, Model) and model in (Couple, DailyQuestion)
