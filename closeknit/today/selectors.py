"""What the Today page shows, read in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from closeknit.accounts.models import User
from closeknit.couples.models import Couple, Invitation, Membership
from closeknit.couples.selectors import active_invitation_for
from closeknit.lib.timezones import part_of_day


@dataclass(frozen=True)
class TodaySummary:
    part_of_day: str
    couple: Couple | None
    partner: User | None
    invitation: Invitation | None


def today_for(user: User) -> TodaySummary:
    memberships = list(
        Membership.objects.select_related("couple", "user").filter(couple__memberships__user=user)
    )
    couple = memberships[0].couple if memberships else None
    partner = next((m.user for m in memberships if m.user_id != user.pk), None)
    invitation = active_invitation_for(user) if couple and partner is None else None
    return TodaySummary(
        part_of_day=part_of_day(timezone.now(), user.timezone),
        couple=couple,
        partner=partner,
        invitation=invitation,
    )
