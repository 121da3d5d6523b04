"""schemathesis against /api/v1/openapi.json: no 5xx, and every response as documented.

Requests go through the real WSGI application inside the test's transaction, so
the run is the same on SQLite and PostgreSQL and leaves nothing behind. For each
operation schemathesis first sends its coverage cases (boundary values, missing
and wrong-typed fields, undocumented methods), then fuzzes with Hypothesis, for
valid and for invalid input. Once as partner A of a couple with something in
every feature, with path ids that are sometimes real, so requests reach real
objects rather than only 404s; once with no credentials at all.

Every failure is gathered and reported at the end with the request that caused
it (as a curl command), so one run shows everything that is wrong.
"""

from __future__ import annotations

import secrets
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)
from schemathesis.core.result import Ok
from schemathesis.schemas import APIOperation as AnyOperation

from closeknit.accounts.models import ApiToken, User
from closeknit.accounts.services import TOKEN_PREFIX, hash_token
from closeknit.lib.errors import ConflictError
from tests.robustness.seed import Seeded, lived_in_couple

OPENAPI_URL = "/api/v1/openapi.json"
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    negative_data_rejection,
    unsupported_method,
]
REVOKE_TOKEN = "DELETE /api/v1/auth/token"

APIOperation = AnyOperation[Any, Any, Any, Any]
Headers = Callable[[APIOperation], dict[str, str]]


def _fuzz_settings(max_examples: int) -> settings:
    # Derandomized: CI sees the same requests every run, and a failure replays.
    return settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )


@dataclass
class Report:
    failures: dict[tuple[str, str], str] = field(default_factory=dict)
    statuses: dict[str, Counter[int]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    requests: int = 0

    def record(self, operation: APIOperation, status: int) -> None:
        self.requests += 1
        self.statuses.setdefault(operation.label, Counter())[status] += 1

    def fail(self, operation: APIOperation, how: str, exc: BaseException) -> None:
        text = str(exc).strip() or type(exc).__name__
        # One entry per operation and kind of failure (schemathesis lists each kind
        # as a "- " line): the first one found, in full.
        kinds = "|".join(line for line in text.splitlines() if line.startswith("- ")) or text
        self.failures.setdefault((operation.label, kinds), f"{operation.label} ({how})\n{text}")

    def successes(self, label: str) -> int:
        return sum(n for status, n in self.statuses.get(label, Counter()).items() if status < 300)

    def summary(self) -> str:
        return "\n\n".join(self.failures.values())


def _with_real_ids(case: Any, real_ids: dict[str, list[str]], pick: int) -> None:
    for parameter in case.operation.path_parameters:
        values = real_ids.get(parameter.name)
        if values:
            case.path_parameters[parameter.name] = values[pick % len(values)]


def _exercise(
    operation: APIOperation,
    report: Report,
    *,
    headers: Headers,
    real_ids: dict[str, list[str]],
    examples: int,
    bodies: dict[str, list[dict[str, object]]] | None = None,
    coverage: bool = True,
    extra_check: Callable[[APIOperation, GenerationMode, int], None] | None = None,
) -> None:
    schema = operation.schema
    generation = schema.config.generation_for(operation=operation)
    started = time.process_time()
    bodies = bodies or {}

    def send(case: Any, mode: GenerationMode) -> None:
        response = case.call_and_validate(headers=headers(operation), checks=CHECKS)
        report.record(operation, response.status_code)
        if extra_check is not None:
            extra_check(operation, mode, response.status_code)

    for mode in MODES:
        cases = (
            schema.iter_coverage_cases(
                operation, generation_modes=[mode], generation_config=generation
            )
            if coverage
            else []
        )
        for index, case in enumerate(cases):
            # Every other valid case on a real object: both "not found" and "found" paths.
            if mode is GenerationMode.POSITIVE and index % 2:
                _with_real_ids(case, real_ids, index)
            try:
                send(case, mode)
            # Failed checks come as a BaseExceptionGroup, which `except Exception` misses.
            except (Exception, BaseExceptionGroup) as exc:
                report.fail(operation, f"coverage, {mode.value}", exc)

        if mode is GenerationMode.NEGATIVE and not _has_inputs(operation):
            continue  # nothing to send wrong but the credentials, which are held fixed
        try:
            _fuzzer(operation, mode, send, headers(operation), real_ids, bodies, examples)()
        except (Exception, BaseExceptionGroup) as exc:
            report.fail(operation, f"fuzzing, {mode.value}", exc)
    report.seconds[operation.label] = time.process_time() - started


def _has_inputs(operation: APIOperation) -> bool:
    """Whether anything but the credentials can be sent wrong.

    A path parameter that is any string has no wrong value a URL can carry, so
    schemathesis would only search in vain for one.
    """
    headers = [h for h in operation.headers if h.name.lower() != "authorization"]
    constrained = [
        p
        for p in operation.path_parameters
        if set(p.definition.get("schema", {})) - {"type", "title", "description"}
    ]
    return any(len(inputs) for inputs in (constrained, operation.query, headers, operation.body))


def _fuzzer(
    operation: APIOperation,
    mode: GenerationMode,
    send: Callable[[Any, GenerationMode], None],
    headers: dict[str, str],
    real_ids: dict[str, list[str]],
    bodies: dict[str, list[dict[str, object]]],
    examples: int,
) -> Callable[[], None]:
    # Credentials and real ids are given to the generator as fixed values rather than
    # written over a generated case, so an invalid case stays exactly as invalid as
    # schemathesis believes it is (and a valid one as valid).
    strategies = [operation.as_strategy(generation_mode=mode, headers=headers)]
    for parameter in operation.path_parameters:
        strategies += [
            operation.as_strategy(
                generation_mode=mode, headers=headers, path_parameters={parameter.name: value}
            )
            for value in real_ids.get(parameter.name, [])
        ]
    if mode is GenerationMode.POSITIVE:
        for body in bodies.get(operation.label, []):
            fixed = {
                p.name: real_ids[p.name][0] for p in operation.path_parameters if p.name in real_ids
            }
            strategies.append(
                operation.as_strategy(
                    generation_mode=mode, headers=headers, body=body, path_parameters=fixed
                )
            )

    @_fuzz_settings(examples)
    @given(case=st.one_of(strategies))
    def fuzz(case: Any) -> None:
        send(case, mode)

    return fuzz


@pytest.fixture
def wsgi_in_test_transaction() -> Iterator[None]:
    # As Django's test client does: the real handler closes the database connection
    # after each request, which would end the test's transaction and lose its data.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@cache
def _all_operations() -> tuple[APIOperation, ...]:
    # Read once per run: the document comes from the code, which a run does not change.
    schema = schemathesis.openapi.from_wsgi(OPENAPI_URL, get_wsgi_application())
    results = list(schema.get_all_operations())
    unreadable = [str(result.err()) for result in results if not isinstance(result, Ok)]
    assert not unreadable, f"schemathesis cannot read these operations: {unreadable}"
    return tuple(result.ok() for result in results if isinstance(result, Ok))


@pytest.fixture
def operations(wsgi_in_test_transaction: None) -> list[APIOperation]:
    found = list(_all_operations())
    assert len(found) > 50, "the API document lists fewer operations than the API has"
    return found


def _fresh_token(user: User) -> str:
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, device="fuzz", token_hash=hash_token(raw))
    return raw


