"""Reads for the daily question, each in a fixed number of queries."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import chain
from typing import Any, Literal, cast

from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    prefetch_related_objects,
)
from django.http import Http404
from django.utils import timezone

from closeknit.accounts.models import User
from closeknit.couples.models import Couple
from closeknit.couples.selectors import (
    couple_id_of,
    get_couple_for,
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

# A week a page: a couple's first week fills the first page, so a page costs the same
# to read and draw in week one as in year five.
HISTORY_PAGE_SIZE = 7
# How many of the newest revealed days one history search opens (see ``_search``).
SEARCH_DAYS = 90
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


def _answers(*, responses: bool) -> Prefetch[Any, Any, Any]:
    answers = Answer.objects.select_related("author")
    if responses:
        answers = answers.prefetch_related(
            Prefetch("reactions", queryset=Reaction.objects.order_by("created_at")),
            Prefetch("comments", queryset=Comment.objects.select_related("author")),
        )
    return Prefetch("answers", queryset=answers)


def _with_answers(
    queryset: QuerySet[DailyQuestion], *, responses: bool = True
) -> QuerySet[DailyQuestion]:
    return queryset.select_related("question").prefetch_related(_answers(responses=responses))


def view_of(
    daily: DailyQuestion, me: User, partner: User | None, *, responses: bool = True
) -> DailyView:
    """Apply the reveal rule: the partner's answer exists for me only once I answered too.

    ``responses=False`` when the answers were read without their reactions and replies.
    """
    answers = list(daily.answers.all())
    mine = next((a for a in answers if a.author_id == me.pk), None)
    theirs = next((a for a in answers if a.author_id != me.pk), None)
    revealed = mine is not None and theirs is not None

    def view(answer: Answer) -> AnswerView:
        shown = revealed and responses
        reactions = list(answer.reactions.all()) if shown else []
        return AnswerView(
            id=answer.id,
            author=answer.author,
            text=answer.text,
            updated_at=answer.updated_at,
            reactions=reactions,
            comments=list(answer.comments.all()) if shown else [],
            reacted_by_me={r.kind for r in reactions if r.author_id == me.pk},
        )

    return DailyView(
        daily=daily,
        me=me,
        partner=partner or (theirs.author if theirs is not None else None),
        my_answer=view(mine) if mine else None,
        partner_answer=view(theirs) if revealed and theirs else None,
        partner_answered=theirs is not None,
    )


def daily_view_for(
    user: User, daily: DailyQuestion, *, partner: User | bool | None = False
) -> DailyView:
    """One day as this person may see it. Pass ``partner`` when the caller has it.

    The answers are read afresh onto ``daily`` (a caller may just have written one).
    """
    getattr(daily, "_prefetched_objects_cache", {}).pop("answers", None)
    prefetch_related_objects([daily], _answers(responses=True))
    known = partner if partner is not False else partner_of(user)
    return view_of(daily, user, known if isinstance(known, User) else None)


def bonus_views_for(
    user: User, day: date, *, partner: User | bool | None = False
) -> list[DailyView]:
    known = partner if partner is not False else partner_of(user)
    partner = known if isinstance(known, User) else None
    dailies = _with_answers(
        scoped_to_couple(DailyQuestion.objects.all(), user).filter(date=day, is_bonus=True)
    ).order_by("created_at")
    return [view_of(daily, user, partner) for daily in dailies]


@dataclass(frozen=True)
class DayCard:
    """A question of the day as Today lists it: where it stands, not what was said."""

    daily: DailyQuestion
    partner: User | None
    state: DayState


def day_cards_for(
    user: User, day: date, *, partner: User | None
) -> tuple[DayCard | None, list[DayCard]]:
    """The day's question and its bonus questions, each with its state, in one query.

    Only whether each of us answered is read: the answers stay sealed. The first is
    None until the day's question has been chosen.
    """
    mine = Answer.objects.filter(daily=OuterRef("pk"), author_id=user.pk)
    theirs = Answer.objects.filter(daily=OuterRef("pk")).exclude(author_id=user.pk)
    dailies = (
        scoped_to_couple(DailyQuestion.objects.select_related("question"), user)
        .filter(date=day)
        .annotate(answered=Exists(mine), partner_answered=Exists(theirs))
        .order_by("created_at")
    )
    cards = []
    for daily in dailies:
        state: DayState = "your_turn"
        if daily.answered:
            both = daily.partner_answered
            state = "revealed" if both else "waiting"
        cards.append(DayCard(daily=daily, partner=partner, state=state))
    main = next((card for card in cards if not card.daily.is_bonus), None)
    return main, [card for card in cards if card.daily.is_bonus]


@dataclass
class HistoryPage:
    page: Page[DailyView]
    query: str
    # A search reads SEARCH_DAYS days at a time, newest first, from ``until`` (None:
    # from today). While older days are left, ``older_until`` is where the next
    # batch starts and ``searched_back_to`` the oldest day this one covered.
    until: date | None = None
    searched_back_to: date | None = None
    older_until: date | None = None


def _revealed_days(user: User, *, responses: bool) -> QuerySet[DailyQuestion]:
    return _with_answers(
        scoped_to_couple(DailyQuestion.objects.all(), user)
        .filter(revealed_at__isnull=False)
        .order_by("-date", "-created_at"),
        responses=responses,
    )


def history_for(
    user: User,
    *,
    query: str = "",
    page_number: int | str = 1,
    until: date | None = None,
    responses: bool = True,
) -> HistoryPage:
    """Revealed days, newest first, a page at a time, in a fixed number of queries
    whatever the years of history. ``responses=False`` leaves out reactions and
    replies, for pages that do not show them."""
    # Every day listed has the partner's answer, and its author is the partner.
    partner = None
    days = _revealed_days(user, responses=responses)
    if query.strip():
        return _search(user, partner, days, query, page_number, until, responses)
    paginator = Paginator(days, HISTORY_PAGE_SIZE)
    page = paginator.get_page(page_number)
    views = [view_of(daily, user, partner, responses=responses) for daily in page.object_list]
    # A day stays marked revealed if an account with its answer was deleted since.
    shown = [view for view in views if view.revealed]
    return HistoryPage(
        page=Page(shown, page.number, cast("Paginator[DailyView]", paginator)), query=query
    )


def _search(
    user: User,
    partner: User | None,
    days: QuerySet[DailyQuestion],
    query: str,
    page_number: int | str,
    until: date | None,
    responses: bool,
) -> HistoryPage:
    """Look for words in the question and both answers of the newest SEARCH_DAYS days.

    Answers are sealed at rest, so the database cannot search them: every day
    searched is opened here. Opening all of a couple's years on each search would make
    it slower every year, so one search reads a batch of days, says how far back it
    looked, and offers to search further back from there. Searching in batches keeps
    each request's work the same after five years as after one, and the page is honest
    about what it has and has not looked at.
    """
    if until is not None:
        days = days.filter(date__lte=until)
    batch = list(days[: SEARCH_DAYS + 1])
    searched_back_to = older_until = None
    if len(batch) > SEARCH_DAYS:
        # The first day left out: the next batch starts there. A day cut in two (a
        # bonus question on it) is searched whole in the next batch instead.
        older_until = batch[SEARCH_DAYS].date
        kept = [daily for daily in batch[:SEARCH_DAYS] if daily.date > older_until]
        if not kept:  # SEARCH_DAYS questions on one day: the rest of that day is skipped
            kept, older_until = batch[:SEARCH_DAYS], older_until - timedelta(days=1)
        batch, searched_back_to = kept, older_until + timedelta(days=1)
    needle = query.strip().lower()
    views = [view_of(daily, user, partner, responses=responses) for daily in batch]
    found = [
        v
        for v in views
        if v.revealed
        and (
            needle in v.daily.question.text.lower()
            or (v.my_answer is not None and needle in v.my_answer.text.lower())
            or (v.partner_answer is not None and needle in v.partner_answer.text.lower())
        )
    ]
    return HistoryPage(
        page=Paginator(found, HISTORY_PAGE_SIZE).get_page(page_number),
        query=query,
        until=until,
        searched_back_to=searched_back_to,
        older_until=older_until,
    )


def streak_for(user: User, today: date | None = None) -> int:
    couple = get_couple_for(user)
    if couple is None:
        return 0
    return streak_of(couple, today)


def streak_of(couple: Couple, today: date | None = None) -> int:
    """Days both partners answered, counting back from today. One missed day in any
    seven is forgiven, so a single busy day does not wipe the streak out.

    Read from the last few days: each revealed day keeps the streak as it stood then
    (``DailyQuestion.streak``), and the walk back stops at the first one it can take
    up from. Days without it are walked over, so the count is right either way.
    """
    today = today or day_of(couple)
    return _streak_back(_both_answered(couple.id, up_to=today), today)


def _both_answered(couple_id: uuid.UUID, *, up_to: date) -> Iterator[tuple[date, int | None]]:
    """The couple's revealed daily questions on or before ``up_to``, newest first, with
    their stored streaks; read a few at a time, as far back as the walk goes."""
    return (
        DailyQuestion.objects.filter(
            couple_id=couple_id, is_bonus=False, revealed_at__isnull=False, date__lte=up_to
        )
        .order_by("-date")
        .values_list("date", "streak")
        .iterator(chunk_size=16)
    )


def count_streak(both_days: set[date], today: date) -> int:
    return _streak_back(((day, None) for day in sorted(both_days, reverse=True)), today)


def _streak_back(newest_first: Iterable[tuple[date, int | None]], today: date) -> int:
    """Walk back from today over the days both answered (newest first, each with the
    streak stored for it, if any)."""
    days = iter(newest_first)

    def next_on_or_before(limit: date) -> tuple[date, int | None] | None:
        return next((row for row in days if row[0] <= limit), None)

    upcoming = next_on_or_before(today)
    day = today if upcoming is not None and upcoming[0] == today else today - timedelta(days=1)
    streak = 0
    last_miss: date | None = None
    # Every day still to come is on or before ``day``; none left means the walk has
    # passed the first day both answered.
    while upcoming is not None:
        if upcoming[0] == day:
            stored = upcoming[1]
            # With no missed day in the last six, the walk from here on goes exactly
            # as it went when this day was today: take up the count stored then.
            if stored is not None and (last_miss is None or (last_miss - day).days >= 6):
                return streak + stored
            streak += 1
            upcoming = next_on_or_before(day - timedelta(days=1))
        elif last_miss is None or (last_miss - day).days >= 7:
            last_miss = day
        else:
            break
        day -= timedelta(days=1)
    return streak


def streaks_by_day(days: list[date]) -> list[int]:
    """The streak as it stood on each of ``days`` (all of a couple's revealed daily
    questions, oldest first), each worked out from the ones before it."""
    known: list[tuple[date, int | None]] = []
    for day in days:
        known.append((day, _streak_back(chain([(day, None)], reversed(known)), day)))
    return [streak or 0 for _day, streak in known]


def store_streak(daily: DailyQuestion) -> None:
    """Keep the streak of a daily question whose reveal just changed right: the later
    days' stored streaks may rest on it, so they are dropped (and walked over until
    worked out again), and this day's is worked out afresh if it is revealed."""
    if daily.is_bonus:
        return
    later = DailyQuestion.objects.filter(couple_id=daily.couple_id, is_bonus=False)
    later.filter(date__gte=daily.date, streak__isnull=False).update(streak=None)
    if daily.revealed_at is not None:
        count = _streak_back(_both_answered(daily.couple_id, up_to=daily.date), daily.date)
        DailyQuestion.objects.filter(id=daily.id).update(streak=count)


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
