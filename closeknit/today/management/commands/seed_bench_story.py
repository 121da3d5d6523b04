"""One couple's history as rows, for ``manage.py seed_bench``.

The services write one row at a time with several queries each; years of history
for a thousand couples that way would take an hour. So the story is played here in
memory, day by day, and the rows are written in bulk (``seed_bench_rows``), shaped
exactly as the services would have left them:

* the daily question is chosen by ``questions.selection.choose`` over the same
  candidates ``questions.services._pick`` would give it (the fewest-asked questions,
  the couple's own from the day they were written, the month's focus);
* the month's focus is chosen by ``closeness.focus.choose_focus`` from both checks;
* every activity the services note is noted, on the couple's day it happened;
* responses to a check-in come only from a partner who guessed or chose to just see
  it that day, replies only under shared ones, reactions only once both answered.

Dates are counted back from the couple's own today; nothing is later than now.
"""

from __future__ import annotations

import random
import uuid
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property
from itertools import accumulate
from typing import Any
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import models

from closeknit.accounts.models import User
from closeknit.checkins.models import (
    VALIDATING_REACTIONS,
    CheckIn,
    CheckInReaction,
    CheckInReply,
    EmpathyGuess,
    Visibility,
)
from closeknit.checkins.vocabulary import FAMILIES, FEELINGS, NEEDS
from closeknit.closeness.focus import choose_focus
from closeknit.closeness.items import ITEMS
from closeknit.closeness.models import ClosenessCheck, Focus
from closeknit.closeness.scoring import combine, score_answers
from closeknit.conflict.models import Repair, RepairSide, TimeOut
from closeknit.conflict.services import TIMEOUT_MINUTES
from closeknit.couples.models import Couple, Invitation, Membership
from closeknit.couples.services import CODE_ALPHABET
from closeknit.insights.models import Activity
from closeknit.lib.timezones import couple_date
from closeknit.questions import selection
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
from closeknit.questions.practices import Depth, Practice
from closeknit.questions.selectors import streaks_by_day
from closeknit.today.management.commands import seed_bench_text as text
from closeknit.today.management.commands.seed_bench_rows import Row, Rows

# Insert order: every row's foreign keys point at rows of models earlier in the list.
MODELS: tuple[type[models.Model], ...] = (
    User,
    EmailAddress,
    Couple,
    Membership,
    Invitation,
    QuestionPreferences,
    Deck,
    Question,
    DailyQuestion,
    Answer,
    Reaction,
    Comment,
    CheckIn,
    EmpathyGuess,
    CheckInReaction,
    CheckInReply,
    ClosenessCheck,
    Focus,
    TimeOut,
    Repair,
    RepairSide,
    ListeningSession,
    Activity,
)

FEELING_KEYS = tuple(FEELINGS)
FAMILY_KEYS = tuple(family.key for family in FAMILIES)
NEED_KEYS = tuple(need.key for need in NEEDS)
ITEM_KEYS = tuple(item.key for item in ITEMS)
ANSWER_REACTIONS = tuple(Reaction.Kind.values)
CHECKIN_REACTIONS = tuple(kind.value for kind in VALIDATING_REACTIONS)
# Past days are lived between these local hours; the couple's day turns over before.
DAY_OPENS = 7.0
DAY_LENGTH = 16.5
# How far back the measured couples' days are made alike: past the 30 days the practice
# balance on Today counts.
ALIKE_DAYS = 35


@dataclass(frozen=True)
class CoupleSpec:
    """Who a couple is and how they have used the app."""

    label: str
    days: int  # days of history before today; 0 means they started today
    engagement: float  # the share of days either of them opened the app
    timezone: str = "Europe/London"
    day_starts_hour: int = 4
    solo: bool = False  # the partner never joined
    stopped_days_ago: int = 0  # last used this many days before today
    fixed_today: bool = False  # today looks the same for every measured couple
    seed: int = 0

    @property
    def email_a(self) -> str:
        return email_of(self.label, "a")

    @property
    def email_b(self) -> str:
        return email_of(self.label, "b")


@dataclass(frozen=True)
class LibraryQuestion:
    id: uuid.UUID
    practice: str
    depth: str

    @cached_property
    def hex(self) -> str:
        return self.id.hex


