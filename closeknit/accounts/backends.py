"""How a signed-in person is loaded on every request: with their couple, in one query."""

from __future__ import annotations

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, Subquery

from closeknit.accounts.models import User
from closeknit.couples.models import Membership
from closeknit.couples.selectors import remember_couple


class CloseknitBackend(AuthenticationBackend):  # type: ignore[misc]
    """allauth's sign-in by e-mail, with a ``get_user`` that reads everything a page
    needs about the person at once.

    Every signed-in page needs the person, their couple, their partner (names on
    every card) and whether their e-mail address is verified (the banner). One query
    reads the person and their partner with both memberships and the couple, and
    marks ``email_verified``; ``couples.selectors`` then answers from what it read.

    It subclasses allauth's backend, rather than sitting next to it, so allauth
    records this backend in the session on every kind of sign-in (password, sign-up,
    e-mail confirmation, passkey), and a failed password is hashed once, not once per
    backend.
    """

    def get_user(self, user_id: Any) -> User | None:
        field = User._meta.pk
        assert field is not None
        try:
            pk = field.to_python(user_id)
        except ValidationError:
            return None
        if pk is None:
            return None
        couple_of_user = Membership.objects.filter(user_id=pk).values("couple_id")
        both = Membership.objects.filter(couple_id__in=Subquery(couple_of_user)).values("user_id")
        verified = EmailAddress.objects.filter(user_id=OuterRef("pk"), verified=True)
        people = list(
            User.objects.select_related("membership__couple")
            # Both conditions on the person's own key, so each is an index lookup.
            .filter(Q(pk=pk) | Q(pk__in=Subquery(both)))
            .annotate(email_verified=Exists(verified))
        )
        user = next((person for person in people if person.pk == pk), None)
        if user is None or not self.user_can_authenticate(user):
            return None
        partner = next((person for person in people if person.pk != pk), None)
        remember_couple(user, partner)
        return user
