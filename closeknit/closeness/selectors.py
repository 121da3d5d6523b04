"""Reads for the closeness check, each in a fixed number of queries.

The reveal rule lives in one place, ``_month_view``: a partner's scores for a month
exist for me only when we have both completed that month's check. Every page, API
answer, chart and insight is built from the views made here, never from rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from django.db.models import Count, Exists, Q, Subquery
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from closeknit.accounts.models import User
from closeknit.closeness.focus import choose_focus
from closeknit.closeness.items import CIRCLES, Sign, group_label
from closeknit.closeness.models import ClosenessCheck, Focus
from closeknit.closeness.scoring import WIDE_GAP, Gap, Scores, combine, gaps, rounded
from closeknit.closeness.suggestions import SuggestionLink, suggestions_for
from closeknit.couples.models import Couple
from closeknit.couples.selectors import any_row, first_row, from_row, scoped_to_couple
from closeknit.questions.practices import Practice
from closeknit.questions.selectors import day_of

MonthState = Literal["your_turn", "waiting", "revealed"]


def month_of(couple: Couple) -> date:
    """The first day of the couple's current month, on the couple's own calendar."""
    return day_of(couple).replace(day=1)


def months_back(day: date, months: int) -> date:
    """The first day of the month ``months`` before ``day``'s (0: its own)."""
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


# The closeness page's charts, gaps and scores cover this many months, the current one
# included; older months are listed by name only. Opening and scoring every month of
# many years would make the page slower every year.
TREND_MONTHS = 24


@dataclass(frozen=True)
class GapView:
    """A difference between our views, worded as something to talk about."""

    group: str
    label: str
    mine: int
    theirs: int
    wide: bool
    prompt: str


@dataclass
class MonthView:
    """One month of the check as one person may see it."""

    month: date
    mine: ClosenessCheck | None
    theirs: ClosenessCheck | None  # None until we have both completed this month
    partner_done: bool
    is_current: bool

    @property
    def revealed(self) -> bool:
        return self.mine is not None and self.theirs is not None

    @property
    def state(self) -> MonthState:
        if self.revealed:
            return "revealed"
        if self.mine is None:
            return "your_turn"
        return "waiting"

    @property
    def can_edit(self) -> bool:
        return self.is_current and not (self.mine is not None and self.partner_done)

    @property
    def my_scores(self) -> Scores | None:
        return self.mine.scores if self.mine else None

    @property
    def their_scores(self) -> Scores | None:
        return self.theirs.scores if self.revealed and self.theirs else None

    @property
    def our_scores(self) -> Scores | None:
        if not self.revealed or self.mine is None or self.theirs is None:
            return None
        return combine([self.mine.scores, self.theirs.scores])

    @property
    def gaps(self) -> list[GapView]:
        mine, theirs = self.my_scores, self.their_scores
        if mine is None or theirs is None:
            return []
        return [gap_view(gap) for gap in gaps(mine, theirs)]

    @property
    def my_lowest_practice(self) -> str | None:
        """The practice my own answers put lowest, for me alone to see."""
        if self.mine is None:
            return None
        return choose_focus(self.mine.scores.practices(), {})

    @property
    def my_lowest_label(self) -> str:
        lowest = self.my_lowest_practice
        return str(Practice(lowest).label) if lowest else ""


def _month_view(
    month: date,
    checks: list[ClosenessCheck],
    me: User,
    current: date,
) -> MonthView:
    mine = next((c for c in checks if c.month == month and c.author_id == me.pk), None)
    other = next((c for c in checks if c.month == month and c.author_id != me.pk), None)
    revealed = mine is not None and mine.is_revealed_by(other)
    return MonthView(
        month=month,
        mine=mine,
        theirs=other if revealed else None,
        partner_done=other is not None,
        is_current=month == current,
    )


