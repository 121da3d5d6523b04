"""Reads for the feelings check-in, each in a fixed number of queries.

Two rules decide what a partner may see, and every read here applies them:

* a **private** check-in is never loaded for anyone but its author: to the partner
  it is exactly as if there were no check-in at all;
* the partner's **shared** check-in for *today* is shown only once I have guessed
  or chosen to skip guessing (an ``EmpathyGuess`` row of mine for the day). Past
  days cannot be guessed any more, so their shared check-ins are simply shown.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Literal, NamedTuple

from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    Exists,
    Expression,
    ExpressionWrapper,
    Field,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Cast, Substr
from django.http import Http404

from closeknit.accounts.models import User
from closeknit.checkins.accuracy import Closeness, describe, score_guess
from closeknit.checkins.models import (
    VALIDATING_REACTIONS,
    CheckIn,
    CheckInReaction,
    CheckInReply,
    EmpathyGuess,
    Visibility,
)
from closeknit.checkins.vocabulary import FAMILIES, FAMILY_BY_KEY, Family, families_of
from closeknit.couples.models import Couple
from closeknit.couples.selectors import (
    first_row,
    from_row,
    get_couple_for,
    get_for_couple_or_404,
    partner_of,
)
from closeknit.questions.selectors import day_of

# A week a page: a couple's first week fills the first page, so a page costs the same
# to read and draw in week one as in year five.
HISTORY_PAGE_SIZE = 7

PartnerState = Literal["no_partner", "waiting", "guess_first", "revealed"]


@dataclass
class CheckInView:
    """One check-in as one person may see it."""

    checkin: CheckIn
    is_mine: bool
    reactions: list[CheckInReaction] = field(default_factory=list)
    replies: list[CheckInReply] = field(default_factory=list)
    help_offered: bool = False
    reacted_by_me: set[str] = field(default_factory=set)


@dataclass
class GuessView:
    guess: EmpathyGuess
    family: Family | None
    closeness: Closeness | None  # None until the check-in it is about is shown

    @property
    def sentence(self) -> str:
        return describe(self.closeness) if self.closeness else ""


@dataclass
class CheckInDay:
    """A couple's day of check-ins as one partner may see it."""

    day: date
    is_today: bool
    me: User
    partner: User | None
    mine: CheckInView | None
    partner_checkin: CheckInView | None  # None unless revealed to me
    partner_state: PartnerState
    my_guess: GuessView | None  # my guess at my partner's day
    partner_guess: GuessView | None  # theirs at mine: only once they have seen mine

    @property
    def can_guess(self) -> bool:
        return self.is_today and self.partner is not None and self.my_guess is None

    @property
    def guessed(self) -> bool:
        return self.my_guess is not None and not self.my_guess.guess.skipped

    @property
    def reaction_kinds(self) -> list[tuple[str, str]]:
        """The validating reactions, as (value, label)."""
        return [(kind.value, str(kind.label)) for kind in VALIDATING_REACTIONS]

    @property
    def quick_reactions(self) -> list[tuple[str, str]]:
        """The few one-tap reactions the Today card offers; the page has them all."""
        quick = {
            CheckInReaction.Kind.HEAR_YOU,
            CheckInReaction.Kind.HERE_FOR_YOU,
            CheckInReaction.Kind.HUG,
        }
        return [(value, label) for value, label in self.reaction_kinds if value in quick]


def get_checkin_for(user: User, checkin_id: uuid.UUID | str) -> CheckIn:
    """A check-in of the person's couple that they may see; 404 for anything else,
    the partner's private check-ins included."""
    checkin = get_for_couple_or_404(CheckIn.objects.select_related("couple"), user, id=checkin_id)
    if not checkin.is_visible_to(user):
        raise Http404
    return checkin


def _known_partner(user: User, partner: User | bool | None) -> User | None:
    known = partner if partner is not False else partner_of(user)
    return known if isinstance(known, User) else None


def _visible(queryset: QuerySet[CheckIn], user: User) -> QuerySet[CheckIn]:
    # Filtering in the query, not in Python: a partner's private row never leaves
    # the database for anyone but its author.
    return queryset.filter(Q(author_id=user.pk) | Q(visibility=Visibility.SHARED))


