"""make bench's arithmetic on fixed inputs: reading wrk, ratios, growth and verdicts."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import bench_report as report
import bench_wrk as wrk

# What wrk 4.1 printed for 16 connections, with the Lua hook's line at the end.
WRK_OUTPUT = """\
Running 1s test @ http://127.0.0.1:39765/today/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.01s   453.94ms   1.60s    60.00%
    Req/Sec     8.94      4.40    20.00     81.25%
  20 requests in 2.02s, 328.54KB read
  Non-2xx or 3xx responses: 3
Requests/sec:      9.89
Transfer/sec:    162.52KB
BENCH_RESULT requests=20 duration_us=2021506 p50_us=1111225.0 p99_us=1596676.0 \
max_us=1596676.0 connect=0 read=2 write=0 status=3 timeout=1
"""


def result(rps: float, p50: float = 10.0, p99: float = 20.0) -> wrk.WrkResult:
    return wrk.WrkResult(
        requests=round(rps * 10),
        seconds=10.0,
        p50_ms=p50,
        p99_ms=p99,
        max_ms=p99,
        socket_errors=0,
        error_statuses=0,
    )


def test_parse_reads_the_hook_line() -> None:
    parsed = wrk.parse(WRK_OUTPUT)

    assert parsed.requests == 20
    assert parsed.seconds == pytest.approx(2.021506)
    assert parsed.rps == pytest.approx(20 / 2.021506)
    assert parsed.p50_ms == pytest.approx(1111.225)
    assert parsed.p99_ms == pytest.approx(1596.676)
    assert parsed.socket_errors == 3  # two read errors and a timeout
    assert parsed.error_statuses == 3


def test_parse_refuses_output_without_the_hook_line() -> None:
    without = WRK_OUTPUT.split("BENCH_RESULT")[0]

    with pytest.raises(wrk.WrkError, match="no BENCH_RESULT line"):
        wrk.parse(without)


def test_parse_refuses_a_line_with_a_field_missing() -> None:
    with pytest.raises(wrk.WrkError, match="p99_us"):
        wrk.parse("BENCH_RESULT requests=1 duration_us=10 p50_us=1 max_us=1 connect=0 "
                  "read=0 write=0 status=0 timeout=0")  # fmt: skip


def test_the_lua_hook_prints_every_field_the_parser_needs() -> None:
    for name in ("requests", "duration_us", "p50_us", "p99_us", "status", "timeout"):
        assert f"{name}=" in wrk.LUA_SCRIPT
    assert wrk.LUA_SCRIPT.count("%") == 10  # one placeholder per field, no stray escapes


def rounds_of(
    trivial: list[float], pages: list[dict[tuple[str, str, int], wrk.WrkResult]]
) -> list[report.Round]:
    return [
        report.Round(trivial_one=result(t, p50=1.0, p99=2.0), trivial_many=result(t), pages=p)
        for t, p in zip(trivial, pages, strict=True)
    ]


def test_page_ratios_are_taken_against_the_trivial_runs_around_them() -> None:
    # The machine halves in speed during round one: the page's ratio is against the
    # mean of the ceiling measured before (1000) and after (500) it.
    rounds = rounds_of(
        [1000, 500],
        [
            {("Today", "c", 1): result(40, p50=30, p99=45), ("Today", "c", 16): result(150)},
            {("Today", "c", 1): result(20, p50=60, p99=90), ("Today", "c", 16): result(125)},
        ],
    )
    closing = (result(500, p50=1.0, p99=2.0), result(500))

    [today] = report.summarize_pages(
        rounds, ["Today"], "c", many=16, queries={"Today": 7}, closing=closing
    )

    assert today.throughput_ratio == pytest.approx((150 / 750 + 125 / 500) / 2)
    assert today.rps == pytest.approx(137.5)
    assert today.p50_ms == pytest.approx(45)
    assert today.p99_ms == pytest.approx(67.5)
    assert today.p99_ratio == pytest.approx((45 / 2 + 90 / 2) / 2)
    assert today.verdicts == {"throughput": "MISS", "p99": "MISS", "queries": "PASS"}


def test_verdicts_pass_at_the_targets() -> None:
    rounds = rounds_of(
        [400], [{("API", "c", 1): result(100, p99=49.9), ("API", "c", 16): result(100)}]
    )

    [api] = report.summarize_pages(rounds, ["API"], "c", many=16, queries={"API": 8})

    assert api.throughput_ratio == pytest.approx(0.25)
    assert api.verdicts == {"throughput": "PASS", "p99": "PASS", "queries": "PASS"}
    assert report.failures([api], []) == []


def test_too_many_queries_fail_the_run_but_slow_pages_do_not() -> None:
    rounds = rounds_of(
        [1000], [{("History", "c", 1): result(5, p99=400), ("History", "c", 16): result(10)}]
    )

    [history] = report.summarize_pages(rounds, ["History"], "c", many=16, queries={"History": 9})

    assert history.verdicts == {"throughput": "MISS", "p99": "MISS", "queries": "FAIL"}
    assert report.failures([history], []) == ["History: 9 queries (at most 8)"]


def samples(cpu_ms: list[float], wall_ms: list[float]) -> list[report.Sample]:
    return [
        report.Sample(cpu_s=c / 1000, wall_s=w / 1000) for c, w in zip(cpu_ms, wall_ms, strict=True)
    ]


def test_growth_compares_median_cpu_per_request() -> None:
    # The machine was busy while the five-year couple's pages were asked for: the time
    # to answer doubled, the work each request took did not grow.
    taken = {
        ("Insights", "week"): samples([30, 31, 29, 95, 30], [40, 41, 39, 150, 40]),
        ("Insights", "years"): samples([33, 32, 34, 33, 31], [80, 85, 78, 90, 82]),
    }

    [insights] = report.summarize_growth(
        taken,
        ["Insights"],
        week="week",
        years="years",
        queries_week={"Insights": 5},
        queries_years={"Insights": 5},
    )

    assert insights.requests == 5
    assert insights.cpu_ms_week == pytest.approx(30)  # the outlier counts for nothing
    assert insights.cpu_ms_years == pytest.approx(33)
    assert insights.change == pytest.approx(1 - 30 / 33)
    assert insights.wall_change == pytest.approx(1 - 40 / 82)
    assert insights.verdict == "PASS"
    assert report.failures([], [insights]) == []


def test_growth_of_twenty_percent_or_more_fails_either_way() -> None:
    for years_ms, change in ((126.0, 1 - 100 / 126), (80.0, -0.25)):
        taken = {("H", "w"): samples([100.0], [100.0]), ("H", "y"): samples([years_ms], [1.0])}
        [row] = report.summarize_growth(
            taken, ["H"], week="w", years="y", queries_week={}, queries_years={}
        )
        assert row.change == pytest.approx(change)
        assert row.verdict == "FAIL"
        problems = report.failures([], [row])
        assert f"differs by {change:+.1%} from 1 week" in problems[-1]
        # Missing query counts are failures too: the count must have been taken.
        assert "H with 1 week: None queries (at most 8)" in problems


def test_tables_show_every_page_and_verdict() -> None:
    rounds = rounds_of([1000], [{("Today", "c", 1): result(50), ("Today", "c", 16): result(300)}])
    pages = report.summarize_pages(rounds, ["Today"], "c", many=16, queries={"Today": 6})

    table = report.pages_table({"p50_ms": 1.0, "p99_ms": 2.0, "rps": 1000.0}, pages, 16)

    lines = table.splitlines()
    assert lines[0].split()[:3] == ["endpoint", "p50", "ms"]
    assert lines[2].startswith("trivial (/healthz)")
    assert "0.30" in lines[3]
    assert "throughput:PASS p99:PASS queries:PASS" in lines[3]


def test_cpu_per_request_comes_from_the_workers_time() -> None:
    # 500 requests counted by wrk, and 16 still in flight when it stopped.
    measured = replace(result(50), worker_cpu_s=12.9, worker_requests=516)

    assert measured.cpu_ms_per_request == pytest.approx(25.0)
    assert result(50).cpu_ms_per_request is None
    assert measured.as_dict()["cpu_ms_per_request"] == pytest.approx(25.0)
    assert replace(measured, worker_requests=0).cpu_ms_per_request is None
