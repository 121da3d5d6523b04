"""The daily question over JSON: /api/v1/questions/.

Every day object is built from ``selectors.daily_view_for`` / ``history_for``, which
apply the reveal rule; nothing here reads answers on its own, so the partner's
answer, its reactions and its comments can only appear once both have answered.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.paginator import Page
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status

from closeknit.accounts.models import User
from closeknit.api_schemas import error_responses
from closeknit.lib.errors import ServiceError
from closeknit.questions import selectors, services
from closeknit.questions.models import Comment, Deck, ListeningSession, Question, Reaction
from closeknit.questions.practices import Depth, Practice
from closeknit.questions.schemas import (
    AnswerIn,
    CommentIn,
    CustomQuestionIn,
    CustomQuestionOut,
    DeckFile,
    DeckOut,
    HistoryQuery,
    LibraryQuery,
    ListeningIn,
    ListeningSessionOut,
    QuestionAnswerOut,
    QuestionCommentOut,
    QuestionDayOut,
    QuestionHistoryOut,
    QuestionLibraryOut,
    QuestionOut,
    QuestionReactionOut,
    QuestionSettingsOut,
    QuestionSettingsPatch,
    QuestionStreakOut,
    ReactionIn,
)
from closeknit.questions.selectors import AnswerView, DailyView

router = Router(tags=["questions"])


# Building the output


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def question_out(question: Question) -> QuestionOut:
    return QuestionOut(
        id=question.id,
        text=question.text,
        practice=Practice(question.practice),
        depth=Depth(question.depth),
    )


def _answer_out(answer: AnswerView | None) -> QuestionAnswerOut | None:
    if answer is None:
        return None
    return QuestionAnswerOut(id=answer.id, text=answer.text, updated_at=answer.updated_at)


def _comment_out(comment: Comment, me: User) -> QuestionCommentOut:
    return QuestionCommentOut(
        id=comment.id,
        answer_id=comment.answer_id,
        text=comment.text,
        by_me=comment.author_id == me.pk,
        created_at=comment.created_at,
    )


def day_out(view: DailyView) -> QuestionDayOut:
    # view_of already leaves reactions and comments out before the reveal; checking
    # again here keeps a later change there from leaking through the API.
    shown = [view.my_answer, view.partner_answer] if view.revealed else []
    answers = [answer for answer in shown if answer is not None]
    reactions = [
        QuestionReactionOut(
            id=reaction.id,
            answer_id=answer.id,
            kind=Reaction.Kind(reaction.kind),
            by_me=reaction.author_id == view.me.pk,
            created_at=reaction.created_at,
        )
        for answer in answers
        for reaction in answer.reactions
    ]
    comments = sorted(
        (_comment_out(comment, view.me) for answer in answers for comment in answer.comments),
        key=lambda comment: comment.created_at,
    )
    return QuestionDayOut(
        id=view.daily.id,
        date=view.daily.date,
        is_bonus=view.daily.is_bonus,
        state=view.state,
        question=question_out(view.daily.question),
        my_answer=_answer_out(view.my_answer),
        partner_answered=view.partner_answered,
        partner_answer=_answer_out(view.partner_answer) if view.revealed else None,
        reactions=reactions,
        comments=comments,
    )


def _day_of(request: HttpRequest, daily_id: uuid.UUID) -> QuestionDayOut:
    user = _user(request)
    return day_out(selectors.daily_view_for(user, selectors.get_daily_for(user, daily_id)))


def _page_numbers(page: Page[Any]) -> dict[str, int]:
    return {"count": page.paginator.count, "page": page.number, "pages": page.paginator.num_pages}


def custom_question_out(question: Question) -> CustomQuestionOut:
    return CustomQuestionOut(
        id=question.id,
        text=question.text,
        practice=Practice(question.practice),
        depth=Depth(question.depth),
        deck_id=question.deck.id,
        deck_name=question.deck.display_name,
    )


def deck_out(deck: Deck, *, enabled: bool) -> DeckOut:
    return DeckOut(
        id=deck.id,
        name=deck.display_name,
        is_library=deck.is_library,
        practice=Practice(deck.practice) if deck.is_library else None,
        # Annotated by selectors.decks_for; a deck from anywhere else has no count.
        question_count=getattr(deck, "question_count"),  # noqa: B009
        enabled=enabled,
    )


def _settings_out(settings: selectors.QuestionSettings) -> QuestionSettingsOut:
    return QuestionSettingsOut(
        max_depth=Depth(settings.max_depth), enabled_decks=settings.enabled_deck_ids
    )


def listening_out(session: ListeningSession) -> ListeningSessionOut:
    return ListeningSessionOut(
        id=session.id,
        topic=session.topic or (session.question.text if session.question else ""),
        question_id=session.question_id,
        speaker_seconds=session.speaker_seconds,
        completed_at=session.completed_at,
    )


# The day's question

_READ = error_responses(401, 404)
_WRITE = error_responses(400, 401, 404, 409, 413, 422)


@router.get("/today", response={200: QuestionDayOut, **error_responses(400, 401)})
def today(request: HttpRequest) -> QuestionDayOut:
    """Today's question for the couple, chosen on first sight, with whatever we may see."""
    user = _user(request)
    daily = services.todays_question(user=user)
    return day_out(selectors.daily_view_for(user, daily))


