"""Helpers the check-in tests share: check in, guess and skip through the pages,
call the API checked against the OpenAPI document, and make history rows."""

from __future__ import annotations

import datetime as dt
import html
import json
from typing import Any

from django.test import Client

from closeknit.accounts.models import User
from closeknit.checkins.models import CheckIn, CheckInReaction, CheckInReply, EmpathyGuess
from closeknit.couples.models import Couple
from closeknit.couples.selectors import get_couple_for
from closeknit.questions.selectors import day_of
from closeknit.testing.openapi import validate_response
from conftest import Persona

API = "/api/v1/checkins"
PAGE = "/checkins/"
HISTORY = "/checkins/history/"

# Midday in London, 2026-03-10: a Tuesday, far from the couple's 04:00 rollover.
NOON = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 3, 10)


def page(response: Any) -> str:
    return html.unescape(response.content.decode())


def check_in(
    persona: Persona,
    feelings: list[str] | None = None,
    *,
    intensity: int | str = 3,
    note: str = "",
    need: str = "",
    need_text: str = "",
    visibility: str = "shared",
) -> Any:
    data = {
        "feelings": feelings if feelings is not None else ["peaceful"],
        "intensity": intensity,
        "note": note,
        "need": need,
        "need_text": need_text,
        "visibility": visibility,
    }
    return persona.client.post("/checkins/save/", data)


def guess(persona: Persona, family: str, intensity: int, **extra: str) -> Any:
    return persona.client.post(
        "/checkins/guess/", {"guess-family": family, "guess-intensity": intensity, **extra}
    )


def skip(persona: Persona, **extra: str) -> Any:
    return persona.client.post("/checkins/guess/skip/", extra)


def checkin_of(persona: Persona) -> CheckIn:
    """This person's check-in of today."""
    return CheckIn.objects.get(author=persona.user, date=TODAY)


def couple_of(persona: Persona) -> Couple:
    couple = get_couple_for(persona.user)
    assert couple is not None
    return couple


def call(who: Persona | None, method: str, path: str, data: Any = None, *, status: int) -> Any:
    """Call the check-ins API as ``who`` (None: nobody signed in) and check the answer."""
    url = API + path
    if who is None:
        send = getattr(Client(), method.lower())
        response = (
            send(url)
            if data is None
            else send(url, data=json.dumps(data), content_type="application/json")
        )
    else:
        response = who.api(method, url, data)
    body = validate_response(response)
    assert response.status_code == status, (response.status_code, body)
    return body


def fields_of(body: dict[str, Any]) -> set[str]:
    return {error["field"] for error in body["errors"]}


FAMILY_CYCLE = ["calm", "tired", "joyful", "anxious", "loving", "sad"]
WORDS = {
    "calm": "peaceful",
    "tired": "tired",
    "joyful": "happy",
    "anxious": "worried",
    "loving": "close",
    "sad": "down",
}


def make_history(
    a: User, b: User, *, days: int, start: int = 1, private_every: int = 0
) -> list[CheckIn]:
    """``days`` past days, each with a check-in from both, guesses both ways, a
    reaction, an offer of help and a reply, created directly (and backdated).

    ``private_every``: every n-th of b's check-ins is kept private. bulk_create
    still seals the encrypted text, since the field encrypts in pre_save.
    """
    couple = get_couple_for(a)
    assert couple is not None
    today = day_of(couple)
    checkins: list[CheckIn] = []
    guesses: list[EmpathyGuess] = []
    for n in range(days):
        day = today - dt.timedelta(days=start + n)
        family = FAMILY_CYCLE[n % len(FAMILY_CYCLE)]
        b_private = bool(private_every) and n % private_every == 0
        checkins += [
            CheckIn(
                couple=couple,
                author=a,
                date=day,
                feelings=[WORDS[family]],
                intensity=1 + n % 5,
                note=f"a on {day}",
                need="rest",
            ),
            CheckIn(
                couple=couple,
                author=b,
                date=day,
                feelings=[WORDS[family], "hopeful"],
                intensity=5 - n % 5,
                note=f"b on {day}",
                need_text="a walk",
                visibility="private" if b_private else "shared",
            ),
        ]
        guesses += [
            EmpathyGuess(couple=couple, guesser=a, date=day, family=family, intensity=3),
            EmpathyGuess(couple=couple, guesser=b, date=day, family="calm", intensity=2),
        ]
    CheckIn.objects.bulk_create(checkins)
    EmpathyGuess.objects.bulk_create(guesses)
    CheckInReaction.objects.bulk_create(
        CheckInReaction(checkin=c, author=b if c.author_id == a.pk else a, kind=kind)
        for c in checkins
        for kind in ("hear_you", "can_help")
    )
    CheckInReply.objects.bulk_create(
        CheckInReply(checkin=c, author=a, text=f"reply on {c.date}") for c in checkins
    )
    return checkins


def render_card(persona: Persona) -> str:
    """The Today card for this person, rendered as the Today page will include it."""
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from closeknit.checkins.selectors import today_card_for

    couple = get_couple_for(persona.user)
    assert couple is not None
    request = RequestFactory().get("/today/")
    request.user = persona.user
    card = today_card_for(persona.user, couple, day_of(couple))
    return html.unescape(
        render_to_string("checkins/_today_card.html", {"checkin_card": card}, request=request)
    )
