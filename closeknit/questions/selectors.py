"""Reads for the daily question, each in a fixed number of queries."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from closeknit.accounts.models import User
from closeknit.couples.models import Couple
from closeknit.couples.selectors import (
    couple_id_of,
    get_for_couple_or_404,
    partner_of,
    scoped_to_couple,
)
from closeknit.lib.timezones import couple_date
from closeknit.questions.models import (
    Answer,
    Comment,
    DailyQuestion,
    Deck,
    ListeningSession,
    Question,
    QuestionPreferences,
    Reaction,
)
from closeknit.questions.practices import Depth

HISTORY_PAGE_SIZE = 10
LIBRARY_PAGE_SIZE = 25

DayState = Literal["your_turn", "waiting", "revealed"]


def day_of(couple: Couple, moment: datetime | None = None) -> date:
    return couple_date(moment or timezone.now(), couple.home_timezone, couple.day_starts_at)


def preferences_for(couple: Couple) -> QuestionPreferences:
    prefs, _created = QuestionPreferences.objects.get_or_create(couple=couple)
    return prefs


def decks_for(user: User) -> QuerySet[Deck]:
    """Library decks plus the couple's own, for choosing and exporting.

    Removed questions stay in the database for the history, so they are not counted,
    and an imported deck whose questions are all removed (a deleted deck with days
    that asked from it) is no longer listed.
    """
    own = scoped_to_couple(Deck.objects.all(), user)
    return (
        (Deck.objects.filter(couple__isnull=True) | own)
        .annotate(question_count=Count("questions", filter=Q(questions__retired=False)))
        .filter(Q(couple__isnull=True) | Q(is_own=True) | Q(question_count__gt=0))
        .order_by("couple_id", "practice", "created_at")
    )


@dataclass
class QuestionSettings:
    """How the couple's daily question is chosen, as the settings show it."""

    max_depth: str
    focus_practice: str
    decks: list[Deck]  # each with ``question_count``
    enabled_deck_ids: list[uuid.UUID]


def question_settings_for(user: User) -> QuestionSettings:
    """The couple's settings, or the defaults for someone who hasn't started yet."""
    couple_id = couple_id_of(user)
    prefs = (
        QuestionPreferences.objects.filter(couple_id=couple_id).first()
        if couple_id is not None
        else None
    )
    disabled = set(prefs.disabled_decks.values_list("id", flat=True)) if prefs else set()
    decks = list(decks_for(user))
    return QuestionSettings(
        max_depth=prefs.max_depth if prefs else Depth.DEEPEST.value,
        focus_practice=prefs.focus_practice if prefs else "",
        decks=decks,
        enabled_deck_ids=[deck.id for deck in decks if deck.id not in disabled],
    )


def get_deck_for(user: User, deck_id: uuid.UUID | str) -> Deck:
    """A deck the person may read: any library deck, or one of their couple's."""
    deck = (
        Deck.objects.filter(id=deck_id, couple__isnull=True).first() if _is_uuid(deck_id) else None
    )
    if deck is not None:
        return deck
    return get_for_couple_or_404(Deck.objects.all(), user, id=deck_id)


def get_question_for(user: User, question_id: uuid.UUID | str) -> Question:
    """A library question, or one of the couple's own; 404 for another couple's."""
    if _is_uuid(question_id):
        question = Question.objects.filter(id=question_id, couple__isnull=True).first()
        if question is not None:
            return question
    return get_for_couple_or_404(Question.objects.all(), user, id=question_id)


def get_daily_for(user: User, daily_id: uuid.UUID | str) -> DailyQuestion:
    return get_for_couple_or_404(
        DailyQuestion.objects.select_related("question", "couple"), user, id=daily_id
    )


def get_listening_session_for(user: User, session_id: uuid.UUID | str) -> ListeningSession:
    return get_for_couple_or_404(
        ListeningSession.objects.select_related("question"), user, id=session_id
    )


def get_answer_for(user: User, answer_id: uuid.UUID | str) -> Answer:
    """An answer of the person's couple (its visibility is checked by the caller)."""
    couple_id = couple_id_of(user)
    answer = None
    if couple_id is not None and _is_uuid(answer_id):
        answer = (
            Answer.objects.select_related("daily")
            .filter(id=answer_id, daily__couple_id=couple_id)
            .first()
        )
    if answer is None:
        raise Http404
    return answer


def _is_uuid(value: object) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


@dataclass
class AnswerView:
    id: uuid.UUID
    author: User
    text: str
    updated_at: datetime
    reactions: list[Reaction] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    reacted_by_me: set[str] = field(default_factory=set)


@dataclass
class DailyView:
    """One day's question as one person may see it."""

    daily: DailyQuestion
    me: User
    partner: User | None
    my_answer: AnswerView | None
    partner_answer: AnswerView | None  # None until both have answered
    partner_answered: bool

    @property
    def revealed(self) -> bool:
        return self.partner_answer is not None

    @property
    def state(self) -> DayState:
        if self.revealed:
            return "revealed"
        if self.my_answer is None:
            return "your_turn"
        return "waiting"

    @property
    def can_edit(self) -> bool:
        return not self.partner_answered


