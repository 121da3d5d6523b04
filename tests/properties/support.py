"""Hypothesis settings shared by the property tests.

Derandomized so CI tries the same inputs on every run and a failure replays
exactly; no example database, so nothing is written into the working tree.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from hypothesis import HealthCheck, settings


def examples(count: int, *, db: bool = False) -> settings:
    return settings(
        max_examples=count,
        derandomize=True,
        database=None,
        deadline=None,
        print_blob=False,
        # With the database, examples share the test's transaction: each one makes
        # its own rows, so the function-scoped fixture is safe to reuse.
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
        if db
        else [],
    )


T = TypeVar("T")
E = TypeVar("E", bound=BaseException)


def attempt(call: Callable[[], T], *refusals: type[E]) -> tuple[T, None] | tuple[None, E]:
    """Run ``call``: its result and no error, or no result and the refusal it raised.

    Any other exception propagates, which is what the properties are about.
    """
    try:
        return call(), None
    except refusals as error:
        return None, error
