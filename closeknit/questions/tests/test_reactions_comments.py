"""Reacting to the partner's answer and talking about it, only once both have answered."""

from __future__ import annotations

import pytest
from django.db import connection

from closeknit.questions.models import Answer, Comment, DailyQuestion, Reaction
from closeknit.questions.services import COMMENT_MAX
from closeknit.questions.tests.support import answer, daily_url, open_today, page

pytestmark = pytest.mark.django_db


@pytest.fixture
def revealed(partner_a, partner_b) -> DailyQuestion:
    daily = open_today(partner_a)
    answer(partner_a, daily, "Alex's answer")
    answer(partner_b, daily, "Sam's answer")
    return daily


def _answer_of(persona) -> Answer:
    return Answer.objects.get(author=persona.user)


def _react(persona, target: Answer, kind: str):
    return persona.client.post(
        f"/questions/answers/{target.id}/react/", {"kind": kind}, follow=True
    )


def _comment(persona, target: Answer, text: str):
    return persona.client.post(f"/questions/answers/{target.id}/comment/", {"text": text})


def test_reacting_to_the_partners_answer_adds_the_reaction_and_again_takes_it_back(
    revealed, partner_a, partner_b
):
    target = _answer_of(partner_a)
    response = _react(partner_b, target, "heart")
    assert response.redirect_chain[-1][0] == f"{daily_url(revealed)}#answer-{target.id}"
    reaction = Reaction.objects.get()
    assert (reaction.answer, reaction.author, reaction.kind) == (target, partner_b.user, "heart")
    assert 'value="heart" class="chip chip--on"' in page(response)
    assert 'aria-pressed="true"' in page(response)

    again = _react(partner_b, target, "heart")
    assert not Reaction.objects.exists()
    assert 'aria-pressed="true"' not in page(again)


def test_several_reactions_can_sit_on_one_answer_and_the_author_sees_them(
    revealed, partner_a, partner_b
):
    target = _answer_of(partner_a)
    _react(partner_b, target, "hear_you")
    _react(partner_b, target, "tell_me_more")
    assert set(Reaction.objects.values_list("kind", flat=True)) == {"hear_you", "tell_me_more"}
    own_page = page(partner_a.client.get(daily_url(revealed)))
    assert "I hear you" in own_page
    assert "Tell me more" in own_page


def test_an_answer_without_reactions_says_so_to_its_author(revealed, partner_a):
    assert "No reaction yet." in page(partner_a.client.get(daily_url(revealed)))


def test_nobody_can_react_to_their_own_answer(revealed, partner_a):
    response = _react(partner_a, _answer_of(partner_a), "heart")
    assert "Reactions are for your partner's answer." in page(response)
    assert not Reaction.objects.exists()


def test_an_unknown_reaction_is_refused(revealed, partner_a, partner_b):
    response = _react(partner_b, _answer_of(partner_a), "thumbs_down")
    assert "Choose one of the reactions." in page(response)
    assert not Reaction.objects.exists()


def test_nothing_can_be_added_before_both_have_answered(partner_a, partner_b):
    daily = open_today(partner_a)
    answer(partner_a, daily, "Alex's answer")
    target = _answer_of(partner_a)
    reacted = _react(partner_b, target, "heart")
    assert "You can respond once you've both answered." in page(reacted)
    commented = _comment(partner_b, target, "tell me more")
    assert commented.status_code == 422
    assert "You can respond once you've both answered." in page(commented)
    # The author has answered but is still waiting, so their own thread stays closed too.
    own = _comment(partner_a, target, "a note to self")
    assert own.status_code == 422
    assert not Reaction.objects.exists()
    assert not Comment.objects.exists()


def test_both_partners_can_reply_on_an_answer_and_both_see_the_thread(
    revealed, partner_a, partner_b
):
    target = _answer_of(partner_a)
    first = _comment(partner_b, target, "That made me smile")
    assert first.status_code == 302
    assert first["Location"] == f"{daily_url(revealed)}#answer-{target.id}"
    _comment(partner_a, target, "It made me smile too")
    thread = list(Comment.objects.order_by("created_at").values_list("author", flat=True))
    assert thread == [partner_b.user.pk, partner_a.user.pk]
    assert [c.text for c in Comment.objects.order_by("created_at")] == [
        "That made me smile",
        "It made me smile too",
    ]
    a_page = page(partner_a.client.get(daily_url(revealed)))
    b_page = page(partner_b.client.get(daily_url(revealed)))
    assert "Sam:</strong> That made me smile" in a_page
    assert "You:</strong> It made me smile too" in a_page
    assert "You:</strong> That made me smile" in b_page
    assert "Alex:</strong> It made me smile too" in b_page


def test_a_reply_is_encrypted_at_rest(revealed, partner_b, partner_a):
    _comment(partner_b, _answer_of(partner_a), "a very tender reply")
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM questions_comment")
        (stored,) = cursor.fetchone()
    assert stored.startswith("ck1:")
    assert "tender" not in stored


def test_a_reply_of_the_longest_length_is_kept(revealed, partner_a, partner_b):
    response = _comment(partner_b, _answer_of(partner_a), "y" * COMMENT_MAX)
    assert response.status_code == 302
    assert len(Comment.objects.get().text) == COMMENT_MAX


def test_an_over_long_reply_gets_a_field_error_and_keeps_the_typed_text(
    revealed, partner_a, partner_b
):
    typed = "so much to say " * 40
    assert len(typed.strip()) > COMMENT_MAX
    response = _comment(partner_b, _answer_of(partner_a), typed)
    assert response.status_code == 422
    html = page(response)
    assert f"at most {COMMENT_MAX} characters" in html
    assert typed.strip() in html
    assert not Comment.objects.exists()


def test_an_empty_reply_gets_a_field_error(revealed, partner_a, partner_b):
    response = _comment(partner_b, _answer_of(partner_a), "   ")
    assert response.status_code == 422
    assert "This field is required." in page(response)
    assert not Comment.objects.exists()
