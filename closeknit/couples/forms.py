from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from closeknit.accounts.forms import TimezoneSelect, timezone_choices

HOUR_CHOICES = [(hour, f"{hour:02d}:00") for hour in range(24)]


class CoupleSettingsForm(forms.Form):
    relationship_started_on = forms.DateField(
        label=_("Together since (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Used for anniversaries and the story of your time together."),
    )
    home_timezone = forms.ChoiceField(
        label=_("Home time zone"),
        choices=timezone_choices,
        widget=TimezoneSelect,
        help_text=_("The shared daily question follows this zone."),
    )
    day_starts_at = forms.TypedChoiceField(
        label=_("A new day starts at"),
        choices=HOUR_CHOICES,
        coerce=int,
        initial=4,
        help_text=_("Night owls can keep answering yesterday's question until this hour."),
    )


class JoinForm(forms.Form):
    code = forms.CharField(
        label=_("Invitation code"),
        max_length=20,
        help_text=_("Eight letters and numbers, like K7QM-4TXP."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
