"""Run the production configuration on a loopback port, for `make bench` and `make crashtest`.

The server is gunicorn with the real production settings (CLOSEKNIT_ENV=production),
whitenoise and hashed static files; only TLS is left to the proxy a real host puts in
front, so the SSL redirect is off. Secrets and encryption keys are generated once per
data folder and kept in ``<var_dir>/production.env``: a restarted server (the crash test
kills it over and over) must read what the previous one wrote.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType

from closeknit.lib.crypto import generate_key

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VENV_BIN = Path(sys.executable).parent


def outside_environment() -> dict[str, str]:
    """This process's environment without any of Closeknit's settings.

    A server or command started for a test or a check gets exactly the configuration it is
    given: nothing from the shell that started it (a DATABASE_URL, a stray CLOSEKNIT_ENV)
    may leak in.
    """
    return {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("CLOSEKNIT_", "DJANGO_")) and name != "DATABASE_URL"
    }


def production_environment(folder: Path, *, host: str) -> dict[str, str]:
    """A fresh production deployment's environment in ``folder``, served as ``host``:
    new strong secrets, its own data and static folders, nothing from this shell."""
    environ = outside_environment()
    environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "closeknit.settings",
            "CLOSEKNIT_ENV": "production",
            "CLOSEKNIT_SECRET_KEY": secrets.token_urlsafe(50),
            "CLOSEKNIT_KEYS": generate_key(),
            "CLOSEKNIT_ALLOWED_HOSTS": host,
            "CLOSEKNIT_VAR_DIR": str(folder / "var"),
            "CLOSEKNIT_STATIC_ROOT": str(folder / "static"),
        }
    )
    return environ


def run_manage(
    environ: dict[str, str], *args: str, timeout: float | None = 120, check: bool = False
) -> subprocess.CompletedProcess[str]:
    """A management command in its own process, configured by ``environ`` alone."""
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, str(BASE_DIR / "manage.py"), *args],
        cwd=BASE_DIR,
        env=environ,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=check,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _load_or_create_secrets(var_dir: Path) -> dict[str, str]:
    path = var_dir / "production.env"
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        lines = [
            f"CLOSEKNIT_SECRET_KEY={secrets.token_urlsafe(50)}",
            f"CLOSEKNIT_KEYS={generate_key()}",
        ]
        # Created private from the start: the keys open every intimate text in the folder.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write("\n".join(lines) + "\n")
    values: dict[str, str] = {}
    for line in path.read_text().splitlines():
        name, _, value = line.partition("=")
        if name:
            values[name] = value
    return values


class ProductionServer:
    """gunicorn in production mode on 127.0.0.1; use as a context manager or start/stop."""

    def __init__(
        self,
        var_dir: Path,
        *,
        workers: int = 2,
        threads: int = 1,
        database_url: str | None = None,
        port: int | None = None,
        extra_env: dict[str, str] | None = None,
    ) -> None:
        self.var_dir = Path(var_dir)
        self.workers = workers
        self.threads = threads
        self.database_url = database_url
        self.port = port or free_port()
        self.extra_env = dict(extra_env or {})
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path = self.var_dir / "server.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        env = outside_environment()
        env.update(_load_or_create_secrets(self.var_dir))
        env.update(
            {
                "CLOSEKNIT_ENV": "production",
                "CLOSEKNIT_VAR_DIR": str(self.var_dir),
                # Its own static folder: servers prepared side by side must not race on
                # one manifest of hashed names.
                "CLOSEKNIT_STATIC_ROOT": str(self.var_dir / "static"),
                "CLOSEKNIT_ALLOWED_HOSTS": "127.0.0.1,localhost",
                "CLOSEKNIT_SITE_URL": self.url,
                "CLOSEKNIT_SSL_REDIRECT": "false",
                "CLOSEKNIT_LOG_LEVEL": "WARNING",
                "DJANGO_SETTINGS_MODULE": "closeknit.settings",
                "PYTHONUNBUFFERED": "1",
            }
        )
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        env.update(self.extra_env)
        return env

    def manage(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run a management command against this server's data, with its settings."""
        return run_manage(self.env(), *args, timeout=None, check=check)

    def prepare(self) -> None:
        """Migrate, create the cache table and collect the hashed static files."""
        self.manage("migrate", "--noinput")
        self.manage("createcachetable")
        self.manage("collectstatic", "--noinput")

    def start(self, timeout: float = 60.0) -> None:
        if self.process is not None and self.process.poll() is None:
            raise RuntimeError("the server is already running")
        command = [
            str(VENV_BIN / "gunicorn"),
            "closeknit.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--threads",
            str(self.threads),
            "--graceful-timeout",
            "5",
            # gunicorn 27's control socket lives at one path per user: servers started
            # side by side (bench, crash test, make serve) would fight over it.
            "--no-control-socket",
            # No access log: the crash test and the bench would only fill the disk.
            "--error-logfile",
            str(self.log_path),
        ]
        self.var_dir.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(  # noqa: S603 - our own gunicorn
            command,
            cwd=BASE_DIR,
            env=self.env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            # Its own process group, so a kill reaches the workers too, as a real crash would.
            start_new_session=True,
        )
        self.wait_ready(timeout)

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited early; see {self.log_path}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as answer:  # noqa: S310
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not answer within {timeout:.0f} s; see {self.log_path}")

    def _signal_group(self, signum: int) -> None:
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signum)

    def kill(self) -> None:
        """SIGKILL the master and every worker at once: no cleanup, like a power cut."""
        self._signal_group(signal.SIGKILL)
        if self.process is not None:
            self.process.wait()
        self.process = None

    def stop(self, timeout: float = 15.0) -> None:
        if self.process is None:
            return
        self._signal_group(signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
        self.process = None

    def __enter__(self) -> ProductionServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
