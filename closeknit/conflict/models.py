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


class Repair(models.Model):
    """A repair conversation after a fight: two private sides, revealed together, then
    one agreement both accept, then forgiveness from each."""

    class State(models.TextChoices):
        WRITING = "writing", "writing"
        REVEALED = "revealed", "revealed"
        AGREED = "agreed", "agreed"
        FORGIVEN = "forgiven", "forgiven"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="repairs")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    title = EncryptedTextField()
    agreement = EncryptedTextField(blank=True, default="")
    agreement_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["couple", "-created_at"])]

    def __str__(self) -> str:
        return f"Repair {self.id}"

    def sides_by_author(self) -> dict[object, RepairSide]:
        """Sides keyed by author id, from the prefetched ``sides`` (no query when
        prefetched)."""
        return {side.author_id: side for side in self.sides.all()}

    def both(self, test: str) -> bool:
        """Whether two sides exist and both have the timestamp ``test`` set."""
        sides = list(self.sides.all())
        return len(sides) == 2 and all(getattr(side, test) is not None for side in sides)

    @property
    def is_revealed(self) -> bool:
        """Both sides done: only then may either partner see the other's side."""
        return self.both("done_at")

    @property
    def state(self) -> str:
        if not self.is_revealed:
            return self.State.WRITING
        if not self.both("accepted_at"):
            return self.State.REVEALED
        if not self.both("forgiven_at"):
            return self.State.AGREED
        return self.State.FORGIVEN


class RepairSide(models.Model):
    """One partner's private side of a repair; shown to the other only once both are done."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    repair = models.ForeignKey(Repair, on_delete=models.CASCADE, related_name="sides")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="repair_sides"
    )
    # Feeling keys from closeknit.checkins.vocabulary; keys hold no free text.
    feelings = models.JSONField(default=list)
    trigger = EncryptedTextField(blank=True, default="")
    my_part = EncryptedTextField(blank=True, default="")
    need = EncryptedTextField(blank=True, default="")
    differently = EncryptedTextField(blank=True, default="")
    updated_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    forgiven_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["repair", "author"], name="one_side_per_partner")
        ]

    def __str__(self) -> str:
        return f"Repair side {self.id}"
