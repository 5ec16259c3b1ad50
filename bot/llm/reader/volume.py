"""How much traffic the user has, where words and counts say it differently: a count the user
cannot call, traffic of one season, and the user's own word for it beside a count."""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot.core.facts import FactName
from bot.llm.reader.answers import pending_answer
from bot.llm.reader.engine import Hit, Trace
from bot.llm.reader.patterns import Pattern
from bot.llm.reader.rules import Rules

UNDECIDED, SEASONAL = "volume_undecided", "volume_seasonal"
# An opening this short, even said as a question, may call the count that follows.
_CALL_WORDS = 3


def volume_left_open(message: str, classes: Mapping[str, Pattern]) -> str | None:
    """Which class says the user leaves their traffic undecided (``UNDECIDED``: they cannot
    call it; ``SEASONAL``: it comes in one season only), if one does. A peak with as much the
    rest of the year ("봄가을엔 몰립니다만 평소에도 하루 200건") is no one season's traffic."""
    found = next(
        (k for k in (UNDECIDED, SEASONAL) if (p := classes.get(k)) and p.search(message)), None
    )
    all_year = classes.get("volume_all_year")
    return None if found == SEASONAL and all_year and all_year.search(message) else found


def volume_undecided(
    hits: list[Hit], message: str, classes: Mapping[str, Pattern], trace: Trace
) -> list[Hit]:
    """ "하루 열 건 남짓. 많은 건지는 모르겠습니다", "25 a week. I don't know, is this much?":
    traffic the user cannot call high or low is asked about, not applied, whatever reads it;
    so is traffic heavy in one season and quiet the rest ("방학 때만 폭주하고 평소엔 조용해요").
    A reply that opens by calling it ("Low. … hardly any in winter") is read later, as an
    answer (``volume_called``)."""
    left_open = volume_left_open(message, classes)
    if left_open is None:
        return hits
    if left_open == SEASONAL and (normal := _normal_days_low(message, classes)) is not None:
        # "Hundreds in the dry season. The rest of the year only a few": the peak passes, and
        # the user says what the ordinary days are.
        trace.add(f"volume: low on ordinary days, from '{trace.words(normal)}'")
        kept = [h for h in hits if h.fact is not FactName.VOLUME]
        return [*kept, Hit(FactName.VOLUME, "low", normal, "volume.ordinary_days")]
    why = {UNDECIDED: "is a count the user cannot call", SEASONAL: "is traffic of one season"}
    for h in hits:
        if h.fact is FactName.VOLUME and h.sure:
            trace.add(f"volume: '{trace.words(h.quote)}' {why[left_open]}")
            h.sure = False
    return hits


def _normal_days_low(message: str, classes: Mapping[str, Pattern]) -> str | None:
    """The words that call the ordinary days' traffic low, if the message has them."""
    p = classes.get("volume_ordinary_low")
    m = p.search(message) if p is not None else None
    return m.group(0) if m is not None else None


def volume_called(answer: Hit | None, said: str, rules: Rules, trace: Trace) -> Hit | None:
    """``answer``, unless it is a word for traffic the user cannot call ("많다고 해야 할지
    애매하네요") or that comes in one season only ("방학 때만 폭주하고 평소엔 조용해요")."""
    if answer is None or not answer.rule.startswith("answer.volume"):
        return answer
    classes = rules.classes
    left_open = volume_left_open(said, classes)
    if left_open == SEASONAL and _normal_days_low(said, classes) is not None:
        return None  # the ordinary days' word was read with the rules
    if left_open is None or (
        left_open == SEASONAL
        and (len(answer.quote.split()) <= 2 or _opens_with(rules, said, answer))
    ):
        return answer  # "Low. … hardly any in winter", "Oh, not high. …": it opens by calling it
    trace.add(f"answer.volume: '{trace.words(said, 50)}' leaves it undecided")
    return None


_INTERJECTION = re.compile(
    r"^\W*(?:(?:oh|ah|ach|och|eh|oof|ooh|arre|arrey|aye|yeah|ja|look|well|hmm+|um+|so|honestly)\b\W*)?",
    re.IGNORECASE,
)


def _opens_with(rules: Rules, said: str, answer: Hit) -> bool:
    """Whether the reply's first sentence, in a word or two, gives ``answer`` ("Oh, not high.
    Twenty-odd emails a day …"), an interjection before it left aside."""
    rest = _INTERJECTION.sub("", said, count=1)
    end = re.search(r"[.!?]", rest)
    opening = rest[: end.start()] if end else rest
    if len(opening.split()) > 2:
        return False
    called = pending_answer(rules, opening, FactName.VOLUME, Trace())
    return called is not None and called.value == answer.value


