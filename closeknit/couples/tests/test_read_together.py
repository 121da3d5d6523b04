"""Several couple-scoped reads in one query, turned back into the models they read."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from closeknit.checkins.models import CheckIn, EmpathyGuess
from closeknit.conflict.models import TimeOut
from closeknit.conflict.selectors import TIMEOUT_FIELDS
from closeknit.couples.selectors import any_row, first_row, from_row, read_together
from closeknit.lib.fields import Sealed

pytestmark = pytest.mark.django_db

CHECKIN_FIELDS = ("id", "couple", "author", "date", "feelings", "intensity", "note", "visibility")


def _couple_id(persona):
    return persona.user.membership.couple_id


def test_each_kind_of_field_comes_back_as_the_orm_reads_it(partner_a, django_assert_num_queries):
    started = timezone.now().replace(microsecond=123456)
    timeout = TimeOut.objects.create(
        couple_id=_couple_id(partner_a),
        author=partner_a.user,
        minutes=25,
        note="a walk by the river",
        started_at=started,
        ends_at=started + dt.timedelta(minutes=25),
    )
    checkin = CheckIn.objects.create(
        couple_id=_couple_id(partner_a),
        author=partner_a.user,
        date=dt.date(2026, 3, 10),
        feelings=["happy", "tired"],
        intensity=4,
        note="sealed words",
    )
    with django_assert_num_queries(1):
        row = read_together(
            partner_a.user,
            timeout=first_row(TimeOut.objects.all(), partner_a.user, *TIMEOUT_FIELDS),
            checkin=first_row(CheckIn.objects.all(), partner_a.user, *CHECKIN_FIELDS),
            guessed=any_row(EmpathyGuess.objects.all(), partner_a.user),
        )
    read = from_row(TimeOut, row["timeout"])
    assert read is not None
    assert (read.pk, read.couple_id, read.author_id) == (
        timeout.pk,
        timeout.couple_id,
        timeout.author_id,
    )
    assert read.minutes == 25
    assert read.started_at == started
    assert read.ends_at == timeout.ends_at
    assert read.ended_at is None
    assert isinstance(read.__dict__["note"], Sealed)  # still sealed until read
    assert read.note == "a walk by the river"
    felt = from_row(CheckIn, row["checkin"])
    assert felt is not None
    assert felt.pk == checkin.pk
    assert felt.date == dt.date(2026, 3, 10)
    assert felt.feelings == ["happy", "tired"]
    assert felt.intensity == 4
    assert felt.note == "sealed words"
    assert felt.is_shared
    assert row["guessed"] is False


def test_nothing_found_is_none(partner_a):
    row = read_together(
        partner_a.user,
        timeout=first_row(TimeOut.objects.all(), partner_a.user, "id"),
        guessed=any_row(EmpathyGuess.objects.all(), partner_a.user),
    )
    assert row == {"timeout": None, "guessed": False}
    assert from_row(TimeOut, row["timeout"]) is None


def test_only_the_readers_couple_is_read(partner_a, outsider):
    TimeOut.objects.create(
        couple_id=_couple_id(outsider),
        author=outsider.user,
        minutes=20,
        ends_at=timezone.now() + dt.timedelta(minutes=20),
    )
    row = read_together(
        partner_a.user,
        timeout=first_row(TimeOut.objects.all(), partner_a.user, "id"),
        any_timeout=any_row(TimeOut.objects.all(), partner_a.user),
    )
    assert row == {"timeout": None, "any_timeout": False}


def test_someone_with_no_couple_reads_nothing_and_asks_nothing(solo, django_assert_num_queries):
    with django_assert_num_queries(1):  # whether they have a couple
        row = read_together(solo.user, timeout=first_row(TimeOut.objects.all(), solo.user, "id"))
    assert row == {"timeout": None}
