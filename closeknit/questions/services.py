"""Writes for the daily question: choosing, answering, swapping, reacting, decks."""

from __future__ import annotations

import json
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from closeknit.accounts.models import User
from closeknit.couples.models import Couple
from closeknit.couples.selectors import get_couple_for
from closeknit.couples.services import ensure_couple
from closeknit.insights.services import record_activity
from closeknit.lib.errors import ConflictError, GoneError, ServiceError
from closeknit.lib.text import clean_text
from closeknit.questions import selection
from closeknit.questions.models import (
    Answer,
    Comment,
    DailyQuestion,
    Deck,
    ListeningSession,
    Question,
    QuestionPreferences,
    Reaction,
)
from closeknit.questions.practices import Depth, Practice
from closeknit.questions.selectors import day_of, preferences_for, streaks_by_day
from closeknit.questions.signals import answer_count

ANSWER_MAX = 2000
COMMENT_MAX = 500
QUESTION_MAX = 300
DECK_NAME_MAX = 80
DECK_FORMAT = "closeknit-deck"
DECK_VERSION = 1
DECK_MAX_QUESTIONS = 1000
DECK_MAX_BYTES = 1_000_000


def own_deck(couple: Couple) -> Deck:
    deck = Deck.objects.filter(couple=couple, is_own=True).first()
    if deck is None:
        try:
            with transaction.atomic():
                deck = Deck.objects.create(couple=couple, is_own=True)
        except IntegrityError:
            deck = Deck.objects.get(couple=couple, is_own=True)
    return deck


def _candidates(couple: Couple, prefs: QuestionPreferences) -> list[selection.Candidate]:
    disabled = prefs.disabled_decks.values_list("id", flat=True)
    rows = (
        Question.objects.filter(Q(couple__isnull=True) | Q(couple=couple), retired=False)
        .exclude(deck_id__in=disabled)
        .annotate(times_asked=Count("dailies", filter=Q(dailies__couple=couple), distinct=True))
        .values_list("id", "practice", "depth", "times_asked")
    )
    return [selection.Candidate(id=r[0], practice=r[1], depth=r[2], times_asked=r[3]) for r in rows]


def _pick(couple: Couple, day: Any, *, salt: str = "", exclude: set[Any] | None = None) -> Question:
    prefs = preferences_for(couple)
    first_day = (
        DailyQuestion.objects.filter(couple=couple)
        .order_by("date")
        .values_list("date", flat=True)
        .first()
    )
    day_number = (day - first_day).days if first_day else 0
    candidates = [c for c in _candidates(couple, prefs) if c.id not in (exclude or set())]
    chosen = selection.choose(
        candidates,
        seed=selection.seed_for(couple.id, day.isoformat(), salt),
        day_number=day_number,
        max_depth=prefs.max_depth,
        focus_practice=prefs.focus_practice,
    )
    if chosen is None:
        raise ServiceError(
            _("There are no questions to choose from. Switch on a deck in your question settings."),
            field="decks",
            code="no_questions",
        )
    return Question.objects.get(id=chosen.id)


def todays_question(*, user: User) -> DailyQuestion:
    """Today's question for the person's couple, choosing it if nobody has yet."""
    # Reading the couple already loaded with the person: ensure_couple would open a
    # write transaction on every visit for what is nearly always a read.
    couple = get_couple_for(user) or ensure_couple(user=user)
    day = day_of(couple)
    existing = (
        DailyQuestion.objects.select_related("question", "couple")
        .filter(couple=couple, date=day, is_bonus=False)
        .first()
    )
    if existing is not None:
        return existing
    question = _pick(couple, day)
    try:
        with transaction.atomic():
            return DailyQuestion.objects.create(couple=couple, date=day, question=question)
    except IntegrityError:
        # The partner opened the app at the same moment; theirs is the same question.
        return DailyQuestion.objects.select_related("question", "couple").get(
            couple=couple, date=day, is_bonus=False
        )


