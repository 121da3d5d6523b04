"""The listening session: a speaker-listener exercise on a topic or today's question."""

from __future__ import annotations

import pytest
from django.db import connection

from closeknit.questions.models import ListeningSession
from closeknit.questions.services import QUESTION_MAX
from closeknit.questions.tests.support import couple_of, open_today, page

pytestmark = pytest.mark.django_db

STEPS = ("speak", "paraphrase", "check", "correct", "switch", "done")


def _start(persona, topic: str = "How we share the chores", minutes: int | str = 3):
    return persona.client.post("/questions/listen/", {"topic": topic, "minutes": minutes})


def test_the_start_page_asks_for_a_topic_and_a_time(partner_a):
    response = partner_a.client.get("/questions/listen/")
    assert response.status_code == 200
    html = page(response)
    assert "What would you like to talk about?" in html
    assert "Leave it empty to use today's question." in html
    assert 'name="minutes"' in html


def test_starting_on_a_topic_opens_the_session_with_both_names_and_every_step(partner_a):
    response = _start(partner_a)
    session = ListeningSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/questions/listen/{session.id}/"
    assert session.couple_id == couple_of(partner_a)
    assert (session.started_by, session.topic, session.question) == (
        partner_a.user,
        "How we share the chores",
        None,
    )
    assert session.speaker_seconds == 180
    assert session.completed_at is None

    html = page(partner_a.client.get(response["Location"]))
    assert "How we share the chores" in html
    for step in STEPS:
        assert f'data-step="{step}"' in html
    assert 'data-seconds="180"' in html
    assert '<span data-role="speaker">Alex</span>, you\'re speaking.' in html
    assert '<span data-role="listener">Sam</span>, say back what you heard.' in html
    assert "What I heard is" in html
    assert "Did I get that right?" in html
    assert "Now swap." in html


def test_the_partner_opens_the_same_session_as_the_first_speaker(partner_a, partner_b):
    _start(partner_a)
    session = ListeningSession.objects.get()
    html = page(partner_b.client.get(f"/questions/listen/{session.id}/"))
    assert "How we share the chores" in html
    assert '<span data-role="speaker">Sam</span>, you\'re speaking.' in html
    assert '<span data-role="listener">Alex</span>, just listen' in html


def test_an_empty_topic_uses_todays_question(partner_a):
    daily = open_today(partner_a)
    response = _start(partner_a, topic="  ")
    session = ListeningSession.objects.get()
    assert (session.topic, session.question) == ("", daily.question)
    assert daily.question.text in page(partner_a.client.get(response["Location"]))


def test_a_topic_is_encrypted_at_rest(partner_a):
    _start(partner_a, topic="the thing about my sister's wedding")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT topic FROM {ListeningSession._meta.db_table}")
        (stored,) = cursor.fetchone()
    assert stored.startswith("ck1:")
    assert "wedding" not in stored


@pytest.mark.parametrize(
    ("topic", "minutes", "message"),
    [
        ("x" * (QUESTION_MAX + 1), 2, f"at most {QUESTION_MAX} characters"),
        ("Our weekends", 4, "Select a valid choice."),
        ("Our weekends", "soon", "Select a valid choice."),
    ],
)
def test_a_bad_topic_or_time_gets_a_field_error_and_starts_nothing(
    partner_a, topic, minutes, message
):
    response = _start(partner_a, topic=topic, minutes=minutes)
    assert response.status_code == 422
    assert message in page(response)
    assert not ListeningSession.objects.exists()


def test_finishing_marks_the_session_completed_once(partner_a, partner_b):
    _start(partner_a)
    session = ListeningSession.objects.get()
    response = partner_b.client.post(f"/questions/listen/{session.id}/done/", follow=True)
    assert response.redirect_chain[-1][0] == "/today/"
    assert "Well done, both of you." in page(response)
    session.refresh_from_db()
    finished = session.completed_at
    assert finished is not None
    partner_a.client.post(f"/questions/listen/{session.id}/done/")
    session.refresh_from_db()
    assert session.completed_at == finished


def test_finishing_needs_a_post(partner_a):
    _start(partner_a)
    session = ListeningSession.objects.get()
    assert partner_a.client.get(f"/questions/listen/{session.id}/done/").status_code == 405
    session.refresh_from_db()
    assert session.completed_at is None


def test_the_outsider_gets_404_for_the_couples_session(partner_a, outsider):
    _start(partner_a, topic="our private topic")
    session = ListeningSession.objects.get()
    opened = outsider.client.get(f"/questions/listen/{session.id}/")
    assert opened.status_code == 404
    assert "our private topic" not in page(opened)
    assert outsider.client.post(f"/questions/listen/{session.id}/done/").status_code == 404
    session.refresh_from_db()
    assert session.completed_at is None


def test_someone_alone_can_practise_with_their_partner_unnamed(solo):
    response = _start(solo, topic="What I want to say when you join")
    html = page(solo.client.get(response["Location"]))
    assert '<span data-role="speaker">Jo</span>' in html
    assert '<span data-role="listener">your partner</span>' in html
