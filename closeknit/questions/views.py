from __future__ import annotations

import json
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from closeknit.accounts.models import User
from closeknit.couples.selectors import get_for_couple_or_404, partner_of
from closeknit.forms_support import add_service_error, render_page
from closeknit.lib.errors import ServiceError
from closeknit.questions import selectors, services
from closeknit.questions.forms import (
    AnswerForm,
    CommentForm,
    CustomQuestionForm,
    DeckImportForm,
    ListeningForm,
    PreferencesForm,
)
from closeknit.questions.models import Deck, Reaction
from closeknit.questions.practices import Depth, Practice


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _daily_page(
    request: HttpRequest,
    daily_id: str,
    *,
    answer_form: AnswerForm | None = None,
    comment_form: CommentForm | None = None,
    comment_answer_id: str = "",
) -> HttpResponse:
    user = _user(request)
    daily = selectors.get_daily_for(user, daily_id)
    view = selectors.daily_view_for(user, daily)
    if answer_form is None:
        initial = {"text": view.my_answer.text} if view.my_answer else {}
        answer_form = AnswerForm(initial=initial)
    context = {
        "view": view,
        "answer_form": answer_form,
        "comment_form": comment_form or CommentForm(),
        "comment_answer_id": comment_answer_id,
        "reaction_kinds": Reaction.Kind.choices,
        # A bonus question one partner asked is reached from the day's question page.
        "bonus_views": [] if daily.is_bonus else selectors.bonus_views_for(user, daily.date),
    }
    return render_page(
        request,
        "questions/daily.html",
        context,
        answer_form,
        *([comment_form] if comment_form else []),
    )


@login_required
def today(request: HttpRequest) -> HttpResponse:
    daily = services.todays_question(user=_user(request))
    return redirect("questions:daily", daily_id=daily.id)


@login_required
def daily(request: HttpRequest, daily_id: str) -> HttpResponse:
    return _daily_page(request, daily_id)


