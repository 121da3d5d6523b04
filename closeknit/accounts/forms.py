from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

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
    """Extra fields for allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS).

    allauth imports this module while its own forms module is still loading, so
    nothing here may import allauth.account.forms (see allauth_forms.py).
    """

    def signup(self, request: HttpRequest, user: User) -> None:
        update_profile(
            user=user,
            name=self.cleaned_data["name"],
            pronouns=self.cleaned_data.get("pronouns", ""),
            tz_name=self.cleaned_data["timezone"],
        )


class ProfileForm(ProfileFields):
    pass
