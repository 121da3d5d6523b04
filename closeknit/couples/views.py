from __future__ import annotations

from datetime import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from closeknit.accounts.models import User
from closeknit.couples import selectors, services
from closeknit.couples.forms import CoupleSettingsForm, JoinForm
from closeknit.couples.models import Couple
from closeknit.forms_support import add_service_error, render_page
from closeknit.lib.errors import ServiceError


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def invitation_url(request: HttpRequest, code: str) -> str:
    return request.build_absolute_uri(reverse("couples:join_link", args=[code]))


def _settings_form(user: User, couple: Couple | None) -> CoupleSettingsForm:
    if couple is None:
        return CoupleSettingsForm(initial={"home_timezone": user.timezone, "day_starts_at": 4})
    return CoupleSettingsForm(
        initial={
            "relationship_started_on": couple.relationship_started_on,
            "home_timezone": couple.home_timezone,
            "day_starts_at": couple.day_starts_at.hour,
        }
    )


def _couple_page(
    request: HttpRequest, *, settings_form: CoupleSettingsForm | None = None
) -> HttpResponse:
    user = _user(request)
    couple = selectors.get_couple_for(user)
    invitation = selectors.active_invitation_for(user)
    form = settings_form or _settings_form(user, couple)
    context = {
        "couple": couple,
        "partner": selectors.partner_of(user),
        "invitation": invitation,
        "invitation_url": invitation_url(request, invitation.code) if invitation else "",
        "settings_form": form,
        "join_form": JoinForm(),
    }
    return render_page(request, "couples/couple.html", context, form)


@login_required
def couple_page(request: HttpRequest) -> HttpResponse:
    return _couple_page(request)


@login_required
@require_POST
def invitation_create(request: HttpRequest) -> HttpResponse:
    try:
        services.create_invitation(user=_user(request))
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect("couples:couple")


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, code: str) -> HttpResponse:
    invitation = selectors.get_invitation_for(_user(request), code)
    try:
        services.revoke_invitation(invitation=invitation)
        messages.success(request, _("Invitation cancelled. The link no longer works."))
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect("couples:couple")


@login_required
@require_POST
def settings_update(request: HttpRequest) -> HttpResponse:
    form = CoupleSettingsForm(request.POST)
    if form.is_valid():
        try:
            services.update_couple_settings(
                user=_user(request),
                relationship_started_on=form.cleaned_data["relationship_started_on"],
                home_timezone=form.cleaned_data["home_timezone"],
                day_starts_at=time(form.cleaned_data["day_starts_at"], 0),
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Couple settings saved."))
            return redirect("couples:couple")
    return _couple_page(request, settings_form=form)


@require_http_methods(["GET", "POST"])
def join_link(request: HttpRequest, code: str) -> HttpResponse:
    """Where an invitation link lands, signed in or not."""
    problem = ""
    invitation = None
    try:
        invitation = services.check_invitation(code=code)
    except ServiceError as error:
        problem = error.message
    if request.method == "POST" and not problem:
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?{urlencode({'next': request.path})}")
        try:
            services.join_couple(user=_user(request), code=code)
        except ServiceError as error:
            problem = error.message
        else:
            messages.success(request, _("You're linked. Welcome to your shared space."))
            return redirect("today:index")
    already_linked = (
        request.user.is_authenticated and selectors.partner_of(_user(request)) is not None
    )
    context = {
        "invitation": invitation,
        "problem": problem,
        "code": code,
        "already_linked": already_linked,
    }
    return render(request, "couples/join_link.html", context, status=422 if problem else 200)


@login_required
@require_http_methods(["GET", "POST"])
def join_by_code(request: HttpRequest) -> HttpResponse:
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.join_couple(user=_user(request), code=form.cleaned_data["code"])
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("You're linked. Welcome to your shared space."))
            return redirect("today:index")
    return render_page(request, "couples/join.html", {"form": form}, form)
