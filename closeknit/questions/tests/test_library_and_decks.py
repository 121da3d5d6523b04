"""The question library, the couple's own questions, question settings and deck files."""

from __future__ import annotations

import json
import math
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from closeknit.questions import services
from closeknit.questions.models import DailyQuestion, Deck, Question, QuestionPreferences
from closeknit.questions.practices import Depth, Practice
from closeknit.questions.selectors import LIBRARY_PAGE_SIZE, day_of
from closeknit.questions.tests.support import couple_of, open_today, page

pytestmark = pytest.mark.django_db


def _listed_texts(html: str) -> list[str]:
    return re.findall(r'<p class="question-row__text">(.*?)</p>', html)


def _library(practice: str = "", depth: str = "") -> list[str]:
    rows = Question.objects.filter(couple__isnull=True, retired=False)
    if practice:
        rows = rows.filter(practice=practice)
    if depth:
        rows = rows.filter(depth=depth)
    return [q.library_text for q in rows.order_by("practice", "key")]


# The library --------------------------------------------------------------------------


def test_the_library_lists_the_first_page_of_every_question(partner_a):
    response = partner_a.client.get("/questions/library/")
    assert response.status_code == 200
    html = page(response)
    everything = _library()
    assert _listed_texts(html) == everything[:LIBRARY_PAGE_SIZE]
    pages = math.ceil(len(everything) / LIBRARY_PAGE_SIZE)
    assert f"Page 1 of {pages}" in html


@pytest.mark.parametrize("practice", [Practice.TRUST, Practice.GOALS])
def test_the_library_filters_by_practice(partner_a, practice):
    html = page(partner_a.client.get("/questions/library/", {"practice": practice}))
    assert _listed_texts(html) == _library(practice=practice)[:LIBRARY_PAGE_SIZE]
    assert html.count(f"{Practice(practice).label} · ") == LIBRARY_PAGE_SIZE


def test_the_library_filters_by_depth_and_practice_together(partner_a):
    html = page(
        partner_a.client.get("/questions/library/", {"practice": "rituals", "depth": "deepest"})
    )
    expected = _library(practice="rituals", depth="deepest")
    assert 0 < len(expected) <= LIBRARY_PAGE_SIZE
    assert _listed_texts(html) == expected


def test_the_library_paginates_and_keeps_the_filter_in_the_page_links(partner_a):
    first = page(partner_a.client.get("/questions/library/", {"depth": "light"}))
    assert 'href="?practice=&depth=light&page=2"' in first
    second = page(partner_a.client.get("/questions/library/", {"depth": "light", "page": 2}))
    light = _library(depth="light")
    assert _listed_texts(second) == light[LIBRARY_PAGE_SIZE : 2 * LIBRARY_PAGE_SIZE]
    assert f"Page 2 of {math.ceil(len(light) / LIBRARY_PAGE_SIZE)}" in second


def test_an_unknown_filter_or_page_falls_back_instead_of_failing(partner_a):
    unknown = page(partner_a.client.get("/questions/library/", {"practice": "nonsense"}))
    assert _listed_texts(unknown) == _library()[:LIBRARY_PAGE_SIZE]
    late = partner_a.client.get("/questions/library/", {"page": 9999})
    assert late.status_code == 200
    assert _listed_texts(page(late)) == _library()[-len(_listed_texts(page(late))) :]


def test_a_retired_library_question_is_not_listed(partner_a):
    first = Question.objects.filter(couple__isnull=True).order_by("practice", "key").first()
    assert first is not None
    Question.objects.filter(id=first.id).update(retired=True)
    assert first.library_text not in _listed_texts(
        page(partner_a.client.get("/questions/library/"))
    )


def test_the_outsider_sees_the_same_library_but_none_of_the_couples_own_questions(
    partner_a, outsider
):
    services.create_custom_question(
        user=partner_a.user, text="What is our family motto?", practice="rituals", depth="light"
    )
    html = page(outsider.client.get("/questions/library/"))
    assert _listed_texts(html) == _library()[:LIBRARY_PAGE_SIZE]
    assert "family motto" not in page(outsider.client.get("/questions/own/"))


