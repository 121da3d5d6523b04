from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from closeknit.accounts.models import User
from closeknit.closeness import charts, selectors, services
from closeknit.closeness.forms import ClosenessCheckForm, FocusForm
from closeknit.closeness.items import CIRCLES, CIRCLES_ITEM, CIRCLES_OPTIONS, Sign
from closeknit.couples.models import Couple
from closeknit.couples.selectors import get_couple_for, partner_of
from closeknit.couples.services import ensure_couple
from closeknit.forms_support import add_service_error, render_page
from closeknit.lib.errors import ServiceError
from closeknit.questions.practices import Practice


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _couple_and_partner(user: User) -> tuple[Couple, User | None]:
    # The couple read with the person; ensure_couple (which writes) only makes a
    # couple of one for someone who has none yet.
    return get_couple_for(user) or ensure_couple(user=user), partner_of(user)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """This month's check, the focus, the trends and where our views differ."""
    user = _user(request)
    couple, partner = _couple_and_partner(user)
    overview = selectors.trend_overview_for(user, couple, partner)
    context = {
        "overview": overview,
        "earlier_years": selectors.earlier_years_for(user, couple),
        "partner": partner,
        "overall_chart": charts.overall_trend(overview),
        "sign_charts": charts.sign_trends(overview),
        "focus_form": FocusForm(),
    }
    return render_page(request, "closeness/index.html", context)


def _check_page(request: HttpRequest, form: ClosenessCheckForm | None = None) -> HttpResponse:
    user = _user(request)
    couple, partner = _couple_and_partner(user)
    view = selectors.month_view_for(user, couple, selectors.month_of(couple))
    if form is None:
        form = ClosenessCheckForm(initial=view.mine.answers if view.mine else {})
    context = {
        "view": view,
        "partner": partner,
        "form": form,
        "circles_item": CIRCLES_ITEM,
        "circles_field": form[CIRCLES],
        "circles_options": list(zip(CIRCLES_OPTIONS, form[CIRCLES], strict=True)),
    }
    return render_page(request, "closeness/check.html", context, form)


@login_required
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _check_page(request)
    form = ClosenessCheckForm(request.POST)
    if form.is_valid():
        try:
            services.submit_check(user=_user(request), answers=form.answers())
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Thank you. Your answers are saved."))
            return redirect("closeness:index")
    return _check_page(request, form)


@login_required
def month(request: HttpRequest, year: str, month: str) -> HttpResponse:
    """One month's scores: mine, and my partner's once we both completed it."""
    try:
        first_day = date(int(year), int(month), 1)
    except ValueError:
        raise Http404 from None
    user = _user(request)
    couple, partner = _couple_and_partner(user)
    view = selectors.month_view_for(user, couple, first_day)
    if view.mine is None:
        # Only months I completed have a page: my partner's alone are not mine to see.
        raise Http404
    context = {"view": view, "partner": partner, "sections": _score_sections(view)}
    return render_page(request, "closeness/month.html", context)


@login_required
def year(request: HttpRequest, year: str) -> HttpResponse:
    """The months I completed in one year, each with its overall scores and a link."""
    number = int(year)
    if number < 1:
        raise Http404
    user = _user(request)
    couple, partner = _couple_and_partner(user)
    months = selectors.year_for(user, couple, number)
    if not months:
        raise Http404
    context = {"year": number, "months": months, "partner": partner}
    return render_page(request, "closeness/year.html", context)


ScoreRow = tuple[str, int | None, int | None]


def _score_sections(view: selectors.MonthView) -> list[tuple[str, list[ScoreRow]]]:
    """The month's scores as table sections: the signs, the practices, the rest."""
    mine, theirs = view.my_scores, view.their_scores

    def row(label: str, group: str) -> ScoreRow:
        return (
            label,
            mine.shown(group) if mine else None,
            theirs.shown(group) if theirs else None,
        )

    overall = (
        str(_("Overall")),
        mine.overall_shown if mine else None,
        theirs.overall_shown if theirs else None,
    )
    return [
        (str(_("The five signs")), [row(str(s.label), s.value) for s in Sign]),
        (str(_("The eight practices")), [row(str(p.label), p.value) for p in Practice]),
        (str(_("Picture and overall")), [row(str(_("Closeness picture")), CIRCLES), overall]),
    ]


def _focus_page(request: HttpRequest, form: FocusForm | None = None) -> HttpResponse:
    user = _user(request)
    couple, partner = _couple_and_partner(user)
    focus = selectors.focus_for(user, couple)
    current = selectors.month_view_for(user, couple, selectors.month_of(couple))
    if form is None:
        form = FocusForm(initial={"practice": focus.practice} if focus else {})
    context = {"focus": focus, "form": form, "current": current, "partner": partner}
    return render_page(request, "closeness/focus.html", context, form)


@login_required
@require_http_methods(["GET", "POST"])
def focus(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _focus_page(request)
    form = FocusForm(request.POST)
    if form.is_valid():
        try:
            chosen = services.set_focus(user=_user(request), practice=form.cleaned_data["practice"])
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("%(practice)s is your focus this month.")
                % {"practice": Practice(chosen.practice).label},
            )
            return redirect("closeness:focus")
    return _focus_page(request, form)
