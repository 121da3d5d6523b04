"""Small helpers the daily-question page tests share: open today's question, answer it."""

from __future__ import annotations

import html
import uuid
from typing import Any

from django.http import HttpResponse

from closeknit.couples.selectors import couple_id_of
from closeknit.questions.models import DailyQuestion


def page(response: Any) -> str:
    return html.unescape(response.content.decode())


def open_today(persona: Any) -> DailyQuestion:
    """Follow /questions/today/ as this person and return the day it leads to."""
    response = persona.client.get("/questions/today/")
    assert response.status_code == 302, response.status_code
    location = response["Location"]
    assert location.startswith("/questions/")
    daily_id = location.rstrip("/").rsplit("/", 1)[-1]
    return DailyQuestion.objects.select_related("question").get(id=daily_id)


def daily_url(daily: DailyQuestion) -> str:
    return f"/questions/{daily.id}/"


def answer(persona: Any, daily: DailyQuestion, text: str) -> HttpResponse:
    response: HttpResponse = persona.client.post(f"/questions/{daily.id}/answer/", {"text": text})
    return response


def couple_of(persona: Any) -> uuid.UUID:
    couple_id = couple_id_of(persona.user)
    assert couple_id is not None
    return couple_id
