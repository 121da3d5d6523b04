"""The shipped question library: enough questions, open-ended, inclusive, no near-duplicates,
and the database holds exactly what the files say."""

from __future__ import annotations

import itertools
import re
from collections import Counter

import pytest
from django.db.models import F

from closeknit.questions import library
from closeknit.questions.library import LibraryQuestion, library_questions, sync_library
from closeknit.questions.models import Deck, Question
from closeknit.questions.practices import Depth, Practice


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words that open a question answerable with yes or no.
YES_NO_OPENERS = _word_set(
    """
    do does did don't doesn't didn't is isn't are aren't was wasn't were weren't
    have haven't has hasn't had hadn't can can't could couldn't will won't would wouldn't
    should shouldn't shall may might am must need ought
    """
)

# A lead-in clause ("If we had a free day, ...") puts the real question after the comma.
LEAD_IN_WORDS = _word_set(
    "if when whenever on in at after before while once since during as for with"
)

INTERROGATIVES = re.compile(
    r"\b(what|what's|which|when|how|who|who's|whom|whose|where|where's|why)\b", re.IGNORECASE
)

GENDERED = re.compile(
    r"\b(he|she|him|her|his|hers|himself|herself|husbands?|wife|wives|boyfriends?|girlfriends?)\b",
    re.IGNORECASE,
)

# Function words only: pronouns, articles, auxiliaries, modals, prepositions, conjunctions
# and question words. Content words stay, so two questions about the same thing overlap.
STOP_WORDS = _word_set(
    """
    a an the and or but nor if of to in on at for with from by as about into onto over under
    after before than then so that this these those it its it's itself is are was were be been
    being am do does did doing done have has had having i i'm i've i'd me my mine myself
    you you're you've you'd your yours yourself we we're we've we'd us our ours ourselves
    they they're them their theirs what what's which when where where's who who's whom whose
    why how would could should will can may might must shall there here one ones some any
    each every just more most very really too also not no yes ever even up out down off
    """
)

NEAR_DUPLICATE = 0.5


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower().replace("\u2019", "'"))


def content_words(text: str) -> frozenset[str]:
    return frozenset(word.removesuffix("'s") for word in _words(text) if word not in STOP_WORDS) - {
        ""
    }


def jaccard(first: frozenset[str], second: frozenset[str]) -> float:
    union = first | second
    return len(first & second) / len(union) if union else 1.0


def near_duplicates(texts: list[str]) -> list[tuple[float, str, str]]:
    sets = [(text, content_words(text)) for text in texts]
    found = []
    for (text_a, words_a), (text_b, words_b) in itertools.combinations(sets, 2):
        overlap = jaccard(words_a, words_b)
        if overlap >= NEAR_DUPLICATE:
            found.append((round(overlap, 2), text_a, text_b))
    return sorted(found, reverse=True)


def yes_no_problem(text: str) -> str:
    """Why the question could be answered with yes or no, or "" if it can't."""
    question = re.split(r"(?<=[.!?])\s+", text.strip())[-1]
    words = _words(question)
    if not words or words[0] in YES_NO_OPENERS:
        return "opens with a yes/no word"
    if words[0] in LEAD_IN_WORDS and "," in question:
        main = _words(question.split(",", 1)[1])
        if main and main[0] in YES_NO_OPENERS:
            return "the main clause after the lead-in opens with a yes/no word"
    if not INTERROGATIVES.search(question):
        return "asks nothing open (no what, how, which, when, who, where or why)"
    return ""


QUESTIONS = library_questions()


def test_the_checks_themselves_catch_what_they_are_meant_to():
    assert yes_no_problem("Do you like mornings?")
    assert yes_no_problem("If we had a free day, would you go to the sea?")
    assert yes_no_problem("When we argue, do you feel heard?")
    assert yes_no_problem("Tell me about your week. Was it good?")
    assert yes_no_problem("You like mornings, right?")
    assert not yes_no_problem("If we had a free day, where would you go?")
    assert not yes_no_problem("Tell me about your week. What stood out?")
    assert near_duplicates(
        ["What makes you laugh the most?", "What makes you laugh?", "Where shall we travel?"]
    ) == [(1.0, "What makes you laugh the most?", "What makes you laugh?")]
    assert GENDERED.search("What does your husband cook?")
    assert not GENDERED.search("What does your partner cook? Where is the hearth?")


