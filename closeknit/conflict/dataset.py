"""The coach's labelled set on disk (see ``data/README.md``): reading it and its split rule."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Final

DATA_DIR: Final = Path(__file__).resolve().parent / "data"
PARTS: Final = ("dev", "test")
DEV_SHARE: Final = 60  # percent of the hash range that goes to the development part

KINDS: Final = ("criticism", "contempt", "defensiveness", "stonewalling", "blame")
HEALTHY_CATEGORIES: Final = (
    "appreciation",
    "reassurance",
    "i_statement",
    "break_request",
    "apology",
    "logistics",
    "question",
)


@dataclass(frozen=True)
class Example:
    text: str
    flags: frozenset[str]
    category: str
    batch: int = 1


def part_of(text: str) -> str:
    """The part a message belongs to, from a stable hash of its text: decided once, forever."""
    value = int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8], 16)
    return "dev" if value % 100 < DEV_SHARE else "test"


def load(part: str) -> list[Example]:
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}; expected one of {PARTS}")
    examples = []
    path = DATA_DIR / f"{part}.jsonl"
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        flags = frozenset(row["flags"])
        category = row["category"]
        if flags - set(KINDS) or category not in (*KINDS, *HEALTHY_CATEGORIES):
            raise ValueError(f"{path.name}:{number}: unknown kind or category")
        examples.append(
            Example(text=row["text"], flags=flags, category=category, batch=row.get("batch", 1))
        )
    return examples
