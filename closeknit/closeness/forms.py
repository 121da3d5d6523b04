from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from closeknit.closeness.items import CIRCLES, ITEMS, SCALE, Item
from closeknit.questions.practices import Practice

_REQUIRED = _("Choose one of the seven points for this one.")
_INVALID = _("Choose a whole number from 1 to 7.")
_PICTURE_REQUIRED = _("Choose the picture that fits best.")


class ClosenessCheckForm(forms.Form):
    """One radio group per item, named by the item's key; the page lays them out."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for item in ITEMS:
            self.fields[item.key] = forms.TypedChoiceField(
                label=str(item.text),
                choices=[(value, str(value)) for value in SCALE],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _PICTURE_REQUIRED if item.key == CIRCLES else _REQUIRED,
                    "invalid_choice": _INVALID,
                },
            )

    def rows(self) -> Iterator[tuple[Item, forms.BoundField]]:
        """Each statement with its field, in the check's order (the picture apart)."""
        for item in ITEMS:
            if item.key != CIRCLES:
                yield item, self[item.key]

    def answers(self) -> dict[str, int]:
        return {key: int(value) for key, value in self.cleaned_data.items()}


class FocusForm(forms.Form):
    practice = forms.ChoiceField(
        label=_("Our focus this month"),
        choices=Practice.choices,
        error_messages={"required": _("Choose one of the eight practices.")},
    )
