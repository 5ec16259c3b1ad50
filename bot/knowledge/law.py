"""Whether a side question asks what the law allows: the knowledge base gives no legal advice."""

from __future__ import annotations

import re

from bot.knowledge.words import asked, unframed

# What the law allows ("is it legal under GDPR", "개인정보보호법상 문제 없나요", "without the
# users' consent"): the knowledge base gives no legal advice, whatever else the question names
# ("train a model", "고객 상담").
# "Legal" naming a team ("we're legal ops") or a kind of word ("is that a legal term?") places
# the question, it asks nothing of the law; nor do rules as content that changes ("keep up with
# regulation updates").
_LAW = re.compile(
    r"\b(?:il)?legal(?:ly)?\b"
    r"(?![- ](?:ops|team|department|dept|folks|thing|term|word|concept|paperwork|jargon))"
    # A place of the law's trade ("at our law office", "법률사무소") places the question too.
    # Family by marriage ("brother-in-law") is no law.
    r"|\blawful|(?<!\bin-)(?<!\bin )\blaws?\b"
    r"(?![- ](?:office|firm|school|clerk|library|practice)s?\b)"
    r"|\bgdpr\b|\bhipaa\b|\bccpa\b|\bcomplian(?:ce|t)\b|\bcopyright"
    r"|\bregulat(?:ions?|ory)\b(?![- ](?:updates?|changes?|news|texts?|docs?|documents?|affairs))"
    r"|\blawyers?\b|\bliabilit|\bconsent|\bprivacy\b|\bpii\b"
    r"|법적|법상|법률(?!\s?사무)|위법|불법|합법|보호법|개인정보|규제|저작권|변호사(?!\s?사무)|소송"
    r"|동의\s?없이|(?:수집|이용|활용)\s?동의"
)


def about_law(question: str) -> bool:
    """What ``question`` asks is what the law allows ("is it legal under GDPR…?")."""
    return law_in(unframed(question))


_NOT_LEGAL = re.compile(r"\bnot\s+(?:asking|looking)\s+for\s+legal\s+advice\b|법률\s?자문이\s?아니")


def law_in(plain: str) -> bool:
    """``about_law`` of a question already stripped of who asks and how (``unframed``)."""
    # "(not asking for legal advice, …)": said so as not to be taken for a legal question.
    return bool(_LAW.search(_NOT_LEGAL.sub(" ", asked(plain).casefold())))
