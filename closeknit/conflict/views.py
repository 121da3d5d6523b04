from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from closeknit.accounts.models import User
from closeknit.checkins.vocabulary import FAMILIES
from closeknit.conflict import selectors, services
from closeknit.conflict.forms import (
    AgreementForm,
    CoachForm,
    RepairSideForm,
    RepairStartForm,
    TimeOutForm,
)
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


# --------------------------------------------------------------------------------------
# Repairs


def _repairs_page(request: HttpRequest, form: RepairStartForm | None = None) -> HttpResponse:
    form = form or RepairStartForm()
    result = selectors.repairs_for(_user(request), page_number=request.GET.get("page", 1))
    context = {"page": result.page, "repairs": result.repairs, "form": form}
    return render_page(request, "conflict/repairs.html", context, form)


@login_required
def repairs(request: HttpRequest) -> HttpResponse:
    return _repairs_page(request)


@login_required
@require_POST
def repair_start(request: HttpRequest) -> HttpResponse:
    form = RepairStartForm(request.POST)
    if form.is_valid():
        try:
            repair = services.start_repair(user=_user(request), title=form.cleaned_data["title"])
        except ServiceError as error:
            add_service_error(form, error)
        else:
            return redirect("conflict:repair", repair_id=repair.id)
    return _repairs_page(request, form)


def _side_initial(view: selectors.RepairView) -> dict[str, Any]:
    if view.mine is None:
        return {}
    side = view.mine.side
    return {
        "feelings": side.feelings,
        "trigger": side.trigger,
        "my_part": side.my_part,
        "need": side.need,
        "differently": side.differently,
    }


def _repair_page(
    request: HttpRequest,
    repair_id: uuid.UUID,
    *,
    side_form: RepairSideForm | None = None,
    agreement_form: AgreementForm | None = None,
) -> HttpResponse:
    view = selectors.get_repair_for(_user(request), repair_id)
    side_form = side_form or RepairSideForm(initial=_side_initial(view))
    agreement_form = agreement_form or AgreementForm(initial={"agreement": view.repair.agreement})
    picked = set(side_form["feelings"].value() or [])
    context = {
        "view": view,
        "side_form": side_form,
        "agreement_form": agreement_form,
        "feeling_groups": [
            (family, [(feeling, feeling.key in picked) for feeling in family.feelings])
            for family in FAMILIES
        ],
    }
    return render_page(request, "conflict/repair.html", context, side_form, agreement_form)


@login_required
def repair(request: HttpRequest, repair_id: uuid.UUID) -> HttpResponse:
    return _repair_page(request, repair_id)


@login_required
@require_POST
def repair_side(request: HttpRequest, repair_id: uuid.UUID) -> HttpResponse:
    form = RepairSideForm(request.POST)
    if form.is_valid():
        try:
            services.save_repair_side(user=_user(request), repair_id=repair_id, **form.cleaned_data)
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your side is saved. Only you can see it."))
            return redirect("conflict:repair", repair_id=repair_id)
    return _repair_page(request, repair_id, side_form=form)


def _step(request: HttpRequest, repair_id: uuid.UUID, step: Callable[..., object]) -> HttpResponse:
    """Run a one-button step of a repair; a refusal is shown as a message on its page."""
    try:
        step(user=_user(request), repair_id=repair_id)
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect("conflict:repair", repair_id=repair_id)


@login_required
@require_POST
def repair_done(request: HttpRequest, repair_id: uuid.UUID) -> HttpResponse:
    return _step(request, repair_id, services.finish_repair_side)


@login_required
@require_POST
def repair_agreement(request: HttpRequest, repair_id: uuid.UUID) -> HttpResponse:
    form = AgreementForm(request.POST)
    if form.is_valid():
        try:
            services.set_repair_agreement(
                user=_user(request), repair_id=repair_id, text=form.cleaned_data["agreement"]
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            return redirect("conflict:repair", repair_id=repair_id)
    return _repair_page(request, repair_id, agreement_form=form)


@login_required
@require_POST
def repair_accept(request: HttpRequest, repair_id: uuid.UUID) -> HttpResponse:
    return _step(request, repair_id, services.accept_repair_agreement)


@login_required
@require_POST
def repair_forgive(request: HttpRequest, repair_id: uuid.UUID) -> HttpResponse:
    return _step(request, repair_id, services.forgive_repair)


REPAIR_COACHED_FIELDS = ("trigger", "my_part", "need", "differently")


@login_required
@require_POST
def repair_coach(request: HttpRequest, field: str) -> HttpResponse:
    """The coach's reading of one answer of my side as I type; nothing of it is kept."""
    if field not in REPAIR_COACHED_FIELDS:
        raise Http404
    form = CoachForm({"text": request.POST.get(field, "")})
    context: dict[str, Any] = {"form": form}
    if form.is_valid():
        try:
            context |= coach_context(form.cleaned_data["text"])
        except ServiceError as error:
            if error.code == "empty":
                return render(request, "conflict/_coach_result.html", {"form": form})
            add_service_error(form, error)
    status = 422 if form.errors else 200
    return render(request, "conflict/_coach_result.html", context, status=status)