# Own questions ------------------------------------------------------------------------


def _create_own(persona, text: str = "What is a place you'd like us to grow old in?", **extra):
    data = {"text": text, "practice": "goals", "depth": "deeper", **extra}
    return persona.client.post("/questions/own/", data)


def test_a_partner_writes_an_own_question_and_both_see_it(partner_a, partner_b):
    response = _create_own(partner_a)
    assert response.status_code == 302
    assert response["Location"] == "/questions/own/"
    own = Question.objects.get(couple__isnull=False)
    assert own.couple_id == couple_of(partner_a)
    assert (own.author, own.practice, own.depth) == (partner_a.user, "goals", "deeper")
    assert own.deck.is_own
    assert own.text == "What is a place you'd like us to grow old in?"
    for persona in (partner_a, partner_b):
        assert "grow old in" in page(persona.client.get("/questions/own/"))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "   "}, "This field is required."),
        ({"text": "x" * (services.QUESTION_MAX + 1)}, f"at most {services.QUESTION_MAX}"),
        ({"practice": "gossip"}, "Select a valid choice."),
        ({"depth": "bottomless"}, "Select a valid choice."),
    ],
)
def test_an_own_question_with_a_bad_field_gets_a_field_error(partner_a, data, message):
    response = _create_own(partner_a, **data)
    assert response.status_code == 422
    html = page(response)
    assert message in html
    assert "field--error" in html
    assert not Question.objects.filter(couple__isnull=False).exists()


def test_an_over_long_own_question_keeps_the_typed_text(partner_a):
    typed = "What " + "really " * 60 + "matters?"
    response = _create_own(partner_a, text=typed)
    assert response.status_code == 422
    assert typed in page(response)


def test_own_questions_are_encrypted_at_rest(partner_a):
    _create_own(partner_a, text="What is our secret lighthouse?")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT custom_text, library_text FROM {Question._meta.db_table} "
            "WHERE couple_id IS NOT NULL"
        )
        rows = cursor.fetchall()
    assert len(rows) == 1
    sealed, plain = rows[0]
    assert sealed.startswith("ck1:")
    assert "lighthouse" not in sealed
    assert plain == ""


def test_an_own_question_never_asked_is_deleted(partner_a, partner_b):
    _create_own(partner_a)
    own = Question.objects.get(couple__isnull=False)
    response = partner_b.client.post(f"/questions/own/{own.id}/delete/", follow=True)
    assert "Question removed." in page(response)
    assert not Question.objects.filter(id=own.id).exists()


def test_an_own_question_already_asked_is_retired_for_the_history(partner_a):
    _create_own(partner_a)
    own = Question.objects.get(couple__isnull=False)
    partner_a.client.post(f"/questions/library/{own.id}/ask/")
    partner_a.client.post(f"/questions/own/{own.id}/delete/")
    own.refresh_from_db()
    assert own.retired
    assert DailyQuestion.objects.filter(question=own).exists()
    assert "grow old in" not in page(partner_a.client.get("/questions/own/"))


def test_the_outsider_cannot_delete_the_couples_own_question(partner_a, outsider):
    _create_own(partner_a)
    own = Question.objects.get(couple__isnull=False)
    response = outsider.client.post(f"/questions/own/{own.id}/delete/")
    assert response.status_code == 404
    own.refresh_from_db()
    assert not own.retired


def test_a_library_question_cannot_be_deleted(partner_a):
    question = Question.objects.filter(couple__isnull=True).first()
    assert question is not None
    response = partner_a.client.post(f"/questions/own/{question.id}/delete/", follow=True)
    assert "Library questions can't be deleted." in page(response)
    question.refresh_from_db()
    assert not question.retired


# Question settings --------------------------------------------------------------------


def _deck(practice: str) -> Deck:
    return Deck.objects.get(couple__isnull=True, practice=practice)