def test_the_library_has_at_least_five_hundred_questions():
    assert len(QUESTIONS) >= 500


@pytest.mark.parametrize("practice", Practice.values)
def test_every_practice_has_at_least_forty_questions(practice):
    assert Counter(q.practice for q in QUESTIONS)[practice] >= 40


@pytest.mark.parametrize("depth", Depth.values)
def test_every_depth_has_at_least_a_hundred_questions(depth):
    assert Counter(q.depth for q in QUESTIONS)[depth] >= 100


def test_every_question_is_open_ended():
    closed = [(q.key, q.text, yes_no_problem(q.text)) for q in QUESTIONS if yes_no_problem(q.text)]
    assert closed == []


def test_every_question_ends_with_a_question_mark():
    assert [q.key for q in QUESTIONS if not q.text.rstrip().endswith("?")] == []


def test_no_question_assumes_a_gender():
    assert [(q.key, q.text) for q in QUESTIONS if GENDERED.search(q.text)] == []


def test_every_key_is_unique_and_names_its_practice():
    counts = Counter(q.key for q in QUESTIONS)
    assert [key for key, n in counts.items() if n > 1] == []
    assert [q.key for q in QUESTIONS if not q.key.startswith(f"{q.practice}-")] == []


def test_no_two_questions_are_near_duplicates():
    assert near_duplicates([q.text for q in QUESTIONS]) == []


def test_no_question_text_appears_twice():
    counts = Counter(q.text.strip().lower() for q in QUESTIONS)
    assert [text for text, n in counts.items() if n > 1] == []


def _library_rows() -> set[tuple[str | None, str, str, str]]:
    return set(
        Question.objects.filter(couple__isnull=True, retired=False).values_list(
            "key", "practice", "depth", "library_text"
        )
    )


@pytest.mark.django_db
def test_the_database_after_migrate_holds_exactly_the_library():
    assert _library_rows() == {(q.key, q.practice, q.depth, q.text) for q in QUESTIONS}
    assert not Question.objects.filter(couple__isnull=True, retired=True).exists()
    decks = Deck.objects.filter(couple__isnull=True)
    assert sorted(decks.values_list("practice", flat=True)) == sorted(Practice.values)
    mismatched = Question.objects.filter(couple__isnull=True).exclude(deck__practice=F("practice"))
    assert not mismatched.exists()


@pytest.mark.django_db
def test_syncing_again_changes_nothing():
    before = _library_rows()
    count = Question.objects.count()
    assert sync_library() == 0
    assert Question.objects.count() == count
    assert _library_rows() == before


@pytest.mark.django_db
def test_a_key_dropped_from_the_files_is_retired_and_comes_back_when_restored(monkeypatch):
    dropped, *kept = QUESTIONS
    monkeypatch.setattr(library, "library_questions", lambda: tuple(kept))
    sync_library()
    row = Question.objects.get(key=dropped.key)
    assert row.retired
    assert Question.objects.filter(couple__isnull=True, retired=True).count() == 1

    monkeypatch.setattr(library, "library_questions", lambda: QUESTIONS)
    assert sync_library() == 1
    row.refresh_from_db()
    assert not row.retired


@pytest.mark.django_db
def test_a_reworded_question_is_updated_in_place(monkeypatch):
    first, *rest = QUESTIONS
    reworded = LibraryQuestion(
        key=first.key, practice=first.practice, depth=Depth.DEEPEST, text="How is it now?"
    )
    row_id = Question.objects.get(key=first.key).id
    monkeypatch.setattr(library, "library_questions", lambda: (reworded, *rest))
    assert sync_library() == 1
    row = Question.objects.get(key=first.key)
    assert row.id == row_id
    assert (row.library_text, row.depth) == ("How is it now?", Depth.DEEPEST)