def _with_answers(queryset: QuerySet[DailyQuestion]) -> QuerySet[DailyQuestion]:
    return queryset.select_related("question").prefetch_related(
        Prefetch(
            "answers",
            queryset=Answer.objects.select_related("author").prefetch_related(
                Prefetch("reactions", queryset=Reaction.objects.order_by("created_at")),
                Prefetch("comments", queryset=Comment.objects.select_related("author")),
            ),
        )
    )


def view_of(daily: DailyQuestion, me: User, partner: User | None) -> DailyView:
    """Apply the reveal rule: the partner's answer exists for me only once I answered too."""
    answers = list(daily.answers.all())
    mine = next((a for a in answers if a.author_id == me.pk), None)
    theirs = next((a for a in answers if a.author_id != me.pk), None)
    revealed = mine is not None and theirs is not None

    def view(answer: Answer) -> AnswerView:
        reactions = list(answer.reactions.all()) if revealed else []
        return AnswerView(
            id=answer.id,
            author=answer.author,
            text=answer.text,
            updated_at=answer.updated_at,
            reactions=reactions,
            comments=list(answer.comments.all()) if revealed else [],
            reacted_by_me={r.kind for r in reactions if r.author_id == me.pk},
        )

    return DailyView(
        daily=daily,
        me=me,
        partner=partner,
        my_answer=view(mine) if mine else None,
        partner_answer=view(theirs) if revealed and theirs else None,
        partner_answered=theirs is not None,
    )


def daily_view_for(
    user: User, daily: DailyQuestion, *, partner: User | bool | None = False
) -> DailyView:
    """One day as this person may see it. Pass ``partner`` when the caller has it."""
    refreshed = _with_answers(DailyQuestion.objects.filter(id=daily.id)).get()
    known = partner if partner is not False else partner_of(user)
    return view_of(refreshed, user, known if isinstance(known, User) else None)


def bonus_views_for(
    user: User, day: date, *, partner: User | bool | None = False
) -> list[DailyView]:
    known = partner if partner is not False else partner_of(user)
    partner = known if isinstance(known, User) else None
    dailies = _with_answers(
        scoped_to_couple(DailyQuestion.objects.all(), user).filter(date=day, is_bonus=True)
    ).order_by("created_at")
    return [view_of(daily, user, partner) for daily in dailies]


@dataclass
class HistoryPage:
    page: Page[DailyView]
    query: str


def history_for(user: User, *, query: str = "", page_number: int | str = 1) -> HistoryPage:
    """Revealed days, newest first. Answers are sealed at rest, so the text search runs
    here after opening them; the database work stays two queries whatever the size."""
    partner = partner_of(user)
    dailies = _with_answers(
        scoped_to_couple(DailyQuestion.objects.all(), user)
        .annotate(answer_count=Count("answers"))
        .filter(answer_count__gte=2)
        .order_by("-date", "-created_at")
    )
    views = [view_of(daily, user, partner) for daily in dailies]
    views = [v for v in views if v.revealed]
    needle = query.strip().lower()
    if needle:
        views = [
            v
            for v in views
            if needle in v.daily.question.text.lower()
            or (v.my_answer and needle in v.my_answer.text.lower())
            or (v.partner_answer and needle in v.partner_answer.text.lower())
        ]
    paginator = Paginator(views, HISTORY_PAGE_SIZE)
    return HistoryPage(page=paginator.get_page(page_number), query=query)


def streak_for(user: User, today: date | None = None) -> int:
    couple_id = couple_id_of(user)
    if couple_id is None:
        return 0
    return streak_of(Couple.objects.get(id=couple_id), today)


def streak_of(couple: Couple, today: date | None = None) -> int:
    """Days both partners answered, counting back from today. One missed day in any
    seven is forgiven, so a single busy day does not wipe the streak out."""
    today = today or day_of(couple)
    both_days = set(
        DailyQuestion.objects.filter(couple_id=couple.id, is_bonus=False)
        .annotate(answer_count=Count("answers"))
        .filter(answer_count__gte=2)
        .values_list("date", flat=True)
    )
    return count_streak(both_days, today)


def count_streak(both_days: set[date], today: date) -> int:
    day = today if today in both_days else today - timedelta(days=1)
    streak = 0
    last_miss: date | None = None
    earliest = min(both_days) if both_days else today
    while day >= earliest:
        if day in both_days:
            streak += 1
        elif last_miss is None or (last_miss - day).days >= 7:
            last_miss = day
        else:
            break
        day -= timedelta(days=1)
    return streak


def library_page(
    *, practice: str = "", depth: str = "", page_number: int | str = 1
) -> Page[Question]:
    questions = Question.objects.filter(couple__isnull=True, retired=False)
    if practice:
        questions = questions.filter(practice=practice)
    if depth in Depth.values:
        questions = questions.filter(depth=depth)
    ordered = questions.order_by("practice", "key")
    return Paginator(ordered, LIBRARY_PAGE_SIZE).get_page(page_number)


def own_questions_for(user: User) -> list[Question]:
    """The couple's own and imported questions; removed ones stay only in the history."""
    return list(
        scoped_to_couple(Question.objects.filter(retired=False), user)
        .select_related("deck")
        .order_by("-created_at")
    )
