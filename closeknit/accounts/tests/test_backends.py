"""Loading the signed-in person: with their couple, partner and e-mail status, at once."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY
from django.test import Client

from closeknit.accounts.backends import CloseknitBackend
from closeknit.accounts.models import User
from closeknit.couples import selectors
from conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def _signed_in(user_id: object) -> User:
    user = CloseknitBackend().get_user(user_id)
    assert user is not None
    return user


def test_one_query_reads_the_person_their_partner_and_their_couple(
    partner_a, partner_b, django_assert_num_queries
):
    with django_assert_num_queries(1):
        user = _signed_in(partner_a.user.pk)
    assert user == partner_a.user
    with django_assert_num_queries(0):
        couple = selectors.get_couple_for(user)
        partner = selectors.partner_of(user)
        assert couple is not None
        assert selectors.couple_id_of(user) == couple.id
    assert partner == partner_b.user
    assert partner is not None
    assert partner.name == "Sam"
    assert vars(user)["email_verified"] is True


def test_someone_on_their_own_is_read_in_one_query_too(solo, django_assert_num_queries):
    with django_assert_num_queries(1):
        user = _signed_in(solo.user.pk)
    assert user == solo.user
    with django_assert_num_queries(0):
        assert selectors.couple_id_of(user) is None
        assert selectors.get_couple_for(user) is None
        assert selectors.partner_of(user) is None


def test_a_couple_of_one_has_no_partner(db, django_assert_num_queries):
    alone = make_user("alone@example.com", "Ash")
    from closeknit.couples.services import create_invitation

    create_invitation(user=alone)
    user = _signed_in(alone.pk)
    with django_assert_num_queries(0):
        assert selectors.get_couple_for(user) is not None
        assert selectors.partner_of(user) is None


def test_the_other_couples_are_never_read_along(partner_a, outsider):
    user = _signed_in(partner_a.user.pk)
    assert selectors.partner_of(user) != outsider.user
    other = _signed_in(outsider.user.pk)
    partner = selectors.partner_of(other)
    assert partner is not None
    assert partner.email == "kai@example.com"


def test_an_unverified_address_is_read_as_such(db):
    river = make_user("river@example.com", "River")
    EmailAddress.objects.filter(user=river).update(verified=False)
    assert vars(_signed_in(river.pk))["email_verified"] is False


@pytest.mark.parametrize("user_id", ["not-a-uuid", "", None, "0" * 32])
def test_a_session_naming_nobody_signs_nobody_in(db, user_id):
    assert CloseknitBackend().get_user(user_id) is None


def test_a_deactivated_account_is_signed_out(partner_a):
    partner_a.user.is_active = False
    partner_a.user.save(update_fields=["is_active"])
    assert CloseknitBackend().get_user(partner_a.user.pk) is None
    response = partner_a.client.get("/today/")
    assert response.status_code == 302


def test_signing_in_with_a_password_records_this_backend(partner_a):
    client = Client()
    response = client.post("/accounts/login/", {"login": "alex@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(partner_a.user.pk)
    assert client.session["_auth_user_backend"] == "closeknit.accounts.backends.CloseknitBackend"
    assert client.get("/today/").status_code == 200


def test_joining_a_couple_is_seen_at_once_by_the_same_request_user(db):
    """Reading the couple early in a request must not hide a couple joined later in it."""
    from closeknit.couples.services import create_invitation, join_couple

    inviter = make_user("in@example.com", "Ines")
    joiner = make_user("jo@example.com", "Jo")
    code = create_invitation(user=inviter).code
    user = _signed_in(joiner.pk)
    assert selectors.partner_of(user) is None
    join_couple(user=user, code=code)
    assert selectors.partner_of(user) == inviter
    couple = selectors.get_couple_for(user)
    assert couple is not None
    assert couple.id == selectors.couple_id_of(inviter)
