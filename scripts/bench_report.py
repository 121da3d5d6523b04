"""Turning ``make bench``'s wrk runs into ratios, verdicts and a table.

Each round measures the trivial endpoint first, then every page. A page's ratio in a
round is taken against the trivial endpoint measured around it (the mean of the runs
that open this round and the next), so a machine that slows down or speeds up during
the run moves both sides of the ratio alike. Over the rounds the median is kept.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from bench_wrk import WrkResult

# Targets from the issue. Only the query count and the growth check fail the run:
# latency and throughput on a shared two-core machine say as much about the neighbours
# as about the code, so they are reported as PASS or MISS.
MIN_THROUGHPUT_RATIO = 0.25
MAX_P99_MS = 50.0
MAX_QUERIES = 8
MAX_GROWTH = 0.20


@dataclass(frozen=True)
class Round:
    """One round's runs: ``trivial`` for the ceiling, ``pages`` by (name, couple, connections)."""

    trivial_one: WrkResult
    trivial_many: WrkResult
    pages: dict[tuple[str, str, int], WrkResult]


@dataclass
class PageSummary:
    name: str
    p50_ms: float
    p99_ms: float
    rps: float
    throughput_ratio: float
    p50_ratio: float
    p99_ratio: float
    cpu_ms: float | None  # server CPU per request, at one connection
    queries: int | None
    verdicts: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Sample:
    """One request of the growth check: the server's CPU time for it, and the time the
    client waited for the answer."""

    cpu_s: float
    wall_s: float


@dataclass
class GrowthSummary:
    name: str
    requests: int  # per couple
    cpu_ms_week: float  # median server CPU per request
    cpu_ms_years: float
    wall_ms_week: float  # median time to the answer
    wall_ms_years: float
    change: float  # how much lower (positive) or higher throughput is with five years
    wall_change: float  # the same, from the wall-clock times
    queries_week: int | None
    queries_years: int | None
    verdict: str = ""


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def median_cpu(runs: Sequence[WrkResult]) -> float | None:
    costs = [run.cpu_ms_per_request for run in runs]
    known = [cost for cost in costs if cost is not None]
    return median(known) if known and len(known) == len(costs) else None


@dataclass(frozen=True)
class Ceiling:
    """The trivial endpoint around one round's pages."""

    rps_many: float
    p50_ms: float
    p99_ms: float


def _ceilings(
    rounds: Sequence[Round], closing: tuple[WrkResult, WrkResult] | None
) -> list[Ceiling]:
    """Per round, the mean of the trivial runs opening it and the next round (or
    ``closing``, the runs at 1 and at many connections after the last round)."""
    opened = [(r.trivial_one, r.trivial_many) for r in rounds]
    after = [*opened[1:], closing] if closing else opened
    return [
        Ceiling(
            rps_many=(many.rps + later_many.rps) / 2,
            p50_ms=(one.p50_ms + later_one.p50_ms) / 2,
            p99_ms=(one.p99_ms + later_one.p99_ms) / 2,
        )
        for (one, many), (later_one, later_many) in zip(opened, after, strict=True)
    ]


def summarize_pages(
    rounds: Sequence[Round],
    names: Sequence[str],
    couple: str,
    *,
    many: int,
    queries: dict[str, int],
    closing: tuple[WrkResult, WrkResult] | None = None,
) -> list[PageSummary]:
    ceilings = _ceilings(rounds, closing)
    summaries = []
    for name in names:
        one = [r.pages[(name, couple, 1)] for r in rounds]
        loaded = [r.pages[(name, couple, many)] for r in rounds]
        summary = PageSummary(
            name=name,
            p50_ms=median([run.p50_ms for run in one]),
            p99_ms=median([run.p99_ms for run in one]),
            rps=median([run.rps for run in loaded]),
            throughput_ratio=median(
                [run.rps / c.rps_many for run, c in zip(loaded, ceilings, strict=True)]
            ),
            p50_ratio=median([run.p50_ms / c.p50_ms for run, c in zip(one, ceilings, strict=True)]),
            p99_ratio=median([run.p99_ms / c.p99_ms for run, c in zip(one, ceilings, strict=True)]),
            cpu_ms=median_cpu(one),
            queries=queries.get(name),
        )
        summary.verdicts = {
            "throughput": "PASS" if summary.throughput_ratio >= MIN_THROUGHPUT_RATIO else "MISS",
            "p99": "PASS" if summary.p99_ms < MAX_P99_MS else "MISS",
            "queries": (
                "PASS" if summary.queries is not None and summary.queries <= MAX_QUERIES else "FAIL"
            ),
        }
        summaries.append(summary)
    return summaries