def _save_settings(persona, *, max_depth: str, decks: list[Deck]):
    return persona.client.post(
        "/questions/settings/", {"max_depth": max_depth, "decks": [str(d.id) for d in decks]}
    )


def test_the_settings_page_shows_every_deck_switched_on_at_first(partner_a):
    html = page(partner_a.client.get("/questions/settings/"))
    for deck in Deck.objects.filter(couple__isnull=True):
        assert re.search(rf'value="{deck.id}"[^>]*checked', html)


def test_saving_settings_stores_the_depth_and_the_decks_switched_off(partner_a, partner_b):
    response = _save_settings(
        partner_a, max_depth="deeper", decks=[_deck("trust"), _deck("rituals")]
    )
    assert response.status_code == 302
    prefs = QuestionPreferences.objects.get(couple_id=couple_of(partner_a))
    assert prefs.max_depth == "deeper"
    off = set(prefs.disabled_decks.values_list("practice", flat=True))
    assert off == set(Practice.values) - {"trust", "rituals"}
    # The settings are shared: Sam sees what Alex chose.
    html = page(partner_b.client.get("/questions/settings/"))
    assert re.search(rf'value="{_deck("trust").id}"[^>]*checked', html)
    assert not re.search(rf'value="{_deck("goals").id}"[^>]*checked', html)


def test_at_least_one_deck_must_stay_switched_on(partner_a):
    response = _save_settings(partner_a, max_depth="deepest", decks=[])
    assert response.status_code == 422
    assert "Keep at least one deck switched on." in page(response)
    prefs = QuestionPreferences.objects.filter(couple_id=couple_of(partner_a)).first()
    assert prefs is None or not prefs.disabled_decks.exists()


def test_a_deck_of_another_couple_cannot_be_switched_on(partner_a, outsider):
    services.import_deck(user=outsider.user, raw=json.dumps(_deck_file()).encode())
    theirs = Deck.objects.get(couple_id=couple_of(outsider), is_own=False)
    response = _save_settings(partner_a, max_depth="deepest", decks=[_deck("trust"), theirs])
    assert response.status_code == 422
    assert "Select a valid choice" in page(response)
    prefs = QuestionPreferences.objects.filter(couple_id=couple_of(partner_a)).first()
    assert prefs is None or not prefs.disabled_decks.exists()


def _noon_utc(days_ahead: int) -> datetime:
    day = timezone.now().date() + timedelta(days=days_ahead)
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def _answered_long_ago(persona) -> None:
    """Give the couple a first day six weeks back, past the light first weeks."""
    daily = open_today(persona)
    DailyQuestion.objects.create(
        couple=daily.couple, date=daily.date - timedelta(days=42), question=daily.question
    )


def test_the_next_days_questions_come_only_from_the_chosen_decks_and_depth(partner_a):
    _answered_long_ago(partner_a)
    _save_settings(partner_a, max_depth="light", decks=[_deck("trust")])
    for days_ahead in range(1, 8):
        with time_machine.travel(_noon_utc(days_ahead), tick=False):
            daily = open_today(partner_a)
            assert daily.date == day_of(daily.couple)
        assert (daily.question.practice, daily.question.depth) == ("trust", "light")


def test_without_a_depth_limit_the_deeper_levels_come_up_after_the_first_weeks(partner_a):
    _answered_long_ago(partner_a)
    _save_settings(partner_a, max_depth="deepest", decks=[_deck("trust")])
    depths = set()
    for days_ahead in range(1, 11):
        with time_machine.travel(_noon_utc(days_ahead), tick=False):
            depths.add(open_today(partner_a).question.depth)
    assert depths - {Depth.LIGHT}


def test_the_next_days_question_can_come_from_the_couples_own_deck(partner_a):
    _create_own(partner_a, text="What is one thing we should do before the year ends?")
    own_deck = Deck.objects.get(couple_id=couple_of(partner_a), is_own=True)
    _save_settings(partner_a, max_depth="deepest", decks=[own_deck])
    with time_machine.travel(_noon_utc(1), tick=False):
        daily = open_today(partner_a)
        html = page(partner_a.client.get(f"/questions/{daily.id}/"))
    assert daily.question.deck == own_deck
    assert "before the year ends" in html


