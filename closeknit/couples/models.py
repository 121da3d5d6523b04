from __future__ import annotations

import uuid
from datetime import datetime, time

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Couple(models.Model):
    """Two partners (or one, until the other joins). Nobody owns it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    relationship_started_on = models.DateField(_("together since"), null=True, blank=True)
    home_timezone = models.CharField(_("home time zone"), max_length=64, default="UTC")
    day_starts_at = models.TimeField(_("new day starts at"), default=time(4, 0))

    def __str__(self) -> str:
        return f"Couple {self.id}"


class Membership(models.Model):
    """A person's place in a couple. One per person: nobody is in two couples."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="memberships")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    joined_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.user_id} in {self.couple_id}"


class Invitation(models.Model):
    """A single-use code that lets the partner join. Expires; can be revoked."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        USED = "used", _("used")
        EXPIRED = "expired", _("expired")
        REVOKED = "revoked", _("revoked")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="invitations")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    code = models.CharField(max_length=16, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.code

    def status_at(self, now: datetime) -> Invitation.Status:
        if self.accepted_at is not None:
            return self.Status.USED
        if self.revoked_at is not None:
            return self.Status.REVOKED
        if now >= self.expires_at:
            return self.Status.EXPIRED
        return self.Status.ACTIVE

    @property
    def status(self) -> Invitation.Status:
        return self.status_at(timezone.now())
