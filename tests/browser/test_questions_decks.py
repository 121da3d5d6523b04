"""Importing a deck file: a broken one says what is wrong and where and imports
nothing; a good one, made from an exported deck, joins the list."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from playwright.sync_api import FilePayload, Page, expect

from closeknit.questions.models import Deck, Question
from tests.browser import steps

pytestmark = pytest.mark.browser

EXPORT = re.compile(r"^Export ")


def deck_file(name: str, content: dict[str, Any]) -> FilePayload:
    return {
        "name": name,
        "mimeType": "application/json",
        "buffer": json.dumps(content).encode(),
    }


def deck_names(page: Page) -> list[str]:
    """The decks listed, read from their Export links ("Export <deck name>")."""
    links = page.get_by_role("link", name=EXPORT)
    expect(links.first).to_be_visible()
    return [
        re.sub(r"\s+", " ", text).strip().removeprefix("Export ")
        for text in links.all_inner_texts()
    ]


def test_a_broken_deck_file_lists_its_problems_and_a_good_one_imports(
    new_context, visit, couple_users
):
    alex_user, _sam = couple_users
    page = new_context().new_page()
    steps.log_in(page, visit, email=alex_user.email)
    page.goto("/questions/settings/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Question settings")
    visit(page, "settings")
    decks_before = deck_names(page)
    assert "Rituals and traditions" in decks_before
    deck_ids_before = set(Deck.objects.values_list("id", flat=True))
    questions_before = Question.objects.count()

    broken = {
        "format": "closeknit-deck",
        "version": 2,
        "name": "Road trip",
        "questions": [
            {
                "text": "What song should always start a long drive?",
                "practice": "rituals",
                "depth": "light",
            },
            {"practice": "goals", "depth": "deeper"},
        ],
    }
    page.get_by_label("Deck file (.json)").set_input_files(deck_file("road-trip.json", broken))
    with page.expect_response(re.compile(r"/questions/decks/import/$")) as sent:
        page.get_by_role("button", name="Import").click()
    assert sent.value.status == 422
    problems = page.get_by_test_id("import-problems")
    expect(problems).to_have_attribute("role", "alert")
    expect(problems).to_contain_text("Nothing was imported.")
    expect(problems.get_by_role("listitem")).to_have_text(
        [
            '"version" must be 1; this file says 2.',
            'question 2: "text" must be a non-empty text.',
        ]
    )
    expect(page.get_by_text("This file can't be imported:")).to_be_visible()
    visit(page, "settings-import-refused")
    assert deck_names(page) == decks_before
    assert set(Deck.objects.values_list("id", flat=True)) == deck_ids_before
    assert Question.objects.count() == questions_before

    rituals = page.get_by_role("link", name="Export Rituals and traditions")
    with page.expect_download() as download:
        rituals.click()
    exported = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert download.value.suggested_filename == "closeknit-rituals-and-traditions.json"
    assert (exported["format"], exported["version"], exported["name"]) == (
        "closeknit-deck",
        1,
        "Rituals and traditions",
    )
    good = {**exported, "name": "Road trip", "questions": exported["questions"][:3]}
    page.get_by_label("Deck file (.json)").set_input_files(deck_file("road-trip.json", good))
    page.get_by_role("button", name="Import").click()
    expect(page).to_have_url(re.compile(r"/questions/settings/$"))
    expect(page.get_by_role("status")).to_contain_text("Imported “Road trip” with 3 questions.")
    expect(page.get_by_test_id("import-problems")).to_have_count(0)
    assert sorted(deck_names(page)) == sorted([*decks_before, "Road trip"])
    expect(page.get_by_role("listitem").filter(has_text="Road trip")).to_contain_text(
        "(3 questions)"
    )
    expect(page.get_by_role("checkbox", name="Road trip")).to_be_checked()
    visit(page, "settings-imported")
    # The deck's name is encrypted, so it is found as the one deck that is new.
    imported = Deck.objects.exclude(id__in=deck_ids_before).get()
    assert imported.name == "Road trip"
    assert sorted((q.text, q.practice, q.depth) for q in imported.questions.all()) == sorted(
        (q["text"], q["practice"], q["depth"]) for q in good["questions"]
    )