class _Level:
    """The questions asked a number of times, sorted by id as ``choose`` sorts them,
    with each one's weight for the day (zero when its depth is not allowed yet)."""

    def __init__(self, questions: list[LibraryQuestion]) -> None:
        self.questions = questions
        self.keys = [q.hex for q in questions]
        self.weights: list[float] = []

    def weigh(self, by_depth: dict[str, float], focus: str) -> None:
        # The very expression ``choose`` weighs with, so the sums come out the same.
        self.weights = [
            by_depth.get(q.depth, 0.0) * (selection.FOCUS_WEIGHT if q.practice == focus else 1.0)
            for q in self.questions
        ]

    def insert(self, question: LibraryQuestion, weight: float) -> None:
        index = bisect_left(self.keys, question.hex)
        self.questions.insert(index, question)
        self.keys.insert(index, question.hex)
        self.weights.insert(index, weight)

    def remove(self, question: LibraryQuestion) -> None:
        index = bisect_left(self.keys, question.hex)
        del self.questions[index], self.keys[index], self.weights[index]


class Picker:
    """``questions.services._pick`` for one couple, with the counts kept in memory.

    ``selection.choose`` draws with ``random.Random(seed).choices`` from the
    fewest-asked questions of the depths the day allows, sorted by id, weighted by
    depth and focus. Building that list from every candidate each day would cost more
    than the rest of the seeding, so the questions are kept by how often they were
    asked, sorted, with their weights, and the same draw is made from the cumulative
    weights of the fewest-asked level (a zero weight is never drawn, and adds nothing
    to the sums). The tests compare every pick with ``selection.choose``.
    """

    def __init__(self, library: Sequence[LibraryQuestion], couple_id: uuid.UUID) -> None:
        self.couple_id = couple_id
        self.info: dict[uuid.UUID, LibraryQuestion] = {q.id: q for q in library}
        self.asked: dict[uuid.UUID, int] = dict.fromkeys(self.info, 0)
        self.levels: dict[int, _Level] = {0: _Level(sorted(library, key=lambda q: q.hex))}
        self.first_day: date | None = None
        self.focus = ""
        self.by_depth: dict[str, float] = {}
        self.weighed_for: tuple[tuple[tuple[str, float], ...], str] | None = None

    def weight(self, question: LibraryQuestion) -> float:
        factor = selection.FOCUS_WEIGHT if question.practice == self.focus else 1.0
        return self.by_depth.get(question.depth, 0.0) * factor

    def add(self, question: LibraryQuestion) -> None:
        """A question of the couple's own, a candidate from now on."""
        self.info[question.id] = question
        self.asked[question.id] = 0
        self.levels.setdefault(0, _Level([])).insert(question, self.weight(question))

    def count(self, question_id: uuid.UUID, day: date) -> None:
        """A day now asks this question (as its daily question or a bonus one)."""
        question = self.info[question_id]
        times = self.asked[question_id]
        level = self.levels[times]
        level.remove(question)
        if not level.questions:
            del self.levels[times]
        self.asked[question_id] = times + 1
        self.levels.setdefault(times + 1, _Level([])).insert(question, self.weight(question))
        if self.first_day is None or day < self.first_day:
            self.first_day = day

    def candidates(self) -> list[selection.Candidate]:
        """Every candidate as ``_pick`` gives them to ``choose`` (for the tests)."""
        return [
            selection.Candidate(q.id, q.practice, q.depth, self.asked[q.id])
            for q in self.info.values()
        ]

    def pick(self, day: date, *, salt: str = "", exclude: uuid.UUID | None = None) -> uuid.UUID:
        max_depth = Depth.DEEPEST.value
        day_number = (day - self.first_day).days if self.first_day else 0
        seed = selection.seed_for(self.couple_id, day.isoformat(), salt)
        by_depth = {str(d): w for d, w in selection.depth_weights(day_number, max_depth).items()}
        key = (tuple(sorted(by_depth.items())), self.focus)
        if key != self.weighed_for:
            self.by_depth, self.weighed_for = by_depth, key
            for level in self.levels.values():
                level.weigh(by_depth, self.focus)
        for times in sorted(self.levels):
            level = self.levels[times]
            weights = level.weights
            if exclude is not None and exclude in self.info and self.asked[exclude] == times:
                weights = list(weights)
                weights[bisect_left(level.keys, exclude.hex)] = 0.0
            cumulative = list(accumulate(weights))
            if cumulative[-1] > 0:
                rng = random.Random(seed)  # noqa: S311 - the same draw ``choose`` makes
                return rng.choices(level.questions, cum_weights=cumulative, k=1)[0].id
        # Nothing of the allowed depths: ``choose`` falls back to the lightest there is.
        others = [c for c in self.candidates() if c.id != exclude]
        chosen = selection.choose(
            others, seed=seed, day_number=day_number, max_depth=max_depth, focus_practice=self.focus
        )
        if chosen is None:
            raise RuntimeError("the library has no questions: were the migrations applied?")
        return chosen.id


