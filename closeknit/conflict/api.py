"""Conflict with empathy over JSON.

``POST /coach/analyze`` reads a draft and answers with what it flags; the draft is
neither stored nor logged.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from closeknit.api_schemas import error_responses
from closeknit.conflict import selectors
from closeknit.conflict.schemas import CoachFlagOut, CoachIn, CoachOut

coach_router = Router(tags=["conflict"])


@coach_router.post("/analyze", response={200: CoachOut, **error_responses(400, 401, 413, 422)})
def analyze(request: HttpRequest, payload: CoachIn) -> CoachOut:
    """Read a draft: the phrases that tend to make a partner defensive, and a gentler start.

    Empty text, or text over 2000 characters, is refused with 400 naming ``text``.
    """
    analysis = selectors.read_draft(payload.text)
    return CoachOut(
        flags=[
            CoachFlagOut(kind=f.kind, start=f.start, end=f.end, explanation=_(f.explanation))
            for f in analysis.flags
        ],
        suggestion=analysis.suggestion,
    )
