"""Text handling for the reader: normalisation, sentences and clauses, Korean and English.

This is the part of reading that is code rather than data: where a sentence ends, where one
clause hands over to the next, and which clauses state nothing (questions, hypotheticals).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass

from bot.llm.reader.regional import as_written, standardise

_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_SCRIPT_EDGE = re.compile(r"(?<=[A-Za-z])(?=[\uac00-\ud7a3])|(?<=[\uac00-\ud7a3])(?=[A-Za-z])")
# "바뀌진 않아요", "많지는 않아요": the particle does not change the negation.
_KO_NEG_PARTICLE = re.compile(r"(?<=[가-힣])(?:진|질|지는|지도|지를|진\s*않)\s*않")
# "every couple yrs", "2 wks", "a few mos": units of time typed short, after a count or a word
# that counts (so "HR" stays HR).
_EN_UNIT = re.compile(
    r"(?i)\b((?:\d+|a|an|per|every|each|few|couple|several|many|two|three|four|five|six|ten)\s*)"
    r"(yrs|yr|wks|wk|mos|hrs|hr|mins|min)\b"
)
_UNITS = {
    "yrs": "years", "yr": "year", "wks": "weeks", "wk": "week", "mos": "months",
    "hrs": "hours", "hr": "hour", "mins": "minutes", "min": "minute",
}  # fmt: skip
# How each unit written out may have been typed.
_TYPED_AS = {full: f"(?:{full}|{short})" for short, full in _UNITS.items()}
_QUOTES = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2014": " - ", "\u2013": " - "}
)
# NFKC turns the keyboard's letters "ㅋㅋ", "ㅇㅇ" (compatibility jamo, U+3131-U+318E) into
# conjoining jamo (U+1100 block) that look the same but match nothing written with those letters;
# a letter that did not join a syllable goes back to the keyboard's form.
_JAMO = str.maketrans(
    {
        ord(folded): chr(cp)
        for cp in range(0x3131, 0x318F)
        if len(folded := unicodedata.normalize("NFKC", chr(cp))) == 1
        and "\u1100" <= folded <= "\u11ff"
    }
)


def nfkc(text: str) -> str:
    """NFKC, with lone Korean letters kept as typed ("ㅋㅋ", "ㅠㅠ", "ㅇㅇ")."""
    return unicodedata.normalize("NFKC", text).translate(_JAMO)


# "다 '토요일 점심 가능한가요? 견적 얼마예요?' 똑같은 질문": questions quoted from others, inside a
# message that says more, are what people ask them, not what the user asks.
_QUOTED_QUESTION = re.compile(
    r"(?:(?<=\s)|^)(['\"])(?=\S)([^'\"\n]{1,160}?\?[^'\"\n]{0,80}?)\1(?=[\s.,!~]|$)"
)


def _unasked(m: re.Match[str]) -> str:
    if m.start() == 0 and m.end() == len(m.string.rstrip()):
        return m[0]  # the whole message quoted: the user's own question
    return m[1] + m[2].replace("?", "") + m[1]


# "많지는 않아요..하루 열통 남짓??주말 앞두면": stops typed without the space after them.
_KO_PUNCT_GLUED = re.compile(r"(?<=[가-힣])([.?!~…]{2,}|[?!])(?=[가-힣])")


def normalise(text: str) -> str:
    """NFKC, no invisible characters, a space where Hangul meets Latin letters, and a few
    Korean slips respelt."""
    text = nfkc(text).translate(_QUOTES)
    # Zero-width and other format characters are a cheap way to hide words from rules. A
    # printable text has none (nor any other control or format character).
    if not text.isprintable():
        text = "".join(
            ch for ch in text if ch == "\n" or unicodedata.category(ch) not in ("Cf", "Cc")
        )
    # Particles glue onto English words ("tone이"); a space keeps English word boundaries working.
    text = _SCRIPT_EDGE.sub(" ", text)
    text = _KO_PUNCT_GLUED.sub(r"\1 ", text)
    text = _KO_NEG_PARTICLE.sub("지 않", text)
    text = standardise(text)
    text = _EN_UNIT.sub(lambda m: f"{m[1].rstrip()} {_UNITS[m[2].lower()]}", text)
    text = _QUOTED_QUESTION.sub(_unasked, text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n")).strip()


# Laughing and crying letters end a sentence ("없어요ㅋㅋ 바로…"), typed or conjoining form,
# unless they follow a connective ending ("PI 마음대로라 ㅋㅋ 자주 바뀜"): the sentence goes on.
_HARD_BREAK = re.compile(
    # "1) 정확성 2) 최신 단가": each numbered item on one line is a sentence of its own.
    r"\s+(?=[2-9]\)\s)|"
    r"(?<=[.!?])\s+(?!(?<![가-힣]\.\s)(?:같은(?:건|거|게|걸)?|정도|쯤)(?=[\s,]|$))|\s*\n+\s*|\s+[-/|]\s+(?=\S)|\s*[;•]\s*|\s+·\s*|(?<!\w)·\s*|·\s+|"
    r"(?<![ㅋㅎㅠㅜ\u110f\u1112\u1172\u116e])"
    r"(?<!라)(?<!라\s)(?<!서)(?<!서\s)(?<!니까)(?<!니까\s)(?<!는데)(?<!는데\s)(?<!은데)(?<!은데\s)"
    r"(?<!인데)(?<!인데\s)(?<!지만)(?<!지만\s)"
    r"\s*(?:[ㅋ\u110f]{2,}|[ㅎ\u1112]{2,}|[ㅠ\u1172]+|[ㅜ\u116e]{2,})\s*|"
    # "쓸 만했음 ㅇㅇ 프롬프트 …": a "yes" between two sentences ("ㅇㅇ" alone is a reply).
    r"(?<=\S)\s+[ㅇ\u110b]{2,}\s+(?=\S)"
)
# "그거 제때 알려주는게 젤이여 재고 틀리믄 …": the regional 이여 ends a sentence as 이야 does.
_KO_BREAK = re.compile(
    r"(?<=[가-힣])(요|니다|다|죠|음|함|임|됨|듯|(?<=바)뀜|(?<=[가-힣]이)여)[~.!?,]*\s+(?=\S)"
)
# "직무마다, 시즌마다 바뀌어요": distributives ("마다", "별로") listed with a comma are one phrase.
_KO_DISTRIBUTIVES = re.compile(r"[가-힣]+(?:마다|별로),\s*[가-힣]+(?:마다|별로)(?![가-힣])")
# A plain 다/음/함 ending is too often inside a word to cut on alone, but these noun forms end a
# casual sentence ("젤 중요함 품절된 거 …", "매일 바뀜 신팩 …"), unlike "게임" or "처음".
_KO_FORM = re.compile(
    r"(?:[았었였했겠없있같많적좋싫넘싶않먹]음|(?:괜찮|똑같)음|(?:중요|필요|비슷|무시|대답)함|[야어안]됨|^바뀜)$"
)
# Nouns that end like a sentence ending ("필요", "최신 데이터").
_NOUN_ENDINGS = frozenset(
    {"필요", "중요", "주요", "수요", "개요", "강요", "데이터", "다다", "바다", "편다", "정도"}
)


# "the regs? they change like once a year": a topic echoed back as a question, then what is
# said about it. The two read as one sentence, so the statement keeps its subject. A Korean
# question word and an ending that asks make it a question of its own ("RAG가 뭐예요?"), not an
# echo; a question quoted back ("얼마나 자주 바뀌냐고요? 매주요") still is one, but not a clause
# that goes on ("DM 다 남아있긴한데 3천개? 아 근데 …"), nor a count ("dm 기록 2.4k? 근데 그중에 …").
_ECHO = re.compile(
    r"^(?:and\s+|as\s+for\s+)?(?!(?:what|how|why|when|which|where|who|is|are|am|do|does|did|can|"
    r"could|should|would|will|any|anything|really|right|ok|okay|so|or|huh|sorry|you|we|i|it)\b)"
    r"(?!.*(?:뭐|무엇|무슨|어떤|어떻게|어때|왜|언제|어디|누가|누구|얼마).*"
    r"(?<!냐고)(?<!냐면)(?<!라고)(?<!다고)(?:예요|에요|가요|나요|까요|죠|니|냐|요)\s*\?$)"
    r"(?![^?]*[가-힣](?:는데|은데|한데|인데|지만|니까)\s)(?![^?]*\d)"
    r"[a-z][\w'/-]*(?:\s+[\w'/-]+){0,3}\s*\?$",
    re.IGNORECASE,
)


def _join_echoes(out: list[str]) -> list[str]:
    joined: list[str] = []
    for s in out:
        if joined and _ECHO.match(joined[-1]):
            joined[-1] = f"{joined[-1]} {s}"
        else:
            joined.append(s)
    return joined


# "급하진... 않은 것 같아요", "품질이 좀... 자동 라벨이라": trailing dots after a word that does not
# end a sentence are a pause, not a break.
_KO_PAUSE = re.compile(r"[가-힣]\.{2,}$")
# "calibration is.. not great": dots after a word no statement ends on are a pause.
_EN_PAUSE = re.compile(
    r"\b(?:is|are|was|were|be|been|the|a|an|of|to|and|or|but|with|for|from|in|on|at|by|not|"
    r"very|so|pretty|kinda|really|just|like|um+|uh+|hmm+|well|its|it's|our|their|my|your)\.{2,}$",
    re.IGNORECASE,
)
# "사양서 양식 맞추는 건\n프롬프트로 되나요", "세어 보니\n2,300건": a line that ends on a particle
# or a connective ending, one thought per line, goes on in the next line.
_KO_GOES_ON = re.compile(
    r"(?:[가-힣](?:은|는|을|를|니까|보니|는데|은데|인데|지만|면서|어서|아서|해서|라서|으면)"
    r"|(?:^|\s)(?:보니|보니까|건|걸|게))$"
)
_KO_ENDS = (
    *("요", "니다", "다", "죠", "음", "함", "임", "됨"),
    *("듯", "네", "까", "야", "ㅋ", "ㅎ", "ㅠ"),
)


def _chunks(text: str) -> list[str]:
    """``text`` cut at its hard breaks, a pause of trailing dots left in place."""
    out: list[str] = []
    start = 0
    for m in _HARD_BREAK.finditer(text):
        head = text[start : m.start()]
        if "\n" in m[0] and _KO_GOES_ON.search(head) and m.end() < len(text):
            continue
        if m[0].isspace() and "\n" not in m[0]:
            if _KO_PAUSE.search(head) and not head.rstrip(".").endswith(_KO_ENDS):
                continue
            if _EN_PAUSE.search(head):
                continue
        out.append(head)
        start = m.end()
    out.append(text[start:])
    return out


def sentences(text: str) -> list[str]:
    """Sentences: hard breaks (punctuation, lines, bullets) and Korean sentence endings."""
    out: list[str] = []
    for chunk in _chunks(text):
        if not chunk:
            continue
        start = 0
        for m in _KO_BREAK.finditer(chunk):
            word = chunk[chunk.rfind(" ", 0, m.start(1)) + 1 : m.end(1)]
            plain = word in _NOUN_ENDINGS or m.group(1) not in ("요", "니다", "죠", "여")
            if plain and not chunk[m.end(1) : m.end()].strip(" ~") and not _KO_FORM.search(word):
                continue
            if _KO_DISTRIBUTIVES.match(chunk, m.end(1) - len(word)):
                continue  # "직무마다, 시즌마다": distributives listed, not the end of a sentence
            out.append(chunk[start : m.end()].strip())
            start = m.end()
        out.append(chunk[start:].strip())
    return _join_echoes([s for s in out if s.strip(" .!?~")])


# Korean connective endings that hand over to a new clause, and English conjunctions; trailing
# dots ("급한건 아닌데.. 아 근데 …") end the clause as a comma does.
# "재고 있어요", "바꾸고 싶어요": 고 before an auxiliary verb does not end a clause, nor does
# the quoting 고 of "바뀐다고 했는데" and "보자고 하시는데", nor that of a noun (참고, 최고,
# 창고, 경고, 공고, 재고, and 보고 before 때 or 까지), nor one before what it describes ("매물 정보
# 보고 쓴 설명문": 쓴 설명문 is one noun phrase).
# "상관없어요", "덜 중요해요", "괜찮아요": said of something, it does not matter.
_KO_UNIMPORTANT = (
    r"(?:(?:크게|별로|딱히|전혀|그렇게|그다지|굳이|상대적으로)\s*)?(?:상관\s*(?:없|업|안)|"
    r"무관|신경\s*(?:안|쓰지)|걱정\S*\s*(?:안|없|하지)|덜\s*중요|안\s*중요|중요하지\s*않|괜찮)"
)
# Words that turn a reply ("quite stable. But sometimes …", "섞여 있긴 한데 …", "다만 …"):
# what follows them is what the user means.
CONTRAST = re.compile(
    r"\b(?:but|however|though)\b|(?<![가-힣])(?:근데|하지만|그런데|그치만|다만)"
    r"|(?<=[가-힣])(?:긴|기는)\s*(?:한데|하지만|해도|하는데)"
    # "양식은 그대로인데 리그 방식이 시즌마다 바뀌니더": what stays, then what does not.
    r"|(?:그대로|똑같|비슷)(?:인데|은데|한데|하지만|지만)(?=\s)",
    re.IGNORECASE,
)
# "양식 안틀리고 매번 똑같이": "without a slip", a manner of the verb after it, not a clause.
_KO_CLAUSE = re.compile(
    r"(?<=[가-힣])(?:지만|는데|은데|인데|닌데|한데|ㄴ데|던데|건데|(?<![다라냐자원광참최창경공재])(?<!그리)(?<!안틀리)(?<!안\s틀리)고(?!\s*(?:있|싶|계시|계셔|계신|계십|때|까지|전에|(?:쓴|쓰신|만든|만드신|작성한|작성하신|정리한|적은)(?![가-힣])))|"
    r"며|면서|니까|으니|므로|는데도|어도|아도|해도|지마는|(?<=[있없했였았었겠])으나)(?=[\s,]|\.{2,}|…)"
    # "정확도는 검수팀이 보니까 상관없어요": the reason and the "doesn't matter" it gives are one,
    # also when the reason runs over a few words ("정확성은 사진 보고 다 고치니까 상관없어요").
    # "… 보니까 저희 쪽에선 상관없고요": a point of view between them changes nothing.
    rf"(?!\s*(?:(?:\S+\s+)?\S*(?:에선|에서는|로선|로서는|으로선|입장에선|쪽은)\s+)?{_KO_UNIMPORTANT})"
    rf"(?!(?:\s+\S+){{0,3}}?\s+\S*(?:니까|으니|라서|므로)\s*{_KO_UNIMPORTANT})|"
    # "약관이 수시로 개정되다 보니 …": what follows is a consequence, a clause of its own.
    r"(?<=[가-힣]다\s)보니(?:까)?(?=[\s,])"
)
# "튜닝해도 더 나아지지 않아요": a concessive and what it leads to state one thing together.
_KO_CONCESSIVE = re.compile(r"(?<=[가-힣])(?:어도|아도|해도)(?=[\s,])")
# A sentence ending with more text after it: the concessive's result ended before it.
_KO_FINAL = re.compile(r"(?<=[가-힣])(?:요|니다|다|죠|음|함|임|됨|듯)[~.!?,]*\s+\S")
_EN_CLAUSE = re.compile(
    # "… would be nice but it's not essential" takes back what it follows: one clause.
    r"\s*,?\s+(?=(?:but(?:(?<!nice but)(?<!nice, but)|(?!\s+(?:it'?s\s+|it\s+is\s+|is\s+)?not\s+"
    r"(?:essential|needed|required|a\s+must|necessary|critical|crucial|vital)\b))|"
    r"although|though|whereas|while|however|(?<!not )yet|"
    # "getting the price and the jabs right": two things got right, one clause.
    r"and\s+(?!(?:the\s+|our\s+)?\w+\s+(?:right|correct)\b)(?:we|our|the|it|they|"
    r"i|there|that|this|those|these|no|not|nobody|nothing|everything)|(?<!\bor\s)so\s+(?:we|our|the|it|"
    r"they|i))\b)|\s*,\s+(?=(?:and|or|plus|also)\b)|"
    r"(?<!above all)(?<!importantly)(?<!foremost)(?<!anything)(?<!most of all)(?<!everything)"
    r"(?<!anything else)(?<!everything else)"
    # "얼마 나오는지, 몇 초 걸리는지 안 재봤어요": questions listed for one verb.
    r"(?<!는지)(?<!은지)(?<!인지)(?<!을지)(?<!던지)"
    r"\s*,\s*(?!(?:which|who|that|where|"
    r"including|like|e\.g|i\.e|so\s+that|especially|mostly|mainly|maybe|about|around|"
    r"hundreds|thousands|tens\s+of|millions|dozens|"
    # "two, three thousand emails": a range of counts.
    r"(?:two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty)\s+(?:hundred|thousand)|"
    r"roughly|approx|first\s+and\s+foremost|above\s+all|most\s+of\s+all|by\s+far|by\s+a\s+mile)\b)"
    r"(?=[가-힣A-Za-z])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Clause:
    """A span of a sentence that states one thing: its text and where it sits in the sentence."""

    text: str
    start: int


# Conditional endings ("있으면", "아니라면") close a clause too, unless the word is a noun.
_KO_CONDITION = re.compile(r"(?<=[가-힣])(?:으면|다면|라면|이면|면|거든)(?=[\s,])")
_NOT_CONDITION = re.compile(
    "측면|화면|반면|전면|서면|표면|이면|정면|장면|국면|대면|"
    "비대면|일면|외면|냉면|수면|지면|방면|당면|라면|단면|평면|가면|도면|후면|양면"
)


# "굳이 고르자면", "공지까지 치면", "정리하면", "우선순위를 정한다면": a way of putting it, not a
# condition.
# "그렇다면 최신성이 가장 중요하겠습니다": "in that case", after the bot explained, is no condition.
_KO_DISCOURSE = re.compile(
    r"(?:자면|치면|따지면|정리하면|요약하면|말하면|보자면|(?:고르|꼽|뽑)(?:으라면|라면|으면|면)|"
    r"(?:정한|매긴|따진)다면|매기면|"
    r"^그렇다면|^그러면)$"
)  # but "가격 틀리게 말하면 큰일남" is a condition:
_KO_SAID_WRONG = re.compile(r"(?:틀리게|잘못|엉뚱하게|엉터리로)\s+말하면$")
# "굳이 하나 꼽으라 카면(카믄)": "if you make me pick", said in two words.
_KO_PICK = re.compile(r"(?:고르|꼽|뽑)(?:으)?라\s+(?:카|하)면$")


def clauses(sentence: str) -> list[Clause]:
    """Clauses of a sentence: cut after Korean connective endings and before conjunctions."""
    cuts = {0, len(sentence)}
    for m in _KO_CLAUSE.finditer(sentence):
        cuts.add(m.end())
    for m in _KO_CONDITION.finditer(sentence):
        word = sentence[sentence.rfind(" ", 0, m.start()) + 1 : m.end()]
        said_wrong = _KO_SAID_WRONG.search(sentence, 0, m.end())
        if _KO_PICK.search(sentence, max(0, m.start() - 12), m.end()):
            continue
        if not _NOT_CONDITION.fullmatch(word) and (said_wrong or not _KO_DISCOURSE.search(word)):
            cuts.add(m.end())
    for m in _EN_CLAUSE.finditer(sentence):
        before = sentence[max(c for c in cuts if c <= m.start()) : m.start()]
        at = sentence.rfind(" ", 0, m.start()) + 1
        listed = _KO_DISTRIBUTIVES.match(sentence, at)
        if "," in m[0] and (len(before.split()) <= 1 or listed):
            continue  # a list ("정확도, 일관성, 최신성 다", "직무마다, 시즌마다"), not a clause
        cuts.add(m.start())
        cuts.add(m.end())
    cuts -= _concessive_cuts(sentence, cuts)
    # A list in parentheses ("docs (tables, metrics) change") is not a clause boundary, nor is
    # a contrast set off by commas ("the roster, though, changes monthly").
    for m in PARENS.finditer(sentence):
        cuts = {x for x in cuts if not m.start() < x < m.end()}
    for m in _ASIDE_CONTRAST.finditer(sentence):
        cuts = {x for x in cuts if not m.start() <= x <= m.end()}
    ordered = sorted(cuts)
    out: list[Clause] = []
    for a, b in itertools.pairwise(ordered):
        piece = sentence[a:b]
        stripped = piece.strip(" ,")
        if stripped:
            out.append(Clause(stripped, a + piece.index(stripped)))
    return out


def _concessive_cuts(sentence: str, cuts: set[int]) -> set[int]:
    """Cuts after a concessive ("해도", "어도") whose result follows it in the same clause."""
    out: set[int] = set()
    for m in _KO_CONCESSIVE.finditer(sentence):
        after = [c for c in cuts if c >= m.end() and not sentence[m.end() : c].strip(" ,")]
        later = [c for c in cuts if c > m.end() and sentence[m.end() : c].strip(" ,")]
        if not after:
            continue
        result = sentence[max(after) : min(later, default=len(sentence))]
        if not _KO_FINAL.search(result):
            out.update(after)
    return out


_HANGUL = re.compile(r"[\uac00-\ud7a3]")
# An aside in parentheses: no clause boundary inside it, and no negation reaching out of it.
PARENS = re.compile(r"\([^()]*\)")
_ASIDE_CONTRAST = re.compile(r"(?<=\w),\s*(?:though|however|in\s+turn)\s*,\s*(?=\w)", re.IGNORECASE)


def has_hangul(text: str) -> bool:
    return bool(_HANGUL.search(text))


def words_before(text: str, end: int, n: int) -> str:
    """Up to ``n`` words of ``text`` before ``end``."""
    return " ".join(text[:end].split()[-n:])


def words_after(text: str, start: int, n: int) -> str:
    """Up to ``n`` words of ``text`` from ``start``."""
    return " ".join(text[start:].split()[:n])


def in_original(original: str, quote: str) -> str:
    """The user's own words for a quote taken from the normalised text.

    Normalising only spaces Hangul from Latin letters, folds "바뀌진 않" and regional endings
    (``regional``) into standard letters and writes out units of time ("2 wks"); the quote is
    found with those undone, or without a topic carried over from an earlier sentence ("문서
    실제로는 반년에 한 번…"); failing all that, the normalised words stand.
    """
    if not quote or quote in original:
        return quote
    words = quote.split(" ")
    parts: list[str] = []
    for i, word in enumerate(words):
        part = _TYPED_AS.get(word.lower()) or as_written(re.escape(word))
        if word.endswith("지") and i + 1 < len(words) and words[i + 1].startswith("않"):
            part = re.escape(word[:-1]) + "(?:지는|지도|지를|진|질|지)"
        parts.append(part)
    folded = nfkc(original)
    for first in range(min(3, len(parts))):
        m = re.search(r"\s*".join(parts[first:]), folded)
        if m:
            return m[0].strip()
    return quote