def _prompts() -> dict[str, tuple[str, str]]:
    """(a bit differently, quite differently) for each group, built in the active language."""
    return {
        Sign.TRUE_SELF: (
            _(
                "You see being yourselves with each other a bit differently. When do you each "
                "feel most like yourselves together?"
            ),
            _(
                "You see being yourselves with each other quite differently. What makes it easier "
                "or harder for each of you to just be you?"
            ),
        ),
        Sign.OPENNESS: (
            _(
                "You see how safe it feels to speak up a bit differently. What helps each of you "
                "say the hard things?"
            ),
            _(
                "You see how safe it feels to speak up quite differently. What would make it "
                "easier for each of you to bring something up?"
            ),
        ),
        Sign.UNDERSTANDING: (
            _(
                "You see how well you read each other a bit differently. When did one of you last "
                "just know how the other felt?"
            ),
            _(
                "You see how well you read each other quite differently. What signs could each of "
                "you show the other more clearly?"
            ),
        ),
        Sign.GROWTH: (
            _(
                "You see how you back each other's growth a bit differently. What's one thing "
                "each of you is reaching for right now?"
            ),
            _(
                "You see how you back each other's growth quite differently. What kind of support "
                "feels best to each of you?"
            ),
        ),
        Sign.SECURITY: (
            _(
                "You see feeling secure and valued a bit differently. What makes each of you feel "
                "valued on an ordinary day?"
            ),
            _(
                "You see feeling secure and valued quite differently. What helps each of you feel "
                "settled with the other?"
            ),
        ),
        Practice.COMMUNICATION: (
            _(
                "You see how openly you talk a bit differently. What would each of you like to "
                "talk about more?"
            ),
            _(
                "You see how openly you talk quite differently. When does talking feel easiest "
                "for each of you?"
            ),
        ),
        Practice.QUALITY_TIME: (
            _(
                "You see your time together a bit differently. What does a good evening together "
                "look like for each of you?"
            ),
            _(
                "You see your time together quite differently. What kind of time together fills "
                "each of you up?"
            ),
        ),
        Practice.VULNERABILITY: (
            _(
                "You see sharing fears and needs a bit differently. What makes it feel safe for "
                "each of you to open up?"
            ),
            _(
                "You see sharing fears and needs quite differently. Is there something small each "
                "of you could share this week?"
            ),
        ),
        Practice.APPRECIATION: (
            _("You see appreciation a bit differently. What helps each of you feel noticed?"),
            _(
                "You see appreciation quite differently. What's a thank-you each of you would "
                "love to hear?"
            ),
        ),
        Practice.GOALS: (
            _(
                "You see how you share dreams a bit differently. What's one hope each of you "
                "hasn't said out loud lately?"
            ),
            _(
                "You see how you share dreams quite differently. How would each of you like the "
                "other to cheer you on?"
            ),
        ),
        Practice.CONFLICT: (
            _(
                "You see how you handle disagreements a bit differently. What helps each of you "
                "feel heard in one?"
            ),
            _(
                "You see how you handle disagreements quite differently. What does a kind "
                "disagreement look like to each of you?"
            ),
        ),
        Practice.RITUALS: (
            _(
                "You see your routines and traditions a bit differently. Which of your little "
                "rituals matters most to each of you?"
            ),
            _(
                "You see your routines and traditions quite differently. Is there a ritual each of "
                "you would like to start?"
            ),
        ),
        Practice.TRUST: (
            _("You see trust a bit differently. What does it look like for each of you?"),
            _(
                "You see trust quite differently. What helps each of you feel you can rely on the "
                "other?"
            ),
        ),
        CIRCLES: (
            _(
                "You picked different pictures of how close you feel. What would bring the circles "
                "a little closer for each of you?"
            ),
            _(
                "You picked quite different pictures of how close you feel. What does being close "
                "look like to each of you right now?"
            ),
        ),
    }


def gap_view(gap: Gap) -> GapView:
    wide = gap.size >= WIDE_GAP
    a_bit, quite = _prompts()[gap.group]
    return GapView(
        group=gap.group,
        label=group_label(gap.group),
        mine=rounded(gap.mine),
        theirs=rounded(gap.theirs),
        wide=wide,
        prompt=quite if wide else a_bit,
    )


@dataclass(frozen=True)
class FocusView:
    practice: str
    label: str
    month: date
    source: str
    chosen_by_me: bool
    is_this_month: bool
    suggestions: list[SuggestionLink] = field(default_factory=list)


def _focus_view(focus: Focus | None, me: User, current: date) -> FocusView | None:
    if focus is None or not focus.is_visible_to(me.pk):
        return None
    return FocusView(
        practice=focus.practice,
        label=str(Practice(focus.practice).label),
        month=focus.month,
        source=focus.source,
        chosen_by_me=focus.chosen_by_id == me.pk,
        is_this_month=focus.month == current,
        suggestions=suggestions_for(focus.practice),
    )


FOCUS_FIELDS = ("id", "couple", "month", "practice", "source", "chosen_by", "from_check_of")


def focus_read(user: User, month: date) -> Subquery:
    """The month's focus, to read with other things in one query (``read_together``)."""
    return first_row(Focus.objects.filter(month=month), user, *FOCUS_FIELDS)


def focus_from(row: dict[str, Any] | None, user: User, current: date) -> FocusView | None:
    """The focus a ``focus_read`` found, as this person may see it."""
    return _focus_view(from_row(Focus, row), user, current)


def my_check_read(user: User, month: date) -> Exists:
    """Whether I have taken the month's check, for ``read_together``."""
    return any_row(ClosenessCheck.objects.filter(month=month, author_id=user.pk), user)