@transaction.atomic
def answer_question(*, user: User, daily: DailyQuestion, text: str) -> Answer:
    cleaned = clean_text(text, field="text", limit=ANSWER_MAX, what=_("An answer"), required=True)
    answers = list(Answer.objects.select_for_update().filter(daily=daily))
    mine = next((a for a in answers if a.author_id == user.pk), None)
    partner_done = any(a.author_id != user.pk for a in answers)
    if mine is None:
        try:
            with transaction.atomic():
                answer = Answer.objects.create(daily=daily, author=user, text=cleaned)
        except IntegrityError:
            # The same person's first answer, sent twice at once (two devices, a retry):
            # there is no row to lock yet, so the unique constraint is what catches it.
            raise ConflictError(
                _("Your answer was just saved from another device. Reload to see it."),
                field="text",
                code="answered_elsewhere",
            ) from None
        record_activity(
            couple=daily.couple,
            user=user,
            practice=daily.question.practice,
            kind="question_answer",
            day=daily.date,
        )
        return answer
    if partner_done:
        raise ConflictError(
            _("Your partner has answered too, so your answer is now shared and can't be changed."),
            field="text",
            code="locked",
        )
    mine.text = cleaned
    mine.updated_at = timezone.now()
    mine.save(update_fields=["text", "updated_at"])
    return mine


@transaction.atomic
def swap_question(*, user: User, daily: DailyQuestion) -> DailyQuestion:
    """Swap today's question for another, once a day, before anyone has answered."""
    daily = DailyQuestion.objects.select_for_update().get(id=daily.id)
    if daily.is_bonus:
        raise ServiceError(_("Only the daily question can be swapped."), code="bonus")
    if daily.date != day_of(daily.couple):
        raise ConflictError(
            _("Only today's question can be swapped; this day has passed."), code="not_today"
        )
    if daily.swapped_from_id is not None:
        raise ConflictError(
            _("You've already swapped today's question. A new one comes tomorrow."),
            code="already_swapped",
        )
    if daily.answers.exists():
        raise ConflictError(
            _("One of you has already answered, so today's question stays."), code="answered"
        )
    replacement = _pick(daily.couple, daily.date, salt="swap", exclude={daily.question_id})
    daily.swapped_from_id = daily.question_id
    daily.question = replacement
    daily.save(update_fields=["swapped_from", "question"])
    return daily


@transaction.atomic
def ask_now(*, user: User, question: Question) -> DailyQuestion:
    """Ask a question from the library (or the couple's own) as a bonus today."""
    if question.retired:
        raise GoneError(_("This question has been removed, so it can't be asked."), code="retired")
    couple = ensure_couple(user=user)
    day = day_of(couple)
    existing = DailyQuestion.objects.filter(couple=couple, date=day, question=question).first()
    if existing is not None:
        return existing
    return DailyQuestion.objects.create(couple=couple, date=day, question=question, is_bonus=True)


def _require_revealed(answer: Answer) -> None:
    if answer.daily.answers.count() < 2:
        raise ConflictError(_("You can respond once you've both answered."), code="not_revealed")


@transaction.atomic
def toggle_reaction(*, user: User, answer: Answer, kind: str) -> bool:
    """Add the reaction, or take it back if it was there. Returns whether it is on now."""
    if kind not in Reaction.Kind.values:
        raise ServiceError(_("Choose one of the reactions."), field="kind", code="invalid")
    if answer.author_id == user.pk:
        raise ServiceError(_("Reactions are for your partner's answer."), field="kind", code="own")
    _require_revealed(answer)
    deleted, _rows = Reaction.objects.filter(answer=answer, author=user, kind=kind).delete()
    if deleted:
        return False
    Reaction.objects.create(answer=answer, author=user, kind=kind)
    return True


