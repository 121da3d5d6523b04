"""The question library shipped with Closeknit: JSON files, one per practice, synced
into the database after every migrate (and so in every fresh test database)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.db import transaction

from closeknit.questions.practices import Depth, Practice

LIBRARY_DIR = Path(__file__).resolve().parent / "library"


@dataclass(frozen=True)
class LibraryQuestion:
    key: str
    practice: str
    depth: str
    text: str


@cache
def library_questions() -> tuple[LibraryQuestion, ...]:
    items: list[LibraryQuestion] = []
    for practice in Practice:
        path = LIBRARY_DIR / f"{practice.value}.json"
        if not path.exists():
            continue
        for entry in json.loads(path.read_text(encoding="utf-8")):
            depth = Depth(entry["depth"])
            items.append(
                LibraryQuestion(
                    key=entry["key"], practice=practice.value, depth=depth.value, text=entry["text"]
                )
            )
    return tuple(items)


@transaction.atomic
def sync_library() -> int:
    """Make the database's library match the files: add, update, and retire by key."""
    from closeknit.questions.models import Deck, Question

    decks = {deck.practice: deck for deck in Deck.objects.filter(couple__isnull=True)}
    for practice in Practice:
        if practice.value not in decks:
            decks[practice.value] = Deck.objects.create(practice=practice.value)
    existing = {q.key: q for q in Question.objects.filter(couple__isnull=True)}
    wanted = library_questions()
    to_create, to_update = [], []
    for item in wanted:
        current = existing.get(item.key)
        if current is None:
            to_create.append(
                Question(
                    key=item.key,
                    deck=decks[item.practice],
                    practice=item.practice,
                    depth=item.depth,
                    library_text=item.text,
                )
            )
        elif (current.library_text, current.depth, current.practice, current.retired) != (
            item.text,
            item.depth,
            item.practice,
            False,
        ):
            current.library_text, current.depth, current.practice = (
                item.text,
                item.depth,
                item.practice,
            )
            current.deck = decks[item.practice]
            current.retired = False
            to_update.append(current)
    Question.objects.bulk_create(to_create, batch_size=500)
    if to_update:
        Question.objects.bulk_update(
            to_update, ["library_text", "depth", "practice", "deck", "retired"], batch_size=500
        )
    wanted_keys = {item.key for item in wanted}
    Question.objects.filter(couple__isnull=True, retired=False).exclude(key__in=wanted_keys).update(
        retired=True
    )
    return len(to_create) + len(to_update)


def sync_library_after_migrate(**kwargs: Any) -> None:
    sync_library()
