"""How Alex and Sam felt, for ``manage.py demo``: two weeks of check-ins and two
months of the closeness check.

Each check-in names up to three words from ``checkins.vocabulary``, a strength from 1
to 5, a short note and sometimes a need. ``guess`` is the partner's guess at it (a
feeling family and a strength), made before seeing it; ``skipped`` means the partner
chose "just show me". ``reactions``, ``can_help`` and ``replies`` are the responses
under it: reactions and the offer of help are the partner's, replies either's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from closeknit.checkins.models import CheckInReaction
from closeknit.today.management.commands.demo_answers import Reply, reply

HEAR_YOU = CheckInReaction.Kind.HEAR_YOU.value
MAKES_SENSE = CheckInReaction.Kind.MAKES_SENSE.value
HERE_FOR_YOU = CheckInReaction.Kind.HERE_FOR_YOU.value
THANKS = CheckInReaction.Kind.THANKS_FOR_SHARING.value
HUG = CheckInReaction.Kind.HUG.value


@dataclass(frozen=True)
class Felt:
    feelings: tuple[str, ...]
    intensity: int
    note: str = ""
    need: str = ""
    shared: bool = True
    guess: tuple[str, int] | None = None
    skipped: bool = False
    reactions: tuple[str, ...] = ()
    can_help: bool = False
    replies: tuple[Reply, ...] = ()
    at: time | None = None  # the author's local time, when not their usual one


@dataclass(frozen=True)
class FeltDay:
    days_ago: int
    alex: Felt | None = None
    sam: Felt | None = None


# Oldest first. Today Sam checked in before her shift and Alex hasn't looked yet.
CHECKINS: tuple[FeltDay, ...] = (
    FeltDay(
        13,
        alex=Felt(
            ("content", "rested"),
            3,
            "Long walk by the canal before work. Made too much soup again.",
            guess=("calm", 3),
            reactions=(THANKS,),
        ),
        sam=Felt(
            ("tired", "grateful"),
            4,
            "Twelve hours on the ward, and a patient's daughter hugged me on the way out. "
            "Feet are done, heart is full.",
            need="rest",
            guess=("tired", 3),
            reactions=(HEAR_YOU,),
        ),
    ),
    FeltDay(
        12,
        alex=Felt(
            ("stressed", "scattered"),
            3,
            "Deadline moved up a week. Fine. Mostly fine.",
            need="patience",
            guess=("calm", 2),
            reactions=(MAKES_SENSE,),
            replies=(
                reply("sam", "“Mostly fine” is doing a lot of work there. Call me at lunch?"),
                reply("alex", "Deal."),
            ),
        ),
        sam=Felt(
            ("cheerful", "eager"),
            4,
            "Day off! Farmers' market, then I'm finally fixing the wobbly shelf.",
            guess=("joyful", 4),
            reactions=(THANKS,),
        ),
    ),
    FeltDay(
        11,
        alex=Felt(("tired",), 2, "Slept badly.", need="sleep", reactions=(HERE_FOR_YOU,)),
        sam=Felt(
            ("anxious", "unsure"),
            3,
            "Nights start tomorrow and I never sleep properly the day before. "
            "Everything feels a bit wobbly.",
            need="reassurance",
            guess=("tired", 3),
            can_help=True,
            replies=(reply("alex", "Here all evening. Ring whenever you wake up."),),
        ),
    ),
    FeltDay(
        10,
        alex=Felt(
            ("affectionate", "grateful"),
            4,
            "Found your note in my coat pocket. The one from the airport. Kept it.",
            guess=("loving", 4),
            reactions=(HUG,),
            replies=(reply("sam", "I wondered when you'd find that one!"),),
        ),
        sam=Felt(
            ("exhausted", "proud"),
            4,
            "First night done. Kept someone very poorly stable until the day team came in. "
            "Going to sleep for a week.",
            need="sleep",
            reactions=(HERE_FOR_YOU,),
        ),
    ),
    FeltDay(
        9,
        sam=Felt(
            ("drained", "lonely"),
            4,
            "Second night. The ward is so quiet at 3am and I kept thinking you'd be "
            "waking up soon.",
            need="check_on_me",
            can_help=True,
            replies=(
                reply(
                    "alex",
                    "Walked past the bakery you like. Took a photo for you. "
                    "Sending it when you're up.",
                ),
            ),
        ),
    ),
    FeltDay(
        8,
        alex=Felt(
            ("peaceful", "curious"),
            2,
            "Tried your mum's recipe. Needs more garlic. Everything does.",
            guess=("joyful", 3),
            reactions=(THANKS,),
        ),
        sam=Felt(
            ("relaxed", "glad"),
            3,
            "Nights are over. Slept ten hours and woke up to your photos.",
            guess=("tired", 4),
            reactions=(HUG,),
        ),
    ),
    FeltDay(
        7,
        alex=Felt(
            ("lonely", "insecure"),
            4,
            "Watched the couple next door carry their shopping in together and felt it more "
            "than I expected. Not ready to say this one out loud.",
            need="closeness",
            shared=False,
        ),
        sam=Felt(
            ("warm", "hopeful"),
            4,
            "Looked at flights for March. Not booking anything yet. Just looking. "
            "(I'm booking something.)",
            need="plan",
            guess=("hopeful", 3),
            replies=(reply("alex", "Look at the ones landing on a Friday."),),
        ),
    ),
    FeltDay(6, alex=Felt(("steady",), 3, "Good week at work after all. Cooked properly.")),
    FeltDay(
        5,
        alex=Felt(
            ("anxious", "tense"),
            3,
            "Rent is going up next year. Thinking about what that means for us.",
            need="talk",
            guess=("tired", 2),
            reactions=(HERE_FOR_YOU,),
            can_help=True,
            replies=(reply("sam", "Let's do the numbers together at the weekend. With snacks."),),
        ),
        sam=Felt(
            ("annoyed", "fed_up"),
            3,
            "Next month's rota is out and I'm on all weekend for your birthday. Asked to swap.",
            need="vent",
            guess=("angry", 3),
            reactions=(MAKES_SENSE,),
        ),
    ),
    FeltDay(
        4,
        sam=Felt(
            ("happy", "accomplished"),
            4,
            "Swap approved!!! Your birthday weekend is ours. Call me when you see this.",
            need="celebrate",
            skipped=True,
            reactions=(THANKS,),
            replies=(reply("alex", "Calling now."),),
            at=time(16, 5),  # on her break, before Alex's evening in London
        ),
    ),
    FeltDay(
        3,
        alex=Felt(
            ("delighted", "eager"),
            4,
            "Booked the days off for your visit. Told my manager before I could overthink it.",
            guess=("joyful", 5),
            reactions=(HUG,),
            replies=(reply("sam", "Overthinking is my job anyway."),),
        ),
        sam=Felt(
            ("tired", "content"),
            3,
            "Late shift, quiet one. Ate your soup out of a thermos like a proper Londoner.",
            guess=("tired", 2),
        ),
    ),
    FeltDay(
        2,
        alex=Felt(("tired", "warm"), 3, "Late call ran long. Worth it.", reactions=(THANKS,)),
        sam=Felt(
            ("close", "cared_for"),
            4,
            "Three hours on the phone and it felt like sitting on the same sofa.",
            guess=("loving", 3),
            reactions=(HUG,),
        ),
    ),
    FeltDay(
        1,
        alex=Felt(
            ("relaxed", "grateful"),
            3,
            "Slow day off. Cleaned the flat. Bought a second mug, just in case.",
            guess=("calm", 3),
            reactions=(HUG,),
        ),
        sam=Felt(
            ("nervous", "tired"),
            3,
            "Back on earlies tomorrow and my new manager starts. Hoping she's kind.",
            need="encouragement",
            guess=("anxious", 4),
            can_help=True,
            replies=(reply("alex", "She's lucky to get you. Tell me everything after."),),
        ),
    ),
    FeltDay(
        0,
        sam=Felt(
            ("nervous", "hopeful"),
            3,
            "Quick one before my shift: new manager today. I'll answer the question on my "
            "break, promise.",
            need="encouragement",
        ),
    ),
)


# The closeness check, item key to a point from 1 to 7 (see ``closeness.items``).
# The month before: both feel the distance in quality time; Alex scores
# vulnerability and openness lower than Sam does.
# This month: quality time has picked up; where they'll end up living, not yet.
def _answers(signs: tuple[int, ...], practices: tuple[int, ...], circles: int) -> dict[str, int]:
    sign_keys = ("self_1", "self_2", "open_1", "open_2", "read_1", "read_2")
    sign_keys2 = ("grow_1", "grow_2", "safe_1", "safe_2")
    practice_keys = ("p_communication", "p_quality_time", "p_vulnerability", "p_appreciation")
    practice_keys2 = ("p_goals", "p_conflict", "p_rituals", "p_trust")
    return {
        **dict(zip(sign_keys + sign_keys2, signs, strict=True)),
        **dict(zip(practice_keys + practice_keys2, practices, strict=True)),
        "circles": circles,
    }


LAST_MONTH = {
    "alex": _answers((6, 5, 4, 5, 5, 4, 6, 6, 6, 5), (5, 3, 3, 6, 4, 5, 4, 7), 5),
    "sam": _answers((7, 6, 6, 6, 4, 5, 6, 7, 5, 5), (6, 2, 5, 6, 4, 5, 5, 7), 5),
}
THIS_MONTH = {
    "alex": _answers((6, 6, 5, 5, 5, 5, 6, 6, 6, 6), (5, 4, 4, 6, 3, 5, 5, 7), 6),
    "sam": _answers((7, 6, 6, 6, 5, 5, 7, 7, 6, 5), (6, 4, 5, 7, 3, 4, 6, 7), 6),
}