def _with_responses(queryset: QuerySet[CheckIn], *, replies: bool = True) -> QuerySet[CheckIn]:
    reactions = Prefetch("reactions", queryset=CheckInReaction.objects.order_by("created_at"))
    if not replies:
        return queryset.prefetch_related(reactions)
    return queryset.prefetch_related(reactions, "replies")


def _view(checkin: CheckIn, me: User, *, replies: bool = True) -> CheckInView:
    reactions = list(checkin.reactions.all())
    return CheckInView(
        checkin=checkin,
        is_mine=checkin.author_id == me.pk,
        reactions=[r for r in reactions if r.kind != CheckInReaction.Kind.CAN_HELP],
        replies=list(checkin.replies.all()) if replies else [],
        help_offered=any(r.kind == CheckInReaction.Kind.CAN_HELP for r in reactions),
        reacted_by_me={r.kind for r in reactions if r.author_id == me.pk},
    )


def _guess_view(guess: EmpathyGuess, shown: CheckIn | None) -> GuessView:
    closeness = None
    if shown is not None and not guess.skipped and guess.intensity is not None:
        closeness = score_guess(
            guessed_family=guess.family,
            guessed_intensity=guess.intensity,
            families=shown.families,
            intensity=shown.intensity,
        )
    return GuessView(guess=guess, family=FAMILY_BY_KEY.get(guess.family), closeness=closeness)


def _day_of_rows(
    *,
    me: User,
    partner: User | None,
    day: date,
    today: date,
    checkins: list[CheckIn],
    guesses: list[EmpathyGuess],
    replies: bool = True,
) -> CheckInDay:
    """Apply both rules to one day's rows (already limited to what I may load)."""
    mine = next((c for c in checkins if c.author_id == me.pk), None)
    theirs = next(
        (c for c in checkins if c.author_id != me.pk and c.is_shared),
        None,
    )
    my_guess = next((g for g in guesses if g.guesser_id == me.pk), None)
    their_guess = next((g for g in guesses if g.guesser_id != me.pk), None)
    is_today = day == today
    state: PartnerState
    if partner is None:
        state, theirs = "no_partner", None
    elif theirs is None:
        state = "waiting"
    elif is_today and my_guess is None:
        state, theirs = "guess_first", None
    else:
        state = "revealed"
    # The partner's guess about me shows once they have seen my shared check-in.
    shown_to_partner = mine if mine is not None and mine.is_shared else None
    partner_guess = (
        _guess_view(their_guess, shown_to_partner)
        if their_guess is not None and shown_to_partner is not None and not their_guess.skipped
        else None
    )
    return CheckInDay(
        day=day,
        is_today=is_today,
        me=me,
        partner=partner,
        mine=_view(mine, me, replies=replies) if mine else None,
        partner_checkin=_view(theirs, me, replies=replies) if theirs else None,
        partner_state=state,
        my_guess=_guess_view(my_guess, theirs) if my_guess else None,
        partner_guess=partner_guess,
    )


def today_card_for(
    user: User,
    couple: Couple,
    day: date,
    *,
    partner: User | bool | None = False,
    guesses: list[EmpathyGuess] | None = None,
    replies: bool = True,
) -> CheckInDay:
    """What the Today card and the check-in page show for ``day`` (normally today).

    Four queries: the day's check-ins, their reactions, their replies and the day's
    guesses; two more to find the partner unless the caller passes ``partner``. A
    caller that read the day's guesses already (``guess_reads``) passes them, and
    ``replies=False`` leaves the replies out for the Today card, which does not show
    them.
    """
    known = _known_partner(user, partner)
    checkins = list(
        _with_responses(
            _visible(CheckIn.objects.filter(couple=couple, date=day), user), replies=replies
        )
    )
    if guesses is None:
        guesses = list(EmpathyGuess.objects.filter(couple=couple, date=day))
    return _day_of_rows(
        me=user,
        partner=known,
        day=day,
        today=day_of(couple),
        checkins=checkins,
        guesses=guesses,
        replies=replies,
    )


GUESS_FIELDS = ("id", "couple", "guesser", "date", "skipped", "family", "intensity", "created_at")


