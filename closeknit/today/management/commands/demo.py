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
from closeknit.checkins import services as checkins
from closeknit.checkins.models import CheckIn, CheckInReaction, CheckInReply, EmpathyGuess
from closeknit.closeness.models import ClosenessCheck, Focus
from closeknit.closeness.selectors import month_of
from closeknit.closeness.services import submit_check
from closeknit.conflict import services as conflict_services
from closeknit.conflict.models import Repair, RepairSide
from closeknit.couples.models import Couple, Invitation, Membership
from closeknit.couples.services import create_invitation, join_couple, update_couple_settings
from closeknit.insights.models import Activity
from closeknit.questions.models import Answer, Comment, DailyQuestion, Deck, Question, Reaction
from closeknit.questions.selectors import day_of
from closeknit.questions.services import (
    add_comment,
    answer_question,
    ask_now,
    create_custom_question,
    toggle_reaction,
)
from closeknit.today.management.commands import demo_answers, demo_feelings
from closeknit.today.management.commands.demo_answers import Day, Said, Who
from closeknit.today.management.commands.demo_feelings import Felt

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


# Feelings check-in. Alex checks in in the evening in London; Sam after her day in
# Toronto, past midnight in London but still the couple's day (it turns over at 04:00).
ALEX_CHECKS_IN_AT = time(21, 40)
SAM_CHECKS_IN_AT = time(19, 30)
SAM_CHECKED_IN_TODAY_AT = time(6, 0)  # Toronto, before today's early shift


def _backdate_activity(*, user: User, couple: Couple, kind: str, day: date, at: datetime) -> None:
    """The service notes the activity on today; move it to the day it belongs to."""
    Activity.objects.filter(couple=couple, user=user, kind=kind, day=day_of(couple)).update(
        day=day, created_at=at
    )


def _check_in(*, user: User, couple: Couple, felt: Felt, day: date, at: datetime) -> CheckIn:
    checkin = checkins.save_checkin(
        user=user,
        feelings=list(felt.feelings),
        intensity=felt.intensity,
        note=felt.note,
        need=felt.need,
        shared=felt.shared,
    )
    CheckIn.objects.filter(id=checkin.id).update(date=day, created_at=at, updated_at=at)
    _backdate_activity(user=user, couple=couple, kind="checkin", day=day, at=at)
    checkin.refresh_from_db()
    return checkin


def _guess(*, guesser: User, couple: Couple, felt: Felt, day: date, at: datetime) -> None:
    """The partner's guess at ``felt``, made on ``day`` before seeing it."""
    if felt.skipped:
        guess = checkins.skip_guess(user=guesser)
    elif felt.guess is not None:
        family, intensity = felt.guess
        guess = checkins.make_guess(user=guesser, family=family, intensity=intensity)
        _backdate_activity(user=guesser, couple=couple, kind="empathy_guess", day=day, at=at)
    else:
        return
    EmpathyGuess.objects.filter(id=guess.id).update(date=day, created_at=at)


def _respond(
    *,
    checkin: CheckIn,
    felt: Felt,
    people: dict[Who, User],
    who: Who,
    moment: datetime,
    now: datetime,
) -> datetime:
    """The partner's reactions and offer of help, then the replies, each a little later."""
    partner: Who = "sam" if who == "alex" else "alex"
    responder = people[partner]
    for kind in felt.reactions:
        moment = _when_awake(moment + timedelta(minutes=4), partner)
        checkins.toggle_reaction(user=responder, checkin=checkin, kind=kind)
        CheckInReaction.objects.filter(checkin=checkin, author=responder, kind=kind).update(
            created_at=min(moment, now)
        )
    if felt.can_help:
        moment = _when_awake(moment + timedelta(minutes=2), partner)
        checkins.set_help_offer(user=responder, checkin=checkin, offered=True)
        CheckInReaction.objects.filter(
            checkin=checkin, author=responder, kind=CheckInReaction.Kind.CAN_HELP
        ).update(created_at=min(moment, now))
    for said in felt.replies:
        moment = _when_awake(moment + timedelta(minutes=9), said.by)
        answer = checkins.add_reply(user=people[said.by], checkin=checkin, text=said.text)
        CheckInReply.objects.filter(id=answer.id).update(created_at=min(moment, now))
    return moment


