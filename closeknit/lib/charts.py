"""Charts drawn on the server as accessible SVG, with pygal, for pages with a strict CSP.

pygal writes an inline ``<style>`` and ``<script>`` into every chart, and a
``style="..."`` attribute on its tooltip. The content security policy allows
neither (``style-src 'self'``, ``script-src 'self'``), so each chart is rendered
with pygal, read back, and cleaned: no style, no script, no inline style
attributes, none of pygal's own tooltip titles and descriptions. What is left
is the drawing with pygal's class names (``.line``, ``.color-0``, ``.axis``, …),
which the site's stylesheet colours, so charts follow light and dark mode.

Every chart has a ``<title>`` and a ``<desc>`` that name it for screen readers
(``role="img"``), and carries its numbers as a table for the page to show as a
fallback. No Django here: the page decides how to place what this returns.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field

import pygal
from pygal.style import Style

SVG_NS = "http://www.w3.org/2000/svg"
_NS_PREFIX = "{" + SVG_NS + "}"

# User units of the drawing; the page scales it to its width, so these set the
# proportions and, with the stylesheet's font sizes, how large the text reads.
TREND_SIZE = (320, 200)
BAR_ROW_HEIGHT = 30
# pygal lays out labels by these sizes; the stylesheet draws text at the same sizes.
LABEL_SIZE = 13
VALUE_SIZE = 13
_LAYOUT = Style(
    label_font_size=LABEL_SIZE,
    major_label_font_size=LABEL_SIZE,
    value_font_size=VALUE_SIZE,
    title_font_size=LABEL_SIZE,
    legend_font_size=LABEL_SIZE,
)


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]


@dataclass(frozen=True)
class Chart:
    """A finished chart: the SVG markup and the same numbers as a table."""

    id: str
    title: str
    description: str
    svg: str
    columns: list[str]
    rows: list[list[str]]
    legend: list[str] = field(default_factory=list)


def _local(tag: str) -> str:
    return tag[len(_NS_PREFIX) :] if tag.startswith(_NS_PREFIX) else tag


def _clean(raw: str, *, chart_id: str, title: str, description: str, kind: str) -> str:
    """pygal's SVG without anything the CSP would block, named for assistive tech."""
    root = ET.fromstring(raw)  # noqa: S314 (pygal's own output)
    for element in root.iter():
        element.tag = _local(element.tag)
        if kind == "bar" and element.tag == "text" and element.get("class") == "value":
            # pygal centres a bar's value half a font size past its end, so a two-digit
            # number runs into the bar; start it just past the end instead.
            element.set("text-anchor", "start")
            element.set("x", f"{float(element.get('x', '0')) - VALUE_SIZE / 2 + 4:.2f}")

    def prune(parent: ET.Element) -> None:
        for child in list(parent):
            classes = set(child.get("class", "").split())
            if child.tag in {"style", "script", "title", "desc"} or "tooltip-overlay" in classes:
                parent.remove(child)
                continue
            child.attrib.pop("style", None)
            child.attrib.pop("id", None)
            prune(child)

    prune(root)
    view_box = root.get("viewBox", "0 0 {} {}".format(*TREND_SIZE))
    for defs in [child for child in root if child.tag == "defs" and len(child) == 0]:
        root.remove(defs)

    root.attrib.clear()
    root.attrib.update(
        {
            "xmlns": SVG_NS,
            "id": chart_id,
            "class": f"chart__svg chart__svg--{kind}",
            "viewBox": view_box,
            "role": "img",
            "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
            "focusable": "false",
        }
    )
    title_node = ET.Element("title", {"id": f"{chart_id}-title"})
    title_node.text = title
    desc_node = ET.Element("desc", {"id": f"{chart_id}-desc"})
    desc_node.text = description
    root.insert(0, desc_node)
    root.insert(0, title_node)
    return ET.tostring(root, encoding="unicode", short_empty_elements=True)


def _config(**options: object) -> dict[str, object]:
    base: dict[str, object] = {
        "js": [],
        "css": [],
        "no_prefix": True,
        "disable_xml_declaration": True,
        "explicit_size": False,
        "show_legend": False,
        "pretty_print": False,
        "margin": 8,
        "spacing": 8,
        "tooltip_border_radius": 0,
        "style": _LAYOUT,
    }
    base.update(options)
    return base


def _number(value: float | None) -> str:
    if value is None:
        return "\N{EN DASH}"
    return str(int(value)) if float(value).is_integer() else str(value)


def trend_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[Series],
    label_column: str,
    top: int = 100,
) -> Chart:
    """Lines over time (one per series), 0 to ``top``; a gap where a value is missing."""
    width, height = TREND_SIZE
    # Four month labels fit under the chart; the months between go unlabelled.
    every = max(1, math.ceil(len(labels) / 4))
    chart = pygal.Line(
        **_config(
            width=width,
            height=height,
            range=(0, top),
            y_labels=[0, 25, 50, 75, 100] if top == 100 else None,
            x_labels=list(labels),
            x_labels_major_every=every,
            show_minor_x_labels=False,
            truncate_label=-1,
            dots_size=4,
            # A month the partner's answers are not shown for is skipped, not a break.
            allow_interruptions=False,
            show_x_guides=False,
        )
    )
    for item in series:
        chart.add(item.name, list(item.values))
    svg = _clean(
        chart.render(is_unicode=True),
        chart_id=chart_id,
        title=title,
        description=description,
        kind="line",
    )
    rows = [
        [label, *(_number(item.values[index]) for item in series)]
        for index, label in enumerate(labels)
    ]
    return Chart(
        id=chart_id,
        title=title,
        description=description,
        svg=svg,
        columns=[label_column, *(item.name for item in series)],
        rows=rows,
        legend=[item.name for item in series],
    )


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    values: Sequence[int],
    label_column: str,
    value_column: str,
    top: int,
) -> Chart:
    """Horizontal bars, one per label, 0 to ``top``, each with its value printed."""
    width = TREND_SIZE[0]
    height = 24 + BAR_ROW_HEIGHT * len(labels)
    chart = pygal.HorizontalBar(
        **_config(
            width=width,
            height=height,
            range=(0, top),
            # pygal draws the first label at the bottom; reversed, it reads top down.
            x_labels=list(reversed(labels)),
            truncate_label=-1,
            print_values=True,
            print_values_position="top",
            print_zeroes=True,
            show_y_guides=True,
            y_labels=[0, top // 2, top] if top >= 2 else [0, top],
        )
    )
    chart.add(value_column, list(reversed(values)))
    svg = _clean(
        chart.render(is_unicode=True),
        chart_id=chart_id,
        title=title,
        description=description,
        kind="bar",
    )
    return Chart(
        id=chart_id,
        title=title,
        description=description,
        svg=svg,
        columns=[label_column, value_column],
        rows=[[label, str(value)] for label, value in zip(labels, values, strict=True)],
    )