def load_library() -> list[LibraryQuestion]:
    """The library's questions, sorted by id (as the draw needs them)."""
    questions = [
        LibraryQuestion(id=qid, practice=practice, depth=depth)
        for qid, practice, depth in Question.objects.filter(
            couple__isnull=True, retired=False
        ).values_list("id", "practice", "depth")
    ]
    return sorted(questions, key=lambda q: q.hex)


def _months_between(first: date, last: date) -> Iterable[date]:
    month = first.replace(day=1)
    while month <= last:
        yield month
        month = (month + timedelta(days=32)).replace(day=1)


class Story:
    """Plays one couple's days into ``rows``."""

    def __init__(
        self,
        spec: CoupleSpec,
        *,
        rows: Rows,
        library: Sequence[LibraryQuestion],
        password_hash: str,
        now: datetime,
        codes: set[str],
    ) -> None:
        self.spec = spec
        self.rows = rows
        self.rng = random.Random(spec.seed)  # noqa: S311 - made-up data, not secrets
        self.now = now
        self.zone = ZoneInfo(spec.timezone)
        self.day_starts = time(spec.day_starts_hour, 0)
        self.today = couple_date(now, spec.timezone, self.day_starts)
        self.first_day = self.today - timedelta(days=spec.days)
        self.last_day = self.today - timedelta(days=spec.stopped_days_ago)
        self.couple_id = uuid.uuid4()
        self.picker = Picker(library, self.couple_id)
        self.password_hash = password_hash
        self.codes = codes
        self.people: list[uuid.UUID] = []
        self.own_deck: uuid.UUID | None = None
        self.last_focused: dict[str, date] = {}
        self.revealed_days: list[Row] = []
        # The measured couples share their habits (see ``play``).
        habits = random.Random("measured") if spec.fixed_today else self.rng  # noqa: S311
        self.habits = {
            "checkin": habits.uniform(0.5, 0.95),
            "answer": habits.uniform(0.75, 0.97),
            "guess": habits.uniform(0.4, 0.9),
        }

    # Time ---------------------------------------------------------------------------

    def at(self, day: date, fraction: float) -> datetime:
        """A moment on one of the couple's days: ``fraction`` of the way through its
        waking hours. Today is squeezed into the part of it that has passed."""
        if day >= self.today:
            start = datetime.combine(day, self.day_starts, tzinfo=self.zone).astimezone(UTC)
            end = self.now - timedelta(minutes=2)
            return max(start, start + (end - start) * fraction)
        local = datetime.combine(day, time(0), tzinfo=self.zone) + timedelta(
            hours=DAY_OPENS + DAY_LENGTH * fraction
        )
        return local.astimezone(UTC)

    def add(self, model: type[models.Model], **values: Any) -> Row:
        return self.rows.add(model, **values)

    def activity(
        self, user: uuid.UUID, practice: str, kind: str, day: date, when: datetime
    ) -> None:
        self.add(
            Activity,
            couple_id=self.couple_id,
            user_id=user,
            practice=practice,
            kind=kind,
            day=day,
            created_at=when,
        )

    # People -------------------------------------------------------------------------

    def make_people(self) -> None:
        """Accounts, the couple, and the invitation the partner joined with."""
        rng = self.rng
        emails = [self.spec.email_a] if self.spec.solo else [self.spec.email_a, self.spec.email_b]
        names = rng.sample(text.PEOPLE_NAMES, 2)
        joined = self.at(self.first_day, 0.0)
        for index, email in enumerate(emails):
            user = self.add(
                User,
                email=email,
                name=names[index],
                pronouns=rng.choice(text.PRONOUNS),
                timezone=self.spec.timezone,
                password=self.password_hash,
                date_joined=joined + timedelta(minutes=20 * index),
                last_login=self.at(self.last_day, 0.9 - 0.3 * index),
            )
            self.people.append(user["id"])
            self.add(EmailAddress, user_id=user["id"], email=email, primary=True, verified=True)
        a = self.people[0]
        self.add(
            Couple,
            id=self.couple_id,
            created_at=joined,
            relationship_started_on=self.first_day - timedelta(days=rng.randint(200, 6000)),
            home_timezone=self.spec.timezone,
            day_starts_at=self.day_starts,
        )
        self.add(Membership, couple_id=self.couple_id, user_id=a, joined_at=joined)
        invited = joined + timedelta(minutes=5)
        invitation: dict[str, Any] = {
            "couple_id": self.couple_id,
            "created_by_id": a,
            "code": self._code(),
            "created_at": invited,
            "expires_at": invited + timedelta(days=settings.INVITATION_DAYS),
            "accepted_at": None,
            "accepted_by_id": None,
            "revoked_at": None,
        }
        if len(self.people) == 2:
            accepted = joined + timedelta(minutes=23)
            invitation.update(accepted_at=accepted, accepted_by_id=self.people[1])
            self.add(
                Membership, couple_id=self.couple_id, user_id=self.people[1], joined_at=accepted
            )
        self.add(Invitation, **invitation)

    def _code(self) -> str:
        while True:
            raw = "".join(self.rng.choice(CODE_ALPHABET) for _ in range(8))
            code = f"{raw[:4]}-{raw[4:]}"
            if code not in self.codes:
                self.codes.add(code)
                return code

    # The whole story ----------------------------------------------------------------

    def play(self) -> None:
        self.make_people()
        checks_by_day = self._closeness_days()
        day = self.first_day
        while day <= self.last_day:
            days_ago = (self.today - day).days
            if self.spec.fixed_today and days_ago < ALIKE_DAYS:
                # The measured couples' recent weeks go alike, day by day, so a page
                # showing recent days holds as much for the week's couple as for the
                # five years': the growth check then compares only what years add.
                self.rng = random.Random(f"recent-{days_ago}")  # noqa: S311
            if self.spec.fixed_today and day == self.today:
                self.fixed_day(day)
            elif self.rng.random() < self.spec.engagement:
                self.ordinary_day(day)
            if day in checks_by_day:
                self.closeness_check(checks_by_day[day], day)
            day += timedelta(days=1)
        self.stored_streaks()
        self.add(
            QuestionPreferences,
            couple_id=self.couple_id,
            max_depth=Depth.DEEPEST.value,
            focus_practice=self.picker.focus,
        )

    def _closeness_days(self) -> dict[date, date]:
        """The day each month's check was taken, a couple of days into the month."""
        days: dict[date, date] = {}
        for month in _months_between(self.first_day, self.last_day):
            day = min(max(month + timedelta(days=2), self.first_day), self.last_day)
            # The measured couples have always done this month's: Today shows the same.
            this_month = self.spec.fixed_today and month == self.today.replace(day=1)
            if this_month or self.rng.random() < min(0.95, self.spec.engagement + 0.1):
                days[day] = month
        return days

    # The daily question -------------------------------------------------------------

    def new_daily(self, day: date, opened: datetime, *, swap: bool) -> Row:
        question = self.picker.pick(day)
        swapped_from = None
        if swap:
            swapped_from = question
            question = self.picker.pick(day, salt="swap", exclude=question)
        self.picker.count(question, day)
        return self.add(
            DailyQuestion,
            couple_id=self.couple_id,
            date=day,
            question_id=question,
            is_bonus=False,
            swapped_from_id=swapped_from,
            created_at=opened,
            revealed_at=None,
            streak=None,
        )

    def answer(self, daily: Row, user: uuid.UUID, when: datetime) -> Row:
        answer = self.add(
            Answer,
            daily_id=daily["id"],
            author_id=user,
            text=text.answer_text(self.rng),
            created_at=when,
            updated_at=when,
        )
        practice = self.picker.info[daily["question_id"]].practice
        self.activity(user, practice, "question_answer", daily["date"], when)
        return answer

    def revealed(self, daily: Row, answers: dict[int, Row]) -> None:
        """Both have answered: the day is revealed from the second answer on, the mark
        ``questions.signals`` keeps when answers are saved one by one."""
        daily["revealed_at"] = max(answer["created_at"] for answer in answers.values())
        if not daily["is_bonus"]:
            self.revealed_days.append(daily)

    def stored_streaks(self) -> None:
        """Each revealed day keeps the streak as it stood that day, as the signals store
        it when the second answer comes in, worked out by the same function."""
        days = sorted(self.revealed_days, key=lambda daily: daily["date"])
        for daily, streak in zip(days, streaks_by_day([d["date"] for d in days]), strict=True):
            daily["streak"] = streak

    def respond_to_answers(self, answers: dict[int, Row], after: datetime) -> None:
        rng = self.rng
        moment = after
        for index, answer in answers.items():
            partner = self.people[1 - index]
            for kind in rng.sample(ANSWER_REACTIONS, rng.choice((0, 1, 1, 1, 2))):
                moment += timedelta(minutes=rng.randint(2, 40))
                self.add(
                    Reaction,
                    answer_id=answer["id"],
                    author_id=partner,
                    kind=kind,
                    created_at=moment,
                )
        for _reply in range(rng.choice((0, 0, 1, 1, 2, 3))):
            moment += timedelta(minutes=rng.randint(3, 50))
            self.add(
                Comment,
                answer_id=answers[rng.randrange(2)]["id"],
                author_id=self.people[rng.randrange(2)],
                text=text.reply_text(rng),
                created_at=moment,
            )

    def questions_of_the_day(self, day: date) -> Row:
        rng = self.rng
        daily = self.new_daily(day, self.at(day, rng.uniform(0.0, 0.1)), swap=rng.random() < 0.03)
        answered: dict[int, Row] = {}
        order = rng.sample(range(len(self.people)), len(self.people))
        for step, index in enumerate(order):
            if rng.random() < self.habits["answer"]:
                when = self.at(day, rng.uniform(0.12, 0.3) + 0.3 * step)
                answered[index] = self.answer(daily, self.people[index], when)
        if len(answered) == 2:
            self.revealed(daily, answered)
            self.respond_to_answers(answered, daily["revealed_at"])
        if len(self.people) == 2 and rng.random() < 0.03:
            self.bonus_question(day, exclude=daily["question_id"])
        return daily

    def bonus_question(self, day: date, *, exclude: uuid.UUID) -> None:
        """One of them asks a question now, from the library or their own."""
        rng = self.rng
        asked_at = self.at(day, rng.uniform(0.6, 0.7))
        question = rng.choice([qid for qid in self.picker.info if qid != exclude])
        self.picker.count(question, day)
        bonus = self.add(
            DailyQuestion,
            couple_id=self.couple_id,
            date=day,
            question_id=question,
            is_bonus=True,
            swapped_from_id=None,
            created_at=asked_at,
            revealed_at=None,
            streak=None,
        )
        answers = {
            index: self.answer(bonus, person, asked_at + timedelta(minutes=5 + 4 * index))
            for index, person in enumerate(self.people)
        }
        self.revealed(bonus, answers)
        self.respond_to_answers(answers, asked_at + timedelta(minutes=10))

    def own_question(self, day: date) -> None:
        """Someone writes a question of their own; it can be drawn from tomorrow."""
        rng = self.rng
        written = self.at(day, rng.uniform(0.5, 0.9))
        if self.own_deck is None:
            deck = self.add(
                Deck,
                couple_id=self.couple_id,
                is_own=True,
                name="",
                practice="",
                created_at=written,
            )
            self.own_deck = deck["id"]
        question = self.add(
            Question,
            deck_id=self.own_deck,
            couple_id=self.couple_id,
            key=None,
            practice=rng.choice(Practice.values),
            depth=rng.choice(Depth.values),
            library_text="",
            custom_text=rng.choice(text.ANSWER_SENTENCES).rstrip(".") + "?",
            author_id=rng.choice(self.people),
            retired=False,
            created_at=written,
        )
        self.picker.add(LibraryQuestion(question["id"], question["practice"], question["depth"]))

    # Check-ins ----------------------------------------------------------------------

    def checkin(
        self, user: uuid.UUID, day: date, when: datetime, *, shared: bool, need: bool
    ) -> Row:
        rng = self.rng
        entry = self.add(
            CheckIn,
            couple_id=self.couple_id,
            author_id=user,
            date=day,
            feelings=rng.sample(FEELING_KEYS, rng.choice((1, 1, 2, 2, 3))),
            intensity=rng.randint(1, 5),
            note=text.checkin_note(rng) if rng.random() < 0.7 else "",
            need=rng.choice(NEED_KEYS) if need else "",
            need_text=rng.choice(text.NEED_TEXTS) if need and rng.random() < 0.25 else "",
            visibility=Visibility.SHARED.value if shared else Visibility.PRIVATE.value,
            created_at=when,
            updated_at=when,
        )
        self.activity(user, Practice.VULNERABILITY, "checkin", day, when)
        return entry

    def guess(
        self, guesser: uuid.UUID, day: date, when: datetime, *, skipped: bool, near: Row | None
    ) -> None:
        rng = self.rng
        if skipped:
            self.add(
                EmpathyGuess,
                couple_id=self.couple_id,
                guesser_id=guesser,
                date=day,
                skipped=True,
                family="",
                intensity=None,
                created_at=when,
            )
            return
        family = rng.choice(FAMILY_KEYS)
        intensity = rng.randint(1, 5)
        if near is not None and rng.random() < 0.5:
            family = FEELINGS[near["feelings"][0]].family
            intensity = max(1, min(5, near["intensity"] + rng.choice((-1, 0, 0, 1))))
        self.add(
            EmpathyGuess,
            couple_id=self.couple_id,
            guesser_id=guesser,
            date=day,
            skipped=False,
            family=family,
            intensity=intensity,
            created_at=when,
        )
        self.activity(guesser, Practice.COMMUNICATION, "empathy_guess", day, when)

    def respond_to_checkin(self, entry: Row, responder: uuid.UUID, after: datetime) -> None:
        rng = self.rng
        moment = after
        for kind in rng.sample(CHECKIN_REACTIONS, rng.choice((0, 1, 1, 2))):
            moment += timedelta(minutes=rng.randint(1, 30))
            self.add(
                CheckInReaction,
                checkin_id=entry["id"],
                author_id=responder,
                kind=kind,
                created_at=moment,
            )
        if (entry["need"] or entry["need_text"]) and rng.random() < 0.4:
            moment += timedelta(minutes=rng.randint(1, 10))
            self.add(
                CheckInReaction,
                checkin_id=entry["id"],
                author_id=responder,
                kind=CheckInReaction.Kind.CAN_HELP.value,
                created_at=moment,
            )
        for _reply in range(rng.choice((0, 0, 1, 2))):
            moment += timedelta(minutes=rng.randint(2, 30))
            self.add(
                CheckInReply,
                checkin_id=entry["id"],
                author_id=rng.choice(self.people),
                text=text.reply_text(rng),
                created_at=moment,
            )

    def checkins_of_the_day(self, day: date) -> None:
        rng = self.rng
        made: dict[int, Row] = {}
        times: dict[int, datetime] = {}
        for index, person in enumerate(self.people):
            times[index] = self.at(day, rng.uniform(0.7, 0.95))
            if rng.random() < self.habits["checkin"]:
                made[index] = self.checkin(
                    person, day, times[index], shared=rng.random() < 0.9, need=rng.random() < 0.35
                )
        if len(self.people) < 2:
            return
        for index, person in enumerate(self.people):
            roll = rng.random()
            if roll > self.habits["guess"] + 0.15:
                continue  # neither guessed nor looked today
            theirs = made.get(1 - index)
            when = times[index] - timedelta(minutes=2)
            self.guess(person, day, when, skipped=roll > self.habits["guess"], near=theirs)
            if theirs is not None and theirs["visibility"] == Visibility.SHARED:
                self.respond_to_checkin(
                    theirs, person, max(when, theirs["created_at"]) + timedelta(minutes=1)
                )

    # Everything else ----------------------------------------------------------------

    def timeout(self, day: date) -> None:
        rng = self.rng
        author = rng.choice(self.people)
        started = self.at(day, rng.uniform(0.6, 0.9))
        minutes = rng.choice(TIMEOUT_MINUTES)
        self.add(
            TimeOut,
            couple_id=self.couple_id,
            author_id=author,
            minutes=minutes,
            note=rng.choice(text.TIMEOUT_NOTES),
            started_at=started,
            ends_at=started + timedelta(minutes=minutes),
            # Some come back before the time is up.
            ended_at=started + timedelta(minutes=minutes // 2) if rng.random() < 0.3 else None,
        )
        self.activity(author, Practice.CONFLICT, "timeout", day, started)

    def repair(self, day: date) -> None:
        """A repair over two days: both sides, an agreement, then (mostly) forgiveness."""
        rng = self.rng
        started = self.at(day, rng.uniform(0.5, 0.7))
        next_day = day + timedelta(days=1)
        ending = rng.random()
        agreed, forgiven = ending > 0.1, ending > 0.2
        agreement_by = rng.choice(self.people)
        repair = self.add(
            Repair,
            couple_id=self.couple_id,
            started_by_id=rng.choice(self.people),
            title=rng.choice(text.REPAIR_TITLES),
            agreement=rng.choice(text.AGREEMENTS) if agreed else "",
            agreement_by_id=agreement_by if agreed else None,
            created_at=started,
        )
        for step, person in enumerate(self.people):
            done = started + timedelta(hours=1 + step)
            forgiven_at = self.at(next_day, 0.3 + 0.2 * step) if forgiven else None
            self.add(
                RepairSide,
                repair_id=repair["id"],
                author_id=person,
                feelings=rng.sample(FEELING_KEYS, rng.randint(1, 3)),
                trigger=rng.choice(text.REPAIR_TRIGGERS),
                my_part=rng.choice(text.REPAIR_MY_PARTS),
                need=rng.choice(text.REPAIR_NEEDS),
                differently=rng.choice(text.REPAIR_DIFFERENTLY),
                updated_at=done - timedelta(minutes=10),
                done_at=done,
                # Whoever wrote the agreement accepted it by writing it.
                accepted_at=(
                    started + timedelta(hours=3 + (person != agreement_by)) if agreed else None
                ),
                forgiven_at=forgiven_at,
            )
            self.activity(person, Practice.CONFLICT, "repair_side", day, done)
            if forgiven_at is not None:
                self.activity(person, Practice.CONFLICT, "repair_forgiven", next_day, forgiven_at)

    def listening_session(self, day: date, daily: Row) -> None:
        rng = self.rng
        starter = rng.choice(self.people)
        started = self.at(day, rng.uniform(0.75, 0.9))
        completed = started + timedelta(minutes=12) if rng.random() < 0.8 else None
        self.add(
            ListeningSession,
            couple_id=self.couple_id,
            started_by_id=starter,
            question_id=daily["question_id"],
            topic="",
            speaker_seconds=60 * rng.choice((1, 2, 3, 5)),
            created_at=started,
            completed_at=completed,
        )
        if completed is not None:
            self.activity(starter, Practice.COMMUNICATION, "listening_session", day, completed)

    def closeness_check(self, month: date, day: date) -> None:
        """Each takes the month's check; the focus follows from both (or from one alone)."""
        rng = self.rng
        checks: list[Row] = []
        for index, person in enumerate(self.people):
            when = self.at(day, 0.92 + 0.03 * index)
            answers = {key: rng.randint(2, 7) for key in ITEM_KEYS}
            checks.append(
                self.add(
                    ClosenessCheck,
                    couple_id=self.couple_id,
                    author_id=person,
                    month=month,
                    answers=answers,
                    created_at=when,
                    updated_at=when,
                )
            )
        combined = combine(score_answers(check["answers"]) for check in checks)
        practice = choose_focus(combined.practices(), self.last_focused)
        if practice is None:
            return
        self.last_focused[practice] = month
        self.picker.focus = practice
        self.add(
            Focus,
            couple_id=self.couple_id,
            month=month,
            practice=practice,
            source=Focus.Source.CHECK.value,
            chosen_by_id=None,
            # Alone, a person's answers choose a focus only they may see.
            from_check_of_id=self.people[0] if len(self.people) == 1 else None,
            updated_at=checks[-1]["updated_at"],
        )

    def ordinary_day(self, day: date) -> None:
        rng = self.rng
        daily = self.questions_of_the_day(day)
        self.checkins_of_the_day(day)
        if len(self.people) < 2:
            return
        if day < self.today and rng.random() < 0.05:
            self.timeout(day)
        if day < self.today - timedelta(days=2) and rng.random() < 0.03:
            self.repair(day)
        if rng.random() < 0.04:
            self.listening_session(day, daily)
        if day < self.today and rng.random() < 0.01:
            self.own_question(day)

    def fixed_day(self, day: date) -> None:
        """Today for a measured couple, the same whatever their past: both have answered
        (B first) and responded; B checked in, and A guessed and reacted; A checked in
        and B hasn't guessed yet. No break is running."""
        a, b = self.people
        daily = self.new_daily(day, self.at(day, 0.05), swap=False)
        answer_b = self.answer(daily, b, self.at(day, 0.2))
        answer_a = self.answer(daily, a, self.at(day, 0.35))
        self.revealed(daily, {0: answer_a, 1: answer_b})
        self.add(
            Reaction,
            answer_id=answer_a["id"],
            author_id=b,
            kind=Reaction.Kind.HEART.value,
            created_at=self.at(day, 0.4),
        )
        self.add(
            Comment,
            answer_id=answer_b["id"],
            author_id=a,
            text=text.REPLIES[0],
            created_at=self.at(day, 0.45),
        )
        theirs = self.checkin(b, day, self.at(day, 0.5), shared=True, need=True)
        self.guess(a, day, self.at(day, 0.6), skipped=False, near=theirs)
        self.add(
            CheckInReaction,
            checkin_id=theirs["id"],
            author_id=a,
            kind=CheckInReaction.Kind.HEAR_YOU.value,
            created_at=self.at(day, 0.65),
        )
        self.checkin(a, day, self.at(day, 0.7), shared=True, need=False)


def play(
    specs: Iterable[CoupleSpec],
    *,
    password_hash: str,
    now: datetime,
    flush_every: int = 20_000,
) -> dict[str, int]:
    """Play every couple and write their rows; returns how many rows of each model."""
    rows = Rows(MODELS)
    library = load_library()
    codes: set[str] = set(Invitation.objects.values_list("code", flat=True))
    for spec in specs:
        Story(
            spec, rows=rows, library=library, password_hash=password_hash, now=now, codes=codes
        ).play()
        if rows.size >= flush_every:
            rows.flush()
    rows.flush()
    return dict(rows.counts)


@dataclass(frozen=True)
class Plan:
    """The whole data set: the measured couple, the growth pair, then everyone else."""

    measured: CoupleSpec
    growth: tuple[CoupleSpec, ...]
    others: tuple[CoupleSpec, ...] = field(default=())

    @property
    def all(self) -> list[CoupleSpec]:
        return [self.measured, *self.growth, *self.others]


MEASURED_LABEL = "twoyears"
ONE_WEEK_LABEL = "oneweek"
FIVE_YEARS_LABEL = "fiveyears"
TIMEZONES = (
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/Toronto",
    "America/Los_Angeles",
    "Asia/Kolkata",
    "Australia/Sydney",
    "UTC",
)


def email_of(label: str, partner: str = "a") -> str:
    return f"{partner}.{label}@bench.example.com"


def plan(*, scale: float, others: int) -> Plan:
    """Two years for the measured couple, a week and five years for the growth check,
    and ``others`` couples of every kind: new, long-standing, lapsed, still alone."""

    def days(full: int) -> int:
        return max(6, round(full * scale))

    measured = CoupleSpec(MEASURED_LABEL, days=days(730), engagement=0.93, fixed_today=True, seed=1)
    growth = (
        CoupleSpec(ONE_WEEK_LABEL, days=6, engagement=0.93, fixed_today=True, seed=2),
        CoupleSpec(FIVE_YEARS_LABEL, days=days(1826), engagement=0.93, fixed_today=True, seed=3),
    )
    rng = random.Random(2024)  # noqa: S311 - made-up data, not secrets
    rest = []
    for number in range(others):
        history = min(round(rng.expovariate(1 / 60) * scale), 1500)
        stopped = rng.randint(0, history) if rng.random() < 0.3 else 0
        rest.append(
            CoupleSpec(
                f"{number:04d}",
                days=history,
                engagement=rng.uniform(0.3, 0.9),
                timezone=rng.choice(TIMEZONES),
                day_starts_hour=rng.choice((3, 4, 4, 4, 5)),
                solo=rng.random() < 0.06,
                stopped_days_ago=stopped,
                seed=1000 + number,
            )
        )
    return Plan(measured=measured, growth=growth, others=tuple(rest))