@router.get("/history", response={200: QuestionHistoryOut, **error_responses(401, 422)})
def history(request: HttpRequest, filters: Query[HistoryQuery]) -> QuestionHistoryOut:
    """Days we have both answered, newest first, searchable by question and answer text."""
    result = selectors.history_for(
        _user(request), query=filters.q, page_number=filters.page, until=filters.until
    )
    return QuestionHistoryOut(
        **_page_numbers(result.page),
        results=[day_out(view) for view in result.page],
        searched_back_to=result.searched_back_to,
        older_until=result.older_until,
    )


@router.get("/streak", response={200: QuestionStreakOut, **error_responses(401)})
def streak(request: HttpRequest) -> QuestionStreakOut:
    return QuestionStreakOut(days=selectors.streak_for(_user(request)))


@router.get("/{uuid:daily_id}", response={200: QuestionDayOut, **_READ})
def get_day(request: HttpRequest, daily_id: uuid.UUID) -> QuestionDayOut:
    """Any day of the couple, bonus questions included."""
    return _day_of(request, daily_id)


@router.post("/{uuid:daily_id}/answer", response={200: QuestionDayOut, **_WRITE})
def answer(request: HttpRequest, daily_id: uuid.UUID, payload: AnswerIn) -> QuestionDayOut:
    """Answer, or change my answer until my partner has answered too (then 409)."""
    user = _user(request)
    daily = selectors.get_daily_for(user, daily_id)
    services.answer_question(user=user, daily=daily, text=payload.text)
    return day_out(selectors.daily_view_for(user, daily))


@router.post("/{uuid:daily_id}/skip", response={200: QuestionDayOut, **_WRITE})
def skip(request: HttpRequest, daily_id: uuid.UUID) -> QuestionDayOut:
    """Swap today's question for another: once a day, before either of us answers."""
    user = _user(request)
    daily = services.swap_question(user=user, daily=selectors.get_daily_for(user, daily_id))
    return day_out(selectors.daily_view_for(user, daily))


# Responding to each other


@router.post("/answers/{uuid:answer_id}/reactions", response={200: QuestionDayOut, **_WRITE})
def react(request: HttpRequest, answer_id: uuid.UUID, payload: ReactionIn) -> QuestionDayOut:
    """Add a reaction to my partner's answer, or take it back if it is there."""
    user = _user(request)
    target = selectors.get_answer_for(user, answer_id)
    services.toggle_reaction(user=user, answer=target, kind=payload.kind.value)
    return day_out(selectors.daily_view_for(user, target.daily))


@router.post("/answers/{uuid:answer_id}/comments", response={201: QuestionCommentOut, **_WRITE})
def comment(
    request: HttpRequest, answer_id: uuid.UUID, payload: CommentIn
) -> Status[QuestionCommentOut]:
    """Reply under an answer, once we have both answered."""
    user = _user(request)
    target = selectors.get_answer_for(user, answer_id)
    created = services.add_comment(user=user, answer=target, text=payload.text)
    return Status(201, _comment_out(created, user))


# The library and our own questions


@router.get("/library", response={200: QuestionLibraryOut, **error_responses(401, 422)})
def library(request: HttpRequest, filters: Query[LibraryQuery]) -> QuestionLibraryOut:
    page = selectors.library_page(
        practice=filters.practice.value if filters.practice else "",
        depth=filters.depth.value if filters.depth else "",
        page_number=filters.page,
    )
    return QuestionLibraryOut(
        **_page_numbers(page), results=[question_out(question) for question in page]
    )


@router.post(
    "/library/{uuid:question_id}/ask",
    response={201: QuestionDayOut, **error_responses(401, 404, 410)},
)
def ask_now(request: HttpRequest, question_id: uuid.UUID) -> Status[QuestionDayOut]:
    """Ask a library question (or one of our own) now, as a bonus question for today."""
    user = _user(request)
    bonus = services.ask_now(user=user, question=selectors.get_question_for(user, question_id))
    return Status(201, day_out(selectors.daily_view_for(user, bonus)))


@router.get("/custom", response={200: list[CustomQuestionOut], **error_responses(401)})
def custom_questions(request: HttpRequest) -> list[CustomQuestionOut]:
    """Questions we wrote ourselves or imported."""
    return [custom_question_out(q) for q in selectors.own_questions_for(_user(request))]


@router.post("/custom", response={201: CustomQuestionOut, **error_responses(400, 401, 413, 422)})
def create_custom_question(
    request: HttpRequest, payload: CustomQuestionIn
) -> Status[CustomQuestionOut]:
    """Write a question of our own; it joins our own deck."""
    question = services.create_custom_question(
        user=_user(request),
        text=payload.text,
        practice=payload.practice.value,
        depth=payload.depth.value,
    )
    return Status(201, custom_question_out(question))


