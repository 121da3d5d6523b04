"""Every check-in test runs at midday in London (the test couple's home zone), far
from the 04:00 rollover, so "today" is the same day from start to end of a test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine

from closeknit.checkins.tests.support import NOON


@pytest.fixture(autouse=True)
def _noon() -> Iterator[None]:
    with time_machine.travel(NOON, tick=False):
        yield
