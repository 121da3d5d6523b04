"""Words for ``manage.py seed_bench``: sentences put together into answers, notes and replies.

Not a story like the demo's: thousands of couples need text of realistic length and
variety, so each piece is a few sentences drawn from small banks. Lengths match what
people write (an answer is two to four sentences, a reply one), because the size of
the text is what the pages spend time opening and rendering.
"""

from __future__ import annotations

import random

ANSWER_SENTENCES = (
    "Honestly, the first thing that came to mind was the walk we took by the river last spring.",
    "I think about this more than I let on, usually on the bus home.",
    "It's the little things: the tea you leave by the bed without saying anything.",
    "When work gets loud I picture our kitchen on a Sunday morning and it helps.",
    "I used to think I had to have it all figured out before I said anything.",
    "You make ordinary days feel like something worth remembering.",
    "My answer changes depending on how tired I am, which probably says something.",
    "I want us to keep doing the small rituals even when the weeks get busy.",
    "Growing up, nobody in my family talked about this kind of thing at all.",
    "I'd like more evenings with no plans and our phones in another room.",
    "When you laugh at your own jokes before the punchline, I fall for you again.",
    "I'm still learning to ask for what I need instead of hoping you'll guess.",
    "The trip to the coast is the one I keep coming back to.",
    "Some days I need quiet more than I need a solution, and that's hard to say.",
    "I noticed how patient you were with my mum last weekend, and it meant a lot.",
    "If I'm honest, money worries sit in the back of my head more than I admit.",
    "I love that we can be silly together and then talk about serious things an hour later.",
    "A proper breakfast together, slowly, with the radio on, would be my perfect start.",
    "I get defensive when I feel criticised, even when you're only asking a question.",
    "Five years from now I'd like us in a place with a bit of garden and a dog.",
    "The way you remember tiny details about my friends makes me feel seen.",
    "I'd want us to argue less about chores and more about which film to watch.",
    "When I'm stressed I go quiet, and I know that can look like I'm shutting you out.",
    "Cooking together is the most relaxed I feel all week.",
    "I'm proud of how we handled the move, even the day the van didn't turn up.",
    "Trust for me is knowing you'll tell me the hard thing, kindly.",
    "The best compliment you ever gave me was about how I treat strangers.",
    "I'd like us to plan one adventure a year, even a small one.",
    "Saying sorry first is still hard for me, but I'm getting better at it.",
    "Your hand on my back in a crowded room is my favourite thing.",
)

REPLIES = (
    "I didn't know that. Thank you for telling me.",
    "Same here, more than you'd think.",
    "Can we talk about this properly at the weekend?",
    "This made me smile on a long day.",
    "I remember that too. The rain!",
    "Noted. I'll keep that in mind.",
    "You're not alone in that one.",
    "I love this answer.",
    "Tell me more tonight?",
    "That's exactly how I feel, I just never said it.",
    "I'll make the tea tonight, then.",
    "We should write that plan down somewhere.",
)

CHECKIN_NOTES = (
    "Long day at work, glad to be home.",
    "Slept badly, running on coffee.",
    "Good chat with my sister this afternoon.",
    "Meeting went better than I feared.",
    "A bit flat today, nothing in particular.",
    "Went for a run and feel much better for it.",
    "Worried about the deadline on Friday.",
    "Lovely evening, thank you for dinner.",
    "Headache most of the day, early night for me.",
    "Got some good news about the flat.",
    "Missing you while you're away.",
    "Felt rushed all day and never caught up.",
    "Quiet day, read most of the afternoon.",
    "Frustrated with the train again.",
    "Proud of finishing that report at last.",
)

NEED_TEXTS = (
    "Just a hug when you get in.",
    "Can you take the bins out tonight?",
    "Ten quiet minutes before we talk.",
    "A walk together after dinner.",
    "Help me plan the week.",
)

TIMEOUT_NOTES = (
    "I'm getting heated. I'll be back, I promise.",
    "Need to breathe for a bit. Not leaving the conversation.",
    "Going for a short walk, back soon.",
    "",
)

REPAIR_TITLES = (
    "The argument about the holiday",
    "When I was late and didn't call",
    "The dishes, again",
    "What I said at your parents' dinner",
    "Money for the new sofa",
    "The missed anniversary plans",
    "Being on my phone all evening",
    "Who does the Sunday shop",
)

REPAIR_TRIGGERS = (
    "It started when I felt you weren't listening to what I was trying to say.",
    "I'd had a hard day and the comment about the kitchen landed badly.",
    "I felt left out of a decision that affects both of us.",
    "I was already tired and I heard criticism where there probably wasn't any.",
)

REPAIR_MY_PARTS = (
    "I raised my voice and I walked off instead of staying with it.",
    "I brought up old things that had nothing to do with tonight.",
    "I didn't say what I needed and then blamed you for not knowing.",
    "I was sarcastic when I should have said I was hurt.",
)

REPAIR_NEEDS = (
    "To feel like we're on the same team when things go wrong.",
    "Some reassurance that you still want to hear my side.",
    "For us to decide the big things together.",
    "A bit of patience when I'm running on empty.",
)

REPAIR_DIFFERENTLY = (
    "Say 'I need a break' before I get sharp, and come back within the hour.",
    "Ask what you meant before assuming the worst.",
    "Tell you earlier in the day when I'm struggling.",
    "Put the phone down and look at you when we talk about something that matters.",
)

AGREEMENTS = (
    "We check in with each other before making plans for the weekend.",
    "When one of us needs a break we say so and set a time to come back.",
    "Big purchases get talked about over a cup of tea first, not over text.",
    "We take turns choosing, and the other one says yes with good grace.",
)

PEOPLE_NAMES = (
    "Alex", "Sam", "Jordan", "Priya", "Noah", "Maya", "Leo", "Zara", "Omar", "Ruth",
    "Kai", "Elena", "Tom", "Aisha", "Ben", "Chloe", "Dev", "Fern", "Gabe", "Hana",
    "Ivan", "Jess", "Kofi", "Lina", "Marco", "Nina", "Oli", "Paz", "Quinn", "Rosa",
)  # fmt: skip

PRONOUNS = ("she/her", "he/him", "they/them", "")


def answer_text(rng: random.Random) -> str:
    return " ".join(rng.sample(ANSWER_SENTENCES, rng.randint(2, 4)))


def reply_text(rng: random.Random) -> str:
    return rng.choice(REPLIES)


def checkin_note(rng: random.Random) -> str:
    return rng.choice(CHECKIN_NOTES)