def guess_reads(user: User, day: date) -> dict[str, Subquery]:
    """Both partners' guesses of ``day``, to read with other things in one query."""
    of_the_day = EmpathyGuess.objects.filter(date=day)
    return {
        "my_guess": first_row(of_the_day.filter(guesser_id=user.pk), user, *GUESS_FIELDS),
        "partner_guess": first_row(of_the_day.exclude(guesser_id=user.pk), user, *GUESS_FIELDS),
    }


def guesses_from(row: dict[str, Any]) -> list[EmpathyGuess]:
    """The guesses ``guess_reads`` found, for ``today_card_for``."""
    found = [from_row(EmpathyGuess, row[key]) for key in ("my_guess", "partner_guess")]
    return [guess for guess in found if guess is not None]


def couple_of(user: User) -> Couple | None:
    """The person's couple (read with them when they signed in), or None before they
    have one."""
    return get_couple_for(user)


def empty_day(user: User) -> CheckInDay:
    """Today for someone who has not started anything yet (no couple of one yet)."""
    return CheckInDay(
        day=day_of(Couple(home_timezone=user.timezone)),
        is_today=True,
        me=user,
        partner=None,
        mine=None,
        partner_checkin=None,
        partner_state="no_partner",
        my_guess=None,
        partner_guess=None,
    )


def checkin_day_for(user: User, couple: Couple | None) -> CheckInDay:
    """Today as this person sees it, on their own or not yet started included."""
    if couple is None:
        return empty_day(user)
    return today_card_for(user, couple, day_of(couple))


def has_seen_today(checkin: CheckIn, user: User) -> bool:
    """Whether the partner's check-in may be shown to ``user`` (its author always)."""
    if checkin.author_id == user.pk:
        return True
    if not checkin.is_shared:
        return False
    if checkin.date != day_of(checkin.couple):
        return True
    return EmpathyGuess.objects.filter(
        couple_id=checkin.couple_id, guesser=user, date=checkin.date
    ).exists()


def checkin_view_for(user: User, checkin: CheckIn) -> CheckInView:
    """One check-in with its responses, for after a response was added."""
    refreshed = _with_responses(CheckIn.objects.filter(id=checkin.id)).get()
    return _view(refreshed, user)


@dataclass
class HistoryPage:
    page: Page[date]
    days: list[CheckInDay]


def history_for(user: User, *, page_number: int | str = 1) -> HistoryPage:
    """Days with a check-in I may see (mine, and my partner's shared ones), newest first.

    Paged by day in the database; each page is a fixed number of queries whatever
    the couple's history holds.
    """
    couple = couple_of(user)
    partner = partner_of(user) if couple is not None else None
    if couple is None:
        empty: Paginator[date] = Paginator([], HISTORY_PAGE_SIZE)
        return HistoryPage(page=empty.get_page(1), days=[])
    today = day_of(couple)
    # The partner's check-in of today waits behind the guess, here too.
    visible = _seen_by(CheckIn.objects.filter(couple=couple), user, couple)
    dates = visible.order_by("-date").values_list("date", flat=True).distinct()
    page = Paginator(dates, HISTORY_PAGE_SIZE).get_page(page_number)
    page_dates = list(page.object_list)
    checkins = list(_with_responses(visible.filter(date__in=page_dates)))
    guesses = list(EmpathyGuess.objects.filter(couple=couple, date__in=page_dates))
    by_day: dict[date, list[CheckIn]] = defaultdict(list)
    for checkin in checkins:
        by_day[checkin.date].append(checkin)
    guesses_by_day: dict[date, list[EmpathyGuess]] = defaultdict(list)
    for guess in guesses:
        guesses_by_day[guess.date].append(guess)
    days = [
        _day_of_rows(
            me=user,
            partner=partner,
            day=day,
            today=today,
            checkins=by_day[day],
            guesses=guesses_by_day[day],
        )
        for day in page_dates
    ]
    return HistoryPage(page=page, days=days)


# Insights


@dataclass(frozen=True)
class AccuracySummary:
    """How close someone's guesses came over the last ``days`` days."""

    days: int
    guesses: int
    average: int | None  # 0-100, None without any scored guess


# Insights read months of check-ins and guesses. They read them as plain rows, grouped
# where they can be, with ``mine`` (written by the reader) and the date as text worked
# out by the database, so no row needs a conversion or a model of its own.


