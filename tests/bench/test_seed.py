"""manage.py seed_bench at a tiny scale: the rows are what the services would write,
and each partner sees, through the ordinary pages and API, what they should."""

from __future__ import annotations

import json
import random
import sys
import uuid
from datetime import date, timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from closeknit.accounts.models import User
from closeknit.checkins.models import CheckIn, EmpathyGuess
from closeknit.couples.models import Couple, Membership
from closeknit.couples.selectors import get_couple_for
from closeknit.insights.models import Activity
from closeknit.lib.fields import keyring
from closeknit.questions import selection, services
from closeknit.questions.models import Answer, DailyQuestion, Question, QuestionPreferences
from closeknit.questions.practices import Depth
from closeknit.questions.selectors import day_of
from closeknit.today.management.commands import seed_bench_rows as rows_module
from closeknit.today.management.commands import seed_bench_story as story
from closeknit.today.management.commands.seed_bench_login import issue_bench_token

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import bench_queries

pytestmark = pytest.mark.django_db

OTHERS = 4


@pytest.fixture
def seeded(db: None) -> str:
    out = StringIO()
    call_command("seed_bench", scale=0.02, others=OTHERS, stdout=out)
    return out.getvalue()


def person(label: str, partner: str = "a") -> User:
    return User.objects.get(email=story.email_of(label, partner))


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api_client(user: User) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {issue_bench_token(user)}")


def test_seeds_the_measured_couples_and_the_others(seeded: str) -> None:
    assert "Seeded 7 couples" in seeded
    assert Couple.objects.count() == 3 + OTHERS
    for label in (story.MEASURED_LABEL, story.ONE_WEEK_LABEL, story.FIVE_YEARS_LABEL):
        a, b = person(label, "a"), person(label, "b")
        couple = get_couple_for(a)
        assert couple is not None
        assert get_couple_for(b) == couple
        days = DailyQuestion.objects.filter(couple=couple, is_bonus=False)
        assert days.filter(date=day_of(couple)).exists()
        assert QuestionPreferences.objects.filter(couple=couple).exists()
    week = get_couple_for(person(story.ONE_WEEK_LABEL))
    first = DailyQuestion.objects.filter(couple=week).order_by("date").first()
    assert first is not None
    assert week is not None
    assert (day_of(week) - first.date).days == 6


def test_nothing_is_dated_after_now(seeded: str) -> None:
    now = timezone.now()
    for model, column in (
        (Answer, "created_at"),
        (DailyQuestion, "created_at"),
        (CheckIn, "created_at"),
        (EmpathyGuess, "created_at"),
        (Activity, "created_at"),
    ):
        assert not model.objects.filter(**{f"{column}__gt": now}).exists(), model.__name__
    for couple in Couple.objects.all():
        assert not DailyQuestion.objects.filter(couple=couple, date__gt=day_of(couple)).exists()


def test_every_write_leaves_the_trail_the_services_leave(seeded: str) -> None:
    # An answer is noted in the activity log on its day, for the question's practice.
    for answer in Answer.objects.select_related("daily__question")[:200]:
        assert Activity.objects.filter(
            couple_id=answer.daily.couple_id,
            user_id=answer.author_id,
            kind="question_answer",
            day=answer.daily.date,
            practice=answer.daily.question.practice,
        ).exists()
    # A check-in is noted too, and so is each real guess (a skip is not).
    for checkin in CheckIn.objects.all()[:200]:
        assert Activity.objects.filter(
            user_id=checkin.author_id, kind="checkin", day=checkin.date
        ).exists()
    guesses = EmpathyGuess.objects.filter(skipped=False).count()
    assert Activity.objects.filter(kind="empathy_guess").count() == guesses


def test_days_are_revealed_when_both_have_answered(seeded: str) -> None:
    for daily in DailyQuestion.objects.prefetch_related("answers"):
        answers = list(daily.answers.all())
        if len(answers) == 2:
            assert daily.revealed_at == max(a.created_at for a in answers)
        else:
            assert daily.revealed_at is None
            assert daily.streak is None


