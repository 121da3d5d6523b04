"""Our subclasses of allauth's forms, kept apart from forms.py to avoid an import cycle."""

from __future__ import annotations

from typing import Any

from allauth.account.forms import LoginForm, ResetPasswordForm
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from closeknit.accounts import throttle


class ThrottledLoginForm(LoginForm):  # type: ignore[misc]
    """allauth's login form, with failures counted per (account, address) pair."""

    def clean(self) -> dict[str, Any]:
        email = str(self.data.get("login", ""))
        address = throttle.client_address(self.request)
        verdict = throttle.check(email, address)
        if not verdict.allowed:
            raise ValidationError(
                _("Too many attempts from here. Wait a few minutes, then try again."),
                code="throttled",
            )
        try:
            cleaned: dict[str, Any] = super().clean()
        except ValidationError:
            throttle.record_failure(email, address)
            raise
        throttle.record_success(email, address)
        return cleaned


class VerifiedAddressResetPasswordForm(ResetPasswordForm):  # type: ignore[misc]
    """Send reset links only to verified addresses.

    An unverified address may be a typo or someone else's inbox; a reset link
    there would hand the account to a stranger. The page answers the same either
    way, so it does not reveal who has an account.
    """

    users: list[Any]

    def clean_email(self) -> str:
        email: str = super().clean_email()
        verified = set(
            EmailAddress.objects.filter(
                email__iexact=email, verified=True, user__in=self.users
            ).values_list("user_id", flat=True)
        )
        self.users = [user for user in self.users if user.pk in verified]
        return email