class _Pair(NamedTuple):
    """A real guess with the shared check-in of the other partner it was about."""

    mine: bool  # a guess by the reader
    day: str
    family: str
    intensity: int | None
    families: tuple[str, ...]  # of the check-in
    actual: int  # the check-in's intensity


# An output field with no conversion: these rows' numbers and truth values are used as
# the driver returns them (SQLite's 0 or 1, PostgreSQL's boolean), not converted one by
# one.
_AS_IS = Field()


def _by(field: str, user: User | None) -> Expression:
    if user is None:
        return Value(0, output_field=_AS_IS)
    return ExpressionWrapper(Q(**{field: user.pk}), output_field=_AS_IS)


def _text(field: str) -> Cast:
    return Cast(field, output_field=TextField())


@lru_cache(maxsize=4096)
def _families_named(feelings_json: str) -> tuple[str, ...]:
    # Few combinations of feelings recur over months of check-ins: each is read once.
    return tuple(families_of(json.loads(feelings_json)))


@lru_cache(maxsize=4096)
def _first_of(month: str) -> date:
    return date(int(month[:4]), int(month[5:7]), 1)


def _scored_pairs(user: User, couple: Couple, since: date, until: date) -> list[_Pair]:
    """Every real guess in the range with the shared check-in it was about, in one
    query. Only a shared check-in is ever read, so a private one is not scored."""
    about = CheckIn.objects.filter(
        couple=couple, date=OuterRef("date"), visibility=Visibility.SHARED
    ).exclude(author_id=OuterRef("guesser_id"))
    rows = (
        EmpathyGuess.objects.filter(couple=couple, date__gte=since, date__lte=until, skipped=False)
        .annotate(
            about_feelings=Subquery(about.values(text=_text("feelings"))[:1]),
            about_intensity=Subquery(about.values("intensity")[:1], output_field=_AS_IS),
        )
        .filter(about_intensity__isnull=False)
        .values_list(
            _by("guesser_id", user),
            _text("date"),
            "family",
            "intensity",
            "about_feelings",
            "about_intensity",
        )
    )
    return [
        _Pair(bool(mine), day, family, guessed, _families_named(feelings), actual)
        for mine, day, family, guessed, feelings, actual in rows
    ]


@lru_cache(maxsize=8192)
def _score(family: str, intensity: int, families: tuple[str, ...], actual: int) -> int:
    return score_guess(
        guessed_family=family,
        guessed_intensity=intensity,
        families=list(families),
        intensity=actual,
    ).score


def _summary(pairs: list[_Pair], days: int) -> AccuracySummary:
    scores = [_score(p.family, p.intensity or 0, p.families, p.actual) for p in pairs]
    average = round(sum(scores) / len(scores)) if scores else None
    return AccuracySummary(days=days, guesses=len(scores), average=average)


def guess_accuracy(user: User, days: int, *, today: date | None = None) -> AccuracySummary:
    """How close ``user``'s guesses at their partner came over the last ``days`` days.

    Only guesses about a shared check-in count: a private one is not there to score.
    """
    couple = couple_of(user)
    if couple is None:
        return AccuracySummary(days=days, guesses=0, average=None)
    until = today or day_of(couple)
    pairs = _scored_pairs(user, couple, until - timedelta(days=days - 1), until)
    return _summary([p for p in pairs if p.mine], days)


@dataclass(frozen=True)
class AccuracyOverview:
    """Both partners' guessing, over 30 and 90 days, for the check-in page."""

    mine_30: AccuracySummary
    mine_90: AccuracySummary
    partner_30: AccuracySummary
    partner_90: AccuracySummary


def accuracy_overview(user: User, couple: Couple, *, today: date | None = None) -> AccuracyOverview:
    """Both partners' summaries in two queries."""
    until = today or day_of(couple)
    return _overview(_scored_pairs(user, couple, until - timedelta(days=89), until), until)


