"""A couple with something in every feature, so fuzzed requests reach real objects."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from closeknit.accounts.models import User
from closeknit.checkins import services as checkins
from closeknit.checkins.models import CheckInReaction
from closeknit.checkins.vocabulary import FAMILIES, NEEDS
from closeknit.closeness.items import ITEMS
from closeknit.closeness.selectors import month_of
from closeknit.closeness.services import set_focus, submit_check
from closeknit.conflict import services as conflict
from closeknit.couples.selectors import get_couple_for
from closeknit.questions import services as questions
from closeknit.questions.models import Question, Reaction
from closeknit.questions.practices import Depth, Practice


@dataclass
class Seeded:
    """The ids of what was made, by the name the API's path parameters give them."""

    ids: dict[str, list[str]] = field(default_factory=dict)
    # Bodies a random generator would hardly hit (keys from a vocabulary, every item of
    # a check), by operation, so the success path of those operations is fuzzed too.
    bodies: dict[str, list[dict[str, object]]] = field(default_factory=dict)

    def add(self, name: str, value: object) -> None:
        self.ids.setdefault(name, []).append(str(value))


def lived_in_couple(a: User, b: User) -> Seeded:
    seeded = Seeded()

    # Today's question, answered by both (revealed), with a reaction and a reply.
    daily = questions.todays_question(user=a)
    mine = questions.answer_question(user=a, daily=daily, text="Our walk by the river.")
    theirs = questions.answer_question(user=b, daily=daily, text="Pancakes on Sunday.")
    questions.toggle_reaction(user=b, answer=mine, kind=Reaction.Kind.HEAR_YOU)
    questions.add_comment(user=a, answer=theirs, text="Let's do that again.")
    seeded.add("daily_id", daily.id)
    seeded.add("answer_id", mine.id)
    seeded.add("answer_id", theirs.id)

    # A bonus question only A has answered: still hidden from both.
    library_question = Question.objects.filter(deck__couple=None, retired=False).first()
    assert library_question is not None, "the question library is empty"
    bonus = questions.ask_now(user=a, question=library_question)
    waiting = questions.answer_question(user=a, daily=bonus, text="Not yet shown to Sam.")
    seeded.add("daily_id", bonus.id)
    seeded.add("answer_id", waiting.id)
    seeded.add("question_id", library_question.id)

    # Questions of their own and an imported deck.
    custom = questions.create_custom_question(
        user=a, text="What made you laugh today?", practice=Practice.APPRECIATION, depth=Depth.LIGHT
    )
    seeded.add("question_id", custom.id)
    seeded.add("deck_id", custom.deck_id)
    deck = questions.import_deck(
        user=a,
        raw=json.dumps(
            {
                "format": questions.DECK_FORMAT,
                "version": questions.DECK_VERSION,
                "name": "Road trip",
                "questions": [
                    {"text": "Where next?", "practice": Practice.GOALS, "depth": Depth.LIGHT},
                    {"text": "Best stop?", "practice": Practice.RITUALS, "depth": Depth.DEEPER},
                ],
            }
        ).encode(),
    )
    seeded.add("deck_id", deck.id)
    session = questions.start_listening_session(user=a, topic="Holidays", minutes=2)
    seeded.add("session_id", session.id)

    # Feelings check-ins from both, a guess, a reaction and a reply.
    feeling_keys = [f.key for f in FAMILIES[0].feelings[:2]]
    own = checkins.save_checkin(
        user=a, feelings=feeling_keys, intensity=3, note="A long week.", need=NEEDS[0].key
    )
    partners = checkins.save_checkin(
        user=b, feelings=[FAMILIES[1].feelings[0].key], intensity=4, need=NEEDS[1].key
    )
    checkins.make_guess(user=a, family=FAMILIES[1].key, intensity=4)
    checkins.toggle_reaction(user=a, checkin=partners, kind=CheckInReaction.Kind.values[0])
    checkins.add_reply(user=a, checkin=partners, text="Here for you.")
    seeded.add("checkin_id", own.id)
    seeded.add("checkin_id", partners.id)

    # This month's closeness check from both, and a focus.
    answers = {item.key: 5 for item in ITEMS}
    submit_check(user=a, answers=answers)
    submit_check(user=b, answers={item.key: 4 for item in ITEMS})
    set_focus(user=a, practice=Practice.TRUST)
    couple = get_couple_for(a)
    assert couple is not None
    seeded.add("month", f"{month_of(couple):%Y-%m}")

    # A repair with both sides done and an agreement on the table, and one just begun.
    repair = conflict.start_repair(user=a, title="The missed call")
    for person, note in ((a, "I felt forgotten."), (b, "I was stuck at work.")):
        conflict.save_repair_side(
            user=person,
            repair_id=repair.id,
            feelings=feeling_keys[:1],
            trigger=note,
            my_part="I didn't say so.",
            need="To be thought of.",
            differently="Say it sooner.",
        )
        conflict.finish_repair_side(user=person, repair_id=repair.id)
    conflict.set_repair_agreement(user=a, repair_id=repair.id, text="Text when running late.")
    fresh = conflict.start_repair(user=b, title="Dishes")
    seeded.add("repair_id", repair.id)
    seeded.add("repair_id", fresh.id)

    seeded.bodies = {
        "PUT /api/v1/checkins/today": [
            {"feelings": feeling_keys, "intensity": 2, "note": "Better now.", "shared": False},
            {"feelings": feeling_keys[:1], "intensity": 5, "need": NEEDS[2].key},
        ],
        "PUT /api/v1/conflict/repairs/{repair_id}/side": [
            {"feelings": feeling_keys[:1], "trigger": "Plans changed.", "need": "A call."}
        ],
        "POST /api/v1/closeness/check": [{item.key: 3 for item in ITEMS}],
        "POST /api/v1/questions/custom": [
            {"text": "What song takes you back?", "practice": "rituals", "depth": "light"}
        ],
    }
    return seeded
