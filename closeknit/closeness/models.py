from __future__ import annotations

import uuid
from functools import cached_property, lru_cache

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from closeknit.closeness.scoring import Scores, score_answers
from closeknit.couples.models import Couple
from closeknit.questions.practices import Practice


@lru_cache(maxsize=4096)
def _scores_of(answers: tuple[tuple[str, int], ...]) -> Scores:
    # The same answers always score the same, and every page with a trend scores a
    # year of months: each month's answers are scored once per process. Scores are
    # only read, never changed, so one object can serve every page.
    return score_answers(dict(answers))


class ClosenessCheck(models.Model):
    """One partner's answers to one month's closeness check.

    ``answers`` maps an item key (see ``closeness.items``) to a point from 1 to 7. The
    numbers hold no free text, so they are stored as they are; scores are worked out
    from them whenever they are read, by ``closeness.scoring``.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="closeness_checks")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="closeness_checks"
    )
    month = models.DateField(help_text="The first day of the couple's month.")
    answers = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["couple", "author", "month"], name="one_closeness_check_per_person_month"
            )
        ]
        indexes = [models.Index(fields=["couple", "month"])]

    def __str__(self) -> str:
        return f"Closeness check {self.month:%Y-%m}"

    @cached_property
    def scores(self) -> Scores:
        try:
            return _scores_of(tuple(sorted(self.answers.items())))
        except TypeError:  # a value that cannot be a key (never written by the app)
            return score_answers(self.answers)

    def is_revealed_by(self, other: ClosenessCheck | None) -> bool:
        """Whether ``other`` (the partner's check) lets this one be shown to its partner:
        both partners of the couple completed the same month."""
        return (
            other is not None
            and other.couple_id == self.couple_id
            and other.month == self.month
            and other.author_id != self.author_id
        )


class Focus(models.Model):
    """The practice a couple is focusing on in one month: chosen from both partners'
    closeness checks, or picked by either partner."""

    class Source(models.TextChoices):
        CHECK = "check", _("From your closeness check")
        CHOSEN = "chosen", _("Picked by one of you")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="closeness_focuses")
    month = models.DateField()
    practice = models.CharField(max_length=20, choices=Practice.choices)
    source = models.CharField(max_length=10, choices=Source.choices)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Set when the focus came from one person's check alone, before a partner joined.
    # It says which practice that person scored lowest, so only they may see it.
    from_check_of = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["couple", "month"], name="one_focus_per_couple_month")
        ]

    def __str__(self) -> str:
        return f"Focus {self.practice} {self.month:%Y-%m}"

    def is_visible_to(self, user_id: object) -> bool:
        return self.from_check_of_id is None or self.from_check_of_id == user_id
