from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

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
