"""Which approach fits the scene a side question tells: what it asks, and the needs it states.

"Our SOPs change every couple of weeks — which one fits us?" asks for a verdict on a scene: the
sections on when each approach fits the need the scene states answer it (a section says which
needs in its front matter, ``fits:``), not those that share the most words with it.
"""

from __future__ import annotations

import re

from bot.knowledge.ask_part import asks, sentences
from bot.knowledge.asks import ASKS_PICK

# A need of a scene, by the words that state it.
FRESHNESS = "freshness"
CONSISTENCY = "consistency"
SPEED = "speed"
# No examples to train on: a reason to stay with prompting.
NO_DATA = "no-data"
NEEDS = (FRESHNESS, CONSISTENCY, SPEED, NO_DATA)

# Asks which approach to take, beyond a pick (ASKS_PICK): "what should we use", "뭘 써야",
# "뭐부터", "셋 중에 뭘".
_ASKS_FIT = re.compile(
    r"\bwhich (?:one|approach|method|option|way|of (?:the|these|them|those))\b"
    r"|\bwhich (?:is right|do we)\b"
    r"|\bwhat(?:'s| is| would be)? (?:the )?(?:sane|right|best|correct|sensible) "
    r"(?:approach|move|option|call|way)"
    r"|\bwhat (?:should|do|would) (?:we|i|you) (?:use|go with|pick|choose|start with|do)\b"
    r"|\b(?:should|do) (?:we|i) (?:use|go with|pick|start with)\b"
    r"|\bwhat fits\b|\bwhere (?:do|should|can) (?:we|i) (?:even |actually )?start\b"
    r"|뭘\s?(?:로\s?가|써야|먼저|골라|선택|해야|깔아야|도입)|뭐가 좋|뭐부터"
    r"|(?:뭘로|뭐로|무엇으로|어떤\s?걸로)\s?(?:시작|가야|해야)"
    r"|어느 (?:쪽|것|게|거|방법|방식)|어떤 (?:걸|것|거|방법|방식)[을를이가]?\s?(?:써야|맞|좋|골라)"
    r"|셋 중에?\s?(?:뭘|뭐|어느|어떤)|어떤 (?:방식|방법)(?:으로|을|부터)?\s?(?:시작|접근)"
    # Whether the approach named is the one to take ("이럴 땐 RAG로 가는 게 맞나요?", "is RAG
    # the right call here?").
    r"|(?:로|으로)\s?가는\s?(?:게|것이|거)\s?맞|(?:쓰는|도입하는)\s?(?:게|것이|거)\s?맞"
    r"|\bis (?:\w+ ){1,2}(?:the )?(?:right|correct|best) (?:call|choice|fit|move|way to go)\b"
    # "…, fine-tuning or RAG?": a pick between the approaches named.
    r"|(?:fine[- ]?tun\w*|rag|prompt\w*|retrieval)\s+(?:or|vs\.?|versus)\s+"
    r"(?:fine[- ]?tun\w*|rag|prompt\w*|retrieval)\s*\?"
)
# Asks which approach goes with which need, not which one fits a scene: "which method goes with
# which?", "각각 어느 방법".
# And whether a need changes the choice at all ("does that actually change which method we
# pick?", "그럼 선택이 달라지나요?"): why the choice matters.
_MAPPING = re.compile(
    r"\bwhich\b.*\bwhich\b|\beach\b|(?<!제)각각|어느 게 어느|뭐가 뭐"
    r"|\b(?:does|do|would|will)\s+(?:that|this|it)\s+(?:\w+\s+)?(?:change|matter|affect)\b"
    r"|달라지나요|달라져요\s*\?|달라지는\s*(?:거|건가)"
    # Nor does the difference between them ("what is the practical difference between …").
    r"|\bdifference between\b"
)
# The things a team keeps current, then what they do to them and how often.
_DOCS = (
    r"(?:docs?|documents?|sops?|polic(?:y|ies)|regulations?|rules|manuals?|catalogu?e?s?"
    r"|price ?lists?|prices|rates|stock|inventory|press releases?|faqs?|wiki|guidelines?"
    r"|timetables?|schedules?|menus?"
    r"|문서|규정|정책|매뉴얼|지침|자료|보도자료|공지|약관|가격표|카탈로그|faq|위키|안내)"
)
# Not the style of a document ("공지 톤이 바뀌고", "안내 메일 양식이", "the FAQ format changes"):
# that is no news.
_NOT_STYLE = (
    r"(?!\s?(?:[가-힣]+\s)?(?:톤|말투|어조|형식|양식|포맷|스타일)"
    r"|\s+(?:\w+\s)?(?:tone|format|style|template|layout)s?\b)"
)
_CHANGES = r"(?:chang|revis|updat|rewrit|replac|바뀌|바꾸|바꿔|개정|업데이트|갱신|수정|변경)"
_NEEDS: dict[str, re.Pattern[str]] = {
    FRESHNESS: re.compile(
        rf"{_DOCS}{_NOT_STYLE}[^.?!\n]{{0,40}}{_CHANGES}|{_CHANGES}\w*[^.?!\n]{{0,20}}{_DOCS}{_NOT_STYLE}"
        r"|\blatest\b|\bup[- ]to[- ]date\b|\bcurrent (?:version|rules|info)|\byesterday'?s\b"
        r"|최신|어제 나온|옛날 (?:규정|자료|문서|정보)"
        r"|\b(?:current|latest|live|today'?s)\s+(?:\w+\s+){0,2}?(?:hours|calendar|prices?|schedules?"
        r"|timetables?|info|information|availability|stock|rates|menus?)\b"
        # Answers that show where they came from: what retrieval is for, as the latest is.
        r"|\bwhere (?:the )?(?:info|information|answers?|it) (?:came|comes) from\b"
        r"|\bwhere (?:it|they|the bot) got (?:the |its |their )?(?:info|information|answers?)\b"
        r"|\b(?:show|cite|name|say) (?:which|what) (?:\w+ )?(?:it|they|each|the answers?)"
        r" came from\b"
        r"|근거\s?(?:조항|문서|자료)?(?:도|를|을)?\s?(?:같이|함께)?\s?(?:보여|달아|제시)"
    ),
    CONSISTENCY: re.compile(
        r"\bsame (?:\w+ )?every (?:single )?time\b|\bexactly the same\b|\bconsistent"
        r"|\bstable (?:outputs?|answers?|replies|format|tone)|\bhouse style\b"
        r"|\bkeep (?:the )?(?:outputs?|answers?|replies|format|tone) (?:stable|steady|consistent)"
        r"|\bidentical(?:ly)?\b|\bon[- ]brand\b|\buniform"
        r"|일관|(?:말투|톤|어조|답변|형식|포맷|스타일)[^.?!\n]{0,10}통일"
        r"|매번 같|항상 같|늘 같|똑같이"
        r"|(?:말투|톤|형식|포맷)[^.?!\n]{0,15}(?:매번 )?"
        r"(?:달라|제각각|들쭉|오락가락)"
    ),
    SPEED: re.compile(
        r"\b(?:requirements?|direction|focus|scope|priorities|features?|use case)"
        r"[^.?!\n]{0,30}\bchang|\b(?:fast|quick|rapid) (?:iteration|changes|improvement)"
        r"|\bchang(?:e|es|ed|ing) what (?:they|we|he|she|people) want"
        r"|\bchange (?:things|stuff|it|them) (?:fast|quickly)"
        r"|\bwhat (?:they|we|he|she|people) want keeps chang"
        r"|\biterate (?:fast|quickly)|\bhackathon\b|\bprototyp|\bexperiment|\bmvp\b"
        r"|\btry (?:out )?(?:lots|a lot|many|a bunch|\d+|like \d+) (?:of )?(?:different )?"
        r"|(?:요구사항|방향|기능|기획|범위)[^.?!\n]{0,15}(?:바뀌|바꾸|변경)|실험|해커톤|프로토타입"
        # The form of the output changing often ("양식이 거의 매주 바뀌고", "the template
        # changes every week").
        r"|(?:양식|템플릿|서식)[이가은는도]?\s?(?:\S+\s?){0,2}?(?:바뀌|바꾸|변경)"
        r"|\b(?:templates?|formats?)\b[^.?!\n]{0,20}\bchang\w*\s+"
        r"(?:every|each|all the time|constantly|often)"
        r"|빠른 (?:개선|수정|반복)|빠르게 (?:개선|바꾸|고치)"
        r"|이것저것 (?:시도|해)"
    ),
    NO_DATA: re.compile(
        r"\b(?:no|zero)\s+(?:\w+\s+)?(?:training\s+)?(?:data|examples|dataset)\b(?!\s+(?:on|about))"
        r"|\b(?:don'?t|do not|dont) have (?:any |much )?(?:training |labell?ed )?"
        r"(?:data|examples)\b"
        r"|(?:학습용?|훈련용?)\s?데이터[^.?!\n]{0,20}?(?:없|딱히)"
    ),
}