@pytest.mark.django_db
def test_every_operation_as_a_partner_with_a_lived_in_couple(operations, partner_a, partner_b):
    seeded: Seeded = lived_in_couple(partner_a.user, partner_b.user)
    token = partner_a.token

    def as_partner_a(operation: APIOperation) -> dict[str, str]:
        # Signing out revokes the token it is sent with: give it one of its own.
        raw = _fresh_token(partner_a.user) if operation.label == REVOKE_TOKEN else token
        return {"Authorization": f"Bearer {raw}"}

    report = Report()
    started = time.monotonic()
    for operation in operations:
        _exercise(
            operation,
            report,
            headers=as_partner_a,
            real_ids=seeded.ids,
            bodies=seeded.bodies,
            examples=12,
        )
    elapsed = time.monotonic() - started
    # Shown with -s: where the time goes, to keep the run within its budget.
    print(f"\n{report.requests} requests as partner A in {elapsed:.1f}s")
    slowest = sorted(report.seconds.items(), key=lambda item: -item[1])[:12]
    for label, seconds in slowest:
        print(f"{seconds:6.2f}s CPU {sum(report.statuses[label].values()):4d} requests  {label}")

    never_succeeded = sorted(label for label in report.statuses if not report.successes(label))
    print(f"no 2xx for {never_succeeded}")

    assert not report.failures, report.summary()
    # The run reached real objects: every read of one by id succeeded at least once.
    never_found = [
        label
        for label in report.statuses
        if label.startswith("GET") and "{" in label and report.successes(label) == 0
    ]
    assert not never_found, f"no request found a real object for {never_found}"


@pytest.mark.django_db
def test_every_operation_without_credentials(operations, partner_a, partner_b):
    seeded: Seeded = lived_in_couple(partner_a.user, partner_b.user)
    report = Report()
    public = {"POST /api/v1/auth/signup", "POST /api/v1/auth/token"}

    def turned_away(operation: APIOperation, mode: GenerationMode, status: int) -> None:
        # A valid request to anything but signing up or in is refused for want of a
        # token. (Invalid ones may be refused earlier, e.g. a malformed id is a 404.)
        if mode is GenerationMode.POSITIVE and operation.label not in public:
            assert status == 401, f"{operation.label} answered {status} without credentials"

    started = time.monotonic()
    for operation in operations:
        _exercise(
            operation,
            report,
            headers=lambda _operation: {},
            real_ids=seeded.ids,
            examples=4,
            # Behind the token check every input is answered alike; only the ways in
            # get the boundary values.
            coverage=operation.label in public,
            extra_check=turned_away,
        )
    assert not report.failures, report.summary()
    assert set(report.statuses) == {operation.label for operation in operations}
    print(f"\n{report.requests} requests without credentials in {time.monotonic() - started:.1f}s")


# The harness itself: it must notice what it is there to notice.


@pytest.mark.django_db
def test_the_fuzzer_reports_a_server_error(operations, partner_a, monkeypatch):
    def broken(user: User) -> int:
        raise RuntimeError("a bug")

    monkeypatch.setattr("closeknit.questions.selectors.streak_for", broken)
    report = _exercise_one(operations, "GET /api/v1/questions/streak", partner_a)
    assert report.failures
    assert "Server error" in report.summary()


@pytest.mark.django_db
def test_the_fuzzer_reports_an_undocumented_status(operations, partner_a, monkeypatch):
    def refusing(user: User) -> int:
        raise ConflictError("a 409 the operation does not document")

    monkeypatch.setattr("closeknit.questions.selectors.streak_for", refusing)
    report = _exercise_one(operations, "GET /api/v1/questions/streak", partner_a)
    assert "Undocumented status code" in report.summary()


def _exercise_one(operations: list[APIOperation], label: str, persona: Any) -> Report:
    report = Report()
    (operation,) = [operation for operation in operations if operation.label == label]
    _exercise(
        operation,
        report,
        headers=lambda _operation: {"Authorization": f"Bearer {persona.token}"},
        real_ids={},
        examples=2,
    )
    return report
