"""The message coach's rules: what each kind of phrase looks like, and why it hurts.

Each rule is a pattern over the draft (see :func:`closeknit.conflict.lexicon.compile_pattern`
for the shorthands), a kind, a fixed explanation that names the antidote, and optionally a
check that reads the context and can turn the match down. Rules are grouped by kind; the
more general ones are built from the word lists in :mod:`closeknit.conflict.lexicon`.

Explanations are fixed English sentences, marked for translation with
:func:`gettext_noop` so the web pages and the API can show them through gettext.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, Literal

from closeknit.conflict import lexicon
from closeknit.conflict.draft import ABOUT_PARTNER, YES_NO_QUESTION, Draft, has, starts_with
from closeknit.conflict.lexicon import alternation, compile_pattern

Kind = Literal["criticism", "contempt", "defensiveness", "stonewalling", "blame"]
KINDS: Final[tuple[Kind, ...]] = (
    "criticism",
    "contempt",
    "defensiveness",
    "stonewalling",
    "blame",
)
HEALTHY_CATEGORIES: Final = (
    "appreciation",
    "reassurance",
    "i_statement",
    "break_request",
    "apology",
    "logistics",
    "question",
)


def gettext_noop(message: str) -> str:
    """Mark a message for translation without translating it here (Django's convention)."""
    return message


# --------------------------------------------------------------------------------------
# Explanations: one kind sentence and the antidote.

N_ = gettext_noop
EXPLAIN: Final[dict[str, str]] = {
    "never": N_(
        "“You never” turns one moment into a verdict about who your partner is. "
        "Try describing this one time and how it felt."
    ),
    "always": N_(
        "“You always” turns one moment into a verdict about who your partner is. "
        "Try describing this one time and how it felt."
    ),
    "absolute": N_(
        "Words like “constantly” and “every time” turn one moment into a verdict about your "
        "partner. Try describing this one time and how it felt."
    ),
    "trait": N_(
        "Calling your partner a kind of person attacks who they are rather than what "
        "happened. Try naming the one thing they did and how it left you feeling."
    ),
    "wrong_with_you": N_(
        "“What is wrong with you” questions your partner's whole self. Try a gentle "
        "start-up instead: what happened, how you feel and what you need."
    ),
    "feel_like": N_(
        "“I feel like you…” still judges your partner, only dressed as a feeling. Try naming "
        "your own feeling, such as hurt or lonely, and what set it off."
    ),
    "why_cant": N_(
        "A “why can't you” question is usually heard as an accusation. Try asking plainly "
        "for the one thing you would like."
    ),
    "typical": N_(
        "“Typical” says this is simply who your partner is. Try describing this one time "
        "and how it felt."
    ),
    "self_centred": N_(
        "Saying your partner only thinks of themselves judges their whole character. Try "
        "describing the moment you felt left out and what you need."
    ),
    "insult": N_(
        "Name-calling makes your partner feel looked down on, and contempt harms closeness "
        "most of all. Try saying what upset you, and remember something you value in them."
    ),
    "sarcasm": N_(
        "Sarcasm lands as mockery even when it's half a joke. Try saying plainly what you "
        "feel and what you would like instead."
    ),
    "mockery": N_(
        "Mocking your partner tells them their feelings don't matter to you. Try "
        "acknowledging what they feel before you say your side."
    ),
    "disgust": N_(
        "Disgust tells your partner you see them as beneath you. Try pausing to recall what "
        "you appreciate in them, then say what hurt."
    ),
    "eye_roll": N_(
        "An eye-roll is one of the clearest signs of contempt. Try putting what frustrates "
        "you into gentle words."
    ),
    "counter": N_(
        "Pointing back at your partner turns the talk into a contest nobody wins. Try "
        "taking responsibility for even a small part of it."
    ),
    "dismiss": N_(
        "Telling your partner they feel too much dismisses what they're trying to tell you. "
        "Try “I can see this really upset you” and listen for what's underneath."
    ),
    "excuse": N_(
        "An excuse is natural when you feel attacked, but it tells your partner their "
        "concern doesn't count. Try accepting your part, even a small one."
    ),
    "non_apology": N_(
        "“I'm sorry you feel that way” apologises for their feeling, not for your part. "
        "Try naming what you did and saying sorry for that."
    ),
    "whatever": N_(
        "“Whatever” closes the door on your partner mid-conversation. If you feel "
        "overwhelmed, try asking for a break of at least 20 minutes and saying when you'll "
        "come back."
    ),
    "dont_care": N_(
        "“I don't care” sounds like giving up on your partner. If you're worn out, try "
        "saying so and asking for a break instead of walking away."
    ),
    "shutdown": N_(
        "Shutting the conversation down leaves your partner alone with the problem. If you "
        "feel flooded, try asking for a break of at least 20 minutes and saying when you'll "
        "come back."
    ),
    "made_me": N_(
        "“You made me” hands your partner the responsibility for your feelings or actions. "
        "Try “I felt … when …”, which keeps the feeling yours and the door open."
    ),
    "fault": N_(
        "Assigning fault makes your partner defend themselves instead of hearing you. Try "
        "describing what happened and how it affected you."
    ),
    "ruined": N_(
        "Saying your partner ruined it puts the whole outcome on them. Try describing what "
        "happened and what you had been hoping for."
    ),
    "because_of_you": N_(
        "“Because of you” makes your partner the cause of everything that went wrong. Try "
        "describing what happened and how it affected you."
    ),
    # The second opinion (closeknit.conflict.classifier): tentative, for a whole sentence.
    "model_criticism": N_(
        "This may be heard as a verdict on who your partner is rather than on what happened. "
        "Try describing one moment and how it felt."
    ),
    "model_contempt": N_(
        "This may sound scornful, and contempt harms closeness most of all. Try saying "
        "plainly what upset you."
    ),
    "model_defensiveness": N_(
        "This may sound like defending yourself instead of hearing your partner. Try taking "
        "responsibility for even a small part of it."
    ),
    "model_stonewalling": N_(
        "This may sound like closing the conversation. If you feel flooded, try asking for a "
        "break of at least 20 minutes and saying when you'll come back."
    ),
    "model_blame": N_(
        "This may sound like making your partner the cause of what went wrong. Try "
        "describing what happened and how it affected you."
    ),
}


Check = Callable[[Draft, "re.Match[str]"], bool]


Explain = str | Callable[["re.Match[str]"], str]


@dataclass(frozen=True)
class Rule:
    kind: Kind
    pattern: re.Pattern[str]
    explanation: Explain
    check: Check | None = None
    negatable: bool = True
    # True for phrases that look like apologies but are not ("I'm sorry you feel that way").
    survives_apology: bool = False
    # True for sarcasm, which borrows warm words ("oh great, another brilliant idea").
    survives_warmth: bool = False
    # Which group is highlighted; the whole match by default.
    group: int | str = 0


RULES: list[Rule] = []


def rule(
    kind: Kind,
    pattern: str,
    explanation: Explain,
    *,
    check: Check | None = None,
    negatable: bool = True,
    survives_apology: bool = False,
    survives_warmth: bool = False,
    group: int | str = 0,
) -> None:
    RULES.append(
        Rule(
            kind=kind,
            pattern=compile_pattern(pattern),
            explanation=explanation,
            check=check,
            negatable=negatable,
            survives_apology=survives_apology,
            survives_warmth=survives_warmth,
            group=group,
        )
    )


def _not_warm(draft: Draft, match: re.Match[str]) -> bool:
    return not draft.warm(match.start(), ignore=match.span())


_GENUINE = compile_pattern(r"\b(?:thank|thanks|love|appreciate|grateful)\b|❤|♥|🥰|😍")


def _not_grateful(draft: Draft, match: re.Match[str]) -> bool:
    return not _GENUINE.search(draft.sentence_text(match.start()))


def _end_of_sentence(draft: Draft, match: re.Match[str]) -> bool:
    """The phrase ends its sentence: "I'm out." but not "I'm out of milk"."""
    _, end = draft.sentence_at(match.start())
    rest = draft.text[match.end() : end]
    return not re.search(r"\w", rest)


def _alone_in_sentence(draft: Draft, match: re.Match[str]) -> bool:
    start, _ = draft.sentence_at(match.start())
    before = draft.text[start : match.start()]
    return not re.search(r"\w", before) and _end_of_sentence(draft, match)


# Criticism: absolutes about the partner --------------------------------------------------

_ABSOLUTE_FILLER = r"(?:(?:literally|just|really|honestly|seriously|basically|pretty\s+much)\s+)?"
_ABSOLUTE = (
    r"\b(?P<lead><you>(?:'?re|\s+are|\s+r|'?ve|\s+have|'ll|\s+will)?\s+"
    + _ABSOLUTE_FILLER
    + r"|<you>\s+(?:do|did|can|could|will|wo|would)<nt>\s+(?=ever\b))"
    r"(?P<word>always|alwyas|allways|never|constantly|continually|forever|only\s+ever|ever)\b"
    r"(?:\s*,?\s*ever\b)?"
)


def _absolute_is_a_verdict(draft: Draft, match: re.Match[str]) -> bool:
    word = match.group("word").lower()
    lead = match.group("lead").lower()
    if word == "ever" and "n" not in lead.replace("you", "").replace("u", ""):
        return False  # "ever" only counts after a negation: "you don't ever".
    tail = re.sub(r"^\W*(?:been|be)\s+", "", draft.clause_after(match.end()).lower())
    sentence = draft.sentence_text(match.start())
    if YES_NO_QUESTION.match(sentence):
        return False
    never = word == "never" or word == "ever"
    if draft.warm(match.start()) and not (never and not has(lexicon.NEVER_PRAISE, tail)):
        return False
    if never:
        if starts_with(lexicon.NEVER_PRAISE, tail):
            return False
    else:
        if starts_with(lexicon.ALWAYS_PRAISE, tail) and not has(lexicon.HARSH_WORDS, tail):
            return False
        if has(lexicon.PRAISE_WORDS, tail) and not has(lexicon.HARSH_WORDS, tail):
            return False
    obligation = re.match(r"\W*(?:have|has|need|needs|got)\s+to\s+(.*)", tail)
    if obligation:
        return starts_with(lexicon.CONTROLLING_HABITS, obligation.group(1))
    return True


def _absolute_explanation(match: re.Match[str]) -> str:
    word = match.group("word").lower()
    if word in {"never", "ever"}:
        return EXPLAIN["never"]
    if word.startswith("al"):
        return EXPLAIN["always"]
    return EXPLAIN["absolute"]


rule(
    "criticism",
    _ABSOLUTE,
    _absolute_explanation,
    check=_absolute_is_a_verdict,
    negatable=False,
)

_PARTNER_SUBJECT = compile_pattern(r"\b(?:<you>|<youre>)\b")


def _every_time_is_a_verdict(draft: Draft, match: re.Match[str]) -> bool:
    sentence = draft.sentence_text(match.start())
    if not _PARTNER_SUBJECT.search(sentence) or YES_NO_QUESTION.match(sentence):
        return False
    return not draft.warm(match.start())


rule(
    "criticism",
    r"\bevery\s+(?:single\s+)?(?:time|holiday|weekend|birthday|trip|conversation|argument|visit)\b",
    EXPLAIN["absolute"],
    check=_every_time_is_a_verdict,
)

rule(
    "criticism",
    r"\b(?:why|how\s+come)\s+(?:are|r|do|does|did|is\s+it|ca<nt>|wo<nt>|do<nt>)\s+<you>\s+"
    r"(?:\w+\s+)?(?:always|never|ever)\b",
    EXPLAIN["why_cant"],
    check=_not_warm,
    negatable=False,
)
rule(
    "criticism",
    r"\bwhat(?:'?s|\s+is)\s+(?:even\s+)?wrong\s+with\s+<you>\b",
    EXPLAIN["wrong_with_you"],
)
rule("criticism", r"\b(?:typical|classic)\s+<you>\b|^\W*typical\b", EXPLAIN["typical"])
rule(
    "criticism",
    r"\b(?:anyone|anybody|anything)\s+(?:but|other\s+than|except|besides|apart\s+from)\s+"
    r"(?:yourself|you)\b|\bonly\s+(?:ever\s+)?(?:think|care)s?\s+about\s+yourself\b",
    EXPLAIN["self_centred"],
)
rule(
    "criticism",
    r"\b<you>\s+ca<nt>\s+(?:do\s+)?anything\s+right\b|\b<you>\s+never\s+do\s+anything\s+right\b",
    EXPLAIN["trait"],
)
rule(
    "criticism",
    r"\b<you>\s+(?:just\s+|really\s+)?do<nt>\s+(?:even\s+)?care\b(?!\s+(?:if|whether|who|which))",
    EXPLAIN["trait"],
    negatable=False,
)
rule(
    "criticism",
    r"\b<you>\s+do<nt>\s+even\s+(?:try|listen|notice|bother|help|care)\b",
    EXPLAIN["trait"],
    negatable=False,
)
rule(
    "criticism",
    r"\b<you>\s+(?:have|show|got)\s+(?:no|zero)\s+(?:consideration|respect|empathy|shame|decency|patience|"
    r"manners|tact|self-awareness)\b",
    EXPLAIN["trait"],
)
rule(
    "criticism",
    r"\b(?:why\s+)?ca<nt>\s+<you>\s+(?:ever\s+|just\s+)?(?:do|manage)\s+"
    r"(?:one|a\s+single|anything)\b",
    EXPLAIN["why_cant"],
    negatable=False,
)
rule(
    "criticism",
    r"\bwhy\s+is\s+it\s+so\s+hard\s+for\s+<you>\s+to\b",
    EXPLAIN["why_cant"],
)
rule(
    "criticism",
    r"\b<you>\s+only\s+(?:ever\s+)?(?:call|text|talk\s+to\s+me|message\s+me|want\s+me)\s+when\b",
    EXPLAIN["absolute"],
)
rule(
    "criticism",
    r"\b<you>\s+think\s+<youre>\s+(?:always\s+)?(?:right|perfect|better\s+than)\b",
    EXPLAIN["trait"],
)
rule(
    "criticism",
    r"\b<youre>\s+the\s+least\s+\w+\b",
    EXPLAIN["trait"],
)
rule(
    "criticism",
    r"\b<you>\s+(?:always\s+)?twist\s+my\s+words\b",
    EXPLAIN["trait"],
)


rule(
    "criticism",
    r"\b<youre>\s+(?:a|such\s+a|the)\s+(?:terrible|awful|horrible|bad|lousy|rubbish|useless|hopeless|crap|shit|"
    r"shitty|worst)\s+(?:listener|partner|cook|driver|person|friend|parent|communicator|boyfriend|girlfriend|"
    r"husband|wife|spouse|teammate|human)\b|"
    r"\b<youre>\s+(?:so\s+|really\s+|just\s+)?(?:terrible|awful|hopeless|useless|rubbish|crap)\s+(?:at|with)\s+\w+",
    EXPLAIN["trait"],
    check=lambda draft, match: not draft.warm(match.start()),
)
rule(
    "criticism",
    r"\bis\s+it\s+(?:too\s+much|so\s+hard)\s+to\s+ask\b|"
    r"\bwould\s+it\s+kill\s+<you>\s+to\b|\bhow\s+many\s+times\s+do\s+i\s+(?:have|need)\s+to\s+(?:tell|ask|say|remind)\b|"
    r"\bdo\s+<you>\s+even\s+(?:care|listen|try|notice|think\s+about\s+(?:me|us))\b|"
    r"\bwhat'?s\s+the\s+matter\s+with\s+<you>\b|"
    r"\bwhat\s+(?:kind|sort)\s+of\s+(?:a\s+)?(?:person|partner|adult|parent|grown-?up)\s+"
    r"(?:forgets|does|doesn'?t|would|ca<nt>|says)\b|"
    r"\bwhy\s+(?:must|do|does)\s+<you>\s+(?:always\s+)?have\s+to\b|\bwhy\s+must\s+<you>\b|"
    r"\bwhy\s+ca<nt>\s+<you>\s+(?:just|ever|for\s+once)\b|\bwhy\s+wo<nt>\s+<you>\s+(?:ever|just)\b",
    EXPLAIN["why_cant"],
    check=lambda draft, match: not has(lexicon.REASSURING, draft.text),
    negatable=False,
)
rule(
    "criticism",
    r"\ball\s+<you>\s+(?:ever\s+)?do\s+is\b(?!\s+make\s+me\s+(?:smile|laugh|happy))|\bnot\s+(?:once|one\s+time)\s+(?:have|did|do|has|in\s+\w+\s+\w+)\s+<you>\b|"
    r"\b<you>\s+(?:have\s+)?(?:never|not)\s+once\b|\bas\s+usual\b(?=\s*[.!]*\s*$)|"
    r"\bfor\s+once\s+in\s+your\s+life\b",
    EXPLAIN["absolute"],
    check=lambda draft, match: (
        not starts_with(lexicon.NEVER_PRAISE, draft.clause_after(match.end()))
    ),
    negatable=False,
)
rule(
    "criticism",
    r"\b<youre>\s+incapable\s+of\b|\b<you>\s+(?:ca<nt>|could<nt>)\s+(?:even\s+|ever\s+)?(?:be\s+bothered|commit|admit|"
    r"apologi[sz]e|say\s+sorry|follow\s+through|stick\s+to\s+anything|keep\s+a\s+promise|take\s+criticism)\b|"
    r"\b<you>\s+only\s+(?:ever\s+)?(?:care|think)\s+about\s+(?:your\s+(?:\w+\s+)?(?:job|work|phone|friends|games?|mates)|"
    r"what\s+<you>\s+want)\b",
    EXPLAIN["trait"],
)


def _not_a_compound(draft: Draft, match: re.Match[str]) -> bool:
    """ "The problem" on its own, not "the problem solver"."""
    return not re.match(r"\s+solvers?\b", draft.text[match.end() :], re.I)


def _plain_statement(draft: Draft, match: re.Match[str]) -> bool:
    """Not a condition or a report: "if you don't help, I'll ask Sam" is fine."""
    before = draft.clause_before(match.start())
    return not re.search(
        r"\b(?:if|when|whether|unless|i\s+know|even\s+if|in\s+case)\b", before, re.I
    )


rule(
    "criticism",
    r"\b<you>\s+(?:just\s+|really\s+|honestly\s+)?do<nt>\s+(?:ever\s+|even\s+)?(?:listen|care|help|try|notice|"
    r"appreciate|respect|support|pay\s+attention|make\s+(?:an\s+|any\s+)?effort)\b",
    EXPLAIN["trait"],
    check=_plain_statement,
)
rule(
    "criticism",
    r"\b(?:ca<nt>|could<nt>|never)\s+(?:rely|count|depend)\s+on\s+<you>\b"
    r"(?=\s*(?:for\s+anything|anymore|at\s+all|ever|to\s+do\s+anything|[.!]|$))",
    EXPLAIN["trait"],
)
rule(
    "criticism",
    r"\b(?:it'?s|its|everything(?:'s|\s+is)?)\s+(?:always\s+)?(?:always|all)\s+about\s+(?:you|u|what\s+<you>\s+want)\b",
    EXPLAIN["self_centred"],
)
rule(
    "criticism",
    r"\bwhy\s+(?:are|r)\s+<you>\s+(?:always\s+|so\s+|being\s+)?like\s+this\b|\bwhat'?s\s+<your>\s+problem\b|"
    r"\bwhat\s+is\s+<your>\s+problem\b",
    EXPLAIN["wrong_with_you"],
)

_TRAIT_LEAD = (
    r"\b(?:<youre>|your(?=\s+(?:so|such|being|always|just|really|too)\b)|"
    r"(?:are|r)\s+<you>(?:\s+being)?|<you>(?:\s+(?:can\s+be|seem|sound|act|are\s+acting|look)|"
    r"(?:'ve|\s+have)\s+(?:become|gotten|got)|(?:'re|\s+are)\s+getting))\s+"
)
_FILLERS = r"(?:" + alternation(lexicon.INTENSIFIERS) + r"\s+){0,3}"


def _trait_is_meant(draft: Draft, match: re.Match[str]) -> bool:
    after = draft.text[match.end() : match.end() + 30]
    if starts_with(lexicon.PRAISE_AFTER, after):
        return False
    word = match.group("trait").lower()
    return not (word == "cold" and has(lexicon.WARMTH, draft.text))


rule(
    "criticism",
    _TRAIT_LEAD + _FILLERS + r"(?P<trait>" + alternation(lexicon.TRAITS) + r")\b",
    EXPLAIN["trait"],
    check=_trait_is_meant,
)


# Contempt ------------------------------------------------------------------------------

rule(
    "contempt",
    _TRAIT_LEAD + _FILLERS + r"(?P<trait>" + alternation(lexicon.INSULTS) + r")\b",
    EXPLAIN["insult"],
    check=_trait_is_meant,
)
rule(
    "contempt",
    r"\bbeing\s+(?:such\s+)?(?:a|an)\s+(?:baby|child|brat|idiot|clown)\b",
    EXPLAIN["insult"],
)
rule(
    "contempt",
    r"\b<you>\s+(?:actually|seriously|really|honestly)\s+thought\b(?=[^.!?]*\?)|\bwell,?\s+are<nt>\s+<you>\b|"
    r"\bnice\s+going\b|\bwhat\s+are\s+<you>\s*,?\s+(?:five|six|seven|eight|nine|ten|twelve|\d+)\s*\?",
    EXPLAIN["sarcasm"],
    negatable=False,
)
rule(
    "contempt",
    r",\s*(?:clown|idiot|loser|moron|genius|einstein|sherlock)\s*[.!?]*\s*$",
    EXPLAIN["insult"],
    negatable=False,
)
rule(
    "contempt",
    r"\b(?:<you>|ya)\s+(?:(?:absolute|complete|total|utter|stupid|useless|pathetic|fucking|bloody|little|big|"
    r"selfish|lazy)\s+){0,2}" + alternation(lexicon.VOCATIVE_INSULTS) + r"s?\b",
    EXPLAIN["insult"],
    check=lambda draft, match: not draft.warm(match.start()),
    negatable=False,
)
rule(
    "contempt",
    r"\boh\s+look\s+who\b|\blook\s+who(?:'?s|\s+finally|\s+decided)\b|\bslow\s+clap\b|🤡|"
    r"\boh\s+please\b(?=\s*[.!?]|\s*$)|\bspare\s+me\b|\bget\s+over\s+yourself\b|\bget\s+a\s+grip\b(?!\s+on)|"
    r"\bgrow\s+a\s+(?:spine|pair)\b|"
    r"\bcry\s+about\s+it\b|\bpoor\s+(?:little\s+)?(?:you|u|baby|thing)\b(?=[^.!?]*\b(?:having|had|has|must)\b)|"
    r"\bimagine\s+(?:being|thinking)\b|\bmust\s+be\s+(?:nice|exhausting|hard|tough|great)\s+(?:being|to\s+be)\s+(?:you|u)\b|"
    r"\bhow\s+(?:very\s+)?(?:original|mature|grown-?up|clever)\b(?=\s*[.!]|\s+of\s+you)|"
    r"\breal\s+(?:classy|nice|smart|clever|cute)\b(?=\s*[.!]|\s*$)|"
    r"\bsure\s*,?\s+(?:that'?ll|that\s+will)\s+(?:totally|definitely|really)?\s*work\b|"
    r"\b(?:lol|lmao|haha)\s+<you>\s+(?:actually|really|seriously|honestly)\b|"
    r"\b<youre>\s+not\s+(?:even\s+)?worth\b|\bnot\s+worth\s+my\s+(?:time|energy|breath)\b|"
    r"\b<im>\s+(?:so\s+much\s+)?better\s+than\s+<you>\b|\bshut\s+up\b",
    EXPLAIN["sarcasm"],
    check=lambda draft, match: (
        _not_grateful(draft, match) and not has(lexicon.REASSURING, draft.text)
    ),
    negatable=False,
)
rule(
    "contempt",
    r"\beven\s+a\s+(?:child|toddler|kid|five-year-old|monkey)\s+could\b|\bit'?s\s+not\s+rocket\s+science\b",
    EXPLAIN["mockery"],
    check=lambda draft, match: bool(ABOUT_PARTNER.search(draft.sentence_text(match.start()))),
    negatable=False,
)
rule(
    "contempt",
    r"\b<your>\s+(?:\w+\s+){1,2}(?:is|was|are|were)\s+(?:so\s+|just\s+|honestly\s+)?"
    r"(?:disgusting|pathetic|a\s+joke|embarrassing|laughable|gross|vile)\b",
    EXPLAIN["disgust"],
)
rule(
    "contempt",
    r"\b(?:embarrassed|ashamed)\s+(?:by|of|for)\s+<you>\b|\b(?:dumbest|stupidest|most\s+ridiculous|most\s+pathetic)\s+"
    r"(?:thing|idea|excuse|plan)\b|\b(?:aww+|aw)\b,?\s+(?:is\s+)?(?:somebody|someone|the\s+baby|diddums)\b|"
    r"\bgo\s+cry\s+(?:to|about)\b",
    EXPLAIN["disgust"],
)
rule(
    "contempt",
    r"\b(?:gross|disgusting|ew+)\b",
    EXPLAIN["disgust"],
    check=lambda draft, match: _alone_in_sentence(draft, match),
    negatable=False,
)


def _not_self_talk(draft: Draft, match: re.Match[str]) -> bool:
    """Not about oneself: "I feel pathetic" is sad, not contempt."""
    before = draft.clause_before(match.start())
    return not re.search(r"\b(?:i|i'?m|i\s+am|i\s+was|i\s+feel|felt|me)\b\W*\w*\W*$", before, re.I)


def _at_the_partner(draft: Draft, match: re.Match[str]) -> bool:
    """Said to the partner, not about oneself or a third person: "Pathetic." or "you idiot"."""
    if not _not_self_talk(draft, match):
        return False
    sentence = draft.sentence_text(match.start())
    short = len(re.findall(r"\w+", sentence)) <= 3  # "Pathetic, truly."
    return short or _alone_in_sentence(draft, match) or bool(ABOUT_PARTNER.search(sentence))


rule(
    "contempt",
    r"\b(?:pathetic|moron|imbecile|idiot)\b",
    EXPLAIN["insult"],
    check=_at_the_partner,
)
rule(
    "contempt",
    r"\bwhat\s+(?:kind|sort)\s+of\s+(?:an?\s+)?(?:idiot|moron)\s+"
    r"(?:forgets|does|doesn't|would|can't|cant|says)\b|\bwhat\s+an?\s+(?:joke|idiot|loser|moron|clown|fool)\b",
    EXPLAIN["insult"],
)
rule(
    "contempt",
    r"(?:[,!.]|\bok(?:ay)?|\blol|\bnice\s+one|\b(?:great|good)\s+job|\bwell\s+done)\s*,?\s*"
    r"(?:genius|einstein|sherlock|smarty\s*pants|captain\s+obvious|expert|professor|mastermind|hotshot)\b",
    EXPLAIN["sarcasm"],
)
rule(
    "contempt",
    r"\bdo\s+<you>\s+even\s+have\s+a\s+brain\b|\b<you>\s+have\s+no\s+brain\b|"
    r"\bare\s+<you>\s+(?:five|5|six|twelve|12|a\s+child)\s*\?|\bare\s+<you>\s+(?:stupid|dumb|thick)\b",
    EXPLAIN["insult"],
)
rule(
    "contempt",
    r"\ba\s+grown\s+(?:adult|up|person|man|woman)\s+who\s+(?:ca<nt>|ca<nt>\s+even|still)\b",
    EXPLAIN["mockery"],
)
rule(
    "contempt",
    r"\byour\s+(?:majesty|highness|royal\s+highness|lordship)\b|\b(?:mr|ms|mx|miss|little)\.?\s+perfect\b",
    EXPLAIN["mockery"],
)
# Disgust.
rule(
    "contempt",
    r"\b<you>\s+disgust\s+me\b|\b<you>\s+make\s+me\s+(?:sick|want\s+to\s+(?:throw\s+up|puke|vomit))\b|"
    r"\b(?:i\s+)?(?:honestly\s+|just\s+|really\s+)?ca<nt>\s+(?:even\s+)?(?:stand|bear)\s+(?:<you>|being\s+around\s+<you>)\b|"
    r"\bca<nt>\s+(?:even\s+)?look\s+at\s+<you>\b|\bembarrassed\s+to\s+be\s+(?:seen\s+)?with\s+<you>\b|"
    r"\bsick\s+of\s+(?:<you>|looking\s+at\s+<you>)\b|^\W*ew+\b|\bjust\s+ew+\b|\bugh,?\s+<you>(?:\s+disgust\s+me|\s+make\s+me\s+sick)?\b",
    EXPLAIN["disgust"],
)
# Eye-rolls.
rule(
    "contempt",
    r"🙄|\*\s*rolls?\s+(?:my\s+)?eyes\s*\*|\beye\s*-?roll\b|\brolls\s+eyes\b",
    EXPLAIN["eye_roll"],
    negatable=False,
)
# Mockery and sarcasm.
rule(
    "contempt",
    r"\b(?:oh|yeah)\s*,?\s*sure\b,?\s+because\b|\bbecause\s+<youre>\s+(?:SO|so)\s+\w+\b(?=\s*[.!?]*\s*$)|"
    r"\byeah,?\s+right\b(?!\s+(?:after|before|now|there|here|away|behind|next|on|at|when|then))|"
    r"\bbecause\s+that\s+(?:worked|went|turned\s+out)\s+so\s+well\b|"
    r"\bthanks\s+for\s+nothing\b|\bmust\s+be\s+nice\b|\breal(?:ly)?\s+mature\b|\bvery\s+mature\b|"
    r"\bjust\s+wow\b|\bcry\s+me\s+a\s+river\b|\bboo\s*-?\s*hoo\b|\bwaterworks\b|"
    r"\bshould\s+i\s+throw\s+(?:you\s+)?a\s+party\b|"
    r"\bdo\s+<you>\s+want\s+(?:a\s+)?(?:medal|prize|gold\s+star|cookie|trophy|applause|round\s+of\s+applause|parade)\b|"
    r"\banother\s+(?:brilliant|genius|great|fantastic|amazing)\s+(?:idea|plan|move)\b|"
    r"\bthe\s+(?:genius|mastermind|expert)\s+has\s+spoken\b|"
    r"\bcongratulations,?\s+<you>\s+(?:managed|actually)\b|"
    r"\bhow\s+(?:brave|generous|kind|nice|thoughtful|sweet|good)\s+of\s+<you>\s+to\s+(?:finally|actually|even)\b|"
    r"\bbare\s+minimum\b|\bas\s+if\s+<you>(?:'d|\s+would|\s+could|\s+care|\s+know|\s+ever)\b|"
    r"\bi\s+forgot\s+<youre>\s+(?:perfect|always\s+right)\b|\bgood\s+luck\s+finding\b|"
    r"\bwho\s+would\s+(?:even\s+|ever\s+)?(?:want|love|date|marry|put\s+up\s+with)\b|"
    r"\bkeep\s+talking,?\s+(?:it'?s|this\s+is)\s+(?:hilarious|funny|cute)\b|"
    r"\b<you>\s+call\s+that\s+an?\b|\blisten\s+to\s+yourself\b|\bcan\s+<you>\s+(?:even\s+)?hear\s+yourself\b|\b(?:it'?s|how)\s+embarrassing\b|"
    r"\bpoor\s+(?:you|u|baby)\s*,\s*(?:having|having\s+to|forced)\b|^\W*oh,?\s+poor\s+(?:you|u|baby)\b",
    EXPLAIN["sarcasm"],
    check=lambda draft, match: not has(lexicon.REASSURING, draft.text),
    negatable=False,
    survives_warmth=True,
)
rule(
    "contempt",
    r"\boh\s*,?\s*(?:great|brilliant|perfect|wonderful|fantastic|lovely|wow)\b\s*,?\s*"
    r"(?=another|<you>\b|just\s+what|that'?s|so\b)|\b(?:big|what\s+a)\s+surprise\b(?=\s*[,.!]\s*<you>)|"
    r"\bshocker\b",
    EXPLAIN["sarcasm"],
    check=_not_grateful,
    negatable=False,
    survives_warmth=True,
)
rule(
    "contempt",
    r"(?:^|(?<=[.!?]\s)|(?<=[.!?]))(?:just\s+|oh\s+)?grow\s+up\b",
    EXPLAIN["mockery"],
    negatable=False,
)


# Defensiveness ---------------------------------------------------------------------------

rule(
    "defensiveness",
    r"\b<you>\s+do\s+it\s+too\b|\b<you>\s+(?:do|did)\s+(?:the\s+)?(?:exact\s+)?same\s+(?:thing|things)\b|"
    r"\b(?:well|but|and|yeah)\s*,?\s+what\s+about\s+<you>\b|^\W*what\s+about\s+<you>\s*\?\s*$|"
    r"\b<youre>\s+one\s+to\s+talk\b|\b(?:that'?s|thats|this\s+is)\s+rich\s+coming\s+from\s+<you>\b|"
    r"\blook\s+who'?s\s+talking\b|\bit'?s\s+not\s+like\s+<youre>\s+perfect\b|"
    r"\b<youre>\s+not\s+perfect\s+either\b|\bat\s+least\s+i\s+(?:do<nt>|did<nt>|do|did|am|'m|never|have|tried)\b|"
    r"\b<im>\s+not\s+the\s+(?:only\s+)?one\s+who\b|\b(?:yeah\s*,?\s*)?well\s*,?\s+<you>\s+"
    r"(?:forgot|did<nt>|never|also|were<nt>|was<nt>|ca<nt>|started)\b|"
    r"\b<you>\s+also\s+(?:forgot|did|do|said|were|was)\b|\b<you>\s+were\s+early\b|"
    r"\bif\s+<you>(?:'d|\s+had)\s+(?:told|asked|reminded|said|warned)\b|"
    r"\bif\s+<you>\s+were<nt>\s+so\b|^\W*but\s+<you>\s+said\b|"
    r"\b<im>\s+not\s+(?:the\s+one\s+)?(?:yelling|shouting)\b|<youre>\s+(?:the\s+one\s+)?(?:yelling|shouting)\b",
    EXPLAIN["counter"],
    negatable=False,
)
rule(
    "defensiveness",
    r"\b<youre>\s+(?:being\s+)?(?:(?:way|so|far|just|a\s+bit|always|really)\s+)?(?:too|so|overly)\s+"
    r"(?:sensitive|touchy|emotional)\b|"
    r"\b<youre>\s+(?:being\s+)?(?:(?:so|just|way|totally|completely)\s+)?"
    r"(?:over-?reacting|dramatic|paranoid|hysterical|irrational|exaggerating|imagining\s+things|"
    r"reading\s+(?:way\s+|far\s+)?too\s+much\s+into)\b|"
    r"\b<you>\s+take\s+everything\s+(?:so\s+)?personally\b|"
    r"\bdo<nt>\s+be\s+so\s+(?:dramatic|sensitive|touchy|emotional)\b|"
    r"\bstop\s+(?:making\s+a\s+big\s+deal|overreacting|being\s+(?:so\s+)?(?:dramatic|sensitive))\b|"
    r"\b(?:it'?s|its|this\s+is|that'?s)\s+(?:not|no)\s+(?:a|that|such\s+a)?\s*big\s+(?:of\s+)?(?:a\s+)?deal\b|"
    r"\bstop\s+(?:going|banging|harping)\s+on\b|\bblowing\s+(?:this|it|things|everything)\s+(?:\w+\s+)?out\s+of\s+proportion\b|"
    r"\bmountain\s+out\s+of\s+a\s+molehill\b|\bmaking\s+a\s+fuss\s+(?:about|over)\s+nothing\b|"
    r"\b(?:it'?s|its)\s+not\s+that\s+serious\b|\bwas<nt>\s+(?:even\s+)?that\s+bad\b|"
    r"<youre>\s+making\s+it\s+(?:one|a\s+thing|a\s+big\s+deal)\b|"
    r"(?:^|[.!?,]\s*|\bjust\s+|\boh\s+)calm\s+down\b(?!\s*\?)|,\s*relax\s*[.!]*$|^\W*relax\s*[.!]*$|"
    r"\bit\s+was\s+(?:just\s+)?a\s+joke\b",
    EXPLAIN["dismiss"],
    check=lambda draft, match: not has(lexicon.REASSURING, draft.text),
    negatable=False,
)
rule(
    "defensiveness",
    r"\b(?:it'?s|its|it\s+is|it\s+was)\s+not\s+my\s+fault\b|\bwas<nt>\s+my\s+fault\b|"
    r"\b(?:so\s+)?(?:now\s+)?(?:it'?s|its|that'?s|is\s+(?:that|this|it)|how\s+is\s+(?:that|this|it))\s+"
    r"(?:all\s+)?my\s+fault\s*\?|\bi\s+was\s+(?:just|only)\s+trying\s+to\b|"
    r"\bnot\s+(?:like\s+)?i\s+(?:did\s+it|meant\s+it|meant\s+to)\s+on\s+purpose\b|\bi\s+did<nt>\s+mean\s+to\b(?!.*sorry)|"
    r"\bwhy\s+are\s+<you>\s+making\s+(?:this|it|everything)\s+(?:about\s+me|my\s+fault|a\s+(?:big\s+)?(?:deal|thing))\b|"
    r"\bi\s+already\s+(?:told|said\s+to)\s+<you>\b|^\W*well,?\s+(?:<im>\s+not|i\s+(?:did<nt>|was<nt>|ca<nt>))\b|"
    r"\b(?:yeah|well|but|ok)\s*,?\s*(?:but\s+)?<youre>\s+the\s+one\s+who\b|"
    r"\bi\s+did<nt>\s+(?:even\s+)?do\s+anything(?:\s+wrong)?\b|\b<im>\s+not\s+doing\s+anything\s+wrong\b|"
    r"\bhow\s+was\s+i\s+supposed\s+to\s+know\b|\bi\s+had\s+no\s+choice\b|"
    r"\bi\s+was\s+(?:just\s+)?(?:busy|tired|working)\s*,?\s*(?:ok(?:ay)?|alright)\s*\?|"
    r"\bi\s+did<nt>\s+have\s+time\s*,?\s*(?:ok(?:ay)?|alright)?\s*\?|\bi\s+(?:have|had)\s+a\s+(?:job|life)\s+too\b|"
    r"\bi\s+do<nt>\s+need\s+this\b|\bdo<nt>\s+blame\s+me\b|\b(?:always|why\s+is\s+it\s+always)\s+me\s+who\b|"
    r"\bwhy\s+are\s+<you>\s+attacking\s+me\b|\bstop\s+attacking\s+me\b|"
    r"\b(?:so\s+)?<im>\s+the\s+(?:villain|bad\s+guy|bad\s+one|bad\s+person)\b|"
    r"\bnothing\s+i\s+do\s+is\s+(?:ever\s+)?(?:enough|good\s+enough|right)\b|\bwhatever\s+i\s+do\b|"
    r"\bi\s+do\s+plenty\b|,\s*thank\s+you\s+very\s+much\s*[.!]*$|\bi\s+never\s+(?:said|say|do|did)\s+that\b|\bcut\s+me\s+(?:some\s+)?slack\b|"
    r"\bgive\s+me\s+a\s+break\s*[.!]*$|\b<you>\s+knew\s+what\s+i\s+was\s+like\b|"
    r"\b<you>(?:'d|\s+would)\s+(?:have\s+done|do)\s+the\s+same\b|\bca<nt>\s+read\s+<your>\s+mind\b|"
    r"\b(?:well\s+)?maybe\s+if\s+<you>\b|"
    r"\bthat'?s\s+not\s+(?:true|what\s+happened|what\s+i\s+(?:said|meant)|fair)\b|\bi\s+do<nt>\s+see\s+what\s+the\s+(?:problem|big\s+deal)\b|"
    r"\beveryone\s+else\s+(?:thinks|does|says)\b|\bi\s+was\s+(?:going\s+to|gonna)\s+do\s+it\b|"
    r"\b<you>\s+(?:just\s+)?did<nt>\s+give\s+me\s+a\s+chance\b|\bi\s+tried\s+my\s+best\b|"
    r"\bi\s+ca<nt>\s+help\s+it\s+if\b|\bi\s+only\s+did\s+it\b(?=\s+because)|\b<im>\s+only\s+(?:shouting|yelling|angry|like\s+this|doing\s+this)\b|\bi\s+only\s+(?:\w+\s+){0,2}\w+\b(?=\s+because\s+<you>)|\bstop\s+nagging\b|"
    r"\bi\s+said\s+i\s+was\s+sorry\b|\bwhat\s+more\s+do\s+<you>\s+want\b|\bi\s+was<nt>\s+late\b",
    EXPLAIN["excuse"],
    negatable=False,
    survives_apology=True,
)
rule(
    "defensiveness",
    r"\b(?:i'?m|i\s+am)\s+sorry\s+(?:that\s+)?(?:<you>\s+feel|if\s+<you>|<youre>\s+(?:upset|offended|hurt))\b",
    EXPLAIN["non_apology"],
    negatable=False,
    survives_apology=True,
)


rule(
    "defensiveness",
    r"\b<you>\s+(?:always\s+|just\s+)?(?P<verb>exaggerate|overreact)\b",
    EXPLAIN["dismiss"],
    group="verb",
)
rule(
    "defensiveness",
    r"\b(?:<you>|<youre>)\s+(?:always\s+)?(?P<find>find(?:ing)?\s+something\s+(?:wrong|to\s+complain\s+about))\b",
    EXPLAIN["counter"],
    group="find",
)
rule(
    "defensiveness",
    r"(?<=the one who )started\s+it\b",
    EXPLAIN["counter"],
    negatable=False,
)


# Defensiveness, broader: denials, excuses, counter-attacks, minimising, feeling attacked.
rule(
    "defensiveness",
    r"\b<im>\s+not\s+(?:the\s+problem|the\s+one\s+with\s+the\s+problem|a\s+mind\s*-?reader|"
    r"your\s+(?:mum|mom|mother|dad|father|parent|servant|maid|slave|secretary|babysitter|cleaner))\b|"
    r"\bi\s+(?:was|am|'m)\s+(?:just|only)\s+(?:trying|joking|kidding|being\s+honest|saying|asking)\b|"
    r"\b(?:<im>\s+(?:doing|trying)|i\s+did|i\s+tried)\s+my\s+(?:best|hardest)\b(?!\s+to)|"
    r"\bwhat\s+(?:was|am)\s+i\s+supposed\s+to\s+do\b|"
    r"\bhow\s+(?:could|would|should)\s+i\s+(?:have\s+)?know(?:n)?\b|"
    r"\b(?:it'?s|its|that'?s|thats)\s+not\s+my\s+(?:job|problem|responsibility)\b|\b<im>\s+only\s+human\b|"
    r"\beveryone\s+(?:does|forgets|makes|says|thinks|messes)\b|\bit\s+happens\s+to\s+everyone\b|"
    r"\bi\s+did<nt>\s+(?:do\s+it\s+)?on\s+purpose\b|\b(?:it\s+)?was<nt>\s+(?:on\s+purpose|intentional)\b|"
    r"\bi\s+ca<nt>\s+do\s+anything\s+right\b",
    EXPLAIN["excuse"],
    check=lambda draft, match: (
        not has(lexicon.REASSURING, draft.text) and _not_a_compound(draft, match)
    ),
    negatable=False,
)
rule(
    "defensiveness",
    r"\bi\s+already\s+apologi[sz]ed\b|\bfine,?\s+<im>\s+sorry\b|\bsorry,?\s+(?:ok(?:ay)?|alright)\s*\?",
    EXPLAIN["non_apology"],
    negatable=False,
    survives_apology=True,
)
rule(
    "defensiveness",
    r"(?:^|(?<=[.!?]\s)|(?<=[.!?]))(?:(?:yeah|ok(?:ay)?|oh)\s*,?\s*)?(?:but|and|well)\s*,?\s+<you>\s+"
    r"(?:never|also|forgot|weren'?t|were<nt>|did<nt>|started|ca<nt>|wo<nt>)\b|"
    r"\bwhat\s+about\s+(?:when|the\s+time)\s+<you>\b|\bsays\s+(?:you|the\s+(?:one|person)\s+who)\b|"
    r"\bso\s+do\s+<you>\b|\b<you>\s+did\s+too\b|\b<youre>\s+no\s+better\b|\bpot\s*,?\s+(?:calling\s+)?(?:the\s+)?kettle\b|"
    r"\b<you>\s+(?:were|are|was)<nt>\s+(?:exactly\s+)?\w+\s+either\b",
    EXPLAIN["counter"],
    negatable=False,
)
rule(
    "defensiveness",
    r"\bwhy\s+(?:does|is)\s+(?:it|this|that)\s+(?:even\s+)?(?:matter|such\s+a\s+big\s+deal|a\s+big\s+deal)\b|"
    r"\bget\s+over\s+it\b|\blighten\s+up\b(?!\s+(?:the|a|this|that|your|my)\b)|"
    r"(?:^|(?<=[.!?,]\s)|(?<=[.!?,]))chill(?:\s+out)?\b(?=\s*[.!]+|\s*$)|"
    r"\bca<nt>\s+<you>\s+take\s+a\s+joke\b|\bmaking\s+(?:such\s+)?a\s+(?:big\s+)?(?:deal|fuss|drama|scene)\b|"
    r"\b<youre>\s+(?:being\s+)?(?:so\s+|way\s+too\s+|too\s+|really\s+)?(?:unreasonable|petty|paranoid|needy)\b",
    EXPLAIN["dismiss"],
    check=lambda draft, match: not has(lexicon.REASSURING, draft.text),
    negatable=False,
)
rule(
    "defensiveness",
    r"\b(?:stop|quit)\s+(?:picking\s+on|getting\s+at|having\s+a\s+go\s+at|blaming)\s+me\b|\bget\s+off\s+my\s+back\b|"
    r"\bwhy\s+(?:are|r)\s+<you>\s+(?:always\s+)?(?:blaming|picking\s+on|having\s+a\s+go\s+at|getting\s+at)\s+me\b|"
    r"(?:^|(?<=[.!?]\s)|(?<=[.!?]))do<nt>\s+start(?:\s+(?:with\s+me|again|this))?(?=\s*[.!]|\s*$)",
    EXPLAIN["counter"],
    negatable=False,
)


# Stonewalling ----------------------------------------------------------------------------

rule(
    "stonewalling",
    r"(?:^|(?<=[\s.,!?]))(?:do|say|believe)\s+what(?:ever)?(?:\s+<you>\s+want)?(?=\s*(?:[.!,;]|$))|"
    r"\bwhatever(?=\s*(?:[.!,;]|$))|\bwhatever\s+<you>\s+say\b|\bwhatever\s+makes\s+<you>\s+happy\b|"
    r"\bwhatever\s+<you>\s+want\s*[.!]*$|\bwhatever\s+(?:dude|mate|man|then|lol)\b",
    EXPLAIN["whatever"],
)
rule(
    "stonewalling",
    r"\bi\s+(?:\w+\s+)?do<nt>\s+(?:even\s+)?care(?=\s*(?:[.!,;]|$)|\s+(?:anymore|any\s+more|at\s+all|at\s+this\s+point|"
    r"what\s+<you>|about\s+(?:you|this|it|us)))|\bidc\b|\bi\s+could<nt>\s+care\s+less\b",
    EXPLAIN["dont_care"],
)


rule(
    "stonewalling",
    r"\b<im>\s+(?:so\s+|just\s+)?(?:done|finished)(?:\s+(?:talking|arguing|trying|fighting|discussing\s+this|with\s+(?:this|you|it|us|everything)"
    r"(?:\s+(?:convo|conversation|discussion|argument))?))?\b",
    EXPLAIN["shutdown"],
    check=_end_of_sentence,
)
rule(
    "stonewalling",
    r"\b(?:we'?re|we\s+are)\s+done\s+here\b|\bdone\.\s+(?:good)?bye\b|\b(?:this\s+)?conversation(?:'s|\s+is)?\s+over\b|"
    r"\bend\s+of\s+(?:discussion|story|conversation)\b|\bend\s+of(?=\s*[.!]*\s*$)|"
    r"\bi(?:'ve|\s+have)\s+said\s+all\s+i(?:'m|\s+am)\s+(?:going\s+to|gonna)\s+say\b|\bsaid\s+my\s+piece\b|"
    r"\bdo<nt>\s+bother\s+(?:replying|answering|texting|calling|explaining|coming\s+back)\b|\b<im>\s+not\s+(?:discussing|talking\s+about)\s+(?:this|it)\b(?!\s+(?:with|in\s+front|at\s+work|around)\b)|"
    r"(?:^|(?<=[.!?]\s)|(?<=[.!?]))not\s+(?:talking\s+about|discussing)\s+(?:it|this)\b|\b<im>\s+not\s+(?:talking|speaking)\s+to\s+<you>\b|\bstop\s+talking\b|\b<im>\s+not\s+having\s+this\s+(?:conversation|discussion|argument)\b|"
    r"\b<im>\s+not\s+doing\s+this(?:\s+again)?\b|\bi(?:\s+have|'ve\s+got|'ve|\s+got)\s+nothing\s+(?:more\s+|else\s+|left\s+)?to\s+say\b|"
    r"\bthere'?s\s+nothing\s+(?:to\s+talk\s+about|to\s+discuss|more\s+to\s+say)\b|"
    r"\bstop\s+(?:replying|responding|answering)\b|\bnot\s+my\s+problem\s+(?:anymore|any\s+more)\b|"
    r"\b(?:going|gone)\s+(?:silent|quiet|dark)\b|\bsilent\s+treatment\b|\b<im>\s+finished\s+(?:talking|with\s+(?:this|you))\b|"
    r"\bi\s+do<nt>\s+have\s+anything\s+(?:more|else)\s+to\s+say\b|\bi'?d\s+rather\s+not\s+(?:say|talk)\b|"
    r"\bleave\s+me\s+alone\b|\bdo<nt>\s+talk\s+to\s+me(?=\s*(?:[.!]|$))|\bstop\s+(?:texting|messaging|calling)\s+me\b|"
    r"\btalk\s+to\s+the\s+hand\b|\btalk\s+to\s+yourself\b|\btalk\s+to\s+<you>\s+never\b|"
    r"\bnot\s+interested\b(?=\s*(?:[.!]|$))|\bforget\s+(?:it|i\s+said\s+anything|i\s+asked)\b|\bnvm\b|"
    r"\bnever\s*mind\b(?=\s*(?:[.!,]|$))|\b(?:just\s+)?drop\s+it\b|\bthere'?s\s+no\s+point\s+(?:talking|in\s+talking|trying)\b|"
    r"\b(?:it'?s|this\s+is)\s+pointless\b|\bswitching\s+my\s+phone\s+off\b|\bturning\s+my\s+phone\s+off\b|"
    r"\b<im>\s+not\s+answering\s+(?:that|you)\b|\bcan\s+we\s+(?:just\s+)?not\b(?=\s*[.!?])|"
    r"\b<im>\s+not\s+getting\s+into\s+(?:it|this)\b|(?:^|(?<=[.!?]\s)|(?<=[.!?]))not\s+this\s+again\b|"
    r"\bgo\s+ahead,?\s+<im>\s+not\s+stopping\s+<you>\b|\b<you>\s+deal\s+with\s+it\b|"
    r"\bi\s+do<nt>\s+want\s+to\s+talk\s+about\s+(?:it|this)\b",
    EXPLAIN["shutdown"],
)
rule(
    "stonewalling",
    r"\b<im>\s+not\s+(?:talking|discussing|doing|having|getting\s+into|going\s+(?:there|through\s+this)|explaining|"
    r"arguing|engaging|dealing\s+with)\s+(?:this|it|that|again|anymore|any\s+more|with\s+<you>|myself|to\s+<you>)\b|"
    r"\bi\s+(?:wo<nt>|refuse\s+to)\s+(?:discuss|talk\s+about|argue\s+about)\s+(?:this|it)\b|"
    r"\bi\s+do<nt>\s+want\s+to\s+(?:hear\s+it|talk\s+to\s+<you>|discuss\s+(?:it|this))\b(?=\s*[.!,]|\s*$)|"
    r"(?:^|(?<=[.!?]\s)|(?<=[.!?]))not\s+(?:going\s+there|now|ever|again|today)\b(?=\s*[.!]|\s*$)|"
    r"\b(?:<im>\s+)?not\s+in\s+the\s+mood\b(?!\s+(?:for|to)\b)|\bsuit\s+yourself\b|\bif\s+<you>\s+say\s+so\b|"
    r"\bhave\s+it\s+your\s+(?:own\s+)?way\b|\b(?:think|believe|feel)\s+what(?:ever)?\s+<you>\s+(?:want|like)\b|"
    r"\bca<nt>\s+be\s+bothered\b|\b(?:it'?s|this\s+is)\s+not\s+worth\s+(?:it|the\s+(?:energy|effort|fight|hassle))\b|"
    r"\bthis\s+is\s+going\s+nowhere\b(?!\s+fast)|\bwhat'?s\s+the\s+point\b|\bwaste\s+of\s+(?:time|breath)\b|"
    r"\b<im>\s+(?:so\s+|just\s+)?done\s+(?:caring|explaining|listening|apologi[sz]ing|pretending)\b|"
    r"\b(?:go\s+away|save\s+it|leave\s+it|forget\s+about\s+it)\b(?=\s*[.!]|\s*$)",
    EXPLAIN["shutdown"],
    check=lambda draft, match: not draft.warm(match.start()),
)
rule(
    "stonewalling",
    r"\b<im>\s+(?:not\s+listening|out|leaving)\b|\bi\s+give\s+up\b|\b(?:it\s+)?does<nt>\s+matter(?:\s+anyway)?\b",
    EXPLAIN["shutdown"],
    check=_end_of_sentence,
)
rule(
    "stonewalling",
    r"\b(?:fine|k+|kk|enough|nope|pass|no\s+comment|(?:just\s+)?stop|do<nt>\s+bother)\b",
    EXPLAIN["shutdown"],
    check=lambda draft, match: (
        _alone_in_sentence(draft, match)
        and not re.search(r"\?\s*$", draft.sentence_text(match.start()))
    ),
    negatable=False,
)


# Blame ---------------------------------------------------------------------------------

_MADE_ME_HARSH = (
    "do",
    "forget",
    "drop",
    "break",
    "fall",
    "trip",
    "spill",
    "crash",
    "burn",
    "say",
    "cry",
    "late",
    "miss",
    "lose",
    "wait",
    "look stupid",
    "look like",
    "look bad",
    "yell",
    "shout",
    "scream",
    "hate",
    "lie",
    "angry",
    "mad",
    "furious",
    "upset",
    "sad",
    "crazy",
    "anxious",
    "nervous",
    "stressed",
    "miserable",
    "so",
    "this way",
    "want to scream",
    "regret",
    "doubt",
    "question",
    "quit",
    "leave",
    "feel like",
    "feel stupid",
    "feel small",
    "feel bad",
    "feel worthless",
    "feel awful",
    "feel terrible",
    "feel guilty",
    "feel crazy",
    "feel like garbage",
    "feel unwanted",
    "feel invisible",
    "feel ignored",
    "feel alone",
    "feel lonely",
    "feel anxious",
)


def _made_me_harsh(draft: Draft, match: re.Match[str]) -> bool:
    after = draft.text[match.end() : match.end() + 40]
    if starts_with(("feel so", "so"), after) and has((*lexicon.PRAISE_WORDS, "loved"), after):
        return False
    return starts_with(_MADE_ME_HARSH, after)


rule(
    "blame",
    r"\b(?:look\s+what\s+)?<you>(?:'ve|\s+have)?\s+(?:made|make|makes|keep\s+making)\s+(?:me|us)\b",
    EXPLAIN["made_me"],
    check=_made_me_harsh,
)
rule(
    "blame",
    r"\b(?:(?:it'?s|its|it\s+is|that'?s|this\s+is)\s+(?:all\s+)?)?<your>\s+(?:own\s+)?fault\b|\bwhose\s+fault\s+(?:do\s+<you>\s+think|is\s+(?:this|that|it))\b|"
    r"\b(?:it'?s|its|this\s+is|that'?s)\s+(?:all\s+)?(?:on\s+<you>|<your>\s+(?:doing|mess))\b|"
    r"\b(?:all\s+of\s+)?(?:this|that|it)\s+is\s+(?:all\s+)?(?:on\s+<you>|<your>\s+(?:doing|mess))\b|"
    r"\b(?:this|that|it)\s+(?:whole\s+\w+\s+)?is\s+(?:all\s+)?on\s+<you>\b|\b<your>\s+mess\b|\bi\s+blame\s+<you>\b|\b<youre>\s+to\s+blame\b|"
    r"\b<youre>\s+the\s+reason\b|\b<youre>\s+why\s+(?:we|i|this)\b|"
    r"\b<you>\s+(?:caused|started)\s+(?:this|it|all|the)\b|\b<you>\s+got\s+us\s+into\b|"
    r"\b<you>\s+pushed\s+me\s+(?:into|to)\b|\b<you>\s+turned\s+[\w\s]{1,20}?\s+against\s+me\b|"
    r"\b(?:now\s+)?look\s+what\s+<you>(?:'ve|\s+have)?\s+done\b|"
    r"\b<you>\s+put\s+me\s+in\s+(?:an?\s+)?(?:impossible|awful|terrible|horrible|difficult|bad)\s+"
    r"(?:position|spot|situation)\b|"
    r"\b<you>\s+turned\s+[\w\s]{1,30}?\s+into\s+(?:a\s+)?(?:nightmare|disaster|mess|hell|drama|fight|argument)\b|"
    r"\bif\s+(?:it\s+)?(?:were<nt>|was<nt>|had<nt>\s+been)\s+for\s+<you>\b|\b<you>\s+drive\s+me\s+(?:up\s+the\s+wall|mad|insane|nuts|round\s+the\s+bend)\b",
    EXPLAIN["fault"],
    check=_not_warm,
)
rule(
    "blame",
    r"\b<you>(?:'ve|\s+have)?\s+made\s+(?:it|this|things|everything)\s+(?:so\s+(?:much\s+)?|even\s+|a\s+lot\s+)?"
    r"(?:awkward|worse|harder|difficult|weird|uncomfortable|a\s+mess|hell|impossible)\b",
    EXPLAIN["ruined"],
)
_GRATEFUL_VERBS = (
    "taught",
    "showed",
    "helped",
    "believed",
    "supported",
    "got me through",
    "made me laugh",
    "made me smile",
    "made me happy",
    "made me better",
    "encouraged",
    "introduced",
    "found",
    "remembered",
)


def _blames_the_one(draft: Draft, match: re.Match[str]) -> bool:
    after = draft.text[match.end() : match.end() + 30]
    return not starts_with(_GRATEFUL_VERBS, after) and _not_warm(draft, match)


rule(
    "blame",
    r"\b<youre>\s+the\s+one\s+who\b",
    EXPLAIN["fault"],
    check=_blames_the_one,
)

_HARSH_OUTCOME = re.compile(
    r"\b(?:never|late|ca\S*t|stuck|miss\w*|ruin\w*|lost|disaster|mess|broke|worse|awful|"
    r"terrible|embarrass\w*|fool|stupid|upset|angry|no\s+\w+\s+left)\b",
    re.I,
)


def _harsh_outcome(draft: Draft, match: re.Match[str]) -> bool:
    return bool(_HARSH_OUTCOME.search(draft.sentence_text(match.start())))


rule(
    "blame",
    r"\b<you>\s+(?:got|get|gets)\s+me\s+(?:so\s+)?(?:worked\s+up|angry|mad|upset|stressed|wound\s+up|in\s+trouble|fired)\b|"
    r"\b<you>\s+(?:forced|pushed|drove|drive|left)\s+me\s+(?:to|into|no\s+choice)\b",
    EXPLAIN["made_me"],
)
rule(
    "blame",
    r"\bblame\s+yourself\b(?!\s*\?)|\b<youre>\s+the\s+(?:problem|issue|cause)\b|\bthis\s+is\s+what\s+happens\s+when\s+<you>\b|"
    r"\b<you>\s+did\s+this\b|\b<you>(?:'ve|\s+have)\s+done\s+it\s+now\b|"
    r"\b<you>\s+(?:blew|screwed|messed|mucked)\s+(?:it|this|that|everything)(?:\s+up)?\b|"
    r"\bbecause\s+<you>\s+(?:were|are|'re)\s+(?:so\s+)?(?:late|rude|drunk|selfish|lazy|careless|on\s+your\s+phone)\b",
    EXPLAIN["fault"],
    check=lambda draft, match: _not_warm(draft, match) and _not_a_compound(draft, match),
)
rule(
    "blame",
    r"\bthanks\s+to\s+(?:<you>\b(?!\s+for)|<your>\s+\w+)",
    EXPLAIN["because_of_you"],
    check=_harsh_outcome,
)
rule(
    "blame",
    r"\bthanks\s+(?:a\s+lot|a\s+bunch|so\s+much)\b[,.!]*\s+now\b",
    EXPLAIN["because_of_you"],
    check=_harsh_outcome,
    negatable=False,
)
rule(
    "blame",
    r"\b<you>(?:'ve|\s+have|\s+always|\s+just)?\s+(?:ruined|ruin|ruins|wrecked|wreck|spoiled|spoilt|spoil|"
    r"messed\s+up|mess\s+up|destroyed|screwed\s+up|broke\s+my)\b|\b<you>(?:'ve|\s+have)?\s+made\s+my\s+life\b",
    EXPLAIN["ruined"],
)
rule(
    "blame",
    r"\bbecause\s+of\s+<you>\b|\bbecause\s+<you>\s+"
    r"(?:forgot|never|did<nt>|wo<nt>|would<nt>|always|ca<nt>|could<nt>|refuse|refused|kept|took\s+(?:forever|so\s+long|ages)|"
    r"pushed|left|lost|broke|ignored|insisted|provoked|started|wound\s+me\s+up)\b",
    EXPLAIN["because_of_you"],
    check=lambda draft, match: (
        _not_warm(draft, match)
        and not re.match(
            r"\W*i\s+(?:feel|felt|get|got|was)\b", draft.sentence_text(match.start()), re.I
        )
    ),
)


def _if_you_then_not(draft: Draft, match: re.Match[str]) -> bool:
    sentence = draft.sentence_text(match.start()).lower()
    return bool(
        re.search(
            r"would\s*n'?t|wouldnt|none\s+of\s+this|would\s+never|would\s+(?:be|have\s+been)\s+fine|"
            r"'d\s+be\s+fine|nothing\s+would",
            sentence,
        )
    )


rule(
    "blame",
    r"\bif\s+<you>(?:'d|\s+had<nt>|\s+had|\s+just|\s+would)?\s+\w+",
    EXPLAIN["because_of_you"],
    check=_if_you_then_not,
)


# More ways of saying the same five things: treating the partner like a lodger or a
# child, modal absolutes ("you can never"), baby talk and sneers, being worn out.
rule(
    "criticism",
    r"\b<you>\s+treat\s+(?:me|us|this\s+\w+|my\s+\w+)\s+like\s+(?:a|an|your|some)\b|"
    r"\b<you>\s+(?:act|behave|are\s+acting|are\s+behaving)\s+like\s+(?:a|an)\s+"
    r"(?:teenager|child|kid|toddler|baby|brat|spoilt|spoiled)\b|"
    r"\beverything\s+(?:is\s+)?(?:a|an)\s+(?:competition|fight|argument|drama|battle)\s+with\s+<you>\b|"
    r"\bdo\s+<you>\s+ever\s+(?:actually\b|\w+\s+anything\b)",
    EXPLAIN["trait"],
)
rule(
    "criticism",
    r"\b(?P<lead><you>\s+(?:can|could)\s+)(?P<word>never)\b",
    _absolute_explanation,
    check=_absolute_is_a_verdict,
    negatable=False,
)
rule(
    "contempt",
    r"\bnobody\s+cares\s+(?:about|what)\b|\b<your>\s+stupid\s+\w+|\bwho\s+raised\s+<you>\b|"
    r"\b(?:<youre>\s+(?:always\s+)?|\blisten\s+to\s+<you>,?\s+)(?:whining|moaning|sulking)\b|"
    r"\bwhining\s+again\b|\b(?:toddlers?|children|kids|a\s+child|a\s+toddler)\s+with\s+more\s+\w+|"
    r"\bcongrat(?:s|ulations)\s+on\s+(?:being|another|ruining|failing|forgetting)\b",
    EXPLAIN["mockery"],
    check=_not_self_talk,
    negatable=False,
    survives_warmth=True,
)
rule(
    "blame",
    r"\b<you>\s+(?:stressed|wound|freaked|pissed|wore)\s+me\s+out\b|"
    r"\bbecause\s+<you>\s+(?:were|was|are|'re)\s+\w+ing\b",
    EXPLAIN["made_me"],
    check=_not_warm,
)


# Indirect absolutes, "what did you expect", walking out, and finding ways to ruin.
rule(
    "criticism",
    r"\bwhy\s+(?:do|am)\s+i\s+always\s+(?:have\s+to\s+be\s+)?the\s+one\s+who\b|"
    r"\bcan\s+<you>\s+(?:ever|never)\s+just\b",
    EXPLAIN["absolute"],
    negatable=False,
)
rule(
    "defensiveness",
    r"\bwhat\s+(?:do|did)\s+<you>\s+expect\b|"
    r"\b<im>\s+allowed\s+to\s+(?:make\s+mistakes|be\s+(?:tired|human|wrong)|have\s+a\s+life)\b",
    EXPLAIN["excuse"],
    negatable=False,
)
rule(
    "stonewalling",
    r"\b<im>\s+walking\s+(?:away|out)\b",
    EXPLAIN["shutdown"],
    check=_end_of_sentence,
)
rule(
    "blame",
    r"\b<you>\s+(?:always\s+)?(?P<ruin>find\s+a\s+way\s+to\s+(?:ruin|wreck|spoil|mess\s+up|break))\b",
    EXPLAIN["ruined"],
    group="ruin",
)
