"""Charts are pygal's drawing with nothing the CSP blocks, named for screen readers,
with every number in a table as well."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from closeknit.insights.charts import balance_summary, practice_balance_chart
from closeknit.insights.selectors import PracticeDays
from closeknit.lib.charts import Series, bar_chart, trend_chart
from closeknit.questions.practices import Practice

NS = "{http://www.w3.org/2000/svg}"
# Presentation attributes that would set a colour outside the stylesheet.
COLOUR_ATTRIBUTES = re.compile(r'\s(fill|stroke|color|stop-color)="', re.I)


def trend(**overrides):
    options = {
        "chart_id": "trend",
        "title": "Overall closeness by month",
        "description": "Each line is one of you.",
        "labels": ["Jan 2026", "Feb 2026", "Mar 2026"],
        "series": [Series("You", [50, 62.5, None]), Series("Sam", [40, None, 75])],
        "label_column": "Month",
    }
    return trend_chart(**{**options, **overrides})


def bars():
    return bar_chart(
        chart_id="bars",
        title="Practice balance",
        description="Days per practice.",
        labels=["Open communication", "Quality time", "Trust and respect"],
        values=[12, 0, 30],
        label_column="Practice",
        value_column="Days",
        top=30,
    )


@pytest.mark.parametrize("make", [trend, bars])
def test_a_chart_has_no_script_no_style_and_no_inline_colour(make):
    svg = make().svg
    assert "<script" not in svg
    assert "<style" not in svg
    assert "style=" not in svg
    assert not COLOUR_ATTRIBUTES.search(svg)
    assert "javascript" not in svg.lower()
    assert "<!--" not in svg  # pygal's comments carry the date: nothing to cache-bust on
    assert "xlink:href" not in svg


@pytest.mark.parametrize("make", [trend, bars])
def test_a_chart_is_an_image_named_by_its_own_title_and_description(make):
    chart = make()
    root = ET.fromstring(chart.svg)
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{chart.id}-title {chart.id}-desc"
    assert root.get("id") == chart.id
    assert root.get("viewBox")
    assert root.get("width") is None  # it scales with the page
    title, desc = list(root)[:2]
    assert (title.tag, title.get("id"), title.text) == (
        f"{NS}title",
        f"{chart.id}-title",
        chart.title,
    )
    assert (desc.tag, desc.get("id"), desc.text) == (
        f"{NS}desc",
        f"{chart.id}-desc",
        chart.description,
    )
    # pygal's own per-point titles and descriptions are gone: one name, one description.
    assert len(root.findall(f".//{NS}title")) == 1
    assert len(root.findall(f".//{NS}desc")) == 1


def test_a_trend_draws_one_line_per_series_and_keeps_every_number_in_its_table():
    chart = trend()
    root = ET.fromstring(chart.svg)
    for index in (0, 1):
        group = root.find(f".//{NS}g[@class='series serie-{index} color-{index}']")
        assert group is not None
        assert group.find(f"{NS}path") is not None
    assert len(root.findall(f".//{NS}circle")) == 4  # one dot per value given
    assert chart.columns == ["Month", "You", "Sam"]
    assert chart.rows == [
        ["Jan 2026", "50", "40"],
        ["Feb 2026", "62.5", "\N{EN DASH}"],
        ["Mar 2026", "\N{EN DASH}", "75"],
    ]
    assert chart.legend == ["You", "Sam"]


def test_bars_read_top_down_in_the_order_given_with_their_values_beside_them():
    chart = bars()
    root = ET.fromstring(chart.svg)
    labels = root.findall(f".//{NS}g[@class='axis y']//{NS}text")
    by_height = sorted(labels, key=lambda text: float(text.get("y", "0")))
    assert [text.text for text in by_height] == [
        "Open communication",
        "Quality time",
        "Trust and respect",
    ]
    values = root.findall(f".//{NS}text[@class='value']")
    assert sorted(v.text or "" for v in values) == ["0", "12", "30"]
    assert {v.get("text-anchor") for v in values} == {"start"}
    assert chart.rows == [
        ["Open communication", "12"],
        ["Quality time", "0"],
        ["Trust and respect", "30"],
    ]


def test_names_in_a_chart_are_escaped():
    chart = trend(
        series=[Series("<script>alert(1)</script>", [50, 50, 50])],
        title='Title "with" <tags>',
    )
    assert "<script>alert" not in chart.svg
    assert "&lt;tags&gt;" in chart.svg
    ET.fromstring(chart.svg)


def test_two_charts_on_one_page_have_different_ids():
    first, second = trend(chart_id="one"), trend(chart_id="two")
    ids = re.findall(r'id="([^"]+)"', first.svg + second.svg)
    assert len(ids) == len(set(ids))


def test_the_practice_balance_says_what_came_up_most_and_what_has_not_yet():
    balance = [PracticeDays(p.value, str(p.label), 0) for p in Practice]
    assert balance_summary(balance).startswith("Nothing yet in the last 30 days.")
    balance[0] = PracticeDays("communication", "Open communication", 12)
    balance[1] = PracticeDays("quality_time", "Quality time", 1)
    summary = balance_summary(balance)
    assert summary.startswith("Most often: Open communication, on 12 days.")
    assert "Not yet: Vulnerability, Appreciation" in summary
    assert "Quality time" not in summary.split("Not yet")[1]
    balance[2] = PracticeDays("vulnerability", "Vulnerability", 12)
    assert balance_summary(balance).startswith(
        "Most often, on 12 days each: Open communication, Vulnerability. Not yet: Appreciation"
    )
    chart = practice_balance_chart(balance)
    assert chart.title == "Practice balance, last 30 days"
    assert balance_summary(balance) in chart.description
    assert [row[0] for row in chart.rows] == [str(p.label) for p in Practice]