# Deck files ---------------------------------------------------------------------------


def _deck_file(**overrides: object) -> dict[str, Any]:
    data = {
        "format": "closeknit-deck",
        "version": 1,
        "name": "Road trip questions",
        "questions": [
            {
                "text": "Which road would you drive again?",
                "practice": "quality_time",
                "depth": "light",
            },
            {
                "text": "What do you miss when we're apart?",
                "practice": "vulnerability",
                "depth": "deeper",
            },
            {"text": "Where should our next trip end?", "practice": "goals", "depth": "light"},
        ],
    }
    data.update(overrides)
    return data


def _import(persona, raw: bytes):
    upload = SimpleUploadedFile("deck.json", raw, content_type="application/json")
    return persona.client.post("/questions/decks/import/", {"file": upload})


def test_a_library_deck_exports_as_json_with_format_version_name_and_questions(partner_a):
    deck = _deck("appreciation")
    response = partner_a.client.get(f"/questions/decks/{deck.id}/export/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert ".json" in response["Content-Disposition"]
    body = json.loads(response.content)
    assert (body["format"], body["version"], body["name"]) == (
        "closeknit-deck",
        1,
        "Appreciation",
    )
    expected = Question.objects.filter(deck=deck, retired=False)
    assert len(body["questions"]) == expected.count()
    assert {q["text"] for q in body["questions"]} == {q.library_text for q in expected}
    assert {(q["practice"], q["depth"]) for q in body["questions"]} <= {
        ("appreciation", d) for d in Depth.values
    }


def test_an_exported_own_deck_imports_back_as_a_new_deck_with_the_same_questions(
    partner_a, partner_b
):
    _create_own(partner_a, text="What tradition should we start this winter?")
    _create_own(partner_a, text="Which meal tastes like home to you?", practice="rituals")
    own = Deck.objects.get(couple_id=couple_of(partner_a), is_own=True)
    exported = partner_a.client.get(f"/questions/decks/{own.id}/export/")
    body = json.loads(exported.content)
    assert body["name"] == "Our own questions"

    response = _import(partner_b, exported.content)
    assert response.status_code == 302
    imported = Deck.objects.get(couple_id=couple_of(partner_b), is_own=False)
    assert imported.name == "Our own questions"
    copied = {(q.text, q.practice, q.depth) for q in imported.questions.all()}
    assert copied == {(q["text"], q["practice"], q["depth"]) for q in body["questions"]}
    assert all(q.author == partner_b.user for q in imported.questions.all())
    again = json.loads(partner_a.client.get(f"/questions/decks/{imported.id}/export/").content)
    assert again["questions"] == body["questions"]


def test_an_imported_deck_is_listed_and_its_questions_are_encrypted(partner_a):
    response = _import(partner_a, json.dumps(_deck_file()).encode())
    assert response.status_code == 302
    settings_page = page(partner_a.client.get("/questions/settings/"))
    assert "Imported “Road trip questions” with 3 questions." in settings_page
    assert "Road trip questions" in settings_page
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT custom_text FROM {Question._meta.db_table} WHERE couple_id IS NOT NULL"
        )
        sealed = [row[0] for row in cursor.fetchall()]
    assert len(sealed) == 3
    assert all(value.startswith("ck1:") and "road" not in value.lower() for value in sealed)


def _without_text(data: dict[str, Any]) -> dict[str, Any]:
    del data["questions"][2]["text"]
    return data


