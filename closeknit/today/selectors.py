"""What the Today page shows, read in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from closeknit.accounts.models import User
from closeknit.checkins import selectors as checkin_selectors
from closeknit.checkins.selectors import CheckInDay
from closeknit.closeness import selectors as closeness_selectors
from closeknit.closeness.selectors import FocusView
from closeknit.conflict import selectors as conflict_selectors
from closeknit.conflict.selectors import TimeOutView
from closeknit.couples.models import Couple, Invitation
from closeknit.couples.selectors import (
    active_invitation_for,
    get_couple_for,
    partner_of,
    read_together,
)
from closeknit.lib.timezones import part_of_day


@dataclass(frozen=True)
class TodaySummary:
    part_of_day: str
    couple: Couple | None
    partner: User | None
    invitation: Invitation | None


def today_for(user: User) -> TodaySummary:
    """The greeting and who is linked: from what was read with the person, plus the
    open invitation while nobody has joined yet."""
    couple = get_couple_for(user)
    partner = partner_of(user)
    invitation = active_invitation_for(user) if couple and partner is None else None
    return TodaySummary(
        part_of_day=part_of_day(timezone.now(), user.timezone),
        couple=couple,
        partner=partner,
        invitation=invitation,
    )


@dataclass(frozen=True)
class TodayCards:
    """Today's small pieces from several features, read together in one query."""

    focus: FocusView | None
    my_check_done: bool
    timeout: TimeOutView | None
    checkin_card: CheckInDay


def cards_for(user: User, couple: Couple, partner: User | None, day: date) -> TodayCards:
    """This month's focus, whether I took this month's closeness check, the couple's
    break, and the check-in card: one query for the first three and the day's
    guesses, two for the day's check-ins and their reactions."""
    month = day.replace(day=1)
    row = read_together(
        user,
        focus=closeness_selectors.focus_read(user, month),
        my_check=closeness_selectors.my_check_read(user, month),
        timeout=conflict_selectors.timeout_read(user),
        **checkin_selectors.guess_reads(user, day),
    )
    return TodayCards(
        focus=closeness_selectors.focus_from(row["focus"], user, month),
        my_check_done=bool(row["my_check"]),
        timeout=conflict_selectors.timeout_from(row["timeout"], user, partner),
        checkin_card=checkin_selectors.today_card_for(
            user,
            couple,
            day,
            partner=partner,
            guesses=checkin_selectors.guesses_from(row),
            replies=False,
        ),
    )
