"""The check's own items, the circles picture, and the suggestions for each practice."""

from __future__ import annotations

from collections import Counter

from django.urls import resolve

from closeknit.closeness.items import (
    CIRCLES_OPTIONS,
    ITEMS,
    PRACTICE_ITEMS,
    SIGN_ITEMS,
    Sign,
)
from closeknit.closeness.suggestions import suggestions_for
from closeknit.questions.practices import Practice


def test_two_items_for_each_sign_and_one_for_each_practice_plus_the_picture():
    assert Counter(item.group for item in SIGN_ITEMS) == dict.fromkeys(Sign.values, 2)
    assert [item.group for item in PRACTICE_ITEMS] == list(Practice.values)
    assert len(ITEMS) == 19
    assert ITEMS[-1].key == "circles"
    assert len({item.key for item in ITEMS}) == len(ITEMS)


def test_every_statement_has_words_and_two_plain_ends():
    for item in ITEMS:
        text = str(item.text)
        assert text[0].isupper(), item.key
        assert text.endswith((".", "?")), item.key
        assert str(item.low) != str(item.high), item.key
        assert len(str(item.low)) <= 30, item.key
        assert len(str(item.high)) <= 30, item.key


def test_seven_pictures_overlap_more_at_each_step():
    assert [option.value for option in CIRCLES_OPTIONS] == list(range(1, 8))
    distances = [option.distance for option in CIRCLES_OPTIONS]
    assert distances == sorted(distances, reverse=True)
    assert len(set(distances)) == 7
    # Apart, then just touching (centres two radii apart), then overlapping.
    assert distances[0] > 2
    assert distances[1] == 2
    assert all(d < 2 for d in distances[2:])
    for option in CIRCLES_OPTIONS:
        assert option.right_x - option.left_x == option.distance * 20  # radius 20
        assert option.left_x - 20 >= 0
        assert option.right_x + 20 <= 100
        assert str(option.description).endswith(".")


def test_each_practice_has_three_suggestions_linking_to_features_that_exist():
    seen_texts = set()
    for practice in Practice.values:
        suggestions = suggestions_for(practice)
        assert len(suggestions) == 3, practice
        assert len({s.feature for s in suggestions}) == 3, practice
        for suggestion in suggestions:
            path, _, query = suggestion.url.partition("?")
            assert resolve(path).app_name == "questions", suggestion.url
            if suggestion.feature == "library":
                assert query == f"practice={practice}"
            assert suggestion.text not in seen_texts
            seen_texts.add(suggestion.text)
        assert any(s.feature == "library" for s in suggestions), practice