def _overview(pairs: list[_Pair], until: date) -> AccuracyOverview:
    recent = (until - timedelta(days=29)).isoformat()
    mine = [p for p in pairs if p.mine]
    theirs = [p for p in pairs if not p.mine]
    return AccuracyOverview(
        mine_30=_summary([p for p in mine if p.day >= recent], 30),
        mine_90=_summary(mine, 90),
        partner_30=_summary([p for p in theirs if p.day >= recent], 30),
        partner_90=_summary(theirs, 90),
    )


@dataclass(frozen=True)
class FamilyMonth:
    """How many check-ins named a feeling of ``family`` in one month."""

    month: date  # the first day of the month
    family: str
    label: str
    tone: str
    mine: int
    partner: int

    @property
    def total(self) -> int:
        return self.mine + self.partner


def _month(day: date) -> date:
    return day.replace(day=1)


def _months(since: date, until: date) -> list[date]:
    months, current = [], _month(since)
    while current <= until:
        months.append(current)
        current = (current + timedelta(days=32)).replace(day=1)
    return months


def feelings_by_family(
    couple: Couple, since: date, until: date, *, viewer: User | None = None
) -> list[FamilyMonth]:
    """For every month from ``since`` to ``until`` and every family, how many check-ins
    named at least one of its feelings (a check-in counts once per family).

    ``mine`` counts the viewer's own check-ins, private ones included; ``partner``
    counts the other partner's shared ones only, and today's only once the viewer
    has guessed or skipped (the chart must not give away what the guess is for).
    Without a viewer, only shared check-ins of days before today count, and all of
    them under ``partner`` (``mine`` is then 0). One query, whatever the range.
    """
    rows = CheckIn.objects.filter(couple=couple, date__gte=since, date__lte=until)
    if viewer is None:
        rows = rows.filter(visibility=Visibility.SHARED, date__lt=day_of(couple))
    else:
        rows = _seen_by(rows, viewer, couple)
    return _family_months(_felt_by_month(rows, viewer), since, until)


def _seen_by(rows: QuerySet[CheckIn], viewer: User, couple: Couple) -> QuerySet[CheckIn]:
    """The check-ins ``viewer`` may see, today's of the partner only once guessed or
    skipped (checked in the same query)."""
    today = day_of(couple)
    seen_today = EmpathyGuess.objects.filter(couple=couple, guesser=viewer, date=today)
    return _visible(rows, viewer).filter(
        Q(author_id=viewer.pk) | ~Q(date=today) | Exists(seen_today)
    )


def _felt_by_month(
    rows: QuerySet[CheckIn], viewer: User | None
) -> list[tuple[bool, date, tuple[str, ...], int]]:
    """The check-ins as (mine, month, families named, how many), one row for each
    combination: a month of days that named the same feelings is one row."""
    grouped = (
        rows.order_by()
        .values(
            mine=_by("author_id", viewer),
            month=Substr(_text("date"), 1, 7),
            feelings_text=_text("feelings"),
        )
        .annotate(count=Count("id"))
        .values_list("mine", "month", "feelings_text", "count")
    )
    return [
        (bool(mine), _first_of(month), _families_named(feelings), count)
        for mine, month, feelings, count in grouped
    ]


def _family_months(
    rows: Iterable[tuple[bool, date, tuple[str, ...], int]], since: date, until: date
) -> list[FamilyMonth]:
    counts: dict[tuple[date, str, bool], int] = defaultdict(int)
    for mine, month, families, count in rows:
        for family in families:
            counts[(month, family, mine)] += count
    return [
        FamilyMonth(
            month=month,
            family=family.key,
            label=str(family.label),
            tone=family.tone,
            mine=counts[(month, family.key, True)],
            partner=counts[(month, family.key, False)],
        )
        for month in _months(since, until)
        for family in FAMILIES
    ]


def feelings_and_accuracy(
    user: User, couple: Couple, *, since: date, today: date
) -> tuple[list[FamilyMonth], AccuracyOverview]:
    """What Insights shows of check-ins: ``feelings_by_family`` from ``since`` and
    ``accuracy_overview`` of the last 90 days, in two queries."""
    rows = CheckIn.objects.filter(couple=couple, date__gte=since, date__lte=today)
    feelings = _family_months(_felt_by_month(_seen_by(rows, user, couple), user), since, today)
    pairs = _scored_pairs(user, couple, today - timedelta(days=89), today)
    return feelings, _overview(pairs, today)