def test_reveals_and_streaks_are_what_the_services_work_out(seeded: str) -> None:
    couple = get_couple_for(person(story.FIVE_YEARS_LABEL))
    assert couple is not None
    days = DailyQuestion.objects.filter(couple=couple)
    seeded_marks = dict(days.values_list("id", "revealed_at"))
    seeded_streaks = dict(days.values_list("id", "streak"))
    assert any(seeded_streaks.values())

    days.update(revealed_at=None, streak=None)
    services.mark_revealed_days(couple_ids=[couple.id])

    assert dict(days.values_list("id", "revealed_at")) == seeded_marks
    assert dict(days.values_list("id", "streak")) == seeded_streaks


def test_text_is_sealed_to_its_row(seeded: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, text FROM questions_answer LIMIT 20")
        stored = cursor.fetchall()
    assert stored
    for pk, sealed in stored:
        assert sealed.startswith("ck1:")
        answer = Answer.objects.get(id=uuid.UUID(str(pk)))
        assert keyring().open(sealed, context=f"questions_answer.text:{answer.id}") == answer.text


def test_seeding_refuses_a_database_with_people_in_it(seeded: str) -> None:
    with pytest.raises(CommandError, match="already has people"):
        call_command("seed_bench", scale=0.02, others=0, stdout=StringIO())


def test_partner_a_sees_today_as_the_bench_measures_it(seeded: str) -> None:
    a, b = person(story.MEASURED_LABEL, "a"), person(story.MEASURED_LABEL, "b")
    client = signed_in(a)
    couple = get_couple_for(a)
    assert couple is not None
    daily = DailyQuestion.objects.get(couple=couple, date=day_of(couple), is_bonus=False)
    theirs = Answer.objects.get(daily=daily, author=b)

    today = client.get("/today/")
    day_page = client.get(f"/questions/{daily.id}/")

    assert today.status_code == 200
    assert day_page.status_code == 200
    # Both have answered today: A sees B's answer.
    assert escape(theirs.text) in day_page.content.decode()
    for path in ("/questions/history/", "/insights/", "/checkins/"):
        assert client.get(path).status_code == 200, path


def test_partners_see_what_they_should_through_the_api(seeded: str) -> None:
    a, b = person(story.MEASURED_LABEL, "a"), person(story.MEASURED_LABEL, "b")
    client_a, client_b = api_client(a), api_client(b)

    question_a = client_a.get("/api/v1/questions/today").json()
    checkin_a = client_a.get("/api/v1/checkins/today").json()
    checkin_b = client_b.get("/api/v1/checkins/today").json()

    assert question_a["state"] == "revealed"
    assert question_a["partner_answer"]["text"]
    # A guessed, so B's check-in shows; B has not, so A's waits behind a guess.
    assert checkin_a["partner_state"] == "revealed"
    assert (
        checkin_a["partner"]["note"] == CheckIn.objects.get(author=b, date=checkin_a["date"]).note
    )
    assert checkin_b["partner_state"] == "guess_first"
    assert checkin_b["partner"] is None

    # A's private check-ins never reach B, on any page of the history.
    private = set(
        CheckIn.objects.filter(author=a, visibility="private").values_list("id", flat=True)
    )
    seen_by_b: set[str] = set()
    page = 1
    while True:
        history = client_b.get(f"/api/v1/checkins/history?page={page}").json()
        for day in history["results"]:
            if day["partner"]:
                seen_by_b.add(day["partner"]["id"])
        if page >= history["pages"]:
            break
        page += 1
    assert seen_by_b
    assert not {str(pk) for pk in private} & seen_by_b


def test_other_couples_cannot_see_the_measured_couple(seeded: str) -> None:
    measured = get_couple_for(person(story.MEASURED_LABEL))
    assert measured is not None
    daily = DailyQuestion.objects.filter(couple=measured).first()
    assert daily is not None
    other = Membership.objects.exclude(couple=measured).select_related("user").first()
    assert other is not None

    assert signed_in(other.user).get(f"/questions/{daily.id}/").status_code == 404


def test_login_command_signs_partner_a_in(seeded: str) -> None:
    out = StringIO()
    call_command("seed_bench_login", story.MEASURED_LABEL, stdout=out)
    found = json.loads(out.getvalue())
    person_a = found["couples"][story.MEASURED_LABEL]

    browser = Client()
    browser.cookies[found["cookie"]] = person_a["session"]
    app = Client(HTTP_AUTHORIZATION=f"Bearer {person_a['token']}")

    assert browser.get("/today/").status_code == 200
    assert browser.get(f"/questions/{person_a['daily_id']}/").status_code == 200
    assert app.get("/api/v1/me").json()["email"] == person_a["email"]


def test_query_counter_signs_in_and_counts(seeded: str) -> None:
    endpoints = [
        {"name": "Today", "path": "/today/", "api": False},
        {"name": "Day", "path": "/questions/{daily}/", "api": False},
        {"name": "API", "path": "/api/v1/questions/today", "api": True},
    ]

    found = bench_queries.run(endpoints, [story.ONE_WEEK_LABEL])

    counted = found["counted"][story.ONE_WEEK_LABEL]
    assert {name: result["status"] for name, result in counted.items()} == {
        "Today": 200,
        "Day": 200,
        "API": 200,
    }
    for result in counted.values():
        assert result["queries"] == len(result["sql"]) > 0


# The shortcuts the seed takes, held to what they stand in for -------------------------


def test_picker_chooses_what_selection_would_from_every_candidate(db: None) -> None:
    library = story.load_library()
    rng = random.Random(7)
    couple_id = uuid.uuid4()
    picker = story.Picker(library, couple_id)
    day = date(2024, 1, 1)
    for step in range(150):
        day += timedelta(days=1)
        if step % 40 == 0:
            picker.focus = rng.choice(["", "trust", "goals", "rituals"])
        if step == 60:
            picker.add(story.LibraryQuestion(uuid.uuid4(), "trust", Depth.DEEPEST.value))
        exclude = rng.choice(library).id if step % 9 == 0 else None
        first = picker.first_day
        expected = selection.choose(
            [c for c in picker.candidates() if c.id != exclude],
            seed=selection.seed_for(couple_id, day.isoformat(), "swap" if exclude else ""),
            day_number=(day - first).days if first else 0,
            max_depth=Depth.DEEPEST.value,
            focus_practice=picker.focus,
        )
        assert expected is not None
        chosen = picker.pick(day, salt="swap" if exclude else "", exclude=exclude)
        assert chosen == expected.id, step
        picker.count(chosen, day)
        if step % 13 == 0:  # a bonus question, any from the library
            picker.count(rng.choice(library).id, day)


def sample_rows() -> dict[type, list[dict[str, Any]]]:
    """A couple's rows as the seed would write them, not written yet."""
    collected = rows_module.Rows(story.MODELS)
    spec = story.CoupleSpec("sample", days=60, engagement=1.0, fixed_today=True, seed=5)
    couple = story.Story(
        spec,
        rows=collected,
        library=story.load_library(),
        password_hash="argon2$not-a-real-hash",
        now=timezone.now(),
        codes=set(),
    )
    couple.play()
    # What happens now and then, made sure of: every model has rows to compare.
    day = couple.today - timedelta(days=5)
    couple.own_question(day)
    couple.timeout(day)
    couple.repair(day)
    couple.listening_session(day, collected.pending[DailyQuestion][-1])
    return dict(collected.pending)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the fast path is SQLite's")
def test_fast_rows_hold_what_the_fields_would_write(db: None) -> None:
    pending = sample_rows()
    assert set(pending) == set(story.MODELS)
    for model, rows in pending.items():
        table = rows_module.Table(model)
        for row in rows[:30]:
            fast = table.values(row)
            instance = model(**row)
            for field, value in zip(table.fields, fast, strict=True):
                django_value = field.get_db_prep_save(
                    field.pre_save(instance, add=True), connection
                )
                if isinstance(value, str) and value.startswith("ck1:"):
                    # Sealed twice, with different nonces: both open to the same text.
                    context = field.context_for(instance)  # type: ignore[attr-defined]
                    assert keyring().open(value, context=context) == keyring().open(
                        django_value, context=context
                    )
                else:
                    assert value == django_value, (model.__name__, field.name)


def test_rows_missing_a_value_are_refused(db: None) -> None:
    table = rows_module.Table(DailyQuestion)
    row = {"id": uuid.uuid4(), "couple_id": uuid.uuid4(), "date": date(2024, 5, 1)}

    with pytest.raises(ValueError, match="question_id"):
        table.values(row)


def test_library_is_loaded(db: None) -> None:
    assert len(story.load_library()) == Question.objects.filter(couple__isnull=True).count() > 0
