"""Reads for conflict with empathy: the coach's reading of a draft, time-outs and repairs."""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as _noop

from closeknit.accounts.models import User
from closeknit.checkins.vocabulary import FEELINGS, NEEDS, Feeling
from closeknit.conflict.coach import MAX_LENGTH, Analysis, CoachInputError, Flag, analyze
from closeknit.conflict.models import Repair, RepairSide, TimeOut
from closeknit.couples.selectors import (
    first_row,
    from_row,
    get_for_couple_or_404,
    scoped_to_couple,
)
from closeknit.lib.errors import ServiceError


def read_draft(text: str, *, field: str = "text") -> Analysis:
    """The coach's reading of a draft; an empty or overlong one is refused by ``field``.

    Nothing of the draft is stored or logged: it lives only in this request.
    """
    try:
        return analyze(text)
    except CoachInputError as error:
        if error.code == "too_long":
            message = _(
                "The coach reads up to %(limit)d characters at a time; this draft has "
                "%(count)d. Try it a paragraph at a time."
            ) % {"limit": MAX_LENGTH, "count": len(text)}
        else:
            message = _("Write what you want to say, and the coach will read it with you.")
        raise ServiceError(message, field=field, code=error.code) from error


@dataclass(frozen=True)
class Segment:
    """A stretch of the draft, highlighted when ``flag`` is set."""

    text: str
    flag: Flag | None = None

    @property
    def explanation(self) -> str:
        return _(self.flag.explanation) if self.flag else ""


def segments_of(text: str, flags: list[Flag]) -> list[Segment]:
    """The draft cut into plain and flagged stretches, in reading order."""
    pieces: list[Segment] = []
    at = 0
    for flag in flags:
        if flag.start > at:
            pieces.append(Segment(text[at : flag.start]))
        pieces.append(Segment(text[flag.start : flag.end], flag))
        at = flag.end
    if at < len(text):
        pieces.append(Segment(text[at:]))
    return pieces


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


def feeling_choices(prefill: str | None) -> list[Choice]:
    """The feelings vocabulary, led by the draft's own word when it is not in it."""
    words = [Choice(str(f.label), str(f.label)) for f in FEELINGS.values()]
    if prefill and prefill.lower() not in {choice.value.lower() for choice in words}:
        words.insert(0, Choice(prefill, prefill))
    return words


def need_choices(prefill: str | None) -> list[Choice]:
    needs = [Choice(str(n.label).lower(), str(n.label)) for n in NEEDS]
    if prefill and prefill.lower() not in {choice.value for choice in needs}:
        needs.insert(0, Choice(prefill, prefill))
    return needs


# --------------------------------------------------------------------------------------
# Time-outs

# How long after a break the invitation back is still shown.
WELCOME_BACK_FOR = timedelta(hours=3)

SELF_SOOTHING = (
    _noop(
        "Breathe in for four counts and out for six. Do it ten times; the long breath "
        "out is what slows the heart."
    ),
    _noop("Go for a short walk, and notice five things you can see on the way."),
    _noop("Make a warm drink and hold it with both hands while it cools."),
    _noop("Put on a song you love and listen to all of it, without rehearsing what you will say."),
    _noop("Splash cold water on your face, then stretch your shoulders and neck slowly."),
)


@dataclass(frozen=True)
class TimeOutView:
    timeout: TimeOut
    by_me: bool
    running: bool
    minutes_left: int

    @property
    def author_name(self) -> str:
        return self.timeout.author.name

    @property
    def soothing(self) -> str:
        return _(SELF_SOOTHING[self.timeout.id.int % len(SELF_SOOTHING)])


def _recent_timeouts(now: datetime) -> models.QuerySet[TimeOut]:
    # A break lasts an hour at most, so only one started this recently can still matter.
    return TimeOut.objects.filter(
        started_at__gte=now - timedelta(minutes=60) - WELCOME_BACK_FOR
    ).order_by("-started_at")


def current_timeout_for(user: User) -> TimeOutView | None:
    """The couple's running break, or one that ended a little while ago (to invite
    both back); None otherwise. One query."""
    now = timezone.now()
    latest = scoped_to_couple(_recent_timeouts(now), user).select_related("author").first()
    return _timeout_view(latest, user, now)