def summarize_growth(
    samples: dict[tuple[str, str], list[Sample]],
    names: Sequence[str],
    *,
    week: str,
    years: str,
    queries_week: dict[str, int],
    queries_years: dict[str, int],
) -> list[GrowthSummary]:
    """The same pages for a week's and for five years' worth of data, requested one at a
    time and in turn. Throughput is requests per CPU-second of the server: the median
    CPU time of a request hardly moves with whatever else the machine runs, where
    requests per second of wall-clock time do (they are shown beside it)."""
    summaries = []
    for name in names:
        short, long = samples[(name, week)], samples[(name, years)]
        cpu_week = median([s.cpu_s for s in short])
        cpu_years = median([s.cpu_s for s in long])
        wall_week = median([s.wall_s for s in short])
        wall_years = median([s.wall_s for s in long])
        growth = GrowthSummary(
            name=name,
            requests=min(len(short), len(long)),
            cpu_ms_week=1000 * cpu_week,
            cpu_ms_years=1000 * cpu_years,
            wall_ms_week=1000 * wall_week,
            wall_ms_years=1000 * wall_years,
            change=1 - cpu_week / cpu_years if cpu_years else float("nan"),
            wall_change=1 - wall_week / wall_years if wall_years else float("nan"),
            queries_week=queries_week.get(name),
            queries_years=queries_years.get(name),
        )
        growth.verdict = "PASS" if abs(growth.change) < MAX_GROWTH else "FAIL"
        summaries.append(growth)
    return summaries


def failures(pages: Sequence[PageSummary], growth: Sequence[GrowthSummary]) -> list[str]:
    """What makes the run fail: too many queries anywhere, or pages that slow with age."""
    found = [
        f"{page.name}: {page.queries} queries (at most {MAX_QUERIES})"
        for page in pages
        if page.verdicts["queries"] == "FAIL"
    ]
    for row in growth:
        for label, count in (("1 week", row.queries_week), ("5 years", row.queries_years)):
            if count is None or count > MAX_QUERIES:
                found.append(f"{row.name} with {label}: {count} queries (at most {MAX_QUERIES})")
        if row.verdict == "FAIL":
            found.append(
                f"{row.name}: throughput with 5 years of data differs by {row.change:+.1%} "
                f"from 1 week (less than {MAX_GROWTH:.0%} allowed)"
            )
    return found


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    lines = []
    for index, row in enumerate([header, *rows]):
        cells = [
            str(cell).ljust(width) if column == 0 else str(cell).rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def _ms(value: float | None) -> str:
    return "?" if value is None else f"{value:.1f}"


def pages_table(trivial: dict[str, Any], pages: Sequence[PageSummary], many: int) -> str:
    header = [
        "endpoint",
        "p50 ms",
        "p99 ms",
        f"req/s @{many}",
        "x trivial",
        "p50 x",
        "p99 x",
        "CPU ms",
        "queries",
        "verdicts",
    ]
    rows = [
        [
            "trivial (/healthz)",
            f"{trivial['p50_ms']:.1f}",
            f"{trivial['p99_ms']:.1f}",
            f"{trivial['rps']:.0f}",
            "1.00",
            "1.0",
            "1.0",
            _ms(trivial.get("cpu_ms")),
            "0",
            "",
        ]
    ]
    for page in pages:
        verdicts = " ".join(f"{key}:{value}" for key, value in page.verdicts.items())
        rows.append(
            [
                page.name,
                f"{page.p50_ms:.1f}",
                f"{page.p99_ms:.1f}",
                f"{page.rps:.0f}",
                f"{page.throughput_ratio:.2f}",
                f"{page.p50_ratio:.1f}",
                f"{page.p99_ratio:.1f}",
                _ms(page.cpu_ms),
                "?" if page.queries is None else str(page.queries),
                verdicts,
            ]
        )
    return _table(header, rows)


def growth_table(growth: Sequence[GrowthSummary]) -> str:
    header = [
        "endpoint",
        "requests",
        "CPU ms 1w",
        "CPU ms 5y",
        "change",
        "wall ms 1w",
        "wall ms 5y",
        "wall change",
        "queries 1w/5y",
        "verdict",
    ]
    rows = [
        [
            row.name,
            str(row.requests),
            f"{row.cpu_ms_week:.1f}",
            f"{row.cpu_ms_years:.1f}",
            f"{row.change:+.1%}",
            f"{row.wall_ms_week:.1f}",
            f"{row.wall_ms_years:.1f}",
            f"{row.wall_change:+.1%}",
            f"{row.queries_week}/{row.queries_years}",
            row.verdict,
        ]
        for row in growth
    ]
    return _table(header, rows)


def as_json(summary: PageSummary | GrowthSummary) -> dict[str, Any]:
    values = dict(vars(summary))
    return {
        key: round(value, 4) if isinstance(value, float) else value for key, value in values.items()
    }
