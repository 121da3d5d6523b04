"""What Alex and Sam wrote for their daily questions, for ``manage.py demo``.

Every entry is keyed by the question's library key and says how many days ago it was
the couple's question. The month deepens the way the app does: light questions in the
first week, deeper ones mixed in after that, and the deepest from the fifth week on.

Alex (they/them, London) keeps it short and dry, cooks, walks early and is slow to say
how they feel. Sam (she/her, Toronto) is warm and talkative, works shifts on a hospital
ward and misses Alex across the ocean. They live apart for now, five hours between them.

``reactions`` on an answer are the partner's; ``replies`` are the short thread under it,
oldest first. A day missing from the calendar is a day nobody answered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from closeknit.questions.models import Reaction

Who = Literal["alex", "sam"]

HEAR_YOU = Reaction.Kind.HEAR_YOU.value
ME_TOO = Reaction.Kind.ME_TOO.value
TELL_ME_MORE = Reaction.Kind.TELL_ME_MORE.value
MEANS_A_LOT = Reaction.Kind.MEANS_A_LOT.value
HEART = Reaction.Kind.HEART.value


def _plain(text: str) -> str:
    """One line of text from a wrapped string literal."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Reply:
    by: Who
    text: str


@dataclass(frozen=True)
class Said:
    text: str
    reactions: tuple[str, ...] = ()
    replies: tuple[Reply, ...] = ()


@dataclass(frozen=True)
class Day:
    days_ago: int
    alex: Said | None = None
    sam: Said | None = None


@dataclass(frozen=True)
class OwnQuestion:
    text: str
    practice: str
    depth: str
    written_days_ago: int


def said(text: str, *, reactions: tuple[str, ...] = (), replies: tuple[Reply, ...] = ()) -> Said:
    return Said(text=_plain(text), reactions=reactions, replies=replies)


def reply(by: Who, text: str) -> Reply:
    return Reply(by=by, text=_plain(text))


# Sam's question for their own deck. It stands in for a library key in DAILY.
SAMS_QUESTION_KEY = "own:sam"
SAMS_QUESTION = OwnQuestion(
    text="If we end up living in the same city, what would you want to bring with you "
    "from the one you leave?",
    practice="goals",
    depth="deeper",
    written_days_ago=9,
)

