"""Today, the day's question page, history and the library run a fixed number of SQL
queries, whether the couple has one day of answers or a whole year."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from closeknit.questions.models import Answer, Comment, DailyQuestion, Question, Reaction
from closeknit.questions.services import mark_revealed_days
from closeknit.questions.tests.support import answer, open_today

pytestmark = pytest.mark.django_db

YEAR = 365


@pytest.fixture
def today_revealed(partner_a, partner_b) -> DailyQuestion:
    """Today answered by both, with a reaction and a reply, so every part of a day shows."""
    daily = open_today(partner_a)
    answer(partner_a, daily, "Alex today")
    answer(partner_b, daily, "Sam today")
    alex_answer = Answer.objects.get(daily=daily, author=partner_a.user)
    partner_b.client.post(f"/questions/answers/{alex_answer.id}/react/", {"kind": "heart"})
    partner_b.client.post(f"/questions/answers/{alex_answer.id}/comment/", {"text": "lovely"})
    assert Reaction.objects.count() == Comment.objects.count() == 1
    return daily


def _add_past_days(daily: DailyQuestion, alex, sam, count: int) -> None:
    """``count`` earlier days, each answered by both, with a reaction and a reply."""
    questions = list(
        Question.objects.filter(couple__isnull=True).exclude(id=daily.question_id)[:count]
    )
    days = [
        DailyQuestion(couple=daily.couple, date=daily.date - timedelta(days=n + 1), question=q)
        for n, q in enumerate(questions)
    ]
    DailyQuestion.objects.bulk_create(days)
    answers = []
    for day in days:
        answers += [
            Answer(daily=day, author=alex, text=f"Alex on {day.date}"),
            Answer(daily=day, author=sam, text=f"Sam on {day.date}"),
        ]
    Answer.objects.bulk_create(answers)
    mark_revealed_days(couple_ids=[daily.couple_id])
    alex_answers = [a for a in answers if a.author == alex]
    Reaction.objects.bulk_create(
        Reaction(answer=a, author=sam, kind="me_too") for a in alex_answers
    )
    Comment.objects.bulk_create(Comment(answer=a, author=sam, text="yes!") for a in alex_answers)


def _fetch(client, url: str):
    # A history search goes by POST, so its words stay out of URLs and logs.
    if url.startswith("POST "):
        path, _, query = url[5:].partition("?q=")
        return client.post(path, {"q": query})
    return client.get(url)


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = _fetch(client, url)
    assert response.status_code == 200, url
    return len(context)


PAGES = {
    "today": "/today/",
    "daily": "{daily}",
    "history": "/questions/history/",
    "history-search": "POST /questions/history/?q=alex",
    "history-page-2": "/questions/history/?page=2",
    "library": "/questions/library/?practice=trust&page=2",
}

# The exact counts: a change here means a page's queries changed, on purpose or not.
EXPECTED = {
    "today": 7,
    "daily": 7,
    "history": 6,
    "history-search": 5,
    "history-page-2": 6,
    "library": 4,
}


@pytest.mark.parametrize("name", PAGES)
def test_each_page_runs_the_same_queries_with_one_day_or_a_year_of_history(
    name, today_revealed, partner_a, partner_b, django_assert_num_queries
):
    url = PAGES[name].format(daily=f"/questions/{today_revealed.id}/")
    client = partner_a.client
    _fetch(client, url)  # the first visit may store the session or settle today's question
    one_day = _queries(client, url)

    _add_past_days(today_revealed, partner_a.user, partner_b.user, YEAR - 1)
    assert DailyQuestion.objects.filter(couple=today_revealed.couple).count() == YEAR
    with django_assert_num_queries(one_day):
        _fetch(client, url)
    assert EXPECTED[name] == one_day