# After a count, the user calling it a lot ("…, so yes, a lot.", "…, which is a lot for us").
_SO_A_LOT = re.compile(
    r"^[^.?!]{0,80}?\b(?:(?:lots|a\s+lot|tons|loads)\s+of\s+(?:repetition|repeats)"
    r"|so\s+(?:yes|yeah|yep),?\s+(?:a\s+lot|high|heavy)?|(?<!\bif\s)(?<!\bwhether\s)(?:which|that)(?:'s|\s+is)\s+"
    r"a\s+lot|(?:so|yes|yeah),?\s+a\s+lot|i'?d\s+(?:call|say)\s+(?:it|that)\s+(?:high|heavy|a\s+lot)"
    # "For our team of three is a lot."
    r"|for\s+(?:us|me|our\s+(?:\w+\s+){0,3}?\w+),?\s+(?:it'?s\s+|it\s+is\s+|that'?s\s+|is\s+)?a\s+lot"
    # "…, all same format. Super high", "… the same few types. High.": the last word on it.
    r"|(?<!\bnot\s)(?:super|very|really|definitely)\s+high"
    r"|(?<!\bas\s)(?<!\bnot\s)(?<!\bbe\s)(?<!\bis\s)(?<!\bthat\s)\bhigh(?=\W*$))"
    r"\b(?!\s+of\b)",
    re.IGNORECASE,
)
# "About 80 chats a day. I think this is high.": a later sentence that only calls it.
_CALLED_LATER = re.compile(
    r"(?:^|\s)(?<!\bif\s)(?<!\bwhether\s)(?:(?:i\s+(?:think|guess|would\s+say|'d\s+say)|honestly|so|yes"
    r"|yeah|for\s+(?:us|me)),?\s+)?(?:this|that|it)(?:'s|\s+is)\s+(?:pretty\s+|quite\s+|very\s+|really\s+)?"
    r"(?:high|a\s+lot|much)(?:\s+for\s+(?:us|me|a\s+\w+(?:\s+\w+)?))?\W*(?:\w{1,3}\W*)?$",
    re.IGNORECASE,
)
# "월 200건 정도 들어오고 건당 수십 페이지라 양은 꽤 됩니다", "… 요약해야 돼요. 양 많습니다".
# "…60개씩, 1년 내내 반복이죠. 저희 기준으론 엄청 많아요": the judgement may come a sentence later.
_KO_A_LOT = re.compile(
    r"^.{0,50}?(?:(?:양|물량|분량|건수|일)(?:은|이|도)?\s*(?:꽤|상당히|제법|엄청)\s*"
    r"(?:돼|됩|되|됨|많|나와|나옵)|(?:꽤|상당히|제법|엄청|진짜|정말|너무|솔찬히|억수로|겁나)\s*많|적지\s*않|적은\s*(?:양|편|수)(?:이|은|는)?\s*아(?:니|닙|님)|"
    # "그게 많은 편인지는 잘 모르겠네요": whether it is a lot, not that it is.
    r"많은\s*편(?!\s*인지)(?!\s*(?:은|이)?\s*(?:아니|아닙|아닌|아녜))|"
    # "둘이 하는 가게 치고 머박 많은거", "많은 거 맞습네다" (not "많은 거 아니에요", "많은 건지").
    r"(?<![가-힣])많은\s*(?:거|것)(?:\s*(?:맞|같(?!진|지\s*않)|임))?(?![가-힣])"
    r"(?!\s*(?:아니|아닌|아닙|아님|아냐|아녜|인지|일지|같진|같지))|"
    r"(?<![가-힣])(?:양|물량|분량)(?:은|이|도)?\s*많|(?<![가-힣])다량|(?<![가-힣])많이\s*(?:와|옵|오|들어|몰려)|많다고\s*(?:봐야|봐도|해야|할\s*수|혀야|혀도|허야)|(?<![가-힣])(?<!안\s)(?<!못\s)많(?:아요|습니다|죠|지요|음)(?![가-힣]))",
    re.DOTALL,
)


