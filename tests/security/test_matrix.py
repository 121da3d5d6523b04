"""The authorization matrix: every route, every method, every persona, really requested.

The first tests keep the matrix complete and true to the URL configuration and
the OpenAPI document; the last ones send every request and compare what comes
back with the row. Each request runs in a rolled-back savepoint (conftest.Visitor),
so the order of the rows never matters.
"""

from __future__ import annotations

import pytest

from closeknit.testing.openapi import openapi_document
from tests.security.categories import LOGIN, NOT_ALLOWED, NOT_FOUND, SERVER_ERROR, category_of
from tests.security.conftest import Visitor, World
from tests.security.matrix import BODIES, PERSONAS, expectations, parse
from tests.security.routes import all_routes, openapi_operations

pytestmark = pytest.mark.django_db

# URL parameters that name something of one couple (or, for pk, of one person).
OBJECT_PARAMS = frozenset(
    {
        "daily_id",
        "answer_id",
        "question_id",
        "deck_id",
        "session_id",
        "checkin_id",
        "repair_id",
        "code",
        "year",
        "month",
        "pk",
    }
)
# An invitation link is opened before its reader has any couple: its code is the key.
CAPABILITY_ROUTES = frozenset({"couples:join_link"})


def _listing(pairs: set[tuple[str, str]]) -> str:
    return "\n".join(f"  {route} {method}" for route, method in sorted(pairs))


def test_every_route_has_a_row() -> None:
    missing = set(all_routes()) - set(expectations())
    assert not missing, (
        "These routes have no row in tests/security/matrix.py; add one saying what each "
        "persona gets:\n" + _listing(missing)
    )


def test_every_row_names_a_route() -> None:
    routes = set(all_routes())
    stale = set(expectations()) - routes
    assert not stale, "These matrix rows name no route any more:\n" + _listing(stale)
    assert not set(BODIES) - routes, "BODIES names a route that no longer exists"


def test_the_api_rows_are_the_operations_of_the_openapi_document() -> None:
    documented = openapi_operations(openapi_document())
    served = {pair for pair, route in all_routes().items() if route.is_api and route.in_schema}
    assert documented == served, (
        "OpenAPI only:\n" + _listing(documented - served),
        "URL configuration only:\n" + _listing(served - documented),
    )


def test_no_row_lets_another_couple_reach_an_object() -> None:
    """Read the table itself: wherever the URL names an object of A's couple, the
    outsider and the solo person are told 404, or are turned away before any
    lookup (405). A 422 would mean the request never got as far as the lookup:
    give the row a minimal valid body in BODIES."""
    routes = {route.key: route for route in all_routes().values()}
    wrong = []
    for row in parse():
        route = routes.get(row.route)
        if route is None or row.route in CAPABILITY_ROUTES:
            continue
        if not OBJECT_PARAMS.intersection(route.params):
            continue
        for persona in ("outsider", "solo"):
            if row.expected[persona] not in {NOT_FOUND, NOT_ALLOWED}:
                wrong.append(f"line {row.line}: {row.route} {row.methods} as {persona}")
    assert not wrong, "\n".join(wrong)


def _walk(world: World, visitors: dict[str, Visitor], personas: tuple[str, ...]) -> list[str]:
    """Send every request; return each answer that differs from its row."""
    expected = expectations()
    wrong = []
    for (key, method), route in all_routes().items():
        url = route.url(world.for_route(key))
        body = BODIES.get((key, method))
        row = expected.get((key, method), {})
        for persona in personas:
            seen = visitors[persona].send(method, url, api=route.is_api, body=body)
            got = category_of(seen.status, seen.location)
            if got == SERVER_ERROR:
                wrong.append(f"{method} {url} as {persona}: {seen.status}\n{seen.error}")
            elif persona in row and got != row[persona]:
                wrong.append(
                    f"{key} {method} as {persona}: the matrix says {row[persona]}, got {got} "
                    f"({seen.status} {seen.location})".rstrip()
                )
    return wrong


def test_every_persona_gets_what_the_matrix_says(
    world: World, visitors: dict[str, Visitor]
) -> None:
    wrong = _walk(world, visitors, PERSONAS)
    assert not wrong, f"{len(wrong)} answers differ from the matrix:\n" + "\n".join(wrong)


def test_a_signed_in_browser_session_alone_does_not_open_the_api(
    world: World, visitors: dict[str, Visitor]
) -> None:
    """The API takes bearer tokens only: a session cookie (which a forged cross-site
    request would carry) gets what nobody signed in gets."""
    cookie_only = Visitor("partner_a's browser", visitors["partner_a"].client)
    expected = expectations()
    wrong = []
    for (key, method), route in all_routes().items():
        if not route.is_api:
            continue
        seen = cookie_only.send(
            method, route.url(world.for_route(key)), api=True, body=BODIES.get((key, method))
        )
        got = category_of(seen.status, seen.location)
        if got != expected[(key, method)]["anonymous"]:
            wrong.append(f"{key} {method}: {got}")
    assert not wrong, "\n".join(wrong)
    assert expected[("/me", "GET")]["anonymous"] == LOGIN
