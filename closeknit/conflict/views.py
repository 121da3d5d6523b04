from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from closeknit.accounts.models import User
from closeknit.conflict import selectors, services
from closeknit.conflict.forms import CoachForm, TimeOutForm
from closeknit.forms_support import add_service_error, render_page
from closeknit.lib.errors import ServiceError


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _is_htmx(request: HttpRequest) -> bool:
    details = getattr(request, "htmx", None)
    return bool(details)


def coach_context(text: str) -> dict[str, Any]:
    """What the coach's result region shows for a draft (already known to be readable)."""
    analysis = selectors.read_draft(text)
    parts = analysis.parts
    return {
        "analysis": analysis,
        "segments": selectors.segments_of(text, analysis.flags),
        "explained": [selectors.Segment(text[f.start : f.end], f) for f in analysis.flags],
        "parts": parts,
        "feeling_choices": selectors.feeling_choices(parts.feeling if parts else None),
        "need_choices": selectors.need_choices(parts.need if parts else None),
    }


@login_required
def coach(request: HttpRequest) -> HttpResponse:
    """The message coach. A draft is read and shown back, never stored or logged."""
    _user(request)
    if request.method != "POST":
        return render(request, "conflict/coach.html", {"form": CoachForm()})
    form = CoachForm(request.POST)
    context: dict[str, Any] = {"form": form}
    if form.is_valid():
        try:
            context |= coach_context(form.cleaned_data["text"])
        except ServiceError as error:
            if _is_htmx(request) and error.code == "empty":
                # Cleared while typing: clear the result quietly, no scolding.
                return render(request, "conflict/_coach_result.html", {"form": form})
            add_service_error(form, error)
    if _is_htmx(request):
        status = 422 if form.errors else 200
        return render(request, "conflict/_coach_result.html", context, status=status)
    return render_page(request, "conflict/coach.html", context, form)


def _timeout_page(request: HttpRequest, form: TimeOutForm | None = None) -> HttpResponse:
    form = form or TimeOutForm()
    context = {"timeout": selectors.current_timeout_for(_user(request)), "form": form}
    return render_page(request, "conflict/timeout.html", context, form)


@login_required
def timeout(request: HttpRequest) -> HttpResponse:
    return _timeout_page(request)


@login_required
@require_POST
def timeout_start(request: HttpRequest) -> HttpResponse:
    form = TimeOutForm(request.POST)
    if form.is_valid():
        try:
            services.start_timeout(
                user=_user(request),
                minutes=form.cleaned_data["minutes"],
                note=form.cleaned_data["note"],
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            return redirect("conflict:timeout")
    return _timeout_page(request, form)


@login_required
@require_POST
def timeout_end(request: HttpRequest) -> HttpResponse:
    try:
        services.end_timeout(user=_user(request))
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect("conflict:timeout")