@router.delete("/custom/{uuid:question_id}", response={204: None, **error_responses(400, 401, 404)})
def delete_custom_question(request: HttpRequest, question_id: uuid.UUID) -> HttpResponse:
    """Remove one of our questions. Days that asked it keep it in the history."""
    question = selectors.get_question_for(_user(request), question_id)
    services.delete_custom_question(question=question)
    return HttpResponse(status=204)


# Decks and settings


@router.get("/decks", response={200: list[DeckOut], **error_responses(401)})
def decks(request: HttpRequest) -> list[DeckOut]:
    settings = selectors.question_settings_for(_user(request))
    enabled = set(settings.enabled_deck_ids)
    return [deck_out(deck, enabled=deck.id in enabled) for deck in settings.decks]


@router.get("/settings", response={200: QuestionSettingsOut, **error_responses(401)})
def get_settings(request: HttpRequest) -> QuestionSettingsOut:
    return _settings_out(selectors.question_settings_for(_user(request)))


@router.patch(
    "/settings", response={200: QuestionSettingsOut, **error_responses(400, 401, 413, 422)}
)
def update_settings(request: HttpRequest, payload: QuestionSettingsPatch) -> QuestionSettingsOut:
    """Change the deepest level and the decks to draw from; what is left out stays."""
    user = _user(request)
    current = selectors.question_settings_for(user)
    enabled = current.enabled_deck_ids if payload.enabled_decks is None else payload.enabled_decks
    try:
        services.update_preferences(
            user=user,
            max_depth=payload.max_depth.value if payload.max_depth else current.max_depth,
            enabled_deck_ids=[str(deck_id) for deck_id in enabled],
        )
    except ServiceError as error:
        # The service speaks of the web form's "decks"; here the field is enabled_decks.
        if error.field == "decks":
            error.field = "enabled_decks"
        raise
    return _settings_out(selectors.question_settings_for(user))


@router.get("/decks/{uuid:deck_id}/export", response={200: DeckFile, **_READ})
def export_deck(request: HttpRequest, deck_id: uuid.UUID) -> dict[str, Any]:
    """The deck as a file anyone can import: its questions only, never any answers."""
    return services.export_deck(deck=selectors.get_deck_for(_user(request), deck_id))


@router.post(
    "/decks/import",
    response={201: DeckOut, **error_responses(400, 401, 413, 422)},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DeckFile"}}},
        }
    },
)
def import_deck(request: HttpRequest) -> Status[DeckOut] | Status[dict[str, Any]]:
    """Import a deck file (the body is the file's JSON). A file with any problem is
    refused whole, with every problem listed: ``file`` or a JSON path as the field."""
    # The body is read here rather than by a schema, so that a file that is not
    # even JSON is reported like any other problem with the file.
    user = _user(request)
    try:
        deck = services.import_deck(user=user, raw=request.body)
    except services.DeckFileError as error:
        errors = [
            {"field": field, "message": message}
            for field, message in zip(error.fields, error.problems, strict=True)
        ]
        return Status(422, {"detail": error.message, "code": error.code, "errors": errors})
    return Status(201, deck_out(selectors.decks_for(user).get(id=deck.id), enabled=True))


@router.delete("/decks/{uuid:deck_id}", response={204: None, **error_responses(400, 401, 404)})
def delete_deck(request: HttpRequest, deck_id: uuid.UUID) -> HttpResponse:
    """Remove an imported deck. The library and our own deck stay."""
    services.delete_deck(deck=selectors.get_deck_for(_user(request), deck_id))
    return HttpResponse(status=204)


# Listening sessions


@router.post(
    "/listening", response={201: ListeningSessionOut, **error_responses(400, 401, 404, 413, 422)}
)
def start_listening(request: HttpRequest, payload: ListeningIn) -> Status[ListeningSessionOut]:
    """Start a speaker-listener session about a topic, a question, or today's question."""
    user = _user(request)
    question = (
        selectors.get_question_for(user, payload.question_id) if payload.question_id else None
    )
    session = services.start_listening_session(
        user=user, topic=payload.topic, minutes=payload.minutes, question=question
    )
    return Status(201, listening_out(selectors.get_listening_session_for(user, session.id)))


@router.get("/listening/{uuid:session_id}", response={200: ListeningSessionOut, **_READ})
def get_listening(request: HttpRequest, session_id: uuid.UUID) -> ListeningSessionOut:
    return listening_out(selectors.get_listening_session_for(_user(request), session_id))


@router.post("/listening/{uuid:session_id}/complete", response={200: ListeningSessionOut, **_READ})
def complete_listening(request: HttpRequest, session_id: uuid.UUID) -> ListeningSessionOut:
    session = selectors.get_listening_session_for(_user(request), session_id)
    return listening_out(services.complete_listening_session(session=session))
