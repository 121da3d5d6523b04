"""The "I" statement builder: prefilled from the draft where it can, brackets elsewhere."""

from __future__ import annotations

from closeknit.conflict.coach import analyze
from closeknit.conflict.suggestion import SuggestionParts, render


def test_a_you_never_becomes_the_situation_and_the_request() -> None:
    analysis = analyze("You never listen to me.")

    assert analysis.suggestion == (
        "I feel [feeling] when you don't listen to me, and I need to feel heard. "
        "Would you be willing to listen to me?"
    )


def test_a_you_always_becomes_one_situation_without_the_absolute() -> None:
    parts = analyze("You always leave your dishes in the sink.").parts

    assert parts is not None
    assert parts.situation == "you leave your dishes in the sink"
    assert parts.need == "us to share the work at home"
    assert parts.request is None


def test_a_feeling_the_writer_names_is_used() -> None:
    parts = analyze("I'm so stressed because of you, we're late again.").parts

    assert parts is not None
    assert parts.feeling == "stressed"
    assert parts.situation == "we're late"


def test_a_feeling_is_read_from_you_made_me() -> None:
    parts = analyze("you made me cry").parts

    assert parts is not None
    assert parts.feeling == "hurt"


def test_a_feeling_is_never_guessed() -> None:
    parts = analyze("You're so lazy.").parts

    assert parts == SuggestionParts()
    assert analyze("You're so lazy.").suggestion == (
        "I feel [feeling] when [situation], and I need [need]. Would you be willing to [request]?"
    )


def test_a_shutdown_is_offered_a_break_instead() -> None:
    suggestion = analyze("I'm done talking.").suggestion

    assert suggestion == (
        "I feel [feeling] when [situation], and I need a break of at least 20 minutes. "
        "Would you be willing to pause with me and come back to this afterwards?"
    )


def test_a_request_the_writer_makes_is_kept() -> None:
    parts = analyze("Can you please stop leaving your shoes everywhere? You never tidy up.").parts

    assert parts is not None
    assert parts.request == "stop leaving your shoes everywhere"
    assert parts.situation == "you don't tidy up"


def test_shouting_is_softened_in_the_suggestion() -> None:
    parts = analyze("YOU NEVER LISTEN").parts

    assert parts is not None
    assert parts.situation == "you don't listen"


def test_a_healthy_draft_gets_no_suggestion() -> None:
    analysis = analyze("I feel lonely when we eat apart, and I'd love us to eat together.")

    assert analysis.suggestion is None
    assert analysis.parts is None


def test_render_fills_the_template_and_brackets_what_is_missing() -> None:
    text = render(SuggestionParts(feeling="sad", request="hug me"))

    assert text == (
        "I feel sad when [situation], and I need [need]. Would you be willing to hug me?"
    )
