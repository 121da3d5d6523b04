"""The message coach: what it flags, what it leaves alone, and how it says so.

Pure functions, no database. Examples here are written for the tests, apart from the
ones the issue itself gives.
"""

from __future__ import annotations

import itertools
import math
import time

import pytest

from closeknit.conflict.coach import (
    KINDS,
    MAX_LENGTH,
    Analysis,
    CoachInputError,
    analyze,
    find_flags,
)
from closeknit.conflict.rules import EXPLAIN


def flagged(text: str) -> list[tuple[str, str]]:
    """(kind, phrase) for each flag, the phrase cut from the text by the offsets."""
    return [(flag.kind, text[flag.start : flag.end]) for flag in analyze(text).flags]


# Each kind ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("You never help me carry the shopping.", "You never"),
        ("You always leave the lights on.", "You always"),
        ("you're so lazy", "you're so lazy"),
        ("What is wrong with you?", "What is wrong with you"),
        ("I feel like you're selfish.", "I feel like you're selfish"),
    ],
)
def test_criticism_is_flagged_for_absolutes_and_attacks_on_character(
    text: str, phrase: str
) -> None:
    assert ("criticism", phrase) in flagged(text)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("You're such an idiot.", "You're such an idiot"),
        ("Oh sure, because you're SO tired.", "Oh sure, because"),
        ("Ugh, you disgust me.", "Ugh, you disgust me"),
        ("🙄 sure, whatever helps you sleep", "🙄"),
        ("Wow, great job, genius.", "great job, genius"),
    ],
)
def test_contempt_is_flagged_for_insults_mockery_sarcasm_and_disgust(
    text: str, phrase: str
) -> None:
    assert ("contempt", phrase) in flagged(text)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("You do it too!", "You do it too"),
        ("You're too sensitive.", "You're too sensitive"),
        ("It's not my fault, the bus was late.", "It's not my fault"),
        ("I'm sorry you feel that way.", "I'm sorry you feel"),
    ],
)
def test_defensiveness_is_flagged_for_counter_blame_excuses_and_dismissal(
    text: str, phrase: str
) -> None:
    assert ("defensiveness", phrase) in flagged(text)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Whatever.", "Whatever"),
        ("I don't care anymore.", "I don't care"),
        ("I'm done talking.", "I'm done talking"),
        ("Fine. Do what you want.", "Do what you want"),
    ],
)
def test_stonewalling_is_flagged_when_the_conversation_is_shut_down(text: str, phrase: str) -> None:
    assert ("stonewalling", phrase) in flagged(text)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("You made me do this.", "You made me"),
        ("Because of you, we missed the film.", "Because of you"),
        ("It's your fault.", "It's your fault"),
        ("You ruined the whole evening.", "You ruined"),
    ],
)
def test_blame_is_flagged_when_the_partner_is_made_the_cause(text: str, phrase: str) -> None:
    assert ("blame", phrase) in flagged(text)


# Spellings people really use -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("youre so lazy", "criticism"),
        ("u never listen", "criticism"),
        ("YOU NEVER LISTEN TO ME", "criticism"),
        ("ur so inconsiderate", "criticism"),
        ("you\u2019re so lazy", "criticism"),
        ("dont blame me", "defensiveness"),
        ("whatever u say", "stonewalling"),
        ("its ur fault we missed it", "blame"),
    ],
)
def test_texting_spellings_capitals_curly_apostrophes_and_no_punctuation_are_read(
    text: str, kind: str
) -> None:
    assert kind in analyze(text).kinds


# Healthy messages, one test per category -------------------------------------------------


def assert_calm(text: str) -> None:
    analysis = analyze(text)
    assert analysis.flags == [], flagged(text)
    assert analysis.suggestion is None


@pytest.mark.parametrize(
    "text",
    [
        "You always make me laugh.",
        "You never fail to make my day.",
        "You always know what to say.",
        "YOU ARE AMAZING",
        "you're so thoughtful, thank u",
        "You idiot, I love you so much 😂",
    ],
)
def test_appreciation_is_not_flagged_even_with_absolutes(text: str) -> None:
    assert_calm(text)


@pytest.mark.parametrize(
    "text",
    [
        "You did nothing wrong.",
        "You never have to apologise for needing space.",
        "It's not your fault.",
        "It's not ur fault",
        "I don't think you're lazy at all.",
        "You're not too sensitive, your feelings make sense.",
    ],
)
def test_reassurance_is_not_flagged_though_it_names_what_hurts(text: str) -> None:
    assert_calm(text)


@pytest.mark.parametrize(
    "text",
    [
        "I feel hurt when plans change last minute, and I need a heads-up.",
        "I get lonely when we don't eat together.",
        'When you said "whatever" earlier, I felt shut out.',
        "When you told me I was too sensitive, I felt small.",
    ],
)
def test_i_statements_are_not_flagged_even_when_they_quote_harsh_words(text: str) -> None:
    assert_calm(text)


