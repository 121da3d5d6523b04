"""The feelings vocabulary and the list of needs, written for Closeknit.

Plain words a twelve-year-old would use, each with a short, kind description, so
that naming a feeling is easy even on a day when it is not. Families group the
words (and are what an empathy guess names); each family is pleasant or
unpleasant, never "good" or "bad".

Keys are stored in the database and used by the API: never change or reuse one.
Labels and descriptions may be reworded freely.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

PLEASANT = "pleasant"
UNPLEASANT = "unpleasant"
TONES = (PLEASANT, UNPLEASANT)


@dataclass(frozen=True)
class Feeling:
    key: str
    label: str | Promise
    description: str | Promise
    family: str
    tone: str


@dataclass(frozen=True)
class Family:
    key: str
    label: str | Promise
    tone: str
    description: str | Promise
    feelings: tuple[Feeling, ...]


@dataclass(frozen=True)
class Need:
    key: str
    label: str | Promise
    description: str | Promise


def _family(
    key: str,
    label: str | Promise,
    tone: str,
    description: str | Promise,
    words: list[tuple[str, str | Promise, str | Promise]],
) -> Family:
    return Family(
        key=key,
        label=label,
        tone=tone,
        description=description,
        feelings=tuple(Feeling(k, word, text, key, tone) for k, word, text in words),
    )


FAMILIES: tuple[Family, ...] = (
    _family(
        "joyful",
        _("Joyful"),
        PLEASANT,
        _("Light, bright feelings that make you want to smile."),
        [
            ("happy", _("happy"), _("Things feel good and light right now.")),
            ("cheerful", _("cheerful"), _("In a bright mood that is easy to share.")),
            ("delighted", _("delighted"), _("Something has really pleased you.")),
            ("playful", _("playful"), _("Up for fun, jokes and being a bit silly.")),
            ("amused", _("amused"), _("Something made you smile or laugh out loud.")),
            ("grateful", _("grateful"), _("Thankful for something or someone.")),
            ("glad", _("glad"), _("Pleased that something turned out the way it did.")),
            ("carefree", _("carefree"), _("Nothing is weighing on you for now.")),
        ],
    ),
    _family(
        "calm",
        _("Calm"),
        PLEASANT,
        _("Quiet, settled feelings, like a slow breath out."),
        [
            ("peaceful", _("peaceful"), _("Quiet inside, with nothing pulling at you.")),
            ("relaxed", _("relaxed"), _("Your body and mind feel loose and easy.")),
            ("content", _("content"), _("Happy with things just as they are.")),
            ("safe", _("safe"), _("Protected, with nothing you need to brace against.")),
            ("steady", _("steady"), _("Balanced, able to take things as they come.")),
            ("rested", _("rested"), _("You have had enough sleep or a proper break.")),
            (
                "comfortable",
                _("comfortable"),
                _("At ease where you are and with who you are with."),
            ),
            ("patient", _("patient"), _("Happy to wait and let things take their time.")),
        ],
    ),
    _family(
        "loving",
        _("Loving"),
        PLEASANT,
        _("Warm feelings towards someone, or from them."),
        [
            ("affectionate", _("affectionate"), _("Wanting to hug, hold hands or just be near.")),
            ("close", _("close"), _("Connected to someone, as if you are on the same side.")),
            ("tender", _("tender"), _("Soft and gentle towards someone.")),
            ("warm", _("warm"), _("Kind feelings flowing out to the people around you.")),
            ("cared_for", _("cared for"), _("Someone has looked after you and you can feel it.")),
            ("understood", _("understood"), _("Someone really gets what you mean.")),
            ("trusting", _("trusting"), _("Sure that you can count on someone.")),
            ("appreciated", _("appreciated"), _("What you do has been noticed and valued.")),
        ],
    ),
    _family(
        "hopeful",
        _("Hopeful and lively"),
        PLEASANT,
        _("Feelings with energy in them, looking forward."),
        [
            ("hopeful", _("hopeful"), _("Expecting good things to come.")),
            ("excited", _("excited"), _("Buzzing about something that is coming up.")),
            ("curious", _("curious"), _("Keen to find something out or try it.")),
            ("eager", _("eager"), _("Ready and keen to get going.")),
            ("inspired", _("inspired"), _("Full of ideas and wanting to make something.")),
            ("motivated", _("motivated"), _("You have the push to get things done.")),
            ("lively", _("lively"), _("Full of energy and bounce.")),
            ("optimistic", _("optimistic"), _("Believing that things will work out.")),
        ],
    ),
    _family(
        "proud",
        _("Proud and strong"),
        PLEASANT,
        _("Feeling good about yourself and what you can do."),
        [
            ("proud", _("proud"), _("Pleased with something you did, or with who you are.")),
            ("confident", _("confident"), _("Sure of yourself and your choices.")),
            ("capable", _("capable"), _("Able to handle what is in front of you.")),
            ("brave", _("brave"), _("Ready to face something, even though it is hard.")),
            ("strong", _("strong"), _("Solid inside, able to carry what you need to.")),
            ("accomplished", _("accomplished"), _("You finished something that mattered.")),
            ("free", _("free"), _("Nothing is holding you back.")),
            ("determined", _("determined"), _("Set on doing something, whatever it takes.")),
        ],
    ),
    _family(
        "sad",
        _("Sad"),
        UNPLEASANT,
        _("Low, heavy feelings, often about something lost or missed."),
        [
            ("sad", _("sad"), _("A low, heavy feeling, sometimes close to tears.")),
            ("down", _("down"), _("Flat and low, without much spark.")),
            ("disappointed", _("disappointed"), _("Something did not turn out how you hoped.")),
            ("discouraged", _("discouraged"), _("Losing heart about something you tried.")),
            ("grieving", _("grieving"), _("Missing someone or something that is gone.")),
            ("empty", _("empty"), _("Hollow inside, as if something is missing.")),
            ("regretful", _("regretful"), _("Wishing you had done something differently.")),
            (
                "missing_someone",
                _("missing someone"),
                _("Wanting someone who is not with you right now."),
            ),
        ],
    ),
    _family(
        "anxious",
        _("Anxious"),
        UNPLEASANT,
        _("Worried, jumpy feelings about what might happen."),
        [
            ("anxious", _("anxious"), _("Your mind keeps jumping to what might go wrong.")),
            ("worried", _("worried"), _("Thinking about a problem and unable to let it go.")),
            ("nervous", _("nervous"), _("Jittery about something that is about to happen.")),
            ("scared", _("scared"), _("Afraid that something bad could happen.")),
            ("uneasy", _("uneasy"), _("Something feels off, even if you can't say what.")),
            ("tense", _("tense"), _("Tight in your body, as if bracing for something.")),
            ("unsure", _("unsure"), _("Not knowing what to think or what to do.")),
            ("insecure", _("insecure"), _("Doubting yourself, or your place with someone.")),
        ],
    ),
    _family(
        "angry",
        _("Angry"),
        UNPLEASANT,
        _("Hot, sharp feelings when something seems wrong or unfair."),
        [
            ("angry", _("angry"), _("Fired up about something that isn't right.")),
            (
                "frustrated",
                _("frustrated"),
                _("Stuck, because something keeps getting in the way."),
            ),
            ("annoyed", _("annoyed"), _("Bothered by something small that keeps bugging you.")),
            ("irritable", _("irritable"), _("Quick to snap; little things get to you today.")),
            ("resentful", _("resentful"), _("Still stung by something unfair from before.")),
            (
                "jealous",
                _("jealous"),
                _("Afraid that someone might come between you and what you love."),
            ),
            ("fed_up", _("fed up"), _("You have had enough of something.")),
            ("impatient", _("impatient"), _("Wanting things to move faster than they are.")),
        ],
    ),
    _family(
        "hurt",
        _("Hurt and lonely"),
        UNPLEASANT,
        _("Sore feelings that come from being apart or let down."),
        [
            ("hurt", _("hurt"), _("Someone's words or actions stung.")),
            ("lonely", _("lonely"), _("Wanting company or closeness and not having it.")),
            ("left_out", _("left out"), _("Not included in something you wanted to be part of.")),
            ("let_down", _("let down"), _("Someone didn't do what you were counting on.")),
            (
                "misunderstood",
                _("misunderstood"),
                _("Others are not getting what you really mean."),
            ),
            ("unheard", _("unheard"), _("As if what you say is not being listened to.")),
            ("embarrassed", _("embarrassed"), _("Wishing others hadn't seen something.")),
            ("guilty", _("guilty"), _("Feeling bad about something you did or didn't do.")),
        ],
    ),
    _family(
        "tired",
        _("Tired and overwhelmed"),
        UNPLEASANT,
        _("Running low, or carrying more than feels possible."),
        [
            ("tired", _("tired"), _("Low on energy and ready for a rest.")),
            ("exhausted", _("exhausted"), _("Completely worn out, in body and mind.")),
            ("overwhelmed", _("overwhelmed"), _("Too much at once, more than you can take in.")),
            ("stressed", _("stressed"), _("Under pressure, with a lot to get done.")),
            ("drained", _("drained"), _("As if something has used up all your energy.")),
            ("scattered", _("scattered"), _("Your thoughts are all over the place.")),
            ("numb", _("numb"), _("Not feeling much of anything right now.")),
            ("restless", _("restless"), _("Unable to settle or sit still.")),
        ],
    ),
)

NEEDS: tuple[Need, ...] = (
    Need("rest", _("Rest"), _("Time to stop and recharge.")),
    Need("reassurance", _("Reassurance"), _("To hear that we are OK and you are on my side.")),
    Need("help", _("Help"), _("A hand with something I am carrying.")),
    Need("time_together", _("Time together"), _("Some unhurried time with you.")),
    Need("space", _("Some space"), _("A little room to myself. It isn't about you.")),
    Need("hug", _("A hug"), _("A hug, or just being held for a while.")),
    Need("listened_to", _("To be listened to"), _("Someone to listen without trying to fix it.")),
    Need("encouragement", _("Encouragement"), _("A few words that say I can do this.")),
    Need("patience", _("Patience"), _("Some slack while I am not at my best.")),
    Need("fun", _("Some fun"), _("Something light and playful to look forward to.")),
    Need("quiet", _("Quiet"), _("Less noise and fewer things asked of me.")),
    Need("comfort", _("Comfort"), _("Kindness and softness after a hard time.")),
    Need("appreciation", _("Appreciation"), _("To know that what I do is noticed.")),
    Need("honesty", _("Honesty"), _("To hear what you really think, said gently.")),
    Need("fresh_air", _("Fresh air"), _("To get outside and move for a bit.")),
    Need("good_meal", _("A good meal"), _("Proper food, or someone to share it with.")),
    Need("sleep", _("Sleep"), _("An early night or a slow morning.")),
    Need("understanding", _("Understanding"), _("For you to see where I am coming from.")),
    Need("closeness", _("Closeness"), _("Sitting close, holding hands, being near.")),
    Need("plan", _("A plan"), _("To work out together what happens next.")),
    Need("vent", _("To let it out"), _("To say how it is without being judged.")),
    Need("something_new", _("Something new"), _("A change from the usual routine.")),
    Need("distraction", _("A distraction"), _("Something to take my mind off things.")),
    Need("gentleness", _("Gentleness"), _("Soft words and a soft tone today.")),
    Need("talk", _("A proper talk"), _("Time to talk about how things really are.")),
    Need("make_up", _("To make up"), _("To put things right between us and move on.")),
    Need("think_it_through", _("Thinking it through"), _("Help weighing up a choice I face.")),
    Need("company", _("Company"), _("Just having you around, even doing our own things.")),
    Need("check_on_me", _("Check on me"), _("Ask me again later how I am doing.")),
    Need("celebrate", _("To celebrate"), _("To mark something good that happened.")),
)

FEELINGS: dict[str, Feeling] = {f.key: f for family in FAMILIES for f in family.feelings}
FAMILY_BY_KEY: dict[str, Family] = {family.key: family for family in FAMILIES}
NEED_BY_KEY: dict[str, Need] = {need.key: need for need in NEEDS}


def family_of(feeling_key: str) -> Family:
    return FAMILY_BY_KEY[FEELINGS[feeling_key].family]


def families_of(feeling_keys: list[str]) -> list[str]:
    """The families these feelings belong to, each once, in the order first named.

    Unknown keys are left out, so a word retired from the vocabulary cannot break
    an old check-in.
    """
    seen: list[str] = []
    for key in feeling_keys:
        feeling = FEELINGS.get(key)
        if feeling is not None and feeling.family not in seen:
            seen.append(feeling.family)
    return seen
