"""A couple's past, every feature at once, for tests that compare a week with years.

Rows are made with bulk_create (which still seals encrypted text: the field encrypts
in pre_save) and backdated, the way a couple who used Closeknit daily would have them:
a daily question both answered with a reaction and a reply, a check-in from each
(some private) with guesses both ways and responses, a closeness check each month
with its focus, a time-out now and then, a repair a month, and the activity log.
"""

from __future__ import annotations

import datetime as dt
from itertools import cycle

from closeknit.accounts.models import User
from closeknit.checkins.models import CheckIn, CheckInReaction, CheckInReply, EmpathyGuess
from closeknit.closeness.items import ITEMS
from closeknit.closeness.models import ClosenessCheck, Focus
from closeknit.closeness.selectors import months_back
from closeknit.conflict.models import Repair, RepairSide, TimeOut
from closeknit.couples.selectors import get_couple_for
from closeknit.insights.models import Activity
from closeknit.questions.models import Answer, Comment, DailyQuestion, Question, Reaction
from closeknit.questions.practices import Practice
from closeknit.questions.selectors import day_of
from closeknit.questions.services import mark_revealed_days

FEELINGS = ["happy", "tired", "worried", "peaceful", "hopeful", "sad", "grateful"]
FAMILIES = ["joyful", "calm", "anxious", "sad", "tired"]


def _stamp(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)


def make_lived_in(a: User, b: User, *, days: int) -> None:
    """``days`` days before the couple's today, each used the way a couple would."""
    couple = get_couple_for(a)
    assert couple is not None
    today = day_of(couple)
    taken = set(DailyQuestion.objects.filter(couple=couple).values_list("date", flat=True))
    questions = cycle(Question.objects.filter(couple__isnull=True).order_by("key"))
    practices = cycle(Practice.values)
    past = [today - dt.timedelta(days=n) for n in range(1, days + 1)]

    dailies = [
        DailyQuestion(
            couple=couple,
            date=day,
            question=next(questions),
            created_at=_stamp(day),
        )
        for day in past
        if day not in taken
    ]
    DailyQuestion.objects.bulk_create(dailies)
    answers = [
        Answer(daily=daily, author=author, text=f"{author.name} wrote on {daily.date}")
        for daily in dailies
        for author in (a, b)
    ]
    Answer.objects.bulk_create(answers)
    Reaction.objects.bulk_create(
        Reaction(answer=answer, author=b if answer.author_id == a.pk else a, kind="heart")
        for answer in answers
    )
    Comment.objects.bulk_create(
        Comment(answer=answer, author=b if answer.author_id == a.pk else a, text="thank you")
        for answer in answers[::2]
    )
    mark_revealed_days(couple_ids=[couple.id])

    checkins: list[CheckIn] = []
    guesses: list[EmpathyGuess] = []
    for n, day in enumerate(past):
        checkins += [
            CheckIn(
                couple=couple,
                author=a,
                date=day,
                feelings=[FEELINGS[n % len(FEELINGS)]],
                intensity=1 + n % 5,
                note=f"a on {day}",
                need="rest",
            ),
            CheckIn(
                couple=couple,
                author=b,
                date=day,
                feelings=[FEELINGS[(n + 3) % len(FEELINGS)], "hopeful"],
                intensity=5 - n % 5,
                note=f"b on {day}",
                visibility="private" if n % 9 == 0 else "shared",
            ),
        ]
        guesses += [
            EmpathyGuess(couple=couple, guesser=a, date=day, family=FAMILIES[n % 5], intensity=3),
            EmpathyGuess(couple=couple, guesser=b, date=day, skipped=n % 4 == 0, intensity=2),
        ]
    CheckIn.objects.bulk_create(checkins)
    EmpathyGuess.objects.bulk_create(guesses)
    CheckInReaction.objects.bulk_create(
        CheckInReaction(checkin=c, author=b if c.author_id == a.pk else a, kind="hug")
        for c in checkins
        if c.visibility == "shared"
    )
    CheckInReply.objects.bulk_create(
        CheckInReply(checkin=c, author=b, text=f"reply on {c.date}") for c in checkins[::4]
    )

    months = sorted({months_back(day, 0) for day in past} - {today.replace(day=1)})
    values = {item.key: 4 for item in ITEMS}
    ClosenessCheck.objects.bulk_create(
        ClosenessCheck(
            couple=couple,
            author=author,
            month=month,
            answers=values,
            created_at=_stamp(month),
            updated_at=_stamp(month),
        )
        for month in months
        for author in (a, b)
    )
    Focus.objects.bulk_create(
        Focus(couple=couple, month=month, practice=next(practices), source=Focus.Source.CHECK)
        for month in months
    )

    TimeOut.objects.bulk_create(
        TimeOut(
            couple=couple,
            author=a,
            minutes=20,
            note="a walk",
            started_at=_stamp(day),
            ends_at=_stamp(day) + dt.timedelta(minutes=20),
        )
        for day in past[6::7]
    )
    repairs = [
        Repair(couple=couple, started_by=a, title=f"the {day}", created_at=_stamp(day))
        for day in past[29::30]
    ]
    Repair.objects.bulk_create(repairs)
    RepairSide.objects.bulk_create(
        RepairSide(
            repair=repair,
            author=author,
            trigger="late again",
            done_at=repair.created_at,
            accepted_at=repair.created_at,
            forgiven_at=repair.created_at,
        )
        for repair in repairs
        for author in (a, b)
    )

    Activity.objects.bulk_create(
        Activity(couple=couple, user=author, practice=next(practices), kind=kind, day=day)
        for day in past
        for author in (a, b)
        for kind in ("question_answer", "checkin")
    )
