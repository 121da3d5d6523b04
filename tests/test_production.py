"""The production configuration, run for real: settings, system checks, the worker, `make serve`.

Settings are read once per process, so production cases run in fresh processes with a
production environment of their own (their own data folder, secrets and static files).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import secrets
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.core.checks import run_checks

from closeknit.accounts.tests.conftest import Inbox
from closeknit.lib.crypto import generate_key
from closeknit.testing.prodserver import (
    free_port,
    outside_environment,
    production_environment,
    run_manage,
)

# Every test here starts its own Python or servers with their own SQLite file.
pytestmark = pytest.mark.own_database

BASE_DIR = Path(settings.BASE_DIR)
PYTHON = sys.executable


def _environment(tmp_path: Path, **overrides: str) -> dict[str, str]:
    """A production environment in tmp_path; an override of "" removes the variable."""
    environ = production_environment(tmp_path, host="closeknit.example.org")
    environ.update(overrides)
    return {name: value for name, value in environ.items() if value != ""}


def _manage(environ: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return run_manage(environ, *args)


# --- settings and checks ---------------------------------------------------------


def test_check_deploy_passes_at_warning_level_in_production(tmp_path):
    result = _manage(_environment(tmp_path), "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_are_the_hardened_ones(tmp_path):
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({name: getattr(s, name) for name in ["
        "'SESSION_COOKIE_NAME', 'CSRF_COOKIE_NAME', 'SESSION_COOKIE_SECURE', "
        "'CSRF_COOKIE_SECURE', 'CSRF_COOKIE_HTTPONLY', 'SESSION_COOKIE_HTTPONLY', "
        "'PASSWORD_RESET_TIMEOUT', 'PASSWORD_HASHERS', 'SECURE_HSTS_SECONDS', "
        "'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_SSL_REDIRECT', 'DEBUG', 'TASKS']}))"
    )
    result = subprocess.run(
        [PYTHON, "-c", script],
        cwd=BASE_DIR,
        env=_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    values = json.loads(result.stdout)

    assert values["SESSION_COOKIE_NAME"].startswith("__Host-")
    assert values["CSRF_COOKIE_NAME"].startswith("__Host-")
    for flag in ("SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"):
        assert values[flag] is True, flag
    for flag in ("SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_HTTPONLY"):
        assert values[flag] is True, flag
    assert values["PASSWORD_RESET_TIMEOUT"] <= 3600
    assert values["PASSWORD_HASHERS"][0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert values["SECURE_HSTS_SECONDS"] >= 15552000  # six months at the very least
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["DEBUG"] is False
    assert values["TASKS"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


def _start_with(tmp_path: Path, **overrides: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PYTHON, "-c", "import django; django.setup(); print('started')"],
        cwd=BASE_DIR,
        env=_environment(tmp_path, **overrides),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


_ZERO_KEY = base64.urlsafe_b64encode(bytes(32)).decode().rstrip("=")
_COUNTING_KEY = base64.urlsafe_b64encode(bytes(range(8)) * 4).decode().rstrip("=")
_RANDOM_KEY = generate_key().split(":")[1]


@pytest.mark.parametrize(
    ("overrides", "said"),
    [
        ({"CLOSEKNIT_SECRET_KEY": "short-but-otherwise-fine-Xq81"}, "at least 50"),
        ({"CLOSEKNIT_SECRET_KEY": "development-only-not-secret"}, "development key"),
        (
            {"CLOSEKNIT_SECRET_KEY": "django-insecure-" + secrets.token_urlsafe(50)},
            "'insecure'",
        ),
        (
            {"CLOSEKNIT_SECRET_KEY": "fake-secret-key-replace-me-with-50-random-characters"},
            "placeholder",
        ),
        ({"CLOSEKNIT_SECRET_KEY": "abab" * 20}, "different characters"),
        ({"CLOSEKNIT_KEYS": f"zero:{_ZERO_KEY}"}, "key 'zero' is not random"),
        ({"CLOSEKNIT_KEYS": f"count:{_COUNTING_KEY}"}, "key 'count' is not random"),
        ({"CLOSEKNIT_KEYS": f"new:{_RANDOM_KEY},old:{_RANDOM_KEY}"}, "repeats another key"),
        ({"CLOSEKNIT_ALLOWED_HOSTS": "*"}, "cannot be '*'"),
        ({"CLOSEKNIT_ALLOWED_HOSTS": "closeknit.example.org,*"}, "cannot be '*'"),
        ({"CLOSEKNIT_DEBUG": "true"}, "CLOSEKNIT_DEBUG"),
        ({"CLOSEKNIT_SECRET_KEY": ""}, "CLOSEKNIT_SECRET_KEY"),
        ({"CLOSEKNIT_KEYS": ""}, "CLOSEKNIT_KEYS"),
    ],
)
def test_production_refuses_to_start_with_weak_or_missing_settings(tmp_path, overrides, said):
    result = _start_with(tmp_path, **overrides)

    assert result.returncode != 0
    assert "started" not in result.stdout
    assert "ConfigError" in result.stderr
    assert said in result.stderr
    for value in overrides.values():
        if len(value) > 8:
            assert value not in result.stderr, "a refused secret is never printed"


def test_the_same_settings_with_strong_values_start(tmp_path):
    result = _start_with(tmp_path)

    assert result.returncode == 0, result.stderr


def _ids(include_deployment_checks: bool = True) -> set[str]:
    return {
        message.id
        for message in run_checks(include_deployment_checks=include_deployment_checks)
        if message.id and message.id.startswith("closeknit.")
    }


def test_the_test_settings_pass_the_always_on_project_checks():
    assert _ids(include_deployment_checks=False) == set()


@pytest.mark.parametrize(
    ("changes", "fires"),
    [
        ({"PASSWORD_RESET_TIMEOUT": 3 * 3600}, "closeknit.E001"),
        (
            {"PASSWORD_HASHERS": ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]},
            "closeknit.E002",
        ),
        ({"PASSWORD_HASHERS": []}, "closeknit.E002"),
        (
            {"SESSION_COOKIE_NAME": "__Host-session", "SESSION_COOKIE_SECURE": False},
            "closeknit.E003",
        ),
        (
            {
                "CSRF_COOKIE_NAME": "__Host-csrf",
                "CSRF_COOKIE_SECURE": True,
                "CSRF_COOKIE_PATH": "/app",
            },
            "closeknit.E003",
        ),
        (
            {
                "SESSION_COOKIE_NAME": "__Host-session",
                "SESSION_COOKIE_SECURE": True,
                "SESSION_COOKIE_DOMAIN": "example.org",
            },
            "closeknit.E003",
        ),
        ({"SESSION_COOKIE_NAME": "sessionid"}, "closeknit.E004"),
        ({"CSRF_COOKIE_NAME": "csrftoken"}, "closeknit.E004"),
        ({"ALLOWED_HOSTS": ["closeknit.example.org", "*"]}, "closeknit.E005"),
    ],
)
def test_each_project_check_fires_on_a_bad_setting(settings, changes, fires):
    production_like = {
        "SESSION_COOKIE_NAME": "__Host-closeknit_session",
        "CSRF_COOKIE_NAME": "__Host-closeknit_csrf",
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.Argon2PasswordHasher"],
    }
    for name, value in production_like.items():
        setattr(settings, name, value)
    assert _ids() == set(), "the production-like baseline is clean"

    for name, value in changes.items():
        setattr(settings, name, value)

    assert fires in _ids()


# --- e-mail through the worker ---------------------------------------------------

PREPARE_DATABASE = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
call_command("createcachetable")
"""