@transaction.atomic
def add_comment(*, user: User, answer: Answer, text: str) -> Comment:
    cleaned = clean_text(text, field="text", limit=COMMENT_MAX, what=_("A reply"), required=True)
    _require_revealed(answer)
    return Comment.objects.create(answer=answer, author=user, text=cleaned)


def _clean_choice(value: str, choices: list[str], *, field: str) -> str:
    if value not in choices:
        raise ServiceError(_("Choose one of the options."), field=field, code="invalid")
    return value


@transaction.atomic
def create_custom_question(*, user: User, text: str, practice: str, depth: str) -> Question:
    couple = ensure_couple(user=user)
    cleaned = clean_text(
        text, field="text", limit=QUESTION_MAX, what=_("A question"), required=True
    )
    return Question.objects.create(
        deck=own_deck(couple),
        couple=couple,
        practice=_clean_choice(practice, Practice.values, field="practice"),
        depth=_clean_choice(depth, Depth.values, field="depth"),
        custom_text=cleaned,
        author=user,
    )


@transaction.atomic
def delete_custom_question(*, question: Question) -> None:
    if not question.is_custom:
        raise ServiceError(_("Library questions can't be deleted."), code="library")
    if DailyQuestion.objects.filter(question=question).exists():
        # Already asked: keep it for the history, but never ask it again.
        question.retired = True
        question.save(update_fields=["retired"])
    else:
        question.delete()


@transaction.atomic
def update_preferences(
    *, user: User, max_depth: str, enabled_deck_ids: list[str]
) -> QuestionPreferences:
    from closeknit.questions.selectors import decks_for

    couple = ensure_couple(user=user)
    prefs = preferences_for(couple)
    prefs.max_depth = _clean_choice(max_depth, Depth.values, field="max_depth")
    all_decks = {str(deck.id): deck for deck in decks_for(user)}
    unknown = [deck_id for deck_id in enabled_deck_ids if deck_id not in all_decks]
    if unknown:
        raise ServiceError(_("That deck isn't one of yours."), field="decks", code="unknown_deck")
    if not enabled_deck_ids:
        raise ServiceError(_("Keep at least one deck switched on."), field="decks", code="empty")
    prefs.save(update_fields=["max_depth"])
    prefs.disabled_decks.set([d for key, d in all_decks.items() if key not in enabled_deck_ids])
    return prefs


def export_deck(*, deck: Deck) -> dict[str, Any]:
    questions = deck.questions.filter(retired=False).order_by("created_at", "key")
    return {
        "format": DECK_FORMAT,
        "version": DECK_VERSION,
        "name": deck.display_name,
        "questions": [
            {"text": q.text, "practice": q.practice, "depth": q.depth} for q in questions
        ],
    }


class DeckFileError(ServiceError):
    """A deck file was refused; ``problems`` says what is wrong and ``fields`` where.

    ``fields`` runs parallel to ``problems``: "file" for the file as a whole, else a
    JSON path into it such as ``questions[2].depth`` (counted from 0, as in JSON).
    """

    def __init__(self, problems: list[str], fields: list[str] | None = None) -> None:
        summary = _("This file can't be imported: %(problem)s") % {"problem": problems[0]}
        super().__init__(summary, field="file", code="bad_deck")
        self.problems = problems
        self.fields = fields if fields is not None else ["file"] * len(problems)


