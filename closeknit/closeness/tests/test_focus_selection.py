"""Choosing the month's focus: the lowest practice, and every way a tie is broken."""

from __future__ import annotations

from datetime import date

from closeknit.closeness.focus import choose_focus
from closeknit.closeness.scoring import combine, score_answers
from closeknit.closeness.tests.support import answers
from closeknit.questions.practices import Practice

EVEN = dict.fromkeys(Practice.values, 50.0)


def test_the_lowest_practice_is_the_focus():
    scores = {**EVEN, Practice.RITUALS: 16.7, Practice.TRUST: 33.3}
    assert choose_focus(scores, {}) == Practice.RITUALS


def test_a_tie_goes_to_the_practice_never_focused_on():
    scores = {**EVEN, Practice.GOALS: 0.0, Practice.CONFLICT: 0.0}
    last: dict[str, date] = {Practice.GOALS: date(2026, 1, 1)}
    assert choose_focus(scores, last) == Practice.CONFLICT


def test_a_tie_between_practices_focused_before_goes_to_the_longest_ago():
    scores = {**EVEN, Practice.GOALS: 0.0, Practice.CONFLICT: 0.0, Practice.TRUST: 0.0}
    last: dict[str, date] = {
        Practice.GOALS: date(2026, 2, 1),
        Practice.CONFLICT: date(2025, 11, 1),
        Practice.TRUST: date(2026, 1, 1),
    }
    assert choose_focus(scores, last) == Practice.CONFLICT


def test_a_tie_nothing_else_breaks_goes_by_the_fixed_order():
    # Neither was ever the focus: quality time comes before trust in the practices' order.
    scores = {**EVEN, Practice.TRUST: 10.0, Practice.QUALITY_TIME: 10.0}
    assert choose_focus(scores, {}) == Practice.QUALITY_TIME
    # Both last focused in the same month: the same order decides.
    same: dict[str, date] = {
        Practice.TRUST: date(2026, 1, 1),
        Practice.QUALITY_TIME: date(2026, 1, 1),
    }
    assert choose_focus(scores, same) == Practice.QUALITY_TIME


def test_all_equal_goes_to_the_first_practice_not_focused_on_lately():
    last: dict[str, date] = {Practice.COMMUNICATION: date(2026, 2, 1)}
    assert choose_focus(EVEN, last) == Practice.QUALITY_TIME


def test_equal_means_that_differ_in_the_last_bit_of_a_float_still_tie():
    # Trust answered 3 and 5, rituals 4 and 4: both mean 50, but as floats the first
    # comes out as 49.99999999999999, which alone would win without the tie-break.
    mine = score_answers(answers(7, p_trust=3, p_rituals=4))
    theirs = score_answers(answers(7, p_trust=5, p_rituals=4))
    scores = combine([mine, theirs]).practices()
    assert scores[Practice.TRUST] != scores[Practice.RITUALS]
    last: dict[str, date] = {Practice.RITUALS: date(2026, 2, 1)}
    assert choose_focus(scores, last) == Practice.TRUST
    trust_lately: dict[str, date] = {Practice.TRUST: date(2026, 2, 1)}
    assert choose_focus(scores, trust_lately) == Practice.RITUALS


def test_no_scores_no_focus():
    assert choose_focus({}, {}) is None
