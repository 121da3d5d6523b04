from __future__ import annotations

import uuid
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from closeknit.couples.models import Couple
from closeknit.lib.fields import EncryptedTextField


class TimeOut(models.Model):
    """ "I need a break": one partner pauses a hard conversation for a while."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="timeouts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="timeouts"
    )
    minutes = models.PositiveSmallIntegerField()
    note = EncryptedTextField(blank=True, default="")
    started_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField()
    # Set when the author came back before ends_at.
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["couple", "-started_at"])]

    def __str__(self) -> str:
        return f"Time-out {self.id}"

    @property
    def back_at(self) -> datetime:
        return self.ended_at or self.ends_at

    def is_running(self, now: datetime | None = None) -> bool:
        return self.ended_at is None and (now or timezone.now()) < self.ends_at
