from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from closeknit.accounts.models import User
from closeknit.conflict import selectors
from closeknit.conflict.forms import CoachForm
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