def parse_deck(raw: bytes) -> tuple[str, list[dict[str, str]]]:
    """Check a whole deck file and return its name and questions, or list every problem."""
    if len(raw) > DECK_MAX_BYTES:
        raise DeckFileError([_("the file is too big: decks can be up to 1 MB.")])
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise DeckFileError([_("it is not a text file (it must be UTF-8 JSON).")]) from exc
    except json.JSONDecodeError as exc:
        raise DeckFileError(
            [
                _("it is not valid JSON (line %(line)d, column %(col)d: %(msg)s).")
                % {"line": exc.lineno, "col": exc.colno, "msg": exc.msg}
            ]
        ) from exc
    except RecursionError as exc:
        # Thousands of nested brackets exhaust the parser's stack; no deck is shaped so.
        raise DeckFileError([_("it is nested too deeply to be a deck file.")]) from exc
    if not isinstance(data, dict):
        raise DeckFileError([_("the file must hold one JSON object, not a list or a value.")])
    problems: list[tuple[str, str]] = []
    if data.get("format") != DECK_FORMAT:
        problems.append(("format", _('"format" must be "%(format)s".') % {"format": DECK_FORMAT}))
    version = data.get("version")
    # JSON true and 1.0 compare equal to 1 in Python; only the integer is the version.
    if type(version) is not int or version != DECK_VERSION:
        problems.append(
            (
                "version",
                _('"version" must be %(version)d; this file says %(found)s.')
                % {"version": DECK_VERSION, "found": json.dumps(version)},
            )
        )
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(("name", _('"name" must be a non-empty text.')))
    elif len(name.strip()) > DECK_NAME_MAX:
        problems.append(
            ("name", _('"name" can be at most %(limit)d characters.') % {"limit": DECK_NAME_MAX})
        )
    questions = data.get("questions")
    cleaned: list[dict[str, str]] = []
    if not isinstance(questions, list) or not questions:
        problems.append(("questions", _('"questions" must be a list with at least one question.')))
    elif len(questions) > DECK_MAX_QUESTIONS:
        problems.append(
            (
                "questions",
                _('"questions" can hold at most %(limit)d questions.')
                % {"limit": DECK_MAX_QUESTIONS},
            )
        )
    else:
        for index, item in enumerate(questions):
            where = _("question %(n)d") % {"n": index + 1}
            path = f"questions[{index}]"
            if not isinstance(item, dict):
                problems.append((path, _("%(where)s must be an object.") % {"where": where}))
                continue
            text = item.get("text")
            if not isinstance(text, str) or not text.strip():
                problems.append(
                    (
                        f"{path}.text",
                        _('%(where)s: "text" must be a non-empty text.') % {"where": where},
                    )
                )
            elif len(text.strip()) > QUESTION_MAX:
                problems.append(
                    (
                        f"{path}.text",
                        _('%(where)s: "text" can be at most %(limit)d characters.')
                        % {"where": where, "limit": QUESTION_MAX},
                    )
                )
            if item.get("practice") not in Practice.values:
                problems.append(
                    (
                        f"{path}.practice",
                        _('%(where)s: "practice" must be one of %(choices)s.')
                        % {"where": where, "choices": ", ".join(Practice.values)},
                    )
                )
            if item.get("depth") not in Depth.values:
                problems.append(
                    (
                        f"{path}.depth",
                        _('%(where)s: "depth" must be one of %(choices)s.')
                        % {"where": where, "choices": ", ".join(Depth.values)},
                    )
                )
            if isinstance(text, str):
                cleaned.append(
                    {
                        "text": text.strip(),
                        "practice": str(item.get("practice")),
                        "depth": str(item.get("depth")),
                    }
                )
    if problems:
        raise DeckFileError(
            [message for _path, message in problems], [path for path, _message in problems]
        )
    return str(name).strip(), cleaned


@transaction.atomic
def import_deck(*, user: User, raw: bytes) -> Deck:
    """All or nothing: a file with any problem imports nothing."""
    name, questions = parse_deck(raw)
    couple = ensure_couple(user=user)
    deck = Deck.objects.create(couple=couple, name=name)
    Question.objects.bulk_create(
        [
            Question(
                deck=deck,
                couple=couple,
                practice=q["practice"],
                depth=q["depth"],
                custom_text=q["text"],
                author=user,
            )
            for q in questions
        ]
    )
    return deck