@pytest.mark.parametrize(
    "text",
    [
        "I need 20 minutes to calm down, then I'll come back.",
        "Can we take a break? I'm not done talking, I just need to cool off.",
        "I'm flooded. Let's pause and try again after dinner.",
    ],
)
def test_requests_for_a_break_are_not_flagged_as_stonewalling(text: str) -> None:
    assert_calm(text)


@pytest.mark.parametrize(
    "text",
    [
        "I'm sorry I snapped at you.",
        "I'm sorry I called you lazy, that wasn't fair.",
        "I'm sorry I said it was all your fault. It wasn't.",
        "I shouldn't have rolled my eyes. Sorry.",
    ],
)
def test_apologies_are_not_flagged_for_what_they_apologise_for(text: str) -> None:
    assert_calm(text)


@pytest.mark.parametrize(
    "text",
    [
        "Whatever you want for dinner is fine with me.",
        "I'm done with the hoover, it's in the hall.",
        "You never need a ticket for that car park.",
        "Fine, see you at 7.",
        "Can you pick up bread on the way home?",
    ],
)
def test_neutral_logistics_are_not_flagged(text: str) -> None:
    assert_calm(text)


@pytest.mark.parametrize(
    "text",
    [
        "What's wrong? You seem quiet.",
        "Do you always feel this tired on Mondays?",
        "How was your day?",
        "Why do you always hum when you cook? It's adorable.",
    ],
)
def test_questions_are_not_flagged(text: str) -> None:
    assert_calm(text)


# Offsets and explanations -----------------------------------------------------------------

HARSH_DRAFTS = [
    "You never listen to me.",
    "Honestly?? you're so lazy AND you never help. Whatever.",
    "I love you, but you made me late again and it's your fault.",
    "Oh sure, because you're SO busy 🙄 I'm done talking.",
    "  You\u2019re too sensitive\u2026   it was a joke, relax.  ",
    "First line is fine.\nSecond line: what is wrong with you?",
]


@pytest.mark.parametrize("text", HARSH_DRAFTS)
def test_offsets_cut_the_flagged_phrase_out_of_the_original_text(text: str) -> None:
    flags = analyze(text).flags

    assert flags
    for flag in flags:
        phrase = text[flag.start : flag.end]
        assert 0 <= flag.start < flag.end <= len(text)
        assert phrase == phrase.strip(" \t\n,.;:!?")
    spans = [(flag.start, flag.end) for flag in flags]
    assert spans == sorted(spans)
    assert all(end <= next_start for (_, end), (next_start, _) in itertools.pairwise(spans))


def test_offsets_count_characters_not_bytes_after_emoji_and_accents() -> None:
    text = "🙂 Café first. Then: you never call."

    assert flagged(text) == [("criticism", "you never")]


@pytest.mark.parametrize("text", HARSH_DRAFTS)
def test_every_flag_has_a_known_kind_and_an_explanation_with_an_antidote(text: str) -> None:
    for flag in analyze(text).flags:
        assert flag.kind in KINDS
        assert flag.explanation.endswith(".")
        assert "try" in flag.explanation.lower()


def test_every_explanation_names_an_antidote() -> None:
    for key, explanation in EXPLAIN.items():
        assert "try" in explanation.lower(), key


def test_a_feeling_dressed_judgement_gets_its_own_explanation() -> None:
    (flag,) = analyze("I feel like you never listen.").flags

    assert flag.explanation == EXPLAIN["feel_like"]


def test_the_rules_alone_can_be_asked_for_without_the_classifier() -> None:
    text = "You never listen to me."

    assert find_flags(text, threshold=math.inf) == analyze(text).flags


# Input ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_an_empty_draft_is_refused(text: str) -> None:
    with pytest.raises(CoachInputError) as caught:
        analyze(text)

    assert caught.value.code == "empty"


def test_a_draft_over_the_limit_is_refused() -> None:
    with pytest.raises(CoachInputError) as caught:
        analyze("a" * (MAX_LENGTH + 1))

    assert caught.value.code == "too_long"
    assert str(MAX_LENGTH) in str(caught.value)


def test_a_draft_at_the_limit_is_read_quickly() -> None:
    text = ("You never listen, whatever. " * 100)[:MAX_LENGTH]
    started = time.perf_counter()

    analysis = analyze(text)

    assert len(text) == MAX_LENGTH
    assert analysis.flags
    assert time.perf_counter() - started < 2


@pytest.mark.parametrize(
    "text", ["a" * MAX_LENGTH, "'" * MAX_LENGTH, ("you " * 500)[:MAX_LENGTH], "🙄" * MAX_LENGTH]
)
def test_odd_drafts_at_the_limit_do_not_break_it(text: str) -> None:
    assert isinstance(analyze(text), Analysis)
