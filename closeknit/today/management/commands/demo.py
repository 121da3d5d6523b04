"""manage.py demo: a demo couple with a few weeks of history, so the app looks lived-in.

Alex and Sam signed up weeks ago, linked through a real invitation, and have used
Closeknit since. Re-running replaces them. Each feature area has its own step
below; a new feature adds a step that writes a few weeks of its own data, through
its services where it can, then backdates it.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from closeknit.accounts.models import User
from closeknit.accounts.services import register_user
from closeknit.couples.models import Couple, Invitation, Membership
from closeknit.couples.services import create_invitation, join_couple, update_couple_settings
from closeknit.questions.models import Answer, Comment, DailyQuestion, Deck, Question, Reaction
from closeknit.questions.selectors import day_of
from closeknit.questions.services import (
    add_comment,
    answer_question,
    ask_now,
    create_custom_question,
    toggle_reaction,
)
from closeknit.today.management.commands import demo_answers
from closeknit.today.management.commands.demo_answers import Day, Said, Who

DEMO_PASSWORD = "demo-closeknit-together"


@dataclass(frozen=True)
class DemoPerson:
    name: str
    email: str
    pronouns: str
    timezone: str


ALEX = DemoPerson("Alex", "alex.demo@example.com", "they/them", "Europe/London")
SAM = DemoPerson("Sam", "sam.demo@example.com", "she/her", "America/Toronto")
DEMO_PEOPLE = (ALEX, SAM)

# The story, counted back from now: Alex signs up and invites Sam, Sam joins two
# days later, and both have been coming back since.
ALEX_JOINED = timedelta(days=38, hours=2)
INVITED = timedelta(days=37, hours=23)
SAM_JOINED = timedelta(days=35, hours=20)
ALEX_LAST_SEEN = timedelta(hours=3)
SAM_LAST_SEEN = timedelta(hours=19)
TOGETHER_FOR_YEARS = 6


@dataclass(frozen=True)
class DemoCouple:
    alex: User
    sam: User
    couple: Couple


def remove_previous_demo() -> None:
    """Delete the demo people and their couple, so a re-run starts clean.

    Only the two reserved example.com addresses are touched: nobody else's data.
    """
    emails = [person.email for person in DEMO_PEOPLE]
    couple_ids = list(
        Membership.objects.filter(user__email__in=emails).values_list("couple_id", flat=True)
    )
    # A day keeps its question (PROTECT), and the couple's own questions go with the
    # couple, so the days go first.
    DailyQuestion.objects.filter(couple_id__in=couple_ids).delete()
    Couple.objects.filter(id__in=couple_ids).delete()
    User.objects.filter(email__in=emails).delete()


def create_people(*, now: datetime, password: str) -> tuple[User, User]:
    """Accounts: two people who signed up weeks ago and verified their addresses."""
    people = []
    for person, joined_ago in ((ALEX, ALEX_JOINED), (SAM, SAM_JOINED)):
        user = register_user(
            email=person.email,
            password=password,
            name=person.name,
            tz_name=person.timezone,
            pronouns=person.pronouns,
        )
        User.objects.filter(id=user.id).update(date_joined=now - joined_ago)
        EmailAddress.objects.filter(user=user).update(verified=True, primary=True)
        people.append(user)
    return people[0], people[1]


def link_partners(*, alex: User, sam: User, now: datetime) -> Couple:
    """Couples: Alex invited Sam, and Sam joined through that invitation."""
    invitation = create_invitation(user=alex)
    couple = join_couple(user=sam, code=invitation.code)
    invited_at = now - INVITED
    accepted_at = now - SAM_JOINED + timedelta(minutes=6)
    Couple.objects.filter(id=couple.id).update(created_at=invited_at)
    Invitation.objects.filter(id=invitation.id).update(
        created_at=invited_at,
        expires_at=invited_at + timedelta(days=settings.INVITATION_DAYS),
        accepted_at=accepted_at,
    )
    Membership.objects.filter(user=alex).update(joined_at=invited_at)
    Membership.objects.filter(user=sam).update(joined_at=accepted_at)
    return couple


def set_up_couple(*, alex: User, now: datetime) -> Couple:
    """Couple settings: together for years, at home in London, days turn over at 04:00."""
    today = now.date()
    return update_couple_settings(
        user=alex,
        relationship_started_on=date(today.year - TOGETHER_FOR_YEARS, 5, 18),
        home_timezone=ALEX.timezone,
        day_starts_at=time(4, 0),
    )


def record_sign_ins(*, alex: User, sam: User, now: datetime) -> None:
    """Accounts again: both came back recently, Alex this morning and Sam last night."""
    User.objects.filter(id=alex.id).update(last_login=now - ALEX_LAST_SEEN)
    User.objects.filter(id=sam.id).update(last_login=now - SAM_LAST_SEEN)


# Daily question. Alex answers on their early walk. Sam answers around her shifts, which
# repeat weekly: a time in Toronto, and whether it falls on the evening before (on nights
# she answers as soon as the question turns over, 04:00 in London). Yesterday was nights.
ALEX_ANSWERS_AT = time(6, 45)
SAM_ROTA: tuple[tuple[time, bool], ...] = (
    (time(6, 5), False),  # early shift
    (time(23, 30), True),  # nights
    (time(23, 40), True),  # nights
    (time(10, 30), False),  # day off
    (time(5, 40), False),  # early shift
    (time(6, 0), False),  # early shift
    (time(18, 20), False),  # late shift, on a break
)
BONUS_ASKED_AT = time(17, 0)  # Toronto: a long call before one of Sam's night shifts
SAMS_QUESTION_WRITTEN_AT = time(17, 40)  # Toronto, after that call
ALEX_WAKES_AT = time(6, 30)


def _at(day: date, at: time, tz_name: str) -> datetime:
    return datetime.combine(day, at, tzinfo=ZoneInfo(tz_name)).astimezone(UTC)


def _couple_day(couple: Couple, day: date) -> tuple[datetime, datetime]:
    """When the couple's day starts and ends, in UTC."""
    return (
        _at(day, couple.day_starts_at, couple.home_timezone),
        _at(day + timedelta(days=1), couple.day_starts_at, couple.home_timezone),
    )


