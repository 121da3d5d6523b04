from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from closeknit.accounts.forms import ProfileForm
from closeknit.accounts.models import User
from closeknit.accounts.services import update_profile
from closeknit.forms_support import add_service_error, render_page
from closeknit.lib.errors import ServiceError


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            try:
                update_profile(
                    user=user,
                    name=form.cleaned_data["name"],
                    pronouns=form.cleaned_data["pronouns"],
                    tz_name=form.cleaned_data["timezone"],
                )
            except ServiceError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Profile saved."))
                return redirect("accounts:profile")
    else:
        form = ProfileForm(
            initial={"name": user.name, "pronouns": user.pronouns, "timezone": user.timezone}
        )
    return render_page(request, "accounts/profile.html", {"form": form}, form)
