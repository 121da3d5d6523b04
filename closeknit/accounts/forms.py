from __future__ import annotations

from typing import Any

from allauth.account.forms import LoginForm
from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from closeknit.accounts import throttle
from closeknit.accounts.models import User
from closeknit.accounts.services import update_profile
from closeknit.lib.timezones import timezone_names


def timezone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in timezone_names()]


class TimezoneSelect(forms.Select):
    """A time-zone picker that a small script pre-fills from the browser's zone."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"data-detect-timezone": "true", **(attrs or {})})


class ProfileFields(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=60,
        help_text=_("What your partner sees. A first name or a nickname is perfect."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    pronouns = forms.CharField(
        label=_("Pronouns (optional)"),
        max_length=40,
        required=False,
        help_text=_("For example she/her, he/him, they/them."),
    )
    timezone = forms.ChoiceField(
        label=_("Time zone"),
        choices=timezone_choices,
        initial="UTC",
        widget=TimezoneSelect,
        help_text=_("So your day starts when your morning does."),
    )


class ProfileSignupForm(ProfileFields):
    """Extra fields for allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS)."""

    def signup(self, request: HttpRequest, user: User) -> None:
        update_profile(
            user=user,
            name=self.cleaned_data["name"],
            pronouns=self.cleaned_data.get("pronouns", ""),
            tz_name=self.cleaned_data["timezone"],
        )


class ProfileForm(ProfileFields):
    pass


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
