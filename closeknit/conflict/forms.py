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