def asks_fit(text: str) -> bool:
    """``text`` asks which approach to take: for a pick (``ASKS_PICK``), or in the words of a
    scene's question ("what should we use", "뭐부터")."""
    lowered = text.casefold()
    return bool(ASKS_PICK.search(lowered) or _ASKS_FIT.search(lowered))


# A need said not to be one: "문서는 거의 안 바뀌어요", "our docs rarely change".
# Just before the need ("we don't … need the latest") or just after it ("문서는 … 안 바뀌어요").
_DENIED_BEFORE = re.compile(
    r"(?:\b(?:not|never|rarely|hardly|don't|doesn't|dont|doesnt)\b|거의 안)[^.?!\n]{0,24}$"
)
# Not past the end of its clause ("양식이 매주 바뀌고 데이터도 없어요" denies the data).
_DENIED_AFTER = re.compile(r"^(?:(?!(?:고|며|는데|지만)\s|,)[^.?!\n]){0,12}(?:안\s?|않|없|거의)")
_DENIED_WITHIN = re.compile(r"\b(?:not|never|rarely|hardly)\b|n't|거의 안|안\s?(?:바|개|변)|않")
# A scene supposed, not told: "what if we suddenly also need fresh docs?".
_SUPPOSED = re.compile(r"\b(?:if|suppose)\b|\bsay,?\s+(?:we|i|you|they|our|the|there)\b")