def focus_for(user: User, couple: Couple | None) -> FocusView | None:
    """The couple's focus for this month, as this person may see it (one query)."""
    if couple is None:
        return None
    current = month_of(couple)
    focus = scoped_to_couple(Focus.objects.all(), user).filter(month=current).first()
    return _focus_view(focus, user, current)


@dataclass
class ClosenessOverview:
    """Everything the results page shows, read in a fixed number of queries."""

    me: User
    partner: User | None
    current: MonthView
    months: list[MonthView]  # the months I completed, oldest first
    focus: FocusView | None

    @property
    def latest_revealed(self) -> MonthView | None:
        return next((m for m in reversed(self.months) if m.revealed), None)

    @property
    def latest_mine(self) -> MonthView | None:
        return self.months[-1] if self.months else None


def _couple_checks(
    user: User, since: date | None, before: date | None = None
) -> list[ClosenessCheck]:
    # Only what the views read: a trend reads many months, each row as light as it can be.
    fields = ("id", "couple_id", "author_id", "month", "answers")
    checks = scoped_to_couple(ClosenessCheck.objects.only(*fields), user)
    if since is not None:
        checks = checks.filter(month__gte=since)
    if before is not None:
        checks = checks.filter(month__lt=before)
    return list(checks.order_by("month"))


def overview_for(
    user: User, couple: Couple, partner: User | None, *, since: date | None = None
) -> ClosenessOverview:
    """My months, my partner's where both of us completed, and this month's focus.

    Two queries: the couple's checks (from the month ``since``, when given), and this
    month's focus.
    """
    current = month_of(couple)
    checks = _couple_checks(user, since)
    months = sorted({c.month for c in checks if c.author_id == user.pk})
    focus = scoped_to_couple(Focus.objects.all(), user).filter(month=current).first()
    return ClosenessOverview(
        me=user,
        partner=partner,
        current=_month_view(current, checks, user, current),
        months=[_month_view(month, checks, user, current) for month in months],
        focus=_focus_view(focus, user, current),
    )


def trend_overview_for(user: User, couple: Couple, partner: User | None) -> ClosenessOverview:
    """``overview_for`` the last ``TREND_MONTHS`` months: what the closeness page and the
    results API show in full."""
    return overview_for(user, couple, partner, since=trend_start(couple))


def trend_start(couple: Couple) -> date:
    """The first month ``trend_overview_for`` covers."""
    return months_back(day_of(couple), TREND_MONTHS - 1)


@dataclass(frozen=True)
class EarlierYear:
    """A year with months of mine before the closeness page's two years, for a link."""

    year: int
    months: int  # the months I completed in the whole year


def earlier_years_for(user: User, couple: Couple) -> list[EarlierYear]:
    """Newest first, the years in which I completed a month before ``trend_start``: one
    query, a row a year, no answers read."""
    start = trend_start(couple)
    rows = (
        scoped_to_couple(ClosenessCheck.objects.all(), user)
        .filter(author=user, month__lt=date(start.year + 1, 1, 1))
        .annotate(year=ExtractYear("month"))
        .values("year")
        .annotate(months=Count("id"), earlier=Count("id", filter=Q(month__lt=start)))
        .order_by("-year")
    )
    return [EarlierYear(row["year"], row["months"]) for row in rows if row["earlier"]]


def year_for(user: User, couple: Couple, year: int) -> list[MonthView]:
    """My months of one year, newest first, each as ``month_view_for`` would show it; one
    query, twelve months at most."""
    current = month_of(couple)
    # The last year a date can have has no year after it to stop before.
    before = date(year + 1, 1, 1) if year < date.max.year else None
    checks = _couple_checks(user, date(year, 1, 1), before)
    months = sorted({c.month for c in checks if c.author_id == user.pk}, reverse=True)
    return [_month_view(month, checks, user, current) for month in months]


def earlier_months_for(user: User, couple: Couple) -> list[MonthView]:
    """The months I completed before ``trend_overview_for``'s, newest first, for a list
    of links: who completed each month, never what anyone answered. One query, which
    leaves the answers unread."""
    current = month_of(couple)
    before = trend_start(couple)
    light = ClosenessCheck.objects.only("id", "couple_id", "author_id", "month")
    checks = list(scoped_to_couple(light, user).filter(month__lt=before).order_by("month"))
    months = sorted({c.month for c in checks if c.author_id == user.pk}, reverse=True)
    return [_month_view(month, checks, user, current) for month in months]


def month_view_for(user: User, couple: Couple, month: date) -> MonthView:
    """One month as this person may see it (one query)."""
    current = month_of(couple)
    checks = list(scoped_to_couple(ClosenessCheck.objects.all(), user).filter(month=month))
    return _month_view(month, checks, user, current)
