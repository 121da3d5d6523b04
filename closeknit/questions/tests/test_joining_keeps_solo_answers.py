"""Someone who used Closeknit alone keeps everything when they join a partner."""

from __future__ import annotations

import pytest

from closeknit.couples import services as couple_services
from closeknit.couples.selectors import couple_id_of
from closeknit.questions import services
from closeknit.questions.models import Answer, DailyQuestion, Question
from conftest import make_user

pytestmark = pytest.mark.django_db


def test_joiners_own_answers_and_questions_move_into_the_shared_couple():
    inviter = make_user("ines@example.com", "Ines")
    joiner = make_user("jun@example.com", "Jun")
    # Both used the app alone first, on the same day.
    inviter_day = services.todays_question(user=inviter)
    joiner_day = services.todays_question(user=joiner)
    services.answer_question(user=joiner, daily=joiner_day, text="written alone, kept forever")
    own = services.create_custom_question(
        user=joiner, text="What song reminds you of us?", practice="rituals", depth="light"
    )

    invitation = couple_services.create_invitation(user=inviter)
    couple_services.join_couple(user=joiner, code=invitation.code)

    shared = couple_id_of(inviter)
    assert couple_id_of(joiner) == shared
    answer = Answer.objects.get(author=joiner)
    assert answer.text == "written alone, kept forever"
    assert answer.daily.couple_id == shared
    # The couple already had a question that day, so the joiner's day is kept as a bonus.
    assert DailyQuestion.objects.get(id=joiner_day.id).is_bonus
    assert DailyQuestion.objects.get(id=inviter_day.id).is_bonus is False
    moved = Question.objects.get(id=own.id)
    assert moved.couple_id == shared
    assert moved.deck.is_own
    assert moved.deck.couple_id == shared


def test_a_couple_whose_own_question_was_asked_can_still_be_deleted_whole():
    from closeknit.couples.models import Couple

    person = make_user("ola@example.com", "Ola")
    own = services.create_custom_question(
        user=person, text="Which smell takes you straight home?", practice="rituals", depth="light"
    )
    services.ask_now(user=person, question=own)
    couple_id = couple_id_of(person)
    assert couple_id is not None
    Couple.objects.filter(id=couple_id).delete()
    assert not Question.objects.filter(id=own.id).exists()
    assert not DailyQuestion.objects.filter(couple_id=couple_id).exists()


def test_a_question_still_asked_by_a_day_cannot_be_deleted_alone():
    from django.db.models import RestrictedError

    person = make_user("ola@example.com", "Ola")
    own = services.create_custom_question(
        user=person, text="Which smell takes you straight home?", practice="rituals", depth="light"
    )
    services.ask_now(user=person, question=own)
    with pytest.raises(RestrictedError):
        Question.objects.filter(id=own.id).delete()
