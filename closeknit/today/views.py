from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from closeknit.accounts.models import User
from closeknit.today.selectors import today_for


def landing(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("today:index")
    return render(request, "today/landing.html")


def safety(request: HttpRequest) -> HttpResponse:
    return render(request, "today/safety.html")


@login_required
def today(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    return render(request, "today/today.html", {"summary": today_for(user)})
