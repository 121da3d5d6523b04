"""The practice balance chart: days in the last 30 each practice was used."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from closeknit.insights.selectors import PracticeDays
from closeknit.lib.charts import Chart, bar_chart


def balance_summary(balance: list[PracticeDays], *, days: int = 30) -> str:
    """One or two plain sentences: the most practised, and what hasn't come up yet."""
    used = [row for row in balance if row.days]
    if not used:
        return _("Nothing yet in the last %(days)d days. Answering the daily question counts.") % {
            "days": days
        }
    most = max(used, key=lambda row: row.days)
    sentence = ngettext(
        "Most often: %(practice)s, on %(count)d day.",
        "Most often: %(practice)s, on %(count)d days.",
        most.days,
    ) % {"practice": most.label, "count": most.days}
    unused = [row.label for row in balance if not row.days]
    if unused:
        sentence += " " + _("Not yet: %(practices)s.") % {"practices": ", ".join(unused)}
    return sentence


def practice_balance_chart(
    balance: list[PracticeDays], *, days: int = 30, chart_id: str = "practice-balance"
) -> Chart:
    return bar_chart(
        chart_id=chart_id,
        title=_("Practice balance, last %(days)d days") % {"days": days},
        description=_(
            "For each of the eight practices, on how many of the last %(days)d days either of "
            "you used it."
        )
        % {"days": days}
        + " "
        + balance_summary(balance, days=days),
        labels=[row.label for row in balance],
        values=[row.days for row in balance],
        label_column=_("Practice"),
        value_column=_("Days"),
        top=days,
    )