def check_in_feelings(*, alex: User, sam: User, couple: Couple, now: datetime) -> None:
    """Feelings check-in: two weeks of check-ins by both, most shared and one of Alex's
    kept private, with guesses (some close, some off), reactions, replies and offers of
    help. Today Sam checked in before her shift, and Alex hasn't guessed yet."""
    people: dict[Who, User] = {"alex": alex, "sam": sam}
    today = day_of(couple, now)
    for entry in demo_feelings.CHECKINS:
        day = today - timedelta(days=entry.days_ago)
        start, _end = _couple_day(couple, day)
        if entry.days_ago == 0:
            before_shift = _at(day, SAM_CHECKED_IN_TODAY_AT, SAM.timezone)
            latest = now - timedelta(minutes=20)
            checked_in = {"sam": max(start + timedelta(minutes=5), min(before_shift, latest))}
        else:
            alex_local = entry.alex.at if entry.alex and entry.alex.at else ALEX_CHECKS_IN_AT
            sam_local = entry.sam.at if entry.sam and entry.sam.at else SAM_CHECKS_IN_AT
            checked_in = {
                "alex": _at(day, alex_local, ALEX.timezone),
                "sam": _at(day, sam_local, SAM.timezone),
            }
        felt: dict[Who, Felt] = {}
        if entry.alex:
            felt["alex"] = entry.alex
        if entry.sam:
            felt["sam"] = entry.sam
        made = {
            who: _check_in(user=people[who], couple=couple, felt=f, day=day, at=checked_in[who])
            for who, f in felt.items()
        }
        if entry.days_ago == 0:
            continue  # nobody has guessed or responded yet today
        # Alex guesses at their own check-in, before Sam's; Sam just before hers.
        if entry.sam:
            _guess(
                guesser=alex,
                couple=couple,
                felt=entry.sam,
                day=day,
                at=checked_in["alex"] + timedelta(minutes=2),
            )
        if entry.alex:
            _guess(
                guesser=sam,
                couple=couple,
                felt=entry.alex,
                day=day,
                at=checked_in["sam"] - timedelta(minutes=2),
            )
        moment = max(checked_in.values()) + timedelta(minutes=3)
        for who in sorted(felt, key=lambda w: checked_in[w]):
            moment = _respond(
                checkin=made[who], felt=felt[who], people=people, who=who, moment=moment, now=now
            )


# Closeness check. Both took the check a couple of days into last month (Sam had only
# just joined) and this month: quality time was the first focus, goals the second.
CHECK_DAY_OF_MONTH = 3
ALEX_CHECKS_AT = time(20, 0)
SAM_CHECKS_AT = time(18, 30)  # Toronto, after Alex: her answers reveal both


def _take_checks(
    *,
    people: dict[Who, User],
    answers: dict[str, dict[str, int]],
    couple: Couple,
    month: date,
    day: date,
    now: datetime,
) -> None:
    """Both answer through the service (the second chooses the focus), then the month's
    rows move to the month and day they were taken."""
    latest = now - timedelta(minutes=30)
    taken: dict[Who, datetime] = {
        "alex": min(_at(day, ALEX_CHECKS_AT, ALEX.timezone), latest),
        "sam": min(_at(day, SAM_CHECKS_AT, SAM.timezone), latest + timedelta(minutes=10)),
    }
    current = month_of(couple)
    # Both first: the month moves only once the second check has chosen its focus.
    made = {who: submit_check(user=people[who], answers=answers[who]) for who in taken}
    for who, check in made.items():
        ClosenessCheck.objects.filter(id=check.id).update(
            month=month, created_at=taken[who], updated_at=taken[who]
        )
    Focus.objects.filter(couple=couple, month=current).update(month=month, updated_at=taken["sam"])