def _bad_practice(data: dict[str, Any]) -> dict[str, Any]:
    data["questions"][2]["practice"] = "romance"
    return data


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b'{"format": "closeknit-deck", "version": 1,', "it is not valid JSON (line 1, column"),
        (b"\xff\xfe not text", "it is not a text file"),
        (b"[1, 2, 3]", "the file must hold one JSON object"),
        (json.dumps(_deck_file(version=2)).encode(), '"version" must be 1; this file says 2.'),
        (json.dumps(_deck_file(format="other-app")).encode(), '"format" must be "closeknit-deck".'),
        (json.dumps(_deck_file(name="  ")).encode(), '"name" must be a non-empty text.'),
        (json.dumps(_deck_file(questions=[])).encode(), '"questions" must be a list with at least'),
        (
            json.dumps(_without_text(_deck_file())).encode(),
            'question 3: "text" must be a non-empty text.',
        ),
        (
            json.dumps(_bad_practice(_deck_file())).encode(),
            'question 3: "practice" must be one of communication',
        ),
    ],
    ids=[
        "bad-json",
        "not-utf8",
        "not-an-object",
        "wrong-version",
        "wrong-format",
        "empty-name",
        "no-questions",
        "missing-text-on-question-3",
        "bad-practice-on-question-3",
    ],
)
def test_a_broken_deck_file_says_what_is_wrong_and_where_and_imports_nothing(
    partner_a, raw, message
):
    decks, questions = Deck.objects.count(), Question.objects.count()
    response = _import(partner_a, raw)
    assert response.status_code == 422
    html = page(response)
    assert message in html
    assert "This file can't be imported" in html
    assert "Nothing was imported. Here is everything to fix:" in html
    assert (Deck.objects.count(), Question.objects.count()) == (decks, questions)


def test_every_problem_in_a_deck_file_is_listed_at_once(partner_a):
    data = _bad_practice(_without_text(_deck_file(version=3)))
    response = _import(partner_a, json.dumps(data).encode())
    assert response.status_code == 422
    problems = page(response).split('data-testid="import-problems"')[1]
    assert "Nothing was imported. Here is everything to fix:" in problems
    for expected in (
        '"version" must be 1; this file says 3.',
        'question 3: "text" must be a non-empty text.',
        'question 3: "practice" must be one of',
    ):
        assert expected in problems
    assert not Deck.objects.filter(couple__isnull=False).exists()


def test_a_missing_file_gets_a_field_error(partner_a):
    response = partner_a.client.post("/questions/decks/import/", {})
    assert response.status_code == 422
    assert "This field is required." in page(response)


def test_the_outsider_cannot_export_or_delete_the_couples_deck(partner_a, outsider):
    _import(partner_a, json.dumps(_deck_file()).encode())
    deck = Deck.objects.get(couple_id=couple_of(partner_a), is_own=False)
    _create_own(partner_a)
    own = Deck.objects.get(couple_id=couple_of(partner_a), is_own=True)
    for target in (deck, own):
        exported = outsider.client.get(f"/questions/decks/{target.id}/export/")
        assert exported.status_code == 404
        assert "Road trip" not in page(exported)
        assert outsider.client.post(f"/questions/decks/{target.id}/delete/").status_code == 404
    assert Deck.objects.filter(id=deck.id).exists()
    assert deck.questions.count() == 3
    assert "Road trip" not in page(outsider.client.get("/questions/settings/"))


def test_a_partner_removes_an_imported_deck_but_not_the_own_or_a_library_deck(partner_a, partner_b):
    _import(partner_a, json.dumps(_deck_file()).encode())
    deck = Deck.objects.get(couple_id=couple_of(partner_a), is_own=False)
    response = partner_b.client.post(f"/questions/decks/{deck.id}/delete/", follow=True)
    assert "Deck removed." in page(response)
    assert not Deck.objects.filter(id=deck.id).exists()

    _create_own(partner_a)
    own = Deck.objects.get(couple_id=couple_of(partner_a), is_own=True)
    kept = partner_a.client.post(f"/questions/decks/{own.id}/delete/", follow=True)
    assert "This deck can't be deleted." in page(kept)
    assert Deck.objects.filter(id=own.id).exists()
    library_deck = _deck("trust")
    assert partner_a.client.post(f"/questions/decks/{library_deck.id}/delete/").status_code == 404
    assert Deck.objects.filter(id=library_deck.id).exists()
