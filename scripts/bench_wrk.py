"""Running wrk and reading its results, for scripts/bench.py.

wrk prints a summary meant for people; a small Lua ``done`` hook makes it print one
more line with the exact numbers (latencies in microseconds, error counts by kind),
which is what is parsed here.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

MARKER = "BENCH_RESULT"

# wrk runs this after the last request; %.1f because the percentiles may be fractions.
LUA_SCRIPT = """\
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "MARKER requests=%d duration_us=%d p50_us=%.1f p99_us=%.1f max_us=%.1f "
    .. "connect=%d read=%d write=%d status=%d timeout=%d\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
""".replace("MARKER", MARKER)

_LINE = re.compile(rf"^{MARKER} (?P<fields>.+)$", re.MULTILINE)
_FIELD = re.compile(r"(\w+)=([0-9.]+)")
_FIELDS = {
    "requests",
    "duration_us",
    "p50_us",
    "p99_us",
    "max_us",
    "connect",
    "read",
    "write",
    "status",
    "timeout",
}


class WrkError(RuntimeError):
    """wrk could not run, or printed no result."""


@dataclass(frozen=True)
class WrkResult:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    socket_errors: int  # connect, read, write and timeouts
    error_statuses: int  # responses with a status of 400 or more
    # CPU time the server's workers spent during the run (user and system), when known,
    # and how many requests that covers: those wrk counted and those it left in flight
    # (one per connection), which the workers finish after it stops.
    worker_cpu_s: float | None = None
    worker_requests: int = 0

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0

    @property
    def cpu_ms_per_request(self) -> float | None:
        """Server CPU per request: what a request costs, whatever else the machine runs."""
        if self.worker_cpu_s is None or not self.worker_requests:
            return None
        return 1000 * self.worker_cpu_s / self.worker_requests

    def as_dict(self) -> dict[str, Any]:
        cpu = self.cpu_ms_per_request
        return {
            **asdict(self),
            "rps": round(self.rps, 2),
            "cpu_ms_per_request": None if cpu is None else round(cpu, 3),
        }


def parse(output: str) -> WrkResult:
    """The result line the Lua hook printed, from wrk's whole output."""
    match = _LINE.search(output)
    if match is None:
        raise WrkError(f"wrk printed no {MARKER} line; its output was:\n{output.strip()}")
    values = {name: float(value) for name, value in _FIELD.findall(match["fields"])}
    missing = _FIELDS - values.keys()
    if missing:
        raise WrkError(f"wrk's result line lacks {sorted(missing)}: {match[0]}")
    return WrkResult(
        requests=int(values["requests"]),
        seconds=values["duration_us"] / 1e6,
        p50_ms=values["p50_us"] / 1000,
        p99_ms=values["p99_us"] / 1000,
        max_ms=values["max_us"] / 1000,
        socket_errors=int(values["connect"] + values["read"] + values["write"] + values["timeout"]),
        error_statuses=int(values["status"]),
    )


def wrk_path() -> str:
    found = shutil.which("wrk")
    if found is None:
        raise WrkError("wrk is not installed: run `scripts/apt-install.sh wrk` (make bench does)")
    return found


def write_script(folder: Path) -> Path:
    path = folder / "bench-result.lua"
    path.write_text(LUA_SCRIPT)
    return path


def run(
    url: str,
    *,
    connections: int,
    seconds: int,
    headers: dict[str, str],
    script: Path,
    threads: int = 2,
) -> WrkResult:
    command = [
        wrk_path(),
        f"--threads={max(1, min(threads, connections))}",
        f"--connections={connections}",
        # wrk takes whole seconds only.
        f"--duration={max(1, seconds)}s",
        "--timeout=10s",
        f"--script={script}",
    ]
    for name, value in headers.items():
        command += ["--header", f"{name}: {value}"]
    command.append(url)
    finished = subprocess.run(  # noqa: S603 - wrk from PATH, our own arguments
        command, capture_output=True, text=True, timeout=seconds + 30, check=False
    )
    if finished.returncode != 0:
        raise WrkError(f"wrk failed ({finished.returncode}): {finished.stderr.strip()}")
    return parse(finished.stdout)