# A sentence that opens with a season ("겨울에 …", "In summer …"): what it says is of that season.
_SEASON_FIRST = re.compile(
    r"^\W*(?:\S+\s+){0,2}?(?:봄|여름|가을|겨울|성수기|비수기|시즌|방학|명절"
    r"|(?:summer|winter|spring|autumn|fall|season|peak)\b)",
    re.IGNORECASE,
)
# "유사 질의가 반복되는 편은 아님": the repetition denied.
_REPEAT_DENIED = re.compile(r"\S{0,3}\s*(?:편|건|것|거)?(?:은|는|이)?\s*(?:아님|아니|않|안\s)")
# "많아야 열 건", "at most 20 a day": the user caps the count, whatever follows.
_AT_MOST = re.compile(r"많아야|기껏해야|고작|\bat\s+most\b|\btops\b", re.IGNORECASE)
# A Korean ending that sets what follows apart ("매장은 많은데 …", "…지만 …"): fewer than the
# clause cuts of ``text.clauses``, whose "-고" joins a word to its count ("많고 하루 300건").
_KO_CLAUSE_END = re.compile(r"(?<=[가-힣])(?:는데|은데|인데|지만|니까)(?:요)?[,.]?\s+")


def said_of_count(
    rules: Rules,
    stated: list[str],
    hits: list[Hit],
    pending: FactName | None,
    trace: Trace,
    opening: str = "",
    whole: str = "",
) -> Hit | None:
    """Asked how much traffic there is, the user's own word for the count they give: before it
    ("yes high, 600-ish letters a week", "oh its a lot, 100+ emails a day") or calling it a lot
    after it ("…, so yes, a lot."). It says how they weigh the count, which is theirs to judge."""
    counted = next(
        (h for h in hits if h.fact is FactName.VOLUME and h.rule.startswith("count.")), None
    )
    if counted is None or pending is not FactName.VOLUME:
        return None
    text = " ".join(stated)
    at = text.find(counted.quote)
    # "많아요, 하루 백 통 가까이?": a count said with a rising tone is not among the stated
    # sentences, but the word before it still weighs it (what follows such a guess, "이걸 많다고
    # 해야 할지", may still be wondering).
    guessed = at < 0
    if guessed:
        text = whole
        at = text.find(counted.quote)
    if at < 0:
        return None
    # "하루 열댓 개, 주말엔 그 두 배쯤? 혼자 보기엔 많은 편이삼": a guessed count, then the
    # user's own word for it.
    after = text[at + len(counted.quote) :]
    called = _SO_A_LOT.search(after) or _KO_A_LOT.search(after) or _CALLED_LATER.search(after)
    if counted.value == "low" and called and volume_left_open(after, rules.classes) is None:
        return Hit(FactName.VOLUME, "high", counted.quote, "answer.volume.high.after_count")
    repeated = rules.classes.get("volume_repeated")
    at_most = _AT_MOST.search(text[: at + len(counted.quote)])
    # Said of the count itself too: "hundreds of nearly identical emails a week".
    again = not guessed and repeated is not None and _said_again(repeated, text, at)
    if counted.value == "low" and again and not at_most:
        # "하루 30-40건 오는데 거의 다 … 같은 문의가 계속 반복돼요", "300 lots a week and every
        # one needs the exact same report, its relentless": the same request over and over is
        # the volume that matters, whatever the count.
        return Hit(FactName.VOLUME, "high", counted.quote, "answer.volume.high.repeated")
    # "매장은 많은데 문의 자체는 하루 열몇 건": a word of a clause before, about something else.
    before = _KO_CLAUSE_END.split(text[:at])[-1]
    if not before.strip() and len(opening.split()) <= _CALL_WORDS and counted.quote not in opening:
        # "High, no? Around 180 a day": the word before the count, said as a question.
        before = opening
    said = pending_answer(rules, before, FactName.VOLUME, trace) if before.strip() else None
    if said is not None and said.fact is FactName.VOLUME and said.value != counted.value:
        # "Spring's busy …, forty a week maybe. Rest of the year I couldnt tell you": a word for
        # traffic the user then cannot call is no word for the count.
        left_open = volume_left_open(whole or text, rules.classes)
        peak = left_open == SEASONAL and said.value == "high" and _SEASON_FIRST.match(before)
        if left_open == UNDECIDED or peak:
            # "겨울이랑 봄에 많이 와요. 그때는 하루 스무 통. 다른 때는 그냥 그래요": the word
            # is for the season the sentence opens with ("Is a lot, eh. Before Fallas …" is not).
            return None
        return Hit(said.fact, said.value, counted.quote, f"{said.rule}.over_count")
    return None


def _said_again(repeated: Pattern, text: str, at: int) -> bool:
    """Whether ``text`` says from ``at`` on that the same request comes again and again, not
    denying it ("유사 질의가 반복되는 편은 아님")."""
    while (m := repeated.search(text, at)) is not None:
        if not _REPEAT_DENIED.match(text, m.end()):
            return True
        at = max(m.end(), at + 1)
    return False