def _answer_times(couple: Couple, day: date, days_ago: int) -> dict[Who, datetime]:
    """When each of them answered a past day's question, inside that day."""
    start, end = _couple_day(couple, day)
    alex = _at(day, ALEX_ANSWERS_AT, ALEX.timezone) + timedelta(minutes=days_ago * 11 % 50)
    sam_time, evening_before = SAM_ROTA[days_ago % len(SAM_ROTA)]
    sam = _at(day - timedelta(days=int(evening_before)), sam_time, SAM.timezone)
    margin = timedelta(minutes=5)
    return {
        "alex": min(max(alex, start + margin), end - margin),
        "sam": min(max(sam, start + margin), end - margin),
    }


def _when_awake(moment: datetime, who: Who) -> datetime:
    """Alex sleeps through the small hours; Sam, on shifts, is up at any hour."""
    if who == "sam":
        return moment
    local = moment.astimezone(ZoneInfo(ALEX.timezone))
    if local.time() >= ALEX_WAKES_AT:
        return moment
    return _at(local.date(), ALEX_WAKES_AT, ALEX.timezone)


def _play_day(
    *,
    daily: DailyQuestion,
    day: Day,
    people: dict[Who, User],
    answered_at: dict[Who, datetime],
    now: datetime,
) -> None:
    """Both answers (or one), then reactions and replies, each at its own moment."""
    said: dict[Who, Said] = {}
    if day.alex:
        said["alex"] = day.alex
    if day.sam:
        said["sam"] = day.sam
    order = sorted(said, key=lambda who: answered_at[who])
    answers: dict[Who, Answer] = {}
    for who in order:
        answers[who] = answer_question(user=people[who], daily=daily, text=said[who].text)
        moment = min(answered_at[who], now)
        Answer.objects.filter(id=answers[who].id).update(created_at=moment, updated_at=moment)
    if len(answers) < len(people):
        return
    other: dict[Who, Who] = {"alex": "sam", "sam": "alex"}
    moment = max(answered_at.values())
    step = 0
    for who in order:
        for kind in said[who].reactions:
            step += 1
            reactor = other[who]
            moment = _when_awake(moment + timedelta(minutes=9 + 7 * (step % 3)), reactor)
            toggle_reaction(user=people[reactor], answer=answers[who], kind=kind)
            Reaction.objects.filter(answer=answers[who], author=people[reactor], kind=kind).update(
                created_at=min(moment, now)
            )
    for who in order:
        for reply in said[who].replies:
            step += 1
            moment = _when_awake(moment + timedelta(minutes=12 + 11 * (step % 4)), reply.by)
            comment = add_comment(user=people[reply.by], answer=answers[who], text=reply.text)
            Comment.objects.filter(id=comment.id).update(created_at=min(moment, now))


