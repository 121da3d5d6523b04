"""The feelings vocabulary and the needs: enough words, each described, none repeated."""

from __future__ import annotations

import re

from closeknit.checkins.vocabulary import (
    FAMILIES,
    FAMILY_BY_KEY,
    FEELINGS,
    NEEDS,
    PLEASANT,
    TONES,
    UNPLEASANT,
    families_of,
    family_of,
)

KEY = re.compile(r"^[a-z][a-z_]*$")


def test_there_are_at_least_seventy_feelings_in_at_least_seven_families():
    assert len(FAMILIES) >= 7
    assert len(FEELINGS) >= 70
    assert sum(len(family.feelings) for family in FAMILIES) == len(FEELINGS)


def test_every_family_is_marked_pleasant_or_unpleasant_and_both_kinds_exist():
    assert {family.tone for family in FAMILIES} == set(TONES)
    assert all(family.tone in (PLEASANT, UNPLEASANT) for family in FAMILIES)
    pleasant = [f for f in FAMILIES if f.tone == PLEASANT]
    unpleasant = [f for f in FAMILIES if f.tone == UNPLEASANT]
    # Hard days need as many words as good ones.
    assert len(pleasant) >= 3
    assert len(unpleasant) >= 3


def test_every_family_has_several_words_and_a_description():
    for family in FAMILIES:
        assert len(family.feelings) >= 5, family.key
        assert str(family.label).strip()
        assert str(family.description).strip().endswith(".")


def test_feeling_keys_labels_and_descriptions_are_all_different():
    keys = [f.key for family in FAMILIES for f in family.feelings]
    labels = [str(f.label).lower() for family in FAMILIES for f in family.feelings]
    descriptions = [str(f.description) for family in FAMILIES for f in family.feelings]
    assert len(set(keys)) == len(keys)
    assert len(set(labels)) == len(labels)
    assert len(set(descriptions)) == len(descriptions)
    assert len({f.key for f in FAMILIES}) == len(FAMILIES)


def test_every_feeling_has_a_short_plain_description():
    for feeling in FEELINGS.values():
        text = str(feeling.description)
        assert KEY.match(feeling.key), feeling.key
        assert text[0].isupper(), feeling.key
        assert text.endswith("."), feeling.key
        # Short enough to read at a glance on a phone.
        assert len(text) <= 70, (feeling.key, len(text))
        assert len(text.split()) >= 4, feeling.key
        assert FAMILY_BY_KEY[feeling.family].feelings.count(feeling) == 1


def test_there_are_at_least_twenty_five_needs_each_described_once():
    assert len(NEEDS) >= 25
    keys = [need.key for need in NEEDS]
    labels = [str(need.label).lower() for need in NEEDS]
    assert len(set(keys)) == len(keys)
    assert len(set(labels)) == len(labels)
    for need in NEEDS:
        assert KEY.match(need.key), need.key
        text = str(need.description)
        assert text[0].isupper(), need.key
        assert text.endswith("."), need.key
        assert len(text) <= 70, need.key
    for wanted in ("rest", "reassurance", "help", "time_together", "space", "hug", "listened_to"):
        assert wanted in keys


def test_families_of_names_each_family_once_in_order_and_skips_unknown_words():
    assert family_of("worried").key == "anxious"
    assert families_of(["worried", "tired", "nervous", "retired-word"]) == ["anxious", "tired"]
    assert families_of([]) == []
