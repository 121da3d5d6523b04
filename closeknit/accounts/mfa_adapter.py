from __future__ import annotations

from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.contrib.auth.base_user import AbstractBaseUser
from django.utils.translation import gettext as _


class MFAAdapter(DefaultMFAAdapter):  # type: ignore[misc]
    def generate_authenticator_name(self, user: AbstractBaseUser, type: Authenticator.Type) -> str:
        """A plain name to start from, like "Passkey 2", instead of allauth's "Master key"."""
        count = Authenticator.objects.filter(user_id=user.pk, type=type).count()
        if count == 0:
            return str(_("My passkey"))
        return str(_("Passkey %(number)d") % {"number": count + 1})
