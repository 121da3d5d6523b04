"""The closeness charts, built from what ``selectors`` lets this person see.

Each chart takes a ``ClosenessOverview``, whose partner scores exist only for months
both partners completed, so a chart can never draw an unrevealed point.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from closeknit.closeness.items import Sign
from closeknit.closeness.scoring import Scores, rounded
from closeknit.closeness.selectors import ClosenessOverview, MonthView
from closeknit.lib.charts import Chart, Series, trend_chart


def month_label(view: MonthView) -> str:
    return date_format(view.month, "M Y")


def describe_series(name: str, values: Sequence[float | None], labels: Sequence[str]) -> str:
    """One sentence per line of a chart: where it starts and where it is now."""
    points = [
        (label, value) for label, value in zip(labels, values, strict=True) if value is not None
    ]
    if not points:
        return _("%(name)s: nothing to show yet.") % {"name": name}
    (first_label, first), (last_label, last) = points[0], points[-1]
    if len(points) == 1:
        return _("%(name)s: %(value)d in %(month)s.") % {
            "name": name,
            "value": first,
            "month": first_label,
        }
    return _("%(name)s: %(first)d in %(first_month)s, %(last)d in %(last_month)s.") % {
        "name": name,
        "first": first,
        "first_month": first_label,
        "last": last,
        "last_month": last_label,
    }


def _trend(
    overview: ClosenessOverview,
    *,
    chart_id: str,
    title: str,
    intro: str,
    pick: Callable[[Scores], float | None],
) -> Chart | None:
    months = overview.months
    if not months:
        return None
    labels = [month_label(view) for view in months]

    def values(scores_of: Callable[[MonthView], Scores | None]) -> list[float | None]:
        out: list[float | None] = []
        for view in months:
            scores = scores_of(view)
            score = pick(scores) if scores is not None else None
            out.append(None if score is None else rounded(score))
        return out

    series = [Series(_("You"), values(lambda view: view.my_scores))]
    if overview.partner is not None:
        series.append(Series(overview.partner.name, values(lambda view: view.their_scores)))
    sentences = [describe_series(s.name, s.values, labels) for s in series]
    return _trend_chart(
        chart_id=chart_id,
        title=title,
        description=" ".join([intro, *sentences]),
        labels=tuple(labels),
        series=tuple(Series(s.name, tuple(s.values)) for s in series),
        label_column=_("Month"),
    )


@lru_cache(maxsize=512)
def _trend_chart(
    chart_id: str,
    title: str,
    description: str,
    labels: tuple[str, ...],
    series: tuple[Series, ...],
    label_column: str,
) -> Chart:
    # Drawing takes pygal far longer than reading the scores, and the same scores make
    # the same drawing (both partners, every visit of the month). Every argument, the
    # words already in the reader's language, is part of the key.
    return trend_chart(
        chart_id=chart_id,
        title=title,
        description=description,
        labels=labels,
        series=series,
        label_column=label_column,
    )


def overall_trend(
    overview: ClosenessOverview, *, chart_id: str = "closeness-overall"
) -> Chart | None:
    return _trend(
        overview,
        chart_id=chart_id,
        title=_("Overall closeness by month"),
        intro=_(
            "Each line is one of you, 0 to 100. A partner's line has a point only for "
            "months you both completed."
        ),
        pick=lambda scores: scores.overall,
    )


def _group_score(group: str) -> Callable[[Scores], float | None]:
    def pick(scores: Scores) -> float | None:
        return scores.groups.get(group)

    return pick


def sign_trends(overview: ClosenessOverview) -> list[Chart]:
    charts = []
    for sign in Sign:
        chart = _trend(
            overview,
            chart_id=f"closeness-{sign.value}",
            title=str(sign.label),
            intro=_("%(sign)s by month, 0 to 100.") % {"sign": sign.label},
            pick=_group_score(sign.value),
        )
        if chart is not None:
            charts.append(chart)
    return charts
