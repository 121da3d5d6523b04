"""Every form on the site, given any submission at all: valid data or field errors.

A browser sends strings (several under one name for checkboxes), but a hand-made
request can send anything a form encoding carries, NUL characters and missing
fields included. No form may raise; what it accepts must fit what it promises.
"""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from hypothesis import given
from hypothesis import strategies as st

from closeknit.accounts.forms import ProfileForm, ProfileSignupForm
from closeknit.checkins.forms import CheckInForm, GuessForm, ReplyForm
from closeknit.closeness.forms import ClosenessCheckForm, FocusForm
from closeknit.conflict.forms import (
    AgreementForm,
    CoachForm,
    RepairSideForm,
    RepairStartForm,
    TimeOutForm,
)
from closeknit.couples.forms import CoupleSettingsForm, JoinForm
from closeknit.questions.forms import (
    AnswerForm,
    CommentForm,
    CustomQuestionForm,
    DeckImportForm,
    ListeningForm,
    PreferencesForm,
)
from tests.properties.support import examples

DECK_CHOICES = [("6f1c1e8e-0000-4000-8000-000000000001", "Ours"), ("library-1", "Library")]
FORMS: dict[str, tuple[type[forms.Form], dict[str, Any]]] = {
    "profile": (ProfileForm, {}),
    "profile-signup": (ProfileSignupForm, {}),
    "check-in": (CheckInForm, {}),
    "guess": (GuessForm, {}),
    "check-in-reply": (ReplyForm, {}),
    "closeness-check": (ClosenessCheckForm, {}),
    "focus": (FocusForm, {}),
    "coach": (CoachForm, {}),
    "time-out": (TimeOutForm, {}),
    "repair-start": (RepairStartForm, {}),
    "repair-side": (RepairSideForm, {}),
    "agreement": (AgreementForm, {}),
    "couple-settings": (CoupleSettingsForm, {}),
    "join": (JoinForm, {}),
    "answer": (AnswerForm, {}),
    "comment": (CommentForm, {}),
    "custom-question": (CustomQuestionForm, {}),
    "deck-import": (DeckImportForm, {}),
    "listening": (ListeningForm, {}),
    "preferences": (PreferencesForm, {"deck_choices": DECK_CHOICES}),
}

# Values a browser could send, and values only a hand-made request would.
typed = st.text(st.characters(exclude_categories=["Cs"]), max_size=80)
values = typed | st.sampled_from(
    ["", " ", "0", "1", "3", "7", "24", "-1", "2024-02-30", "2020-05-18", "UTC", "Europe/London",
     "light", "trust", "joyful", "\x00", "a" * 5000, "on", "shared", "20", "04:00"]
)  # fmt: skip


def _submission(form_class: type[forms.Form], kwargs: dict[str, Any]) -> st.SearchStrategy:
    names = sorted(form_class(**kwargs).fields)
    keys = st.sampled_from(names) | typed
    choice_values = [
        str(value)
        for field in form_class(**kwargs).fields.values()
        for value, _label in getattr(field, "choices", [])
    ]
    field_values = values | st.sampled_from(choice_values) if choice_values else values
    return st.dictionaries(keys, st.lists(field_values, min_size=1, max_size=4), max_size=12)


@pytest.mark.parametrize("name", sorted(FORMS))
def test_every_form_answers_any_submission_with_data_or_field_errors(name):
    form_class, kwargs = FORMS[name]

    @examples(25)
    @given(data=_submission(form_class, kwargs), upload=st.none() | st.binary(max_size=64))
    def check(data: dict[str, list[str]], upload: bytes | None) -> None:
        query = QueryDict(mutable=True)
        for key, items in data.items():
            query.setlist(key, items)
        uploaded: MultiValueDict[str, UploadedFile[Any]] = MultiValueDict(
            {"file": [SimpleUploadedFile("deck.json", upload)]} if upload is not None else {}
        )
        form = form_class(query, uploaded, **kwargs)
        valid = form.is_valid()
        assert valid is not bool(form.errors)
        assert set(form.errors) <= set(form.fields) | {"__all__"}
        if not valid:
            return
        for field_name, value in form.cleaned_data.items():
            field = form.fields[field_name]
            assert field_name in form.fields
            if isinstance(value, str):
                assert "\x00" not in value
                if getattr(field, "max_length", None) is not None:
                    assert len(value) <= field.max_length  # type: ignore[attr-defined]
            if isinstance(field, forms.ChoiceField) and value not in ("", None, []):
                allowed = {str(v) for v, _label in list(field.choices)}  # type: ignore[arg-type]
                picked = value if isinstance(value, list) else [value]
                assert {str(v) for v in picked} <= allowed

    check()
