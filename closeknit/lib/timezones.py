"""Time-zone helpers that need nothing but the standard library."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, time, timedelta
from functools import cache


@cache
def timezone_names() -> tuple[str, ...]:
    """IANA names a person can pick, without the legacy aliases."""
    names = {
        name
        for name in zoneinfo.available_timezones()
        if "/" in name and not name.startswith(("Etc/", "SystemV/", "US/", "posix/", "right/"))
    }
    names.add("UTC")
    return tuple(sorted(names))


def is_valid_timezone(name: str) -> bool:
    return name in timezone_names()


def part_of_day(moment: datetime, tz_name: str) -> str:
    """'morning', 'afternoon', 'evening' or 'night' for someone in ``tz_name``."""
    hour = moment.astimezone(zoneinfo.ZoneInfo(tz_name)).hour
    if 5 <= hour < 12:
        return "morning"
    if 12 <= hour < 17:
        return "afternoon"
    if 17 <= hour < 22:
        return "evening"
    return "night"


def couple_date(moment: datetime, tz_name: str, day_starts_at: time) -> date:
    """The date a couple's day belongs to, in the couple's home zone.

    A couple whose day rolls over at 04:00 is still on Monday at 01:30 on Tuesday,
    wherever each partner happens to be.
    """
    local = moment.astimezone(zoneinfo.ZoneInfo(tz_name))
    shifted = local - timedelta(hours=day_starts_at.hour, minutes=day_starts_at.minute)
    return shifted.date()
