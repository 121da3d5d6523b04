"""Writes for the closeness check: answering the month's check and the couple's focus."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from closeknit.accounts.models import User
from closeknit.closeness.focus import choose_focus
from closeknit.closeness.items import CIRCLES, ITEM_KEYS, ITEMS, SCALE_MAX, SCALE_MIN
from closeknit.closeness.models import ClosenessCheck, Focus
from closeknit.closeness.scoring import combine
from closeknit.closeness.selectors import month_of
from closeknit.couples.models import Couple
from closeknit.couples.selectors import partner_of
from closeknit.couples.services import ensure_couple
from closeknit.lib.errors import ConflictError, ServiceError
from closeknit.questions.practices import Practice
from closeknit.questions.selectors import preferences_for


def clean_answers(answers: Mapping[str, object]) -> dict[str, int]:
    """Every item answered with a whole number from 1 to 7, and nothing else."""
    for key in answers:
        if key not in ITEM_KEYS:
            name = str(key)[:40]  # whatever was sent, the message stays short
            raise ServiceError(
                _("There is no question called “%(key)s” in the closeness check.") % {"key": name},
                field=name,
                code="unknown_item",
            )
    cleaned: dict[str, int] = {}
    for item in ITEMS:
        value = answers.get(item.key)
        if value is None or value == "":
            message = (
                _("Choose the picture that fits best.")
                if item.key == CIRCLES
                else _("Choose one of the seven points for this one.")
            )
            raise ServiceError(message, field=item.key, code="required")
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise ServiceError(
                _("Choose a whole number from 1 to 7."), field=item.key, code="invalid"
            )
        try:
            number = int(value)
        except ValueError:
            number = 0
        if not SCALE_MIN <= number <= SCALE_MAX:
            raise ServiceError(
                _("Choose a whole number from 1 to 7."), field=item.key, code="invalid"
            )
        cleaned[item.key] = number
    return cleaned


@transaction.atomic
def submit_check(*, user: User, answers: Mapping[str, object]) -> ClosenessCheck:
    """Save my answers to this month's check, or change them until my partner has
    answered too. Once both have, the month is shared and stays as it is."""
    cleaned = clean_answers(answers)
    couple = ensure_couple(user=user)
    # One partner at a time, so two checks finished at once still choose the focus.
    couple = Couple.objects.select_for_update().get(id=couple.id)
    month = month_of(couple)
    checks = list(ClosenessCheck.objects.select_for_update().filter(couple=couple, month=month))
    mine = next((c for c in checks if c.author_id == user.pk), None)
    theirs = next((c for c in checks if c.author_id != user.pk), None)
    if mine is not None and theirs is not None:
        raise ConflictError(
            _(
                "You've both done this month's check, so your answers are shared now and "
                "can't be changed. There's a new check next month."
            ),
            field="answers",
            code="locked",
        )
    if mine is None:
        try:
            with transaction.atomic():
                mine = ClosenessCheck.objects.create(
                    couple=couple, author=user, month=month, answers=cleaned
                )
        except IntegrityError:
            # My first answers, sent twice at once: no row to lock yet, so the
            # unique constraint is what catches the second.
            raise ConflictError(
                _("Your answers were just saved from another device. Reload to see them."),
                field="answers",
                code="answered_elsewhere",
            ) from None
    else:
        mine.answers = cleaned
        mine.updated_at = timezone.now()
        mine.save(update_fields=["answers", "updated_at"])
    if theirs is not None:
        _focus_from_checks(couple, month, [mine, theirs], alone=None)
    elif partner_of(user) is None:
        # On their own, a person's answers are the couple's. With a partner, one
        # person's answers never choose the focus: the focus is shown to both, and it
        # would tell the partner which practice scored lowest before the reveal.
        _focus_from_checks(couple, month, [mine], alone=user)
    return mine


def _last_focused(couple: Couple, before: date) -> dict[str, date]:
    rows = (
        Focus.objects.filter(couple=couple, month__lt=before)
        .values("practice")
        .annotate(last=Max("month"))
    )
    return {row["practice"]: row["last"] for row in rows}


def _focus_from_checks(
    couple: Couple, month: date, checks: list[ClosenessCheck], *, alone: User | None
) -> None:
    existing = Focus.objects.select_for_update().filter(couple=couple, month=month).first()
    if existing is not None and existing.source == Focus.Source.CHOSEN:
        return  # a focus one of the partners picked by hand is kept
    combined = combine(check.scores for check in checks)
    practice = choose_focus(combined.practices(), _last_focused(couple, month))
    if practice is None:
        return
    _save_focus(
        couple,
        month,
        practice,
        source=Focus.Source.CHECK,
        chosen_by=None,
        from_check_of=alone,
        existing=existing,
    )


def _save_focus(
    couple: Couple,
    month: date,
    practice: str,
    *,
    source: str,
    chosen_by: User | None,
    from_check_of: User | None,
    existing: Focus | None,
) -> Focus:
    if existing is None:
        focus = Focus.objects.create(
            couple=couple,
            month=month,
            practice=practice,
            source=source,
            chosen_by=chosen_by,
            from_check_of=from_check_of,
        )
    else:
        focus = existing
        focus.practice = practice
        focus.source = source
        focus.chosen_by = chosen_by
        focus.from_check_of = from_check_of
        focus.updated_at = timezone.now()
        focus.save(update_fields=["practice", "source", "chosen_by", "from_check_of", "updated_at"])
    prefs = preferences_for(couple)
    if prefs.focus_practice != practice:
        prefs.focus_practice = practice
        prefs.save(update_fields=["focus_practice"])
    return focus


@transaction.atomic
def set_focus(*, user: User, practice: str) -> Focus:
    """Pick the practice we focus on this month; the daily question leans toward it."""
    if practice not in Practice.values:
        raise ServiceError(
            _("Choose one of the eight practices."), field="practice", code="invalid"
        )
    couple = ensure_couple(user=user)
    month = month_of(couple)
    existing = Focus.objects.select_for_update().filter(couple=couple, month=month).first()
    return _save_focus(
        couple,
        month,
        practice,
        source=Focus.Source.CHOSEN,
        chosen_by=user,
        from_check_of=None,
        existing=existing,
    )


def fold_solo_couple(solo: Couple, into: Couple) -> None:
    """Keep a person's own checks when they join their partner. Their focus comes too,
    for months the couple they join has none of its own; one chosen from their answers
    alone stays theirs to see (``Focus.from_check_of``)."""
    ClosenessCheck.objects.filter(couple=solo).update(couple=into)
    taken = Focus.objects.filter(couple=into).values_list("month", flat=True)
    Focus.objects.filter(couple=solo).exclude(month__in=list(taken)).update(couple=into)
    Focus.objects.filter(couple=solo).delete()
