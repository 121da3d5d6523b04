"""Scoring, checked against examples worked out by hand."""

from __future__ import annotations

import pytest

from closeknit.closeness.items import ITEMS, SIGN_ITEMS, Sign
from closeknit.closeness.scoring import (
    GAP_THRESHOLD,
    Scores,
    combine,
    gaps,
    rounded,
    score_answers,
    to_percent,
)
from closeknit.closeness.tests.support import answers
from closeknit.questions.practices import Practice


@pytest.mark.parametrize(
    ("point", "percent"), [(1, 0), (2, 100 / 6), (4, 50), (6, 500 / 6), (7, 100)]
)
def test_a_point_on_the_scale_maps_from_0_to_100(point, percent):
    assert to_percent(point) == pytest.approx(percent)


def test_rounding_is_half_up_not_to_even():
    assert rounded(62.5) == 63
    assert rounded(12.5) == 13
    assert rounded(83.33) == 83
    assert rounded(16.67) == 17


def test_all_middle_answers_score_fifty_everywhere():
    scores = score_answers(answers(4))
    assert set(scores.groups) == {*Sign.values, *Practice.values, "circles"}
    assert all(score == 50 for score in scores.groups.values())
    assert scores.overall_shown == 50


def test_a_sign_is_the_mean_of_its_two_items():
    # true self: 5 and 6 -> mean 5.5 -> (5.5 - 1) / 6 * 100 = 75
    # openness: 1 and 2 -> mean 1.5 -> 0.5 / 6 * 100 = 8.33 -> shown 8
    scores = score_answers(answers(4, self_1=5, self_2=6, open_1=1, open_2=2))
    assert scores.groups[Sign.TRUE_SELF] == pytest.approx(75)
    assert scores.shown(Sign.TRUE_SELF) == 75
    assert scores.groups[Sign.OPENNESS] == pytest.approx(25 / 3)
    assert scores.shown(Sign.OPENNESS) == 8


def test_a_practice_and_the_picture_score_their_one_answer():
    # trust 7 -> 100; rituals 2 -> 16.67 -> 17; circles step 6 -> 83.33 -> 83
    scores = score_answers(answers(4, p_trust=7, p_rituals=2, circles=6))
    assert scores.shown(Practice.TRUST) == 100
    assert scores.shown(Practice.RITUALS) == 17
    assert scores.shown("circles") == 83


def test_overall_is_the_mean_of_fourteen_equal_parts():
    # Everything 4 (50) except: the five signs all 7 (100 each) and the picture 1 (0).
    # Parts: 5 x 100 + 8 x 50 + 1 x 0 = 900, over 14 parts = 64.29 -> 64.
    sign_keys = {item.key: 7 for item in SIGN_ITEMS}
    scores = score_answers(answers(4, circles=1, **sign_keys))
    assert scores.overall == pytest.approx(900 / 14)
    assert scores.overall_shown == 64


def test_one_sign_item_moves_overall_half_as_much_as_one_practice_item():
    # self_1 from 4 to 7: the sign goes 50 -> 75, overall + 25/14.
    # p_goals from 4 to 7: the practice goes 50 -> 100, overall + 50/14.
    sign_moved = score_answers(answers(4, self_1=7)).overall
    practice_moved = score_answers(answers(4, p_goals=7)).overall
    assert sign_moved == pytest.approx(50 + 25 / 14)
    assert practice_moved == pytest.approx(50 + 50 / 14)


def test_unknown_keys_are_ignored_and_missing_groups_left_out():
    scores = score_answers({"self_1": 7, "retired_item": 1})
    assert scores.groups == {Sign.TRUE_SELF: 100}
    assert scores.overall_shown == 100
    assert score_answers({}).overall is None
    assert score_answers({}).overall_shown is None


def test_the_couples_view_is_the_mean_of_both_partners():
    # trust: 7 (100) and 3 (33.33) -> 66.67 -> 67
    mine = score_answers(answers(4, p_trust=7))
    theirs = score_answers(answers(4, p_trust=3))
    both = combine([mine, theirs])
    assert both.shown(Practice.TRUST) == 67
    assert both.shown(Practice.GOALS) == 50


def test_gaps_list_differences_of_a_scale_step_or_more_widest_first():
    # trust 7 vs 3: 66.7 apart; circles 5 vs 4: 16.7 apart (one step); goals 4 vs 4: none.
    mine = score_answers(answers(4, p_trust=7, circles=5))
    theirs = score_answers(answers(4, p_trust=3, circles=4))
    found = gaps(mine, theirs)
    assert [gap.group for gap in found] == [Practice.TRUST, "circles"]
    assert found[0].size == pytest.approx(200 / 3)
    assert found[1].size == pytest.approx(100 / 6)
    assert found[1].size >= GAP_THRESHOLD


def test_half_a_step_is_not_a_gap():
    # A sign's two items: 4+4 vs 4+5 is half a step (8.3 points) apart.
    found = gaps(score_answers(answers(4)), score_answers(answers(4, grow_1=5)))
    assert found == []


def test_equal_gaps_keep_the_fixed_order_and_at_most_three_show():
    # Signs come before practices, practices in their order, then the picture.
    mine = score_answers(answers(7))
    theirs = score_answers(answers(1))
    found = gaps(mine, theirs)
    assert [gap.group for gap in found] == [Sign.TRUE_SELF, Sign.OPENNESS, Sign.UNDERSTANDING]


def test_every_item_key_is_scored():
    scores = score_answers({item.key: 7 for item in ITEMS})
    assert len(scores.groups) == 14
    assert isinstance(scores, Scores)
