"""Whether a side question asks what the knowledge base never advises on, whatever else it
names: what the law allows, and what to buy."""

from __future__ import annotations

import re

from bot.knowledge.fits import asks_fit
from bot.knowledge.words import asked, asking_sentences, unframed

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
    text = asked(plain)
    if text == plain and asks_fit(asking_sentences(plain)):
        # "개정 법령이 매주 업데이트되는데, 변호사님들이 묻는 질문에 … 어떤 방식이 맞을까요?": which
        # approach fits; the law's words are the scene's documents and people.
        return False
    return bool(_LAW.search(_NOT_LEGAL.sub(" ", text.casefold())))


# What to buy ("서버랑 그래픽카드 뭐 사야 돼요?", "which GPU should we buy?"): hardware and products
# are not what the knowledge base compares.
_BUY = re.compile(
    r"(?:뭐|뭘|무엇을|어떤\s?(?:걸|것|거|제품|모델|장비))\s?(?:를\s?|을\s?)?(?:사야|살까|사면|구매|구입)"
    r"|(?:사야|구매해야|구입해야)\s?(?:할|하|돼|되)\S*\s?(?:까|나요|요|죠|지)"
    r"|\b(?:what|which)\s+(?:\w+\s+){0,3}?(?:should|do|would|to)\s+(?:we\s+|i\s+)?(?:buy|purchase|order)\b"
)


def outside(question: str) -> bool:
    """``question`` asks what the law allows or what to buy."""
    return outside_in(unframed(question))


def outside_in(plain: str) -> bool:
    """``outside`` of a question already stripped of who asks and how (``unframed``)."""
    return law_in(plain) or bool(_BUY.search(asked(plain).casefold()))