def answer_daily_questions(*, alex: User, sam: User, couple: Couple, now: datetime) -> None:
    """Daily question: a month of days, most answered by both with reactions and replies,
    two answered by one of them, two missed (so the streak shows its grace days), a
    bonus question from the library, one question Sam wrote for their own deck, and
    today's question answered by Alex only: Sam's turn."""
    people: dict[Who, User] = {"alex": alex, "sam": sam}
    today = day_of(couple, now)
    keys = {*demo_answers.DAILY, *demo_answers.BONUS} - {demo_answers.SAMS_QUESTION_KEY}
    questions = {q.key: q for q in Question.objects.filter(key__in=keys, couple__isnull=True)}
    if missing := keys - set(questions):
        raise CommandError(f"The demo asks library questions that are missing: {sorted(missing)}")

    own = demo_answers.SAMS_QUESTION
    sams_question = create_custom_question(
        user=sam, text=own.text, practice=own.practice, depth=own.depth
    )
    written_at = _at(
        today - timedelta(days=own.written_days_ago), SAMS_QUESTION_WRITTEN_AT, SAM.timezone
    )
    Question.objects.filter(id=sams_question.id).update(created_at=written_at)
    Deck.objects.filter(id=sams_question.deck_id).update(created_at=written_at)
    questions[demo_answers.SAMS_QUESTION_KEY] = sams_question

    answered_at: dict[Who, datetime]
    for key, day in demo_answers.DAILY.items():
        date_ = today - timedelta(days=day.days_ago)
        if day.days_ago == 0:
            # Alex answered this morning, when they were last here; Sam hasn't yet.
            start, _end = _couple_day(couple, today)
            answered_at = {"alex": max(now - ALEX_LAST_SEEN, start + (now - start) / 2)}
            opened_at = max(answered_at["alex"] - timedelta(minutes=2), start)
        else:
            answered_at = _answer_times(couple, date_, day.days_ago)
            opened_at = min(answered_at.values()) - timedelta(minutes=3)
        daily = DailyQuestion.objects.create(
            couple=couple, date=date_, question=questions[key], created_at=opened_at
        )
        _play_day(daily=daily, day=day, people=people, answered_at=answered_at, now=now)

    for key, day in demo_answers.BONUS.items():
        date_ = today - timedelta(days=day.days_ago)
        asked_at = _at(date_, BONUS_ASKED_AT, SAM.timezone)
        bonus = ask_now(user=sam, question=questions[key])
        DailyQuestion.objects.filter(id=bonus.id).update(date=date_, created_at=asked_at)
        answered_at = {
            "sam": asked_at + timedelta(minutes=6),
            "alex": asked_at + timedelta(minutes=9),
        }
        _play_day(daily=bonus, day=day, people=people, answered_at=answered_at, now=now)


@transaction.atomic
def build_demo(*, now: datetime, password: str = DEMO_PASSWORD) -> DemoCouple:
    remove_previous_demo()
    alex, sam = create_people(now=now, password=password)
    link_partners(alex=alex, sam=sam, now=now)
    couple = set_up_couple(alex=alex, now=now)
    answer_daily_questions(alex=alex, sam=sam, couple=couple, now=now)
    record_sign_ins(alex=alex, sam=sam, now=now)
    return DemoCouple(
        alex=User.objects.get(id=alex.id), sam=User.objects.get(id=sam.id), couple=couple
    )


class Command(BaseCommand):
    help = "Create (or re-create) a demo couple, Alex and Sam, with a few weeks of history."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--password",
            default=DEMO_PASSWORD,
            help="Password for both demo accounts (default: %(default)s).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Allow running with CLOSEKNIT_ENV=production (not recommended).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # The default password is printed here and in the README: demo accounts
        # have no place on a server real couples use.
        if settings.PRODUCTION and not options["force"]:
            raise CommandError(
                "This is a production server: demo accounts with a published password "
                "do not belong here. Use --force (and --password) if you really mean it."
            )
        password: str = options["password"]
        demo = build_demo(now=timezone.now(), password=password)
        login_url = settings.SITE_URL + reverse("account_login")
        started = demo.couple.relationship_started_on
        self.stdout.write(
            f"Demo couple ready: {demo.alex.name} and {demo.sam.name}"
            + (f", together since {started:%d %B %Y}." if started else ".")
        )
        self.stdout.write("")
        for user in (demo.alex, demo.sam):
            self.stdout.write(f"  {user.name:<5} {user.email:<24} password: {password}")
        self.stdout.write("")
        self.stdout.write(f"Sign in at {login_url}")
        self.stdout.write("(Use a private window for the second person: each has their own login.)")
