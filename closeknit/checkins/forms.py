from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from closeknit.checkins.models import Visibility
from closeknit.checkins.services import NEED_TEXT_MAX, NOTE_MAX, REPLY_MAX
from closeknit.checkins.vocabulary import FAMILIES, FEELINGS, NEEDS

INTENSITY_CHOICES = [
    (1, _("1 · a little")),
    (2, _("2 · somewhat")),
    (3, _("3 · clearly")),
    (4, _("4 · strongly")),
    (5, _("5 · very strongly")),
]


class CheckInForm(forms.Form):
    # The page lays the feelings out by family itself; the field only parses them.
    feelings = forms.MultipleChoiceField(
        label=_("How are you feeling?"),
        choices=[(key, str(feeling.label)) for key, feeling in FEELINGS.items()],
        required=False,
        error_messages={"invalid_choice": _("Choose feelings from the list.")},
    )
    intensity = forms.TypedChoiceField(
        label=_("How strong is it?"),
        choices=INTENSITY_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how strong it is, from 1 to 5."),
            "invalid_choice": _("Choose how strong it is, from 1 to 5."),
        },
    )
    note = forms.CharField(
        label=_("Anything you'd like to add? (optional)"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "data-draft": "checkin-note"}),
    )
    need = forms.ChoiceField(
        label=_("What I need today (optional)"),
        choices=[("", _("Nothing in particular"))]
        + [(need.key, str(need.label)) for need in NEEDS],
        required=False,
        error_messages={"invalid_choice": _("Choose a need from the list.")},
    )
    need_text = forms.CharField(
        label=_("Or say it in your own words (optional)"),
        max_length=NEED_TEXT_MAX,
        required=False,
    )
    visibility = forms.ChoiceField(
        label=_("Who sees it"),
        choices=Visibility.choices,
        initial=Visibility.SHARED,
        widget=forms.RadioSelect,
    )

    def clean_feelings(self) -> list[str]:
        # Counted here too, so a fourth tick is named next to the feelings at once.
        picked: list[str] = self.cleaned_data.get("feelings") or []
        if not picked:
            raise forms.ValidationError(
                _("Pick at least one feeling, the one closest to how you are.")
            )
        if len(picked) > 3:
            raise forms.ValidationError(
                _("Pick up to three feelings: the ones that stand out most.")
            )
        return picked


class GuessForm(forms.Form):
    family = forms.ChoiceField(
        label=_("What kind of feeling?"),
        choices=[(family.key, str(family.label)) for family in FAMILIES],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the kind of feeling you think it is."),
            "invalid_choice": _("Choose the kind of feeling you think it is."),
        },
    )
    intensity = forms.TypedChoiceField(
        label=_("How strongly, do you think?"),
        choices=INTENSITY_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how strong you think it is, from 1 to 5."),
            "invalid_choice": _("Choose how strong you think it is, from 1 to 5."),
        },
    )


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Reply"),
        max_length=REPLY_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
