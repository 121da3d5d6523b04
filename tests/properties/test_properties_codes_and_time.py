"""Invitation codes as people type them, and the couple's day in any zone at any hour."""

from __future__ import annotations

import itertools
import zoneinfo
from datetime import UTC, datetime, time, timedelta
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from closeknit.couples.selectors import normalise_code
from closeknit.couples.services import CODE_ALPHABET, create_invitation, join_couple
from closeknit.lib.errors import ServiceError
from closeknit.lib.timezones import couple_date, is_valid_timezone, part_of_day, timezone_names
from closeknit.testing.openapi import validate_response
from conftest import make_user
from tests.properties.support import attempt, examples

_people = itertools.count()

codes = st.text(alphabet=CODE_ALPHABET, min_size=8, max_size=8).map(lambda c: f"{c[:4]}-{c[4:]}")
anything_typed = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
zones = st.sampled_from(timezone_names())
moments = st.datetimes(
    min_value=datetime(1971, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)
)


# Invitation codes


@examples(300)
@given(typed=anything_typed)
def test_any_typed_code_normalises_to_nothing_or_one_canonical_shape(typed):
    code = normalise_code(typed)
    if code:
        assert len(code) == 9
        assert code[4] == "-"
        assert all(ch.isalnum() for ch in code[:4] + code[5:])
        assert code == code.upper()
    assert normalise_code(code) == code


def _decorated(code: str, data: st.DataObject) -> str:
    typed = ""
    for ch in code.replace("-", ""):
        typed += data.draw(st.sampled_from(["", " ", "-", " - ", "\t"]), label="gap")
        typed += ch.lower() if data.draw(st.booleans(), label="lower") else ch
    return typed + data.draw(st.sampled_from(["", " ", "\n"]), label="end")


@examples(200)
@given(code=codes, data=st.data())
def test_a_real_code_survives_any_case_spacing_and_dashes(code, data):
    assert normalise_code(_decorated(code, data)) == code


@pytest.mark.django_db
@examples(30, db=True)
@given(data=st.data())
def test_joining_with_any_code_joins_or_says_what_is_wrong(data):
    n = next(_people)
    inviter = make_user(f"inviter{n}@example.com", "Inviter")
    joiner = make_user(f"joiner{n}@example.com", "Joiner")
    invitation = create_invitation(user=inviter)
    typed = data.draw(anything_typed | st.just(invitation.code).map(lambda c: _decorated(c, data)))
    couple, error = attempt(lambda: join_couple(user=joiner, code=typed), ServiceError)
    if error is not None:
        assert error.field == "code"
        assert normalise_code(typed) != invitation.code
        return
    assert couple is not None
    assert normalise_code(typed) == invitation.code
    assert couple.memberships.count() == 2


@pytest.mark.django_db
@examples(15, db=True)
@given(typed=anything_typed)
def test_the_join_page_answers_any_code_with_a_page_not_an_error(solo, typed):
    # Typed into the form, and followed as a link with the code in the path.
    assert solo.client.post("/join/", {"code": typed}).status_code in {200, 302, 422}
    if typed.strip():
        link = f"/join/{quote(typed, safe='')}/"
        assert solo.client.get(link).status_code in {200, 302, 404, 422}


# Time zones and the couple's day


@examples(200)
@given(name=st.text(max_size=40) | zones)
def test_any_zone_name_is_simply_valid_or_not(name):
    assert is_valid_timezone(name) is (name in timezone_names())


@examples(300)
@given(moment=moments, zone=zones, hour=st.integers(0, 23))
def test_the_couple_day_is_the_local_date_or_the_one_before(moment, zone, hour):
    local = moment.astimezone(zoneinfo.ZoneInfo(zone))
    day = couple_date(moment, zone, time(hour, 0))
    if local.time() >= time(hour, 0):
        assert day == local.date()
    else:
        assert day == local.date() - timedelta(days=1)


@examples(200)
@given(moment=moments, zone=zones, hour=st.integers(0, 23))
def test_the_couple_day_never_goes_backwards(moment, zone, hour):
    later = moment + timedelta(minutes=30)
    assert couple_date(later, zone, time(hour)) >= couple_date(moment, zone, time(hour))


@examples(200)
@given(moment=moments, zone=zones)
def test_every_moment_has_a_part_of_day(moment, zone):
    assert part_of_day(moment, zone) in {"morning", "afternoon", "evening", "night"}


# The same, as the API reads them from people

zone_texts = (
    zones | st.text(max_size=40) | zones.map(lambda z: z.lower()) | zones.map(" {} ".format)
)
hours = (
    st.from_regex(r"[0-9]{2}:[0-9]{2}", fullmatch=True)
    | st.from_regex(r"\d\d:00", fullmatch=True)  # any script's digits
    | st.text(max_size=6)
)


@pytest.mark.django_db
@examples(40, db=True)
@given(zone=zone_texts, day_starts_at=hours)
def test_the_couple_settings_take_a_listed_zone_and_a_whole_hour_or_say_which_is_wrong(
    partner_a, zone, day_starts_at
):
    sent = {"home_timezone": zone, "day_starts_at": day_starts_at}
    response = partner_a.api("patch", "/api/v1/couple", sent)
    body = validate_response(response)
    hour, _sep, minutes = day_starts_at.partition(":")
    whole_hour = (
        len(day_starts_at) == 5 and hour.isascii() and hour.isdigit() and minutes == "00"
    ) and int(hour) < 24
    if response.status_code == 200:
        assert is_valid_timezone(zone)
        assert body["home_timezone"] == zone
        assert body["day_starts_at"] == day_starts_at
        assert whole_hour
    else:
        assert response.status_code in {400, 422}, body
        wrong = {error["field"] for error in body["errors"]}
        assert wrong <= {"home_timezone", "day_starts_at"}
        assert ("day_starts_at" in wrong) or ("home_timezone" in wrong)
        assert not (is_valid_timezone(zone) and whole_hour)


@pytest.mark.django_db
@examples(30, db=True)
@given(zone=zone_texts)
def test_a_profile_takes_exactly_the_listed_zones(partner_a, zone):
    response = partner_a.api("patch", "/api/v1/me", {"timezone": zone})
    body = validate_response(response)
    if is_valid_timezone(zone):
        assert response.status_code == 200, body
        assert body["timezone"] == zone
    else:
        assert response.status_code in {400, 422}, body
        assert body["errors"][0]["field"] == "timezone"
