from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from closeknit.checkins.vocabulary import FEELINGS
from closeknit.conflict.coach import MAX_LENGTH


class CoachForm(forms.Form):
    text = forms.CharField(
        label=_("What do you want to say?"),
        help_text=_(
            "Write it as it comes. The coach reads it as you type and nothing is kept "
            "or sent anywhere."
        ),
        # Length is the coach's rule, checked by it, so its message is the one shown.
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": MAX_LENGTH}),
    )


class TimeOutForm(forms.Form):
    minutes = forms.TypedChoiceField(
        label=_("How long do you need?"),
        choices=[(m, _("%(minutes)d minutes") % {"minutes": m}) for m in (20, 30, 45, 60)],
        coerce=int,
        initial=20,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how long you need.")},
    )
    note = forms.CharField(
        label=_("A kind word for your partner (optional)"),
        help_text=_("For example: “I love you. I just need to calm down first.”"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RepairStartForm(forms.Form):
    title = forms.CharField(
        label=_("What is this repair about?"),
        help_text=_("A few words you will both recognise, such as “Saturday's argument”."),
        max_length=120,
    )


class RepairSideForm(forms.Form):
    # The page lays the feelings out by family itself; the field only parses them.
    feelings = forms.MultipleChoiceField(
        required=False,
        choices=[(key, str(feeling.label)) for key, feeling in FEELINGS.items()],
        error_messages={"invalid_choice": _("Choose feelings from the list.")},
    )
    trigger = forms.CharField(
        label=_("What I think set it off"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    my_part = forms.CharField(
        label=_("My part in it"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    need = forms.CharField(
        label=_("What I need"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    differently = forms.CharField(
        label=_("One thing I'll do differently"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AgreementForm(forms.Form):
    agreement = forms.CharField(
        label=_("Our agreement"),
        help_text=_(
            "What you will both do from here. Changing it asks your partner to accept it again."
        ),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
