from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from closeknit.accounts.models import User
from closeknit.checkins import selectors, services
from closeknit.checkins.accuracy import summary_sentence
from closeknit.checkins.forms import CheckInForm, GuessForm, ReplyForm
from closeknit.checkins.models import VALIDATING_REACTIONS, CheckInReaction, Visibility
from closeknit.checkins.vocabulary import FAMILIES, NEEDS, Family, Feeling, Need
from closeknit.forms_support import add_service_error, render_page
from closeknit.lib.errors import ServiceError


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@dataclass(frozen=True)
class FeelingChoice:
    feeling: Feeling
    checked: bool


@dataclass(frozen=True)
class FamilyGroup:
    family: Family
    words: list[FeelingChoice]

    @property
    def open(self) -> bool:
        return any(word.checked for word in self.words)


@dataclass(frozen=True)
class NeedChoice:
    need: Need
    checked: bool


def _reply_targets(day: selectors.CheckInDay) -> set[str]:
    """The check-ins whose reply form is on the page."""
    shown = [day.mine if day.partner else None, day.partner_checkin]
    return {str(v.checkin.id) for v in shown if v is not None and v.checkin.is_shared}


def _initial(day: selectors.CheckInDay) -> dict[str, object]:
    if day.mine is None:
        return {"visibility": Visibility.SHARED}
    checkin = day.mine.checkin
    return {
        "feelings": list(checkin.feelings),
        "intensity": checkin.intensity,
        "note": checkin.note,
        "need": checkin.need,
        "need_text": checkin.need_text,
        "visibility": checkin.visibility,
    }


def _picked(form: CheckInForm, name: str) -> list[str]:
    if form.is_bound:
        return form.data.getlist(name) if hasattr(form.data, "getlist") else []
    value = form.initial.get(name) or []
    return list(value) if isinstance(value, list) else [str(value)]


def _page(
    request: HttpRequest,
    *,
    form: CheckInForm | None = None,
    guess_form: GuessForm | None = None,
    reply_form: ReplyForm | None = None,
    reply_checkin_id: str = "",
) -> HttpResponse:
    user = _user(request)
    couple = selectors.couple_of(user)
    day = selectors.checkin_day_for(user, couple)
    form = form or CheckInForm(initial=_initial(day))
    feelings = set(_picked(form, "feelings"))
    need = (_picked(form, "need") or [""])[0]
    overview = (
        selectors.accuracy_overview(user, couple, today=day.day)
        if couple is not None and day.partner is not None
        else None
    )
    partner_name = day.partner.name if day.partner else ""
    context = {
        "day": day,
        "form": form,
        "guess_form": guess_form or GuessForm(prefix="guess"),
        "reply_form": reply_form or ReplyForm(),
        "reply_checkin_id": reply_checkin_id,
        "feeling_groups": [
            FamilyGroup(family, [FeelingChoice(f, f.key in feelings) for f in family.feelings])
            for family in FAMILIES
        ],
        "need_choices": [NeedChoice(n, n.key == need) for n in NEEDS],
        "need_picked": need,
        "reaction_kinds": [(kind.value, kind.label) for kind in VALIDATING_REACTIONS],
        "overview": overview,
        "mine_sentence": summary_sentence(
            overview.mine_90.average if overview else None, partner_name, about_me=False
        ),
        "partner_sentence": summary_sentence(
            overview.partner_90.average if overview else None, partner_name, about_me=True
        ),
        # Open the edit form when it is being corrected, closed once saved.
        "editing": form.is_bound,
        # A refusal whose form is not on the page (a second guess, a reply to a
        # check-in no longer shown) is said at the top instead of being lost.
        "refused_guess": guess_form is not None and guess_form.errors and not day.can_guess,
        "refused_reply": reply_form is not None
        and reply_form.errors
        and reply_checkin_id not in _reply_targets(day),
    }
    forms_on_page = [f for f in (form, guess_form, reply_form) if f is not None]
    return render_page(request, "checkins/today.html", context, *forms_on_page)


@login_required
def today(request: HttpRequest) -> HttpResponse:
    return _page(request)


@login_required
@require_POST
def save(request: HttpRequest) -> HttpResponse:
    form = CheckInForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            checkin = services.save_checkin(
                user=_user(request),
                feelings=data["feelings"],
                intensity=data["intensity"],
                note=data["note"],
                need=data["need"],
                need_text=data["need_text"],
                shared=data["visibility"] == Visibility.SHARED,
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            if checkin.is_shared:
                messages.success(request, _("Checked in. Thank you for sharing how you are."))
            else:
                messages.success(request, _("Checked in, just for you."))
            return redirect("checkins:today")
    return _page(request, form=form)


def _back(request: HttpRequest, anchor: str = "partner") -> HttpResponse:
    """Back to where the tap came from: Today's card, or the check-in page."""
    if request.POST.get("next") == "today":
        return redirect(reverse("today:index") + "#checkin")
    return redirect(reverse("checkins:today") + f"#{anchor}")


@login_required
@require_POST
def guess(request: HttpRequest) -> HttpResponse:
    form = GuessForm(request.POST, prefix="guess")
    if form.is_valid():
        try:
            services.make_guess(
                user=_user(request),
                family=form.cleaned_data["family"],
                intensity=form.cleaned_data["intensity"],
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            return _back(request)
    return _page(request, guess_form=form)


@login_required
@require_POST
def skip(request: HttpRequest) -> HttpResponse:
    try:
        services.skip_guess(user=_user(request))
    except ServiceError as error:
        messages.error(request, error.message)
    return _back(request)


@login_required
@require_POST
def react(request: HttpRequest, checkin_id: str) -> HttpResponse:
    user = _user(request)
    checkin = selectors.get_checkin_for(user, checkin_id)
    try:
        services.toggle_reaction(user=user, checkin=checkin, kind=request.POST.get("kind", ""))
    except ServiceError as error:
        messages.error(request, error.message)
    return _back(request)


@login_required
@require_POST
def offer_help(request: HttpRequest, checkin_id: str) -> HttpResponse:
    user = _user(request)
    checkin = selectors.get_checkin_for(user, checkin_id)
    try:
        offered = services.set_help_offer(
            user=user, checkin=checkin, offered=request.POST.get("offered") != "0"
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        if offered and checkin.author_id != user.pk:
            messages.success(request, _("We've let them know you can help."))
    return _back(request)


@login_required
@require_POST
def reply(request: HttpRequest, checkin_id: str) -> HttpResponse:
    user = _user(request)
    checkin = selectors.get_checkin_for(user, checkin_id)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.add_reply(user=user, checkin=checkin, text=form.cleaned_data["text"])
        except ServiceError as error:
            add_service_error(form, error)
        else:
            return _back(request, "mine" if checkin.author_id == user.pk else "partner")
    return _page(request, reply_form=form, reply_checkin_id=str(checkin.id))


@login_required
def history(request: HttpRequest) -> HttpResponse:
    result = selectors.history_for(_user(request), page_number=request.GET.get("page", 1))
    context = {"result": result, "can_help_kind": CheckInReaction.Kind.CAN_HELP}
    return render(request, "checkins/history.html", context)