def take_closeness_checks(*, alex: User, sam: User, couple: Couple, now: datetime) -> None:
    """Closeness check: last month's and this month's, both done by both, so the trend,
    the gaps and the focus each have something to show."""
    people: dict[Who, User] = {"alex": alex, "sam": sam}
    current = month_of(couple)
    last = (current - timedelta(days=1)).replace(day=1)
    sam_settled = (now - SAM_JOINED).date() + timedelta(days=2)
    first_day = max(last.replace(day=CHECK_DAY_OF_MONTH), sam_settled)
    this_day = min(current.replace(day=CHECK_DAY_OF_MONTH), day_of(couple, now))
    _take_checks(
        people=people,
        answers=demo_feelings.LAST_MONTH,
        couple=couple,
        month=last,
        day=first_day,
        now=now,
    )
    _take_checks(
        people=people,
        answers=demo_feelings.THIS_MONTH,
        couple=couple,
        month=current,
        day=this_day,
        now=now,
    )


@transaction.atomic
def make_a_repair(*, alex: User, sam: User, now: datetime) -> None:
    """A repair after the missed call twelve days ago, talked through to forgiveness."""
    repair = conflict_services.start_repair(user=sam, title="The call I missed on Sunday")
    sides = {
        alex: (
            ["hurt", "lonely"],
            "I'd kept the evening free and waited an hour, then found out you'd gone to bed.",
            "I went quiet for two days instead of saying it stung.",
            "To know our calls matter to you even on a heavy week.",
            "Tell you the same night when something hurts, even if it's short.",
        ),
        sam: (
            ["frustrated", "worried"],
            "A double shift ran late and I fell asleep on the sofa with my phone on silent.",
            "I didn't text ahead that the shift was running over.",
            "Some slack when a shift eats me alive, and a word when you're upset.",
            "Send a two-line message before a long shift, every time.",
        ),
    }
    for person, (feelings, trigger, my_part, need, differently) in sides.items():
        conflict_services.save_repair_side(
            user=person,
            repair_id=repair.id,
            feelings=feelings,
            trigger=trigger,
            my_part=my_part,
            need=need,
            differently=differently,
        )
        conflict_services.finish_repair_side(user=person, repair_id=repair.id)
    conflict_services.set_repair_agreement(
        user=alex,
        repair_id=repair.id,
        text="On shift days Sam sends a quick note first; if a call falls through, we say so "
        "the same day and pick a new time.",
    )
    conflict_services.accept_repair_agreement(user=sam, repair_id=repair.id)
    conflict_services.forgive_repair(user=sam, repair_id=repair.id)
    conflict_services.forgive_repair(user=alex, repair_id=repair.id)
    started = now - timedelta(days=12, hours=3)
    Repair.objects.filter(id=repair.id).update(created_at=started)
    RepairSide.objects.filter(repair=repair).update(
        updated_at=started + timedelta(hours=2),
        done_at=started + timedelta(hours=2),
        accepted_at=started + timedelta(hours=5),
        forgiven_at=started + timedelta(days=1),
    )


def build_demo(*, now: datetime, password: str = DEMO_PASSWORD) -> DemoCouple:
    remove_previous_demo()
    alex, sam = create_people(now=now, password=password)
    link_partners(alex=alex, sam=sam, now=now)
    couple = set_up_couple(alex=alex, now=now)
    answer_daily_questions(alex=alex, sam=sam, couple=couple, now=now)
    check_in_feelings(alex=alex, sam=sam, couple=couple, now=now)
    take_closeness_checks(alex=alex, sam=sam, couple=couple, now=now)
    make_a_repair(alex=alex, sam=sam, now=now)
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
