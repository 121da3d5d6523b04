"""Past answers (revealed days only, newest first, paginated, searchable) and the streak."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from closeknit.accounts.models import User
from closeknit.couples.models import Couple
from closeknit.couples.selectors import get_couple_for
from closeknit.questions.models import Answer, DailyQuestion, Deck, Question
from closeknit.questions.selectors import HISTORY_PAGE_SIZE, count_streak, day_of, streak_of
from closeknit.questions.tests.support import page

TODAY = date(2026, 5, 20)


def _days_ago(*offsets: int) -> set[date]:
    return {TODAY - timedelta(days=n) for n in offsets}


# The streak, as a rule ------------------------------------------------------------------


def test_no_days_answered_is_no_streak():
    assert count_streak(set(), TODAY) == 0


def test_consecutive_days_both_answered_make_the_streak():
    assert count_streak(_days_ago(0, 1, 2, 3, 4), TODAY) == 5


def test_today_not_answered_yet_does_not_break_the_streak():
    assert count_streak(_days_ago(1, 2, 3), TODAY) == 3


def test_one_missed_day_is_forgiven():
    assert count_streak(_days_ago(0, 1, 2, 4, 5, 6), TODAY) == 6


def test_a_second_missed_day_within_seven_days_ends_the_streak():
    assert count_streak(_days_ago(0, 1, 3, 5, 6, 7), TODAY) == 3


def test_two_missed_days_in_a_row_end_the_streak():
    assert count_streak(_days_ago(0, 1, 4, 5, 6), TODAY) == 2


def test_one_grace_day_in_every_seven_keeps_a_long_streak_going():
    answered = {TODAY - timedelta(days=n) for n in range(30) if n not in {3, 10, 17, 24}}
    assert count_streak(answered, TODAY) == 26


def test_misses_six_days_apart_are_too_close_together():
    answered = {TODAY - timedelta(days=n) for n in range(20) if n not in {3, 9}}
    assert count_streak(answered, TODAY) == 8


def test_days_before_the_first_answered_day_are_not_counted_as_misses():
    assert count_streak(_days_ago(1, 2), TODAY) == 2
    assert count_streak(_days_ago(5), TODAY) == 0


# The pages -------------------------------------------------------------------------------


def _questions(count: int) -> list[Question]:
    rows = list(Question.objects.filter(couple__isnull=True).order_by("key")[:count])
    assert len(rows) == count
    return rows


def _day(
    couple: Couple,
    day: date,
    question: Question,
    answers: dict[User, str],
    *,
    bonus: bool = False,
) -> DailyQuestion:
    daily = DailyQuestion.objects.create(couple=couple, date=day, question=question, is_bonus=bonus)
    for author, text in answers.items():
        Answer.objects.create(daily=daily, author=author, text=text)
    return daily


def _items(html: str) -> list[str]:
    return re.findall(r'data-testid="history-item">(.*?)</article>', html, re.DOTALL)


@pytest.fixture
def couple(partner_a, partner_b) -> Couple:
    found = get_couple_for(partner_a.user)
    assert found is not None
    return found


@pytest.mark.django_db
def test_history_lists_only_days_both_answered_newest_first(couple, partner_a, partner_b):
    today = day_of(couple)
    q = _questions(5)
    a, b = partner_a.user, partner_b.user
    _day(couple, today - timedelta(days=5), q[0], {a: "oldest, both", b: "oldest too"})
    _day(couple, today - timedelta(days=4), q[1], {a: "only Alex wrote this"})
    _day(couple, today - timedelta(days=3), q[2], {})
    _day(couple, today - timedelta(days=2), q[3], {a: "newest, both", b: "newest too"})
    _day(couple, today - timedelta(days=1), q[4], {b: "only Sam wrote this"})

    for persona in (partner_a, partner_b):
        html = page(persona.client.get("/questions/history/"))
        items = _items(html)
        assert len(items) == 2
        assert q[3].text in items[0]
        assert "newest, both" in items[0]
        assert "newest too" in items[0]
        assert q[0].text in items[1]
        assert "only Alex wrote this" not in html
        assert "only Sam wrote this" not in html
        assert q[1].text not in html


@pytest.mark.django_db
def test_history_names_the_partner_for_each_reader(couple, partner_a, partner_b):
    _day(couple, day_of(couple), _questions(1)[0], {partner_a.user: "A", partner_b.user: "B"})
    a_item = _items(page(partner_a.client.get("/questions/history/")))[0]
    b_item = _items(page(partner_b.client.get("/questions/history/")))[0]
    assert re.search(r"<dt>You</dt><dd>A</dd>\s*<dt>Sam</dt><dd>B</dd>", a_item)
    assert re.search(r"<dt>You</dt><dd>B</dd>\s*<dt>Alex</dt><dd>A</dd>", b_item)


@pytest.mark.django_db
def test_history_shows_a_week_a_page(couple, partner_a, partner_b):
    today = day_of(couple)
    questions = _questions(HISTORY_PAGE_SIZE + 2)
    for n, question in enumerate(questions):
        _day(
            couple,
            today - timedelta(days=n),
            question,
            {partner_a.user: f"day {n} from Alex", partner_b.user: f"day {n} from Sam"},
        )
    first = page(partner_a.client.get("/questions/history/"))
    assert len(_items(first)) == HISTORY_PAGE_SIZE
    assert "Page 1 of 2" in first
    assert 'href="?page=2"' in first
    second = page(partner_a.client.get("/questions/history/", {"page": 2}))
    items = _items(second)
    assert len(items) == 2
    assert f"day {HISTORY_PAGE_SIZE} from Alex" in items[0]
    assert f"day {HISTORY_PAGE_SIZE + 1} from Sam" in items[1]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("lighthouse", "question"),
        ("PANCAKES", "alex"),
        ("thunderstorm", "sam"),
    ],
)
def test_history_search_finds_words_in_the_question_or_either_answer(
    couple, partner_a, partner_b, query, found
):
    today = day_of(couple)
    a, b = partner_a.user, partner_b.user
    lighthouse = Question.objects.create(
        deck=Deck.objects.get(couple__isnull=True, practice="goals"),
        practice="goals",
        depth="light",
        library_text="Which lighthouse would you visit with me?",
        key="test-lighthouse",
    )
    q = _questions(2)
    days = {
        "question": _day(couple, today - timedelta(days=1), lighthouse, {a: "north", b: "south"}),
        "alex": _day(couple, today - timedelta(days=2), q[0], {a: "pancakes!", b: "waffles"}),
        "sam": _day(couple, today - timedelta(days=3), q[1], {a: "sunshine", b: "a thunderstorm"}),
    }
    for persona in (partner_a, partner_b):
        html = page(persona.client.post("/questions/history/", {"q": query}))
        items = _items(html)
        assert len(items) == 1
        assert f"/questions/{days[found].id}/" in items[0]
        assert f'value="{query}"' in html


@pytest.mark.django_db
def test_history_search_with_no_match_says_so(couple, partner_a, partner_b):
    _day(couple, day_of(couple), _questions(1)[0], {partner_a.user: "x", partner_b.user: "y"})
    html = page(partner_a.client.post("/questions/history/", {"q": "zeppelin"}))
    assert _items(html) == []
    assert "Nothing matches that search." in html


@pytest.mark.django_db
def test_history_search_pages_keep_the_whole_search(couple, partner_a, partner_b):
    today = day_of(couple)
    for n, question in enumerate(_questions(HISTORY_PAGE_SIZE + 5)):
        # The last four days mention only tea: a search cut short at the "&" finds them.
        breakfast = "tea & toast" if n <= HISTORY_PAGE_SIZE else "tea alone"
        _day(
            couple,
            today - timedelta(days=n),
            question,
            {partner_a.user: f"{breakfast}, day {n}", partner_b.user: "same"},
        )
    first = page(partner_a.client.post("/questions/history/", {"q": "tea & toast"}))
    # The next page is asked for by POST too, carrying the whole search along.
    assert 'name="q" value="tea & toast"' in first
    assert 'name="page" value="2"' in first
    second = partner_a.client.post("/questions/history/", {"q": "tea & toast", "page": "2"})
    items = _items(page(second))
    assert len(items) == 1
    assert f"tea & toast, day {HISTORY_PAGE_SIZE}" in items[0]


@pytest.mark.django_db
def test_the_outsider_sees_none_of_the_couples_history(couple, partner_a, partner_b, outsider):
    _day(couple, day_of(couple), _questions(1)[0], {partner_a.user: "ours", partner_b.user: "x"})
    html = page(outsider.client.post("/questions/history/", {"q": "ours"}))
    assert _items(html) == []
    assert _items(page(outsider.client.get("/questions/history/"))) == []


@pytest.mark.django_db
def test_the_streak_counts_daily_questions_both_answered_not_bonus_or_half_days(
    couple, partner_a, partner_b
):
    today = day_of(couple)
    a, b = partner_a.user, partner_b.user
    q = _questions(6)
    _day(couple, today, q[0], {a: "1", b: "1"})
    _day(couple, today - timedelta(days=1), q[1], {a: "2", b: "2"})
    _day(couple, today - timedelta(days=2), q[2], {a: "only one"})  # the grace day
    _day(couple, today - timedelta(days=3), q[3], {a: "3", b: "3"})
    _day(couple, today - timedelta(days=4), q[4], {a: "bonus", b: "bonus"}, bonus=True)
    assert streak_of(couple, today) == 3

    history = page(partner_b.client.get("/questions/history/"))
    assert "You've both answered 3 days in a row." in history
    assert "One missed day a week doesn't break it." in history
    assert "3-day streak" in page(partner_a.client.get("/today/"))


@pytest.mark.django_db
def test_a_couple_with_no_days_has_no_streak_on_the_pages(couple, partner_a):
    history = page(partner_a.client.get("/questions/history/"))
    assert "in a row" not in history
    assert "Nothing here yet" in history
    assert "-day streak" not in page(partner_a.client.get("/today/"))
