from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from closeknit.couples.models import Couple
from closeknit.lib.fields import EncryptedTextField
from closeknit.questions.practices import Depth, Practice


class Deck(models.Model):
    """A set of questions. Library decks (one per practice) have no couple; a couple's
    own decks (their custom questions, imported decks) belong to that couple."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    couple = models.ForeignKey(
        Couple, on_delete=models.CASCADE, null=True, blank=True, related_name="decks"
    )
    practice = models.CharField(max_length=20, choices=Practice.choices, blank=True)
    name = EncryptedTextField(_("deck name"), blank=True, default="")
    is_own = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["couple"], condition=models.Q(is_own=True), name="one_own_deck_per_couple"
            ),
            models.UniqueConstraint(
                fields=["practice"],
                condition=models.Q(couple__isnull=True),
                name="one_library_deck_per_practice",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def is_library(self) -> bool:
        return self.couple_id is None

    @property
    def display_name(self) -> str:
        if self.is_library:
            return str(Practice(self.practice).label)
        if self.is_own:
            return str(_("Our own questions"))
        return str(self.name)


class Question(models.Model):
    """A library question (plain text, shipped with the app) or a couple's own
    question (sealed text, written by a partner)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    deck = models.ForeignKey(Deck, on_delete=models.CASCADE, related_name="questions")
    couple = models.ForeignKey(
        Couple, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    key = models.CharField(max_length=40, unique=True, null=True, blank=True)
    practice = models.CharField(max_length=20, choices=Practice.choices)
    depth = models.CharField(max_length=10, choices=Depth.choices)
    library_text = models.CharField(max_length=300, blank=True)
    custom_text = EncryptedTextField(blank=True, default="")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    retired = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["practice", "depth"])]

    def __str__(self) -> str:
        return self.key or str(self.id)

    @property
    def text(self) -> str:
        return self.library_text if self.couple_id is None else self.custom_text

    @property
    def is_custom(self) -> bool:
        return self.couple_id is not None


class QuestionPreferences(models.Model):
    """How a couple's daily question is chosen. Decks are listed when switched off, so
    a new deck is on until someone turns it off."""

    couple = models.OneToOneField(
        Couple, on_delete=models.CASCADE, primary_key=True, related_name="question_preferences"
    )
    max_depth = models.CharField(max_length=10, choices=Depth.choices, default=Depth.DEEPEST)
    disabled_decks = models.ManyToManyField(Deck, blank=True, related_name="+")
    # Set by the monthly closeness check: the practice the couple is focusing on.
    focus_practice = models.CharField(max_length=20, choices=Practice.choices, blank=True)

    def __str__(self) -> str:
        return f"Preferences of {self.couple_id}"


class DailyQuestion(models.Model):
    """The question a couple got on one of their days (or a bonus question asked now)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="daily_questions")
    date = models.DateField()
    # RESTRICT, not PROTECT: a question cannot go while a day still asks it, but a
    # couple (with its own questions and its days) can be deleted as a whole.
    question = models.ForeignKey(Question, on_delete=models.RESTRICT, related_name="dailies")
    is_bonus = models.BooleanField(default=False)
    swapped_from = models.ForeignKey(
        Question, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # When the second answer came in: set and cleared by ``questions.signals`` as
    # answers are saved and deleted (rows made with bulk_create must set it too). It
    # lets the history, its count and the streak read one index whatever the years of
    # days; whether I may see my partner's answer is still decided from the answers
    # themselves, by ``selectors.view_of``.
    revealed_at = models.DateTimeField(null=True, blank=True)
    # On a revealed daily (not bonus) question: the streak as it stood on that day, so
    # today's streak is read from the last few days instead of counted over every day
    # since the first. None until worked out; ``selectors.streak_of`` is right without
    # it and only reads further back.
    streak = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["couple", "date"],
                condition=models.Q(is_bonus=False),
                name="one_daily_question_per_couple_day",
            )
        ]
        indexes = [
            models.Index(fields=["couple", "-date"]),
            models.Index(
                fields=["couple", "-date"],
                condition=models.Q(revealed_at__isnull=False),
                name="revealed_days_of_couple",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.couple_id} {self.date}"


class Answer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    daily = models.ForeignKey(DailyQuestion, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="question_answers"
    )
    text = EncryptedTextField()
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["daily", "author"], name="one_answer_per_person")
        ]

    def __str__(self) -> str:
        return f"Answer {self.id}"


class Reaction(models.Model):
    class Kind(models.TextChoices):
        HEAR_YOU = "hear_you", _("I hear you")
        ME_TOO = "me_too", _("Me too")
        TELL_ME_MORE = "tell_me_more", _("Tell me more")
        MEANS_A_LOT = "means_a_lot", _("That means a lot")
        HEART = "heart", _("Heart")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="reactions")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["answer", "author", "kind"], name="one_reaction_kind_per_person"
            )
        ]

    def __str__(self) -> str:
        return self.kind


class Comment(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = EncryptedTextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Comment {self.id}"


class ListeningSession(models.Model):
    """A speaker-listener exercise. The topic may be a question or the couple's own words."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="listening_sessions")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    question = models.ForeignKey(
        Question, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    topic = EncryptedTextField(blank=True, default="")
    speaker_seconds = models.PositiveIntegerField(default=120)
    created_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Listening session {self.id}"