SIGN_UP = """
from django.test import Client
response = Client().post("/accounts/signup/", {
    "email": "river@example.com", "password1": "walks by the river at dusk",
    "name": "River", "pronouns": "they/them", "timezone": "Europe/Lisbon",
})
print(response.status_code)
"""


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()  # aiosmtpd cannot bind port 0 and report it back
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def _task_rows(database: Path) -> list[tuple[str, str]]:
    with contextlib.closing(sqlite3.connect(database)) as connection:
        return connection.execute(
            "SELECT status, args_kwargs FROM django_tasks_database_dbtaskresult"
        ).fetchall()


def test_in_production_mail_is_queued_and_the_worker_sends_it(tmp_path, smtp_server):
    inbox, port = smtp_server
    environ = _environment(
        tmp_path,
        CLOSEKNIT_ALLOWED_HOSTS="testserver",
        CLOSEKNIT_SSL_REDIRECT="false",
        CLOSEKNIT_EMAIL_HOST="127.0.0.1",
        CLOSEKNIT_EMAIL_PORT=str(port),
        CLOSEKNIT_EMAIL_USE_TLS="false",
        CLOSEKNIT_SITE_URL="https://closeknit.example.org",
    )
    prepared = subprocess.run(
        [PYTHON, "-c", PREPARE_DATABASE],
        cwd=BASE_DIR,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert prepared.returncode == 0, prepared.stderr

    signed_up = _manage(environ, "shell", "--no-imports", "-c", SIGN_UP)
    assert signed_up.returncode == 0, signed_up.stderr
    assert signed_up.stdout.strip() == "302"

    # The request only queued the verification e-mail, sealed.
    database = tmp_path / "var" / "closeknit.sqlite3"
    [(status, args_kwargs)] = _task_rows(database)
    assert status == "READY"
    assert "ck1:" in args_kwargs
    assert "river@example.com" not in args_kwargs
    assert "confirm-email" not in args_kwargs
    time.sleep(0.5)
    assert inbox.messages == [], "nothing is sent before the worker runs"

    worked = _manage(environ, "db_worker", "--batch", "--no-startup-delay", "--no-reload")

    assert worked.returncode == 0, worked.stdout + worked.stderr
    [message] = inbox.to("river@example.com")
    assert "/accounts/confirm-email/" in inbox.text(message)
    assert [status for status, _ in _task_rows(database)] == ["SUCCESSFUL"]


# --- make serve ------------------------------------------------------------------


class Serve:
    """scripts/serve.sh (what `make serve` runs) on a free port, with its own folders."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.port = free_port()
        self.log = root / "serve.log"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        environ = outside_environment()
        environ.update(
            {
                "PORT": str(self.port),
                "WORKERS": "2",
                "SERVE_ENV": str(self.root / "serve.env"),
                "CLOSEKNIT_VAR_DIR": str(self.root / "var"),
                "CLOSEKNIT_STATIC_ROOT": str(self.root / "static"),
            }
        )
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                ["scripts/serve.sh"],
                cwd=BASE_DIR,
                env=environ,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"serve.sh stopped early:\n{self.text()}")
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as answer,
            ):
                if answer.status == 200:
                    return
            time.sleep(0.2)
        raise AssertionError(f"serve.sh did not answer in time:\n{self.text()}")

    def stop(self) -> None:
        """SIGTERM to the script alone: it must stop gunicorn and the worker itself."""
        if self.process is None:
            return
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)

    def leftovers(self) -> bool:
        assert self.process is not None
        try:
            os.killpg(self.process.pid, 0)
        except ProcessLookupError:
            return False
        return True

    def kill(self) -> None:
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def get(self, path: str, headers: dict[str, str] | None = None):
        request = urllib.request.Request(f"{self.url}{path}", headers=headers or {})
        return urllib.request.urlopen(request, timeout=10)


@contextlib.contextmanager
def running_serve(root: Path) -> Iterator[Serve]:
    server = Serve(root)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        server.kill()


@pytest.fixture(scope="module")
def serve(tmp_path_factory) -> Iterator[Serve]:
    with running_serve(tmp_path_factory.mktemp("serve")) as server:
        yield server


def _processes_in(serve: Serve) -> str:
    """The command lines of every process in the script's process group."""
    assert serve.process is not None
    # -ww: without it ps cuts each line to the terminal's width, which a
    # long checkout path can push the program's name past.
    listing = subprocess.run(
        ["ps", "-ww", "-eo", "pgid=,args="], capture_output=True, text=True, check=True
    ).stdout
    group = str(serve.process.pid)
    return "\n".join(
        args
        for pgid, _, args in (line.strip().partition(" ") for line in listing.splitlines())
        if pgid == group
    )


def test_serve_runs_gunicorn_with_two_workers_and_the_background_worker(serve):
    processes = _processes_in(serve)

    assert processes.count("gunicorn closeknit.wsgi:application") == 3, processes  # master + 2
    assert "manage.py db_worker" in processes, processes


def _database_files_open_in_gunicorn(serve: Serve) -> int:
    assert serve.process is not None
    listing = subprocess.run(
        ["ps", "-ww", "-eo", "pid=,pgid=,args="], capture_output=True, text=True, check=True
    ).stdout
    database = (serve.root / "var" / "closeknit.sqlite3").resolve()
    found = 0
    for line in listing.splitlines():
        pid, pgid, args = line.split(None, 2)
        if pgid != str(serve.process.pid) or "gunicorn" not in args:
            continue
        with contextlib.suppress(FileNotFoundError, PermissionError):
            for descriptor in Path(f"/proc/{pid}/fd").iterdir():
                with contextlib.suppress(OSError):
                    if Path(os.readlink(descriptor)) == database:
                        found += 1
    return found


def test_serve_workers_keep_their_database_connection_between_requests(serve):
    def ask_the_database(times: int) -> None:
        # An unknown token is looked up in the database and refused.
        for _ in range(times):
            with pytest.raises(urllib.error.HTTPError) as refused:
                serve.get("/api/v1/questions/today", {"Authorization": "Bearer ck_unknown"})
            assert refused.value.code == 401

    ask_the_database(8)
    kept = _database_files_open_in_gunicorn(serve)
    ask_the_database(16)

    # Kept open after the requests ended (a connection per request would have closed
    # it), and one each at most for the two workers: more requests open no more.
    assert 1 <= kept <= 2
    assert kept <= _database_files_open_in_gunicorn(serve) <= 2


def test_serve_makes_private_secrets_once_and_says_so(serve):
    serve_env = serve.root / "serve.env"

    assert (serve_env.stat().st_mode & 0o777) == 0o600
    text = serve_env.read_text()
    assert re.search(r"^CLOSEKNIT_SECRET_KEY=\S{50,}$", text, re.MULTILINE)
    assert re.search(r"^CLOSEKNIT_KEYS=\w+:\S{43}$", text, re.MULTILINE)
    assert f"created {serve_env}" in serve.text()


def test_serve_pages_carry_production_headers_and_host_cookies(serve):
    with serve.get("/accounts/login/") as answer:
        headers = answer.headers
        page = answer.read().decode()

    assert headers["Cache-Control"] == "no-store" or "no-store" in headers["Cache-Control"]
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert headers["Cross-Origin-Embedder-Policy"] == "require-corp"
    [csrf_cookie] = [c for c in headers.get_all("Set-Cookie") if "csrf" in c]
    assert csrf_cookie.startswith("__Host-closeknit_csrf=")
    for attribute in ("Secure", "HttpOnly", "Path=/", "SameSite=Lax"):
        assert attribute in csrf_cookie
    assert "Domain=" not in csrf_cookie
    assert re.search(r'/static/css/closeknit\.[0-9a-f]{12}\.css"', page), "hashed names"


def test_serve_sends_hsts_when_the_proxy_says_https(serve):
    with serve.get("/healthz", {"X-Forwarded-Proto": "https"}) as answer:
        hsts = answer.headers["Strict-Transport-Security"]
    with serve.get("/healthz") as answer:
        plain = answer.headers["Strict-Transport-Security"]

    assert hsts == "max-age=31536000; includeSubDomains; preload"
    assert plain is None


def test_serve_gives_hashed_static_files_long_lives_and_compresses_them(serve):
    with serve.get("/accounts/login/") as answer:
        page = answer.read().decode()
    [stylesheet] = re.findall(r'href="(/static/css/closeknit\.[0-9a-f]{12}\.css)"', page)

    with serve.get(stylesheet, {"Accept-Encoding": "gzip"}) as answer:
        compressed = answer.headers
        size = len(answer.read())
    with serve.get(stylesheet) as answer:
        plain_size = len(answer.read())

    assert compressed["Content-Encoding"] == "gzip"
    assert size < plain_size / 2
    cache = compressed["Cache-Control"]
    assert "immutable" in cache
    max_age = re.search(r"max-age=(\d+)", cache)
    assert max_age is not None
    assert int(max_age.group(1)) >= 365 * 24 * 3600
    # Static files are answered by the app too, so they carry the same policy.
    assert compressed["X-Content-Type-Options"] == "nosniff"
    assert compressed["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "default-src 'none'" in compressed["Content-Security-Policy"]


def test_serve_access_log_leaves_out_query_strings(serve):
    with contextlib.suppress(urllib.error.HTTPError):
        serve.get("/questions/history/?q=our-secret-word").close()
    time.sleep(0.5)

    assert '"GET /questions/history/"' in serve.text()
    assert "our-secret-word" not in serve.text()


def test_serve_stops_everything_and_reuses_its_secrets(serve):
    first_secrets = (serve.root / "serve.env").read_text()

    serve.stop()
    assert serve.process is not None
    assert serve.process.returncode is not None
    time.sleep(0.5)
    assert not serve.leftovers(), _processes_in(serve)

    serve.start()  # the fixture's server runs again for the tests that follow
    assert (serve.root / "serve.env").read_text() == first_secrets
    assert f"using the secret key and encryption key in {serve.root / 'serve.env'}" in (
        serve.text()
    )
