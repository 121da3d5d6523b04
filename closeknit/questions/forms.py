from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from closeknit.questions.practices import Depth, Practice
from closeknit.questions.services import ANSWER_MAX, COMMENT_MAX, QUESTION_MAX


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer"),
        max_length=ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 5, "data-draft": "answer"}),
        help_text=_("Only you can see this until you've both answered."),
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Reply"),
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CustomQuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Your question"),
        max_length=QUESTION_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Open questions work best: start with what, how, when or why."),
    )
    practice = forms.ChoiceField(label=_("Practice"), choices=Practice.choices)
    depth = forms.ChoiceField(label=_("Depth"), choices=Depth.choices)


class PreferencesForm(forms.Form):
    max_depth = forms.ChoiceField(
        label=_("Deepest level to use"),
        choices=Depth.choices,
        help_text=_("The first week stays light; deeper questions come as you go."),
    )
    decks = forms.MultipleChoiceField(
        label=_("Draw questions from"), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(
        self, *args: object, deck_choices: list[tuple[str, str]], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["decks"].choices = deck_choices  # type: ignore[attr-defined]


class DeckImportForm(forms.Form):
    file = forms.FileField(
        label=_("Deck file (.json)"),
        help_text=_("A file exported from Closeknit, or written in the same format."),
    )


class ListeningForm(forms.Form):
    topic = forms.CharField(
        label=_("What would you like to talk about?"),
        max_length=QUESTION_MAX,
        required=False,
        help_text=_("Leave it empty to use today's question."),
    )
    minutes = forms.TypedChoiceField(
        label=_("Speaking time for each turn"),
        choices=[(1, _("1 minute")), (2, _("2 minutes")), (3, _("3 minutes")), (5, _("5 minutes"))],
        coerce=int,
        initial=2,
    )