# The couple's daily questions, oldest first; days_ago=0 is today, answered by Alex only.
DAILY: dict[str, Day] = {
    # Week one: light.
    "communication-004": Day(
        30,
        alex=said(
            """Walking. Something about facing the same way makes it easier to say things.
            Also nobody can see my face doing whatever it does.""",
            reactions=(TELL_ME_MORE,),
            replies=(
                reply("sam", "What does your face do?"),
                reply("alex", "Classified."),
                reply("sam", "I'll find out on your next visit."),
            ),
        ),
        sam=said(
            """Late at night for me, which is terrible timing because it's the middle of the
            night for you. My favourite talks with you are the ones where you've got your
            coffee and I've got my tea and it's two different days on one call.""",
            reactions=(HEART,),
        ),
    ),
    "quality_time-008": Day(
        29,
        alex=said(
            """Shakshuka, because it looks impressive and is mostly waiting. Radio on low.
            Nobody is allowed to read the news.""",
            reactions=(ME_TOO,),
        ),
        sam=said(
            """You cooking, obviously. Me in the big jumper, sitting on the counter being
            "helpful". Some old soul record on and the window open. No alarm, no rota,
            nowhere we have to be.""",
            reactions=(HEART,),
            replies=(
                reply("alex", '"Helpful" is doing a lot of work in that sentence.'),
                reply("sam", "I stir things. Stirring is a job."),
            ),
        ),
    ),
    "appreciation-002": Day(
        28,
        alex=said(
            """You narrate what you're doing when you concentrate. "Okay. Keys. Okay." I'm
            glad you don't know about it, because you'd stop.""",
            reactions=(HEART,),
            replies=(
                reply("sam", "Well, I know now. Okay. Ignoring that. Okay."),
                reply("alex", "See."),
            ),
        ),
        sam=said(
            """You send me a photo of the sky on your morning walk, every day, no caption.
            It's there when I wake up, like someone already checked the day for me. Sky
            report: fine. I love it more than I've ever told you.""",
            reactions=(MEANS_A_LOT,),
        ),
    ),
    "quality_time-014": Day(
        27,
        alex=said(
            """Me. Not close. I'd make a ragù that takes four hours and you'd make your
            nachos, which, to be fair, are excellent nachos.""",
            reactions=(ME_TOO,),
        ),
        sam=said(
            """You, and I'd lose with dignity. But I'd make my grandma's butter tarts and I
            think the judges would have feelings about them. Also I'd be allowed to eat
            during the contest, which is a kind of winning.""",
            reactions=(TELL_ME_MORE,),
            replies=(
                reply("alex", "I need that butter tart recipe. For research."),
                reply("sam", "Family recipe. You'd have to come to Sunday dinner for it."),
                reply("alex", "Looking at flights."),
            ),
        ),
    ),
    "rituals-021": Day(
        26,
        alex=said(
            """My first coffee is at seven and you're asleep. I could raise the mug at the
            window in the general direction of Canada. You'd never know, which suits me.""",
            reactions=(HEART,),
        ),
        sam=said(
            """When I have my first coffee you're usually having lunch, so what if we just
            send a photo of whatever's in the cup? No words needed. I'd like knowing we're
            both holding something warm at the same time, even if yours is soup.""",
            reactions=(ME_TOO,),
            replies=(reply("alex", "Agreed. Soup counts."),),
        ),
    ),
    "vulnerability-002": Day(
        25,
        alex=said(
            """Cheese on toast with far too much Worcestershire sauce, and any baking show
            where nothing bad happens to anyone.""",
            reactions=(ME_TOO,),
        ),
        sam=said(
            """Mac and cheese from the box, the orange kind, eaten out of the pot. And any
            film I've seen ten times so my brain can switch off. After one bad night shift
            I watched the same comedy twice in a row and felt great about it.""",
            reactions=(HEAR_YOU,),
        ),
    ),
    "goals-001": Day(
        24,
        alex=said(
            """There's a bakery by the canal that opens at seven. One morning this week I'm
            going to be first in, buy the first cardamom bun, and walk home the long way.
            Eating it on a bench like a pigeon with a budget."""
        ),
    ),
    # Weeks two to four: deeper questions, with a few light ones in between.
    "communication-012": Day(
        23,
        alex=said(
            """Onions take forty minutes to caramelise properly, not the ten every recipe
            claims. I feel lied to by an entire industry.""",
            reactions=(HEART,),
        ),
        sam=said(
            """A patient on my ward told me they and their partner have written each other
            one letter a year for forty years, and they keep them all in a cookie tin. I
            can't stop thinking about it. I want us to be people who keep writing.""",
            reactions=(TELL_ME_MORE,),
            replies=(
                reply("alex", "We could start. I'll need a tin."),
                reply("sam", "I have a tin. I'm already choosing which tin."),
            ),
        ),
    ),
    "communication-036": Day(
        21,
        alex=said(
            """Honestly I want you to fix it, and then when you try, I realise I wanted you
            to listen. So: listen first. If I ask "what would you do?" twice, that's the
            real question.""",
            reactions=(HEAR_YOU,),
            replies=(
                reply("sam", "Noted. Asked twice means it's the real question."),
                reply("alex", "It's a system."),
            ),
        ),
        sam=said(
            """Listen, and make the little noises. "No. Seriously? Ugh." I don't need
            solutions, I've usually worked it out by the time I finish talking. If I go
            quiet at the end it means I feel better, not that you got it wrong.""",
            reactions=(HEAR_YOU, ME_TOO),
        ),
    ),
    "quality_time-027": Day(
        20,
        alex=said(
            """The day we got lost looking for that lighthouse and ended up eating chips in
            the car in the rain. You did voices for the seagulls. I think about it more
            than is reasonable.""",
            reactions=(HEART,),
            replies=(
                reply("sam", "The seagulls had a lot to say."),
                reply("alex", "Mostly about our chips."),
            ),
        ),
        sam=said(
            """Dancing badly in your kitchen while the risotto burned because neither of us
            wanted to stop. You said "it's fine, it's smoked risotto now." I replay it on
            the streetcar when the week is long.""",
            reactions=(HEART, ME_TOO),
        ),
    ),
    "conflict-011": Day(
        19,
        alex=said(
            """Whether a hot dog is a sandwich. It isn't. I have looked into it.""",
            reactions=(ME_TOO,),
            replies=(
                reply("sam", "It's a sandwich in a trench coat."),
                reply("alex", "That's not a sandwich. That's a spy."),
            ),
        ),
        sam=said(
            """Whether it's "pop" or "fizzy drink". It's pop. Also whether five hours apart
            is basically the same time zone. It is, if you squint and stay up late.""",
            reactions=(HEART,),
        ),
    ),
    "vulnerability-041": Day(
        18,
        alex=said(
            """Make me a cup of tea and sit near me without asking again. On a call: stay on,
            do something else, let me be quiet. I usually come round in about twenty
            minutes.""",
            reactions=(HEAR_YOU,),
        ),
        sam=said(
            """Ask me one more time, gently. I say "fine" on reflex because at work everyone
            needs me to be fine. With you I don't have to be, but I need the second ask to
            remember that.""",
            reactions=(HEAR_YOU, MEANS_A_LOT),
            replies=(reply("alex", "Second ask. I can do that."),),
        ),
    ),
    "rituals-038": Day(
        17,
        alex=said(
            """The sky photos, which I'm told are now a known habit. And your voice note on
            the way home from a shift. I play it while the kettle boils. It's the best part
            of my morning and I've never said so.""",
            reactions=(MEANS_A_LOT,),
            replies=(
                reply("sam", "You've never said so! Longer voice notes from now on. Be warned."),
                reply("alex", "Please."),
            ),
        ),
        sam=said(
            """Your morning message landing while I'm asleep, so it's the first thing I see.
            And our Sunday calls where we cook the same thing on two continents and compare.
            Yours always looks better. Mine always tastes fine.""",
            reactions=(ME_TOO,),
        ),
    ),
    "appreciation-029": Day(
        16,
        alex=said(
            """You remember things. My mum's birthday, the plumber's name, which night the
            bins go out. I used to keep all of that in a low-level panic. Now some of it
            lives with you, even from Toronto, and my head is quieter.""",
            reactions=(HEART,),
            replies=(
                reply("sam", "Bins go out tonight, by the way."),
                reply("alex", "I know. Now."),
            ),
        ),
        sam=said(
            """You make me eat. Before a late shift you send a photo of what you cooked and
            "have you had something?" and I do, because I know you'll ask. My nights go so
            much better. I don't think you know how much.""",
            reactions=(MEANS_A_LOT,),
        ),
    ),
    "trust-010": Day(
        15,
        alex=said(
            """A few hours is normal. A day is fine if I know you're on a long shift. I don't
            need replies, I need to know you're not in a ditch.""",
            reactions=(HEAR_YOU,),
        ),
        sam=said(
            """On shift it can be eight hours and it's nothing to do with you, I just can't
            touch my phone. A single heart from you when I finally look is perfect. You
            don't have to write an essay. (I will write an essay.)""",
            reactions=(HEART,),
        ),
    ),
    "goals-030": Day(
        14,
        alex=said(
            """A few years ago it was a job title. Now it's leaving work at a normal hour,
            cooking something slow and being asleep before eleven. I've become a very calm
            old person and I'm not sorry.""",
            reactions=(ME_TOO,),
        ),
        sam=said(
            """It used to mean being the one everyone at work could lean on. Now it's more
            like: did I do good work and still have something left for me, and for you, at
            the end of the day. Some weeks that's a stretch. I'm getting better at it.""",
            reactions=(HEAR_YOU,),
            replies=(reply("alex", "You are. I can hear it on our calls."),),
        ),
    ),
    "vulnerability-039": Day(
        13,
        sam=said(
            """Help with money, which is silly, because you've offered so many times to pay
            for flights. I grew up watching my parents be careful never to owe anyone, and
            it's in me. I'm trying to see it as "us" and not as owing."""
        ),
    ),
    "communication-035": Day(
        12,
        alex=said(
            """Usually I'm fine and putting words in the right order before I say them.
            Sometimes I'm tired. Now and then it's something, and then I need longer.
            Yesterday was a something. It's sorted now, and I'll tell you about it.""",
            reactions=(HEAR_YOU, MEANS_A_LOT),
            replies=(
                reply("sam", "Thank you for telling me. No rush on the rest."),
                reply("alex", "Next call."),
            ),
        ),
        sam=said(
            """Quiet isn't my natural state, as you know, so when I go quiet I'm usually just
            wiped out. If I'm quiet and I'm not on nights, check in. It probably means
            something is sitting on me.""",
            reactions=(HEAR_YOU,),
        ),
    ),
    "quality_time-009": Day(
        11,
        alex=said(
            """Cook the same recipe at the same time. We half do this already. I'd like to do
            it on purpose, with a shopping list.""",
            reactions=(ME_TOO,),
        ),
        sam=said(
            """A jigsaw! We buy the same one and race. Or start a film at the same time with a
            countdown. I'd also happily watch you cook with the sound on. That's basically a
            show.""",
            reactions=(HEART,),
            replies=(
                reply("alex", "I accept the jigsaw challenge. You will lose."),
                reply("sam", "I do jigsaws on my night breaks. You have no idea."),
            ),
        ),
    ),
    "conflict-032": Day(
        10,
        alex=said(
            """Short. Say what you did, that you see why it landed badly, and what you'll do
            next time. Then put the kettle on. No speeches.""",
            reactions=(ME_TOO,),
        ),
        sam=said(
            """It names the thing and doesn't add a "but". It doesn't have to be long. Then a
            bit later, some sign that it stuck, even a small one. That's the part I
            remember.""",
            reactions=(HEAR_YOU,),
        ),
    ),
    "trust-040": Day(
        9,
        alex=said(
            """Knowing roughly where you are. Not tracking, just "on shift till seven" or
            "home, eating cereal". Then my brain stops filling the gaps with drama.""",
            reactions=(HEART,),
        ),
        sam=said(
            """The morning message, even on days it's only the sky. It's small and it's
            every day, and that's the point. If it didn't come, I'd notice by nine.""",
            reactions=(MEANS_A_LOT,),
        ),
    ),
    "goals-033": Day(
        8,
        alex=said(
            """The course for the charge nurse role. You talk about it with your whole face.
            I'm excited for you, and a bit smug that I saw it coming.""",
            reactions=(HEART,),
        ),
        sam=said(
            """Your supper club. Six strangers, one long table, you in the kitchen pretending
            you're not nervous. I want to be there for the first one so badly. I'm going to
            be there for the first one.""",
            reactions=(MEANS_A_LOT,),
            replies=(
                reply("alex", "Only if you bring butter tarts."),
                reply("sam", "Deal."),
            ),
        ),
    ),
    SAMS_QUESTION_KEY: Day(
        7,
        alex=said(
            """From London: the canal walk, the bakery and my good knife. If it's the other
            way round, you'll have to show me what's worth keeping in Toronto. I'm open to
            it. I've thought about it more than I've said.""",
            reactions=(MEANS_A_LOT, TELL_ME_MORE),
            replies=(
                reply("sam", '"More than I\'ve said". Tell me more on our next call?'),
                reply("alex", "Yes. I'll cook, you'll cook, we'll talk."),
            ),
        ),
        sam=said(
            """From Toronto: my friends, the lake and my grandma's recipe box. I've been
            thinking about us being in one place a lot, which is why I added this question.
            No pressure. I just wanted to know what matters to you in it.""",
            reactions=(HEAR_YOU,),
        ),
    ),
    "appreciation-036": Day(
        6,
        alex=said(
            """Your steadiness when my dad was in hospital. You knew what the words meant and
            explained them to me slowly, twice, at four in the morning your time. I don't
            think I thanked you properly. Thank you.""",
            reactions=(HEART, MEANS_A_LOT),
            replies=(reply("sam", "You did thank me. I'll happily take it again, though."),),
        ),
        sam=said(
            """You stay calm and make a plan. When I was sure I'd failed my exam, you wrote a
            list called "Things that are true" and read it to me. I still have a screenshot
            of it.""",
            reactions=(HEART,),
        ),
    ),
    "communication-046": Day(
        4,
        alex=said(
            """Like the last couple of days, but with one message from me saying "busy,
            thinking of you" so it doesn't look like I vanished. Sorry about that. Work ate
            me.""",
            reactions=(HEAR_YOU,),
        ),
        sam=said(
            """A tiny check-in once a day, even just an emoji. And when I'm on a run of
            nights I'll send you my rota, so you know when I can pick up. We missed a day
            this week and it was fine, but I did miss you.""",
            reactions=(ME_TOO,),
            replies=(
                reply("alex", "Send the rota. It's going on the fridge."),
                reply("sam", "My rota. On your fridge. In London."),
                reply("alex", "Next to the bin schedule. Pride of place."),
            ),
        ),
    ),
    "rituals-042": Day(
        3,
        alex=said(
            """Washing up, a chapter of something, bed. You could read me a page of whatever
            you're reading. I'd be asleep in a minute, which is the highest compliment I
            can give.""",
            reactions=(HEART,),
        ),
        sam=said(
            """After a late shift I need a shower and some nonsense on my phone before I can
            sleep. If there was a voice note from you waiting, even thirty seconds about what
            you had for dinner, I'd go to bed smiling.""",
            reactions=(ME_TOO,),
            replies=(reply("alex", "Tonight's: lentils. Good ones. Voice note incoming."),),
        ),
    ),
    # Five weeks in: the deepest questions start to come up.
    "vulnerability-049": Day(
        2,
        alex=said(
            """That you'll get used to the distance, and having me far away will start to
            feel normal. I don't really think it will. But it turns up late at night
            sometimes, and I wanted to say it somewhere other than my own head.""",
            reactions=(HEAR_YOU, MEANS_A_LOT),
            replies=(
                reply(
                    "sam",
                    """It doesn't feel normal. It feels like waiting for you. Thank you for
                    writing it down here.""",
                ),
            ),
        ),
        sam=said(
            """That one of us will give up a life we love so we can be together, and one day
            it'll feel like a cost instead of a choice. I don't want us ever keeping score.
            Writing it down already makes it smaller.""",
            reactions=(HEAR_YOU, HEART),
            replies=(reply("alex", "A choice. We'll keep saying it out loud so it stays one."),),
        ),
    ),
    "quality_time-053": Day(
        1,
        alex=said(
            """The noise. You hum while you do everything and you don't know you do it. My
            flat is very quiet. I miss being interrupted.""",
            reactions=(HEART,),
        ),
        sam=said(
            """Being in the same room doing different things. You reading, me on my phone,
            your foot against mine. No plan. I miss not having to make time, because the
            time was just there.""",
            reactions=(ME_TOO, MEANS_A_LOT),
        ),
    ),
    "appreciation-060": Day(
        0,
        alex=said(
            """That you chose the harder version of our life for now, because my dad needs
            me here. You've never once made it feel like a sacrifice, though I know some
            weeks it is one. I'm not good at saying this, so I'm writing it: I notice, and
            I'm grateful every day."""
        ),
    ),
}

# A bonus question they asked from the library during a long call.
BONUS: dict[str, Day] = {
    "quality_time-022": Day(
        9,
        alex=said(
            """The sleeper train to Scotland. I've wanted to do it for years and you've said
            "when I'm over next" for three visits running.""",
            reactions=(ME_TOO,),
        ),
        sam=said(
            """Learning to make fresh pasta together, properly, flour everywhere. And the
            train! I said the train first, for the record.""",
            reactions=(HEART,),
            replies=(
                reply("alex", "Pasta on the train. Two plans, one trip."),
                reply("sam", "Booking it this time. Actually booking it."),
            ),
        ),
    ),
}
