"""The Insights charts: the practice balance and the feelings that came up."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import lru_cache

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from closeknit.insights.selectors import FamilyCount, PracticeDays
from closeknit.lib.charts import Chart, bar_chart


def balance_summary(balance: list[PracticeDays], *, days: int = 30) -> str:
    """One or two plain sentences: the most practised, and what hasn't come up yet."""
    used = [row for row in balance if row.days]
    if not used:
        return _("Nothing yet in the last %(days)d days. Answering the daily question counts.") % {
            "days": days
        }
    most = max(row.days for row in used)
    tied = [row.label for row in used if row.days == most]
    if len(tied) == 1:
        sentence = ngettext(
            "Most often: %(practice)s, on %(count)d day.",
            "Most often: %(practice)s, on %(count)d days.",
            most,
        ) % {"practice": tied[0], "count": most}
    else:
        sentence = ngettext(
            "Most often, on %(count)d day each: %(practices)s.",
            "Most often, on %(count)d days each: %(practices)s.",
            most,
        ) % {"practices": ", ".join(tied), "count": most}
    unused = [row.label for row in balance if not row.days]
    if unused:
        sentence += " " + _("Not yet: %(practices)s.") % {"practices": ", ".join(unused)}
    return sentence


@lru_cache(maxsize=512)
def _bar_chart(
    chart_id: str,
    title: str,
    description: str,
    labels: tuple[str, ...],
    values: tuple[int, ...],
    label_column: str,
    value_column: str,
    top: int,
) -> Chart:
    # Drawing a chart takes pygal far longer than reading its numbers, and the same
    # numbers make the same drawing: both partners, every visit of the day, and a
    # couple of years see the same few charts. Every argument (the words already in
    # the reader's language) is part of the key, so a hit is exactly what pygal
    # would draw again.
    return bar_chart(
        chart_id=chart_id,
        title=title,
        description=description,
        labels=labels,
        values=values,
        label_column=label_column,
        value_column=value_column,
        top=top,
    )


def practice_balance_chart(
    balance: list[PracticeDays], *, days: int = 30, chart_id: str = "practice-balance"
) -> Chart:
    return _bar_chart(
        chart_id=chart_id,
        title=_("Practice balance, last %(days)d days") % {"days": days},
        description=_(
            "For each of the eight practices, on how many of the last %(days)d days either of "
            "you used it."
        )
        % {"days": days}
        + " "
        + balance_summary(balance, days=days),
        labels=tuple(row.label for row in balance),
        values=tuple(row.days for row in balance),
        label_column=_("Practice"),
        value_column=_("Days"),
        top=days,
    )


def _nice_top(largest: int) -> int:
    """A round top for a count axis: 4, 6, 8, 10, then fives, then tens."""
    if largest <= 10:
        return max(4, largest + largest % 2)
    step = 5 if largest <= 50 else 10
    return -(-largest // step) * step


def feelings_summary(counts: list[FamilyCount]) -> str:
    if not counts:
        return _("No check-ins in the last three months yet.")
    top = counts[:3]
    names = ", ".join(f"{count.label} ({count.total})" for count in top)
    return _("Most often in the last three months: %(families)s.") % {"families": names}


def feelings_chart(
    counts: list[FamilyCount], months: list[date], *, chart_id: str = "feelings-chart"
) -> Chart:
    """How often each family of feelings came up, most first; the table has each month."""
    chart = _bar_chart(
        chart_id=chart_id,
        title=_("Feelings by family, last three months"),
        description=_(
            "How many check-ins named a feeling of each family: yours, and your partner's "
            "shared ones."
        )
        + " "
        + feelings_summary(counts),
        labels=tuple(count.label for count in counts),
        values=tuple(count.total for count in counts),
        label_column=_("Family"),
        value_column=_("Check-ins"),
        top=_nice_top(max((count.total for count in counts), default=0)),
    )
    return replace(
        chart,
        columns=[_("Family"), *(date_format(month, "M Y") for month in months), _("Total")],
        rows=[
            [count.label, *(str(n) for n in count.by_month), str(count.total)] for count in counts
        ],
    )