def _timeout_view(latest: TimeOut | None, user: User, now: datetime) -> TimeOutView | None:
    if latest is None or latest.back_at < now - WELCOME_BACK_FOR:
        return None
    running = latest.is_running(now)
    left = max(0, math.ceil((latest.ends_at - now).total_seconds() / 60)) if running else 0
    return TimeOutView(latest, latest.author_id == user.pk, running, left)


TIMEOUT_FIELDS = ("id", "couple", "author", "minutes", "note", "started_at", "ends_at", "ended_at")


def timeout_read(user: User) -> models.Subquery:
    """The couple's latest break, to read with other things in one query."""
    return first_row(_recent_timeouts(timezone.now()), user, *TIMEOUT_FIELDS)


def timeout_from(
    row: dict[str, Any] | None, user: User, partner: User | None
) -> TimeOutView | None:
    """What a ``timeout_read`` found, as ``current_timeout_for`` would show it."""
    latest = from_row(TimeOut, row)
    if latest is not None:
        # The author is one of us, both already loaded.
        latest.author = user if latest.author_id == user.pk else partner  # type: ignore[assignment]
    return _timeout_view(latest, user, timezone.now())


# --------------------------------------------------------------------------------------
# Repairs

REPAIRS_PAGE_SIZE = 20


@dataclass(frozen=True)
class SideView:
    side: RepairSide

    @property
    def feelings(self) -> list[Feeling]:
        return [FEELINGS[key] for key in self.side.feelings if key in FEELINGS]

    @property
    def done(self) -> bool:
        return self.side.done_at is not None


@dataclass(frozen=True)
class RepairView:
    """One repair as ``me`` may see it: the partner's side only once both are done."""

    repair: Repair
    me_id: object
    mine: SideView | None
    theirs: SideView | None
    partner_done: bool
    partner_accepted: bool
    partner_forgave: bool

    @property
    def state(self) -> str:
        return str(self.repair.state)

    @property
    def revealed(self) -> bool:
        return self.repair.is_revealed

    @property
    def can_edit_side(self) -> bool:
        return self.mine is None or not self.mine.done

    @property
    def i_accepted(self) -> bool:
        return bool(self.mine and self.mine.side.accepted_at)

    @property
    def i_forgave(self) -> bool:
        return bool(self.mine and self.mine.side.forgiven_at)

    @property
    def agreement_by_me(self) -> bool:
        return bool(self.repair.agreement) and self.repair.agreement_by_id == self.me_id

    @property
    def agreement_settled(self) -> bool:
        return self.i_forgave or self.partner_forgave

    @property
    def started_at(self) -> datetime:
        return self.repair.created_at


def _repair_view(repair: Repair, user: User) -> RepairView:
    sides = repair.sides_by_author()
    mine = sides.pop(user.pk, None)
    partner = next(iter(sides.values()), None)
    revealed = repair.is_revealed
    return RepairView(
        repair=repair,
        me_id=user.pk,
        mine=SideView(mine) if mine else None,
        # The reveal rule: nothing of the partner's side leaves here before both are done.
        theirs=SideView(partner) if partner is not None and revealed else None,
        partner_done=bool(partner and partner.done_at),
        partner_accepted=bool(revealed and partner and partner.accepted_at),
        partner_forgave=bool(revealed and partner and partner.forgiven_at),
    )


def _repairs() -> models.QuerySet[Repair]:
    return Repair.objects.select_related("started_by").prefetch_related("sides")


def get_repair_for(user: User, repair_id: uuid.UUID | str) -> RepairView:
    """One repair of my couple as I may see it; 404 for anyone else. Two queries."""
    return _repair_view(get_for_couple_or_404(_repairs(), user, id=repair_id), user)


@dataclass
class RepairsPage:
    page: Page[Repair]
    repairs: list[RepairView]


def repairs_for(user: User, *, page_number: int | str = 1) -> RepairsPage:
    """Our repairs, newest first; a fixed three queries a page (count, rows, sides)."""
    queryset = scoped_to_couple(_repairs(), user).order_by("-created_at", "-id")
    page = Paginator(queryset, REPAIRS_PAGE_SIZE).get_page(page_number)
    return RepairsPage(page=page, repairs=[_repair_view(r, user) for r in page.object_list])
