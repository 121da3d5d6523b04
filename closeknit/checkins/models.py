from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from closeknit.checkins.vocabulary import FEELINGS, NEED_BY_KEY, Feeling, Need, families_of
from closeknit.couples.models import Couple
from closeknit.lib.fields import EncryptedTextField


class Visibility(models.TextChoices):
    SHARED = "shared", _("Shared with my partner")
    PRIVATE = "private", _("Just for me")


class CheckIn(models.Model):
    """How one partner felt on one of the couple's days. One per person per day."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="checkins")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins"
    )
    date = models.DateField()
    # Keys from the vocabulary, in the order picked; never free text, so not sealed.
    feelings = models.JSONField(default=list)
    intensity = models.PositiveSmallIntegerField()
    note = EncryptedTextField(blank=True, default="")
    need = models.CharField(max_length=40, blank=True)
    need_text = EncryptedTextField(blank=True, default="")
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.SHARED
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["couple", "author", "date"], name="one_checkin_per_person_per_day"
            ),
            models.CheckConstraint(
                condition=models.Q(intensity__gte=1, intensity__lte=5),
                name="checkin_intensity_1_to_5",
            ),
        ]
        indexes = [models.Index(fields=["couple", "-date"])]

    def __str__(self) -> str:
        return f"Check-in {self.id}"

    @property
    def is_shared(self) -> bool:
        return self.visibility == Visibility.SHARED

    def is_visible_to(self, user: object) -> bool:
        """The author always; the partner only while it is shared."""
        return self.author_id == getattr(user, "pk", None) or self.is_shared

    @property
    def feeling_list(self) -> list[Feeling]:
        return [FEELINGS[key] for key in self.feelings if key in FEELINGS]

    @property
    def families(self) -> list[str]:
        return families_of(list(self.feelings))

    @property
    def need_item(self) -> Need | None:
        return NEED_BY_KEY.get(self.need)

    @property
    def has_need(self) -> bool:
        return bool(self.need or self.need_text)


class EmpathyGuess(models.Model):
    """A partner's guess at how the other feels today, made before seeing it.

    One per guesser per day, final once made. ``skipped`` records "just show me",
    so the partner's check-in then shows straight away. A guess made before the
    partner checks in waits, and is revealed (and scored) once they share it.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="empathy_guesses")
    guesser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="empathy_guesses"
    )
    date = models.DateField()
    skipped = models.BooleanField(default=False)
    family = models.CharField(max_length=20, blank=True)
    intensity = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["couple", "guesser", "date"], name="one_guess_per_person_per_day"
            ),
            models.CheckConstraint(
                condition=models.Q(skipped=True) | models.Q(intensity__gte=1, intensity__lte=5),
                name="guess_intensity_1_to_5_unless_skipped",
            ),
        ]
        indexes = [
            models.Index(fields=["guesser", "-date"]),
            models.Index(fields=["couple", "-date"]),
        ]

    def __str__(self) -> str:
        return f"Guess {self.id}"


class CheckInReaction(models.Model):
    class Kind(models.TextChoices):
        HEAR_YOU = "hear_you", _("I hear you")
        MAKES_SENSE = "makes_sense", _("That makes sense")
        HERE_FOR_YOU = "here_for_you", _("I'm here for you")
        THANKS_FOR_SHARING = "thanks_for_sharing", _("Thank you for telling me")
        HUG = "hug", _("Sending a hug")
        # Not a reaction to the feelings: the partner's offer to help with the need.
        CAN_HELP = "can_help", _("I can help with that")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="reactions")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["checkin", "author", "kind"], name="one_checkin_reaction_kind_per_person"
            )
        ]

    def __str__(self) -> str:
        return self.kind


VALIDATING_REACTIONS = [
    kind for kind in CheckInReaction.Kind if kind != CheckInReaction.Kind.CAN_HELP
]


class CheckInReply(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = EncryptedTextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Reply {self.id}"
