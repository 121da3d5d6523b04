from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from closeknit.couples.models import Couple
from closeknit.questions.practices import Practice


class Activity(models.Model):
    """One thing a partner did for one practice on one of the couple's days.

    Every feature writes here (through ``insights.services.record_activity``) so the
    practice balance on Today can count days per practice in one query. It holds
    no text: only who, which practice, what kind of thing, and which day.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="activities")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    practice = models.CharField(max_length=20, choices=Practice.choices)
    kind = models.CharField(max_length=40)
    day = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["couple", "day"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.practice} {self.day}"
