"""The message coach, check-in and closeness answers: whatever is typed or sent."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from hypothesis import given
from hypothesis import strategies as st

from closeknit.checkins.models import CheckIn
from closeknit.checkins.vocabulary import FAMILIES, FEELINGS, NEEDS
from closeknit.closeness.items import ITEM_KEYS, ITEMS
from closeknit.closeness.services import clean_answers
from closeknit.conflict.coach import MAX_LENGTH, CoachInputError, analyze
from closeknit.conflict.dataset import load
from closeknit.lib.errors import ServiceError
from closeknit.testing.openapi import validate_response
from tests.properties.support import attempt, examples

# Drafts: real ones from the coach's development set, cut and spliced with the words
# its rules look for, in every spelling, and with text from anywhere in Unicode.
REAL_DRAFTS = [example.text for example in load("dev")]
TRIGGERS = [
    "you", "You", "YOU", "u", "ur", "you're", "youre", "you\u2019re", "always", "never", "ever",
    "I feel like", "i feel that", "whatever", "typical", "why do you", "don't", "dont", "not",
    "just", "thanks", "love", "❤", "😍", "every single time", "would it kill you to", "fine.",
    "we", "I", "need", "to", ",", ".", "!", "?", "...", "\n", "  ", "é", "\u0301", "🏳️‍🌈", "\u200b",
]  # fmt: skip
any_char = st.characters(exclude_categories=["Cs"])
drafts = st.one_of(
    st.sampled_from(REAL_DRAFTS),
    st.lists(
        st.sampled_from(TRIGGERS) | st.sampled_from(REAL_DRAFTS) | st.text(any_char, max_size=8),
        max_size=40,
    ).map(" ".join),
    st.builds(
        lambda draft, cut, insert: draft[:cut] + insert + draft[cut:],
        st.sampled_from(REAL_DRAFTS),
        st.integers(0, 60),
        st.text(any_char, max_size=5),
    ),
    st.text(any_char, max_size=MAX_LENGTH + 5),
)


@examples(300)
@given(text=drafts)
def test_the_coach_never_crashes_and_every_highlight_lies_inside_the_draft(text):
    analysis, error = attempt(lambda: analyze(text), CoachInputError)
    if error is not None:
        assert error.code in {"empty", "too_long"}
        assert (error.code == "empty") == (not text.strip())
        if error.code == "too_long":
            assert len(text) > MAX_LENGTH
        return
    assert analysis is not None
    assert text.strip()
    assert len(text) <= MAX_LENGTH
    previous_end = 0
    for flag in analysis.flags:
        assert 0 <= flag.start < flag.end <= len(text)
        # In order and never overlapping, so each highlight can be drawn on its own.
        assert flag.start >= previous_end
        previous_end = flag.end
        assert flag.explanation
    assert (analysis.suggestion is None) == (not analysis.flags)


@pytest.mark.django_db
@examples(40, db=True)
@given(text=drafts)
def test_the_coach_endpoint_answers_any_draft_as_documented(partner_a, text):
    response = partner_a.api("post", "/api/v1/coach/analyze", {"text": text})
    body = validate_response(response)
    assert response.status_code in {200, 400, 422}, body
    if response.status_code == 200:
        for flag in body["flags"]:
            assert 0 <= flag["start"] < flag["end"] <= len(text)
    else:
        assert body["errors"][0]["field"] == "text"


# Check-ins: feelings from the vocabulary, one to three of them, and a strength of 1 to 5

feeling_keys = st.sampled_from(sorted(FEELINGS))
sent_feelings = st.lists(feeling_keys, min_size=1, max_size=3) | st.lists(
    feeling_keys | st.text(max_size=12) | st.sampled_from([f.key for f in FAMILIES]), max_size=6
)
# Whole numbers and plain non-numbers. (Pydantic's lax reading also takes "3", 3.0 and
# even true as numbers; those are left out of the claim.)
intensities = st.integers(-2, 8) | st.sampled_from([None, 2.5, "three", [3]])
needs = st.sampled_from(["", *[need.key for need in NEEDS]]) | st.text(max_size=10)


def _acceptable(feelings: list[object], intensity: object, need: str) -> bool:
    distinct = list(dict.fromkeys(feelings))
    return (
        all(key in FEELINGS for key in feelings)
        and 1 <= len(distinct) <= 3
        and type(intensity) is int
        and 1 <= intensity <= 5
        and (need == "" or need in {n.key for n in NEEDS})
    )


@pytest.mark.django_db
@examples(60, db=True)
@given(feelings=sent_feelings, intensity=intensities, need=needs)
def test_a_check_in_is_saved_exactly_when_it_uses_the_vocabulary(
    partner_a, feelings, intensity, need
):
    body = {"feelings": feelings, "intensity": intensity, "need": need}
    response = partner_a.api("put", "/api/v1/checkins/today", body)
    answer = validate_response(response)
    if _acceptable(feelings, intensity, need):
        assert response.status_code == 200, answer
        saved = answer["mine"]
        assert [f["key"] for f in saved["feelings"]] == list(dict.fromkeys(feelings))
        assert saved["intensity"] == intensity
    else:
        assert response.status_code in {400, 422}, answer
        assert {e["field"] for e in answer["errors"]} & {"feelings", "intensity", "need"}
    assert CheckIn.objects.filter(author=partner_a.user).count() <= 1


# The closeness check: every item answered with a whole number from 1 to 7

scale_values: st.SearchStrategy[object] = st.integers(-1, 9) | st.sampled_from(
    ["4", " 5 ", "7.0", "", None, True, 2.5, []]
)
answer_sets = st.dictionaries(
    st.sampled_from(sorted(ITEM_KEYS)) | st.text(max_size=60), scale_values, max_size=len(ITEMS) + 3
) | st.fixed_dictionaries({item.key: scale_values for item in ITEMS})


@examples(300)
@given(answers=answer_sets)
def test_closeness_answers_are_all_whole_points_or_one_named_problem(answers: Mapping[str, object]):
    unknown = [key for key in answers if key not in ITEM_KEYS]
    cleaned, error = attempt(lambda: clean_answers(answers), ServiceError)
    if error is not None:
        if unknown:
            # Named as sent, but never more than 40 characters of it.
            assert error.code == "unknown_item"
            assert error.field == str(unknown[0])[:40]
        else:
            assert error.code in {"required", "invalid"}
            assert error.field in ITEM_KEYS
        return
    assert cleaned is not None
    assert not unknown
    assert set(cleaned) == ITEM_KEYS
    for key, value in cleaned.items():
        assert 1 <= value <= 7
        assert not isinstance(answers[key], bool)
        assert value == int(answers[key])  # type: ignore[call-overload]
