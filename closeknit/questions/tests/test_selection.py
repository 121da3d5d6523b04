"""The rules for choosing the daily question, over simulated years of days."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from closeknit.lib.timezones import couple_date
from closeknit.questions.practices import Depth, Practice
from closeknit.questions.selection import Candidate, choose, depth_weights, seed_for

COUPLE = uuid.UUID("00000000-0000-4000-8000-000000000001")


def _library(per_cell: int = 5) -> list[Candidate]:
    # Fixed ids, so every run simulates exactly the same year.
    cells = [(p.value, d.value) for p in Practice for d in Depth for _ in range(per_cell)]
    return [
        Candidate(id=uuid.UUID(int=index + 1), practice=practice, depth=depth, times_asked=0)
        for index, (practice, depth) in enumerate(cells)
    ]


def _simulate(candidates: list[Candidate], days: int, **kwargs) -> list[Candidate]:
    counts: Counter[uuid.UUID] = Counter()
    by_id = {c.id: c for c in candidates}
    picked = []
    start = date(2026, 1, 1)
    for n in range(days):
        pool = [
            Candidate(id=c.id, practice=c.practice, depth=c.depth, times_asked=counts[c.id])
            for c in by_id.values()
        ]
        day = start + timedelta(days=n)
        choice = choose(pool, seed=seed_for(COUPLE, day.isoformat()), day_number=n, **kwargs)
        assert choice is not None
        counts[choice.id] += 1
        picked.append(choice)
    return picked


def test_the_same_couple_and_day_always_get_the_same_question():
    library = _library()
    seed = seed_for(COUPLE, "2026-03-04")
    first = choose(library, seed=seed, day_number=40, max_depth="deepest")
    again = choose(list(reversed(library)), seed=seed, day_number=40, max_depth="deepest")
    assert first == again


def test_different_couples_get_different_questions_on_the_same_day():
    library = _library()
    picks = {
        choose(
            library, seed=seed_for(uuid.uuid4(), "2026-03-04"), day_number=40, max_depth="deepest"
        )
        for _ in range(20)
    }
    assert len(picks) > 10


def test_no_question_repeats_over_a_year_until_the_deck_is_exhausted():
    library = _library(per_cell=3)  # 72 questions, so a year goes round about five times
    picks = _simulate(library, 365, max_depth="deepest")
    seen: set[uuid.UUID] = set()
    eligible_now: set[uuid.UUID] = set()
    for n, pick in enumerate(picks):
        allowed = set(depth_weights(n, "deepest"))
        eligible_now = {c.id for c in library if c.depth in allowed}
        if pick.id in seen:
            # A repeat is allowed only once every question eligible today has been asked.
            assert eligible_now <= seen, f"day {n} repeated a question early"
            seen = set()
        seen.add(pick.id)
    assert len({p.id for p in picks}) == len(library)


def test_the_first_week_is_light_and_depth_grows_over_time():
    picks = _simulate(_library(per_cell=10), 120, max_depth="deepest")
    assert {p.depth for p in picks[:7]} == {"light"}
    assert {p.depth for p in picks[7:28]} <= {"light", "deeper"}
    assert "deeper" in {p.depth for p in picks[7:28]}
    assert "deepest" in {p.depth for p in picks[28:]}


def test_the_chosen_deepest_level_is_never_passed():
    picks = _simulate(_library(per_cell=10), 200, max_depth="deeper")
    assert "deepest" not in {p.depth for p in picks}


def test_a_focus_practice_comes_up_more_often():
    plain = _simulate(_library(per_cell=20), 240, max_depth="deepest")
    focused = _simulate(_library(per_cell=20), 240, max_depth="deepest", focus_practice="trust")
    plain_share = sum(p.practice == "trust" for p in plain) / len(plain)
    focused_share = sum(p.practice == "trust" for p in focused) / len(focused)
    # Deterministic (fixed ids and seeds): about 11% without a focus, 20% with one.
    assert focused_share > plain_share * 1.5


def test_decks_with_only_deep_questions_still_give_a_question_in_week_one():
    deep_only = [c for c in _library() if c.depth == "deepest"]
    pick = choose(deep_only, seed=1, day_number=0, max_depth="deepest")
    assert pick is not None
    assert pick.depth == "deepest"


def test_nothing_to_choose_from_gives_none():
    assert choose([], seed=1, day_number=0, max_depth="deepest") is None


def test_partners_ten_hours_apart_share_the_couples_day():
    starts = time(4, 0)
    home = "Europe/London"  # UTC+0 in March; Honolulu is UTC-10 all year
    london, honolulu = ZoneInfo("Europe/London"), ZoneInfo("Pacific/Honolulu")
    # 02:30 in London on 11 March is 16:30 on 10 March in Honolulu: both are on the 10th.
    moment = datetime(2026, 3, 11, 2, 30, tzinfo=london)
    assert (moment.astimezone(london) - moment.astimezone(honolulu).replace(tzinfo=london)) == (
        timedelta(hours=10)
    )
    assert couple_date(moment.astimezone(london), home, starts) == date(2026, 3, 10)
    assert couple_date(moment.astimezone(honolulu), home, starts) == date(2026, 3, 10)
    # At 04:00 London time the couple's day turns for both, though it is still
    # 18:00 on the 10th in Honolulu.
    turn = datetime(2026, 3, 11, 4, 0, tzinfo=london)
    assert turn.astimezone(honolulu).date() == date(2026, 3, 10)
    assert couple_date(turn.astimezone(honolulu), home, starts) == date(2026, 3, 11)
    assert couple_date(turn - timedelta(seconds=1), home, starts) == date(2026, 3, 10)
