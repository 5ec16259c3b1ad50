"""The words of the scene a user tells around a side question: the trade their team works in,
its organisation and departments, the people it serves and the things it handles ("our hotel
concierge bot", "a regional insurer", "university admissions office", "HR 문의봇", "예약
상담봇"). They say where the question is set, not what it asks: a question about what the
knowledge base says is no less about it for being set in a pharmacy chain. Only the judgement
of whether a question is about the knowledge base reads them, and only when all else the
question names is in the knowledge base's words.

A scene word weighs nothing when the user tells it outside the sentence that asks ("We're a news
agency. Which approach should we lead with?"), or when it says what kind of thing a term of the
knowledge base is ("our hotel concierge bot", "예약 상담봇이").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.knowledge.glossary import plainly
from bot.knowledge.tokenize import word_set

# Organisations and trades, where they are ("regional", "national"), their departments, the
# people they serve and the things they handle day to day.
_SCENE_EN = word_set(
    """
    agency agencies bank banks banking insurer insurers insurance pharmacy pharmacies hospital
    hospitals clinic clinics hotel hotels hospitality restaurant restaurants airline airlines
    retailer retailers retail store stores shop shops chain chains firm firms startup startups
    university universities college colleges school schools newsroom newsrooms news publisher
    publishers publishing newspaper newspapers magazine magazines broadcaster broadcasters
    telecom telco government ministry municipality nonprofit nonprofits charity charities
    manufacturer manufacturers manufacturing factory factories logistics ecommerce e-commerce
    fintech edtech healthtech healthcare pharma biotech saas realty brokerage utility utilities
    regional national local global nationwide statewide mid-size midsize mid-sized
    department departments dept depts office offices admissions hr finance accounting payroll
    procurement marketing helpdesk desk underwriting
    guest guests patient patients passenger passengers traveler travelers traveller travellers
    applicant applicants member members citizen citizens tenant tenants shopper shoppers buyer
    buyers subscriber subscribers caller callers visitor visitors policyholder policyholders
    concierge concierges pharmacist pharmacists nurse nurses doctor doctors clinician
    clinicians clerk clerks staff staffer staffers employee employees hire hires
    letter letters invoice invoices booking bookings reservation reservations shipment
    shipments prescription prescriptions memo memos story stories article articles brochure
    brochures listing listings wire room rooms
    """
)
# The Korean for the same, by the start of the word (its particle follows): "보험사에서",
# "예약 상담봇", "사내 규정이".
_SCENE_KO = (
    "사내",
    "규정",
    "인사팀",
    "인사부",
    "예약",
    "병원",
    "약국",
    "호텔",
    "은행",
    "보험",
    "학교",
    "대학",
    "입학",
    "부서",
    "매장",
    "여행사",
    "항공사",
    "언론사",
    "뉴스",
    "통신사",
    "제약",
    "콜센터",
    "환자",
    "투숙객",
    "손님",
    "승객",
    "회원",
    "주문",
    "배송",
    "민원",
)
# Departments and working groups written as an acronym ("HR", "CS팀", "AI TF"): whole, or with a
# Korean particle.
_SCENE_ACRONYM = re.compile(r"(?:hr|cs|tf)(?:팀|부서|부)?")


_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-'][A-Za-z0-9]+)*|[\uac00-\ud7a3]+")
_HANGUL = re.compile(r"[\uac00-\ud7a3]+")


def scene_word(word: str) -> bool:
    """``word`` (as ``content_at`` gives it) names where a question is set: a trade, an
    organisation or department, the people it serves or the things it handles."""
    if _HANGUL.fullmatch(word):
        return word.startswith(_SCENE_KO)
    return word in _SCENE_EN or bool(_SCENE_ACRONYM.fullmatch(word))


def _words(text: str) -> list[str]:
    return [w.casefold().removesuffix("'s") for w in _WORD.findall(plainly(text))]


def placing(question: str, asking: str, topic: Callable[[str], bool]) -> frozenset[str]:
    """The scene words of ``question`` that only place it: those told outside ``asking`` (the
    sentences that ask, when others tell something around them), and those before a word that
    ``topic`` holds for (the knowledge base's term they say the kind of: "hotel concierge
    bot")."""
    words = _words(question)
    out: set[str] = set()
    run: list[str] = []
    for w in words:
        if scene_word(w):
            run.append(w)
            continue
        if run and topic(w):
            out.update(run)
        run = []
    if asking:
        asked = set(_words(asking))
        out.update(w for w in words if scene_word(w) and w not in asked)
    return frozenset(out)


def placed(word: str, scene: frozenset[str]) -> bool:
    """``word`` (as ``content_at`` gives it, a Korean one without its copula) is one of
    ``scene``, the words ``placing`` found."""
    korean = bool(_HANGUL.fullmatch(word))
    return word in scene or (korean and any(p.startswith(word) for p in scene))