@login_required
@require_POST
def answer(request: HttpRequest, daily_id: str) -> HttpResponse:
    user = _user(request)
    daily_question = selectors.get_daily_for(user, daily_id)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer_question(
                user=user, daily=daily_question, text=form.cleaned_data["text"]
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Answer saved."))
            return redirect("questions:daily", daily_id=daily_question.id)
    return _daily_page(request, daily_id, answer_form=form)


@login_required
@require_POST
def swap(request: HttpRequest, daily_id: str) -> HttpResponse:
    user = _user(request)
    daily_question = selectors.get_daily_for(user, daily_id)
    try:
        services.swap_question(user=user, daily=daily_question)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Here's a different question for today."))
    return redirect("questions:daily", daily_id=daily_question.id)


@login_required
@require_POST
def react(request: HttpRequest, answer_id: str) -> HttpResponse:
    user = _user(request)
    target = selectors.get_answer_for(user, answer_id)
    try:
        services.toggle_reaction(user=user, answer=target, kind=request.POST.get("kind", ""))
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect(
        reverse("questions:daily", kwargs={"daily_id": target.daily_id}) + f"#answer-{target.id}"
    )


@login_required
@require_POST
def comment(request: HttpRequest, answer_id: str) -> HttpResponse:
    user = _user(request)
    target = selectors.get_answer_for(user, answer_id)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.add_comment(user=user, answer=target, text=form.cleaned_data["text"])
        except ServiceError as error:
            add_service_error(form, error)
        else:
            return redirect(
                reverse("questions:daily", kwargs={"daily_id": target.daily_id})
                + f"#answer-{target.id}"
            )
    return _daily_page(
        request, str(target.daily_id), comment_form=form, comment_answer_id=str(target.id)
    )


@login_required
@require_http_methods(["GET", "POST"])
def history(request: HttpRequest) -> HttpResponse:
    """Past days. A search is sent by POST so its words never land in a URL or a log."""
    user = _user(request)
    data = request.POST if request.method == "POST" else request.GET
    query = request.POST.get("q", "")[:100] if request.method == "POST" else ""
    result = selectors.history_for(
        user,
        query=query,
        page_number=data.get("page", 1),
        # Where "Search further back" left off; one that is not a date starts from today.
        until=parse_date_or_none(request.POST.get("until", "")) if query else None,
        responses=False,
    )
    context = {"result": result, "streak": selectors.streak_for(user)}
    return render(request, "questions/history.html", context)


def parse_date_or_none(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


@login_required
def library(request: HttpRequest) -> HttpResponse:
    practice = request.GET.get("practice", "")
    depth = request.GET.get("depth", "")
    if practice not in Practice.values:
        practice = ""
    if depth not in Depth.values:
        depth = ""
    page = selectors.library_page(
        practice=practice, depth=depth, page_number=request.GET.get("page", 1)
    )
    context = {
        "page": page,
        "practice": practice,
        "depth": depth,
        "practices": Practice.choices,
        "depths": Depth.choices,
    }
    return render(request, "questions/library.html", context)


@login_required
@require_POST
def ask_now(request: HttpRequest, question_id: str) -> HttpResponse:
    user = _user(request)
    question = selectors.get_question_for(user, question_id)
    bonus = services.ask_now(user=user, question=question)
    messages.success(request, _("Asked as a bonus question for today."))
    return redirect("questions:daily", daily_id=bonus.id)


def _own_page(request: HttpRequest, form: CustomQuestionForm | None = None) -> HttpResponse:
    user = _user(request)
    form = form or CustomQuestionForm(initial={"depth": Depth.DEEPER})
    context = {"questions": selectors.own_questions_for(user), "form": form}
    return render_page(request, "questions/own.html", context, form)


@login_required
@require_http_methods(["GET", "POST"])
def own(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _own_page(request)
    form = CustomQuestionForm(request.POST)
    if form.is_valid():
        try:
            services.create_custom_question(user=_user(request), **form.cleaned_data)
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Added to your own deck."))
            return redirect("questions:own")
    return _own_page(request, form)


@login_required
@require_POST
def own_delete(request: HttpRequest, question_id: str) -> HttpResponse:
    user = _user(request)
    question = selectors.get_question_for(user, question_id)
    try:
        services.delete_custom_question(question=question)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Question removed."))
    return redirect("questions:own")


def _settings_page(
    request: HttpRequest,
    *,
    form: PreferencesForm | None = None,
    import_form: DeckImportForm | None = None,
    import_problems: list[str] | None = None,
) -> HttpResponse:
    # Reading the settings page changes nothing: someone who has not started yet
    # sees the defaults, and their couple of one is only made when they save.
    current = selectors.question_settings_for(_user(request))
    decks = current.decks
    choices = [(str(d.id), d.display_name) for d in decks]
    if form is None:
        enabled = {str(pk) for pk in current.enabled_deck_ids}
        form = PreferencesForm(
            deck_choices=choices,
            initial={
                "max_depth": current.max_depth,
                "decks": [key for key, _label in choices if key in enabled],
            },
        )
    context = {
        "form": form,
        "decks": decks,
        "import_form": import_form or DeckImportForm(),
        "import_problems": import_problems or [],
    }
    return render_page(request, "questions/settings.html", context, form, import_form or form)


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _settings_page(request)
    user = _user(request)
    choices = [(str(d.id), d.display_name) for d in selectors.decks_for(user)]
    form = PreferencesForm(request.POST, deck_choices=choices)
    if form.is_valid():
        try:
            services.update_preferences(
                user=user,
                max_depth=form.cleaned_data["max_depth"],
                enabled_deck_ids=form.cleaned_data["decks"],
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Question settings saved."))
            return redirect("questions:settings")
    return _settings_page(request, form=form)


@login_required
def deck_export(request: HttpRequest, deck_id: str) -> HttpResponse:
    deck = selectors.get_deck_for(_user(request), deck_id)
    body = json.dumps(services.export_deck(deck=deck), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = slugify(deck.display_name) or "deck"
    response["Content-Disposition"] = f'attachment; filename="closeknit-{filename}.json"'
    return response


@login_required
@require_POST
def deck_import(request: HttpRequest) -> HttpResponse:
    form = DeckImportForm(request.POST, request.FILES)
    problems: list[str] = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > 1_000_000:
            form.add_error("file", _("The file is too big: decks can be up to 1 MB."))
        else:
            try:
                deck = services.import_deck(user=_user(request), raw=upload.read())
            except services.DeckFileError as error:
                form.add_error("file", error.message)
                problems = error.problems
            else:
                messages.success(
                    request,
                    _("Imported “%(name)s” with %(count)d questions.")
                    % {"name": deck.display_name, "count": deck.questions.count()},
                )
                return redirect("questions:settings")
    return _settings_page(request, import_form=form, import_problems=problems)


@login_required
@require_POST
def deck_delete(request: HttpRequest, deck_id: str) -> HttpResponse:
    deck = get_for_couple_or_404(Deck.objects.all(), _user(request), id=deck_id)
    try:
        services.delete_deck(deck=deck)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Deck removed."))
    return redirect("questions:settings")


@login_required
@require_http_methods(["GET", "POST"])
def listen_start(request: HttpRequest) -> HttpResponse:
    form = ListeningForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.start_listening_session(
                user=_user(request),
                topic=form.cleaned_data["topic"],
                minutes=form.cleaned_data["minutes"],
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            return redirect("questions:listen", session_id=session.id)
    return render_page(request, "questions/listen_start.html", {"form": form}, form)


@login_required
def listen(request: HttpRequest, session_id: str) -> HttpResponse:
    user = _user(request)
    session = selectors.get_listening_session_for(user, session_id)
    partner = partner_of(user)
    context = {
        "session": session,
        "topic": session.topic or (session.question.text if session.question else ""),
        "speaker_name": user.name,
        "listener_name": partner.name if partner else _("your partner"),
    }
    return render(request, "questions/listen.html", context)


@login_required
@require_POST
def listen_done(request: HttpRequest, session_id: str) -> HttpResponse:
    session = selectors.get_listening_session_for(_user(request), session_id)
    services.complete_listening_session(session=session)
    messages.success(request, _("Well done, both of you. Listening like that is a gift."))
    return redirect("today:index")