@transaction.atomic
def delete_deck(*, deck: Deck) -> None:
    if deck.is_library or deck.is_own:
        raise ServiceError(_("This deck can't be deleted."), code="protected")
    asked = set(
        DailyQuestion.objects.filter(question__deck=deck).values_list("question_id", flat=True)
    )
    deck.questions.exclude(id__in=asked).delete()
    if asked:
        # Asked questions stay for the history; the deck just stops being drawn from.
        deck.questions.update(retired=True)
    else:
        deck.delete()


@transaction.atomic
def start_listening_session(
    *, user: User, topic: str, minutes: int, question: Question | None = None
) -> ListeningSession:
    couple = ensure_couple(user=user)
    if minutes not in {1, 2, 3, 5}:
        raise ServiceError(_("Choose one of the times."), field="minutes", code="invalid")
    topic = topic.strip()
    if len(topic) > QUESTION_MAX:
        raise ServiceError(
            _("Keep the topic under %(limit)d characters.") % {"limit": QUESTION_MAX},
            field="topic",
        )
    if not topic and question is None:
        question = todays_question(user=user).question
    return ListeningSession.objects.create(
        couple=couple,
        started_by=user,
        question=question,
        topic=topic,
        speaker_seconds=minutes * 60,
    )


@transaction.atomic
def complete_listening_session(*, session: ListeningSession) -> ListeningSession:
    if session.completed_at is None:
        session.completed_at = timezone.now()
        session.save(update_fields=["completed_at"])
        record_activity(
            couple=session.couple,
            user=session.started_by,
            practice=Practice.COMMUNICATION,
            kind="listening_session",
            day=day_of(session.couple),
        )
    return session


def mark_revealed_days(*, couple_ids: list[Any] | None = None) -> None:
    """Set ``revealed_at`` and ``streak`` on days whose answers were made with
    bulk_create, which sends none of the signals that keep them (seeds, imports).

    The days both answered are marked revealed when their second answer was written;
    then every couple with a revealed day still missing its streak has all of them
    worked out, oldest first.
    """
    dailies = DailyQuestion.objects.all()
    if couple_ids is not None:
        dailies = dailies.filter(couple_id__in=couple_ids)
    last = (
        Answer.objects.filter(daily=OuterRef("pk"))
        .order_by()
        .values("daily")
        .annotate(last=Max("created_at"))
        .values("last")
    )
    dailies.filter(revealed_at__isnull=True).annotate(answer_count=answer_count()).filter(
        answer_count__gte=2
    ).update(revealed_at=Subquery(last))
    revealed = dailies.filter(is_bonus=False, revealed_at__isnull=False)
    stale = revealed.filter(streak__isnull=True).values_list("couple_id", flat=True).distinct()
    for couple_id in list(stale):
        days = list(revealed.filter(couple_id=couple_id).order_by("date").values_list("id", "date"))
        streaks = streaks_by_day([day for _id, day in days])
        DailyQuestion.objects.bulk_update(
            [
                DailyQuestion(id=daily_id, streak=n)
                for (daily_id, _day), n in zip(days, streaks, strict=True)
            ],
            ["streak"],
            batch_size=500,
        )


def fold_solo_couple(solo: Couple, into: Couple) -> None:
    """Keep everything a person did alone when they join a partner's couple.

    Their own questions join the couple's own deck, imported decks move over, and
    their past days come along; a day the couple already has a question for is kept
    as a bonus question of that day, so no answer is lost.
    """
    target_deck = own_deck(into)
    Question.objects.filter(couple=solo, deck__is_own=True).update(couple=into, deck=target_deck)
    Question.objects.filter(couple=solo).update(couple=into)
    Deck.objects.filter(couple=solo, is_own=False).update(couple=into)
    taken = set(
        DailyQuestion.objects.filter(couple=into, is_bonus=False).values_list("date", flat=True)
    )
    DailyQuestion.objects.filter(couple=solo, date__in=taken).update(is_bonus=True)
    DailyQuestion.objects.filter(couple=solo).update(couple=into)
    ListeningSession.objects.filter(couple=solo).update(couple=into)