def scene_needs(text: str) -> tuple[str, ...]:
    """The needs the scene of ``text`` states, when it asks which approach fits them (none
    otherwise): told in its statements or in the sentence that asks, not in another question."""
    if not asks_fit(text) or _MAPPING.search(text.casefold()):
        return ()
    told = [s.casefold() for s in sentences(text) if not asks(s) or asks_fit(s)]
    if any(_SUPPOSED.search(s) for s in told):
        return ()
    return tuple(n for n in NEEDS if any(_states(n, s) for s in told))


def _states(need: str, sentence: str) -> bool:
    if need == NO_DATA:
        # A lack is said in a denial of its own ("no training data"): none to look for.
        return bool(_NEEDS[need].search(sentence))
    for m in _NEEDS[need].finditer(sentence):
        around = sentence[max(0, m.start() - 25) : m.start()], sentence[m.end() : m.end() + 12]
        if not (
            _DENIED_BEFORE.search(around[0])
            or _DENIED_AFTER.search(around[1])
            or _DENIED_WITHIN.search(m.group())
        ):
            return True
    return False


# What a sentence on a need says of it.
_SAYS_NEED: dict[str, re.Pattern[str]] = {
    FRESHNESS: re.compile(r"\blatest\b|\bcurrent\b|최신"),
    CONSISTENCY: re.compile(r"\bconsisten|\buniform|일관|일정"),
    SPEED: re.compile(r"\bquick|\bspeed\b|빠르|빠른|속도"),
    NO_DATA: re.compile(r"\bdata\b|\bexamples\b|데이터|예시"),
}


def says_need(text: str, needs: tuple[str, ...]) -> bool:
    """``text`` speaks of every one of ``needs``."""
    lowered = text.casefold()
    return all(_SAYS_NEED[n].search(lowered) for n in needs)
