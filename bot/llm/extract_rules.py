"""Rule-based fact extraction from Korean, English and mixed free text.

Pure and deterministic. The text is normalised and cut into sentences; everything from a prompt
injection onwards is dropped; concept questions and hypotheticals yield nothing; then rules run
over each sentence from the most specific to the vaguest. A rule masks the span it used, so a
vaguer rule cannot read it again: "inconsistent labels" is about data quality, not a consistency
goal, and "the format changes every week" is about the use case, not a format goal.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from bot.core.facts import (
    ASKABLE,
    MAX_QUOTE_CHARS,
    ChangeRate,
    DataAmount,
    DocsChange,
    FactName,
    Facts,
    Goal,
    PromptingStatus,
    Quality,
    Urgency,
    Volume,
    amount_for_examples,
    apply_choice,
    is_known,
    readings_of,
)
from bot.core.ports import Extraction

__all__ = ["HIGH_VOLUME_PER_DAY", "MAX_USE_CASE_CHARS", "extract_facts", "normalise"]

MAX_USE_CASE_CHARS = 60
HIGH_VOLUME_PER_DAY = 1_000
_MASK = "\x00"
_DATA_PENDING = frozenset({FactName.DATA_AMOUNT, FactName.DATA_EXAMPLES, FactName.DATA_QUALITY})


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Bounded gaps of whole words between a noun and its predicate ("데이터는 아직 없어요").
_GAP1 = r"(?:\S+\s+)?"
_GAP2 = r"(?:\S+\s+){0,2}?"
_GAP3 = r"(?:\S+\s+){0,3}?"

# ---------------------------------------------------------------------------------------------
# Normalisation and sentences

_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_SCRIPT_EDGE = re.compile(r"(?<=[A-Za-z])(?=[\uac00-\ud7a3])|(?<=[\uac00-\ud7a3])(?=[A-Za-z])")
_KO_NEG_PARTICLE = re.compile(r"(?<=[가-힣])(?:진|지는|지도|지를)\s*않")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def normalise(text: str) -> str:
    """NFKC, no invisible characters, and a space where Hangul meets Latin letters."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    # Zero-width and other format characters are a cheap way to hide words from keyword rules.
    text = "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) not in ("Cf", "Cc"))
    # Particles glue onto English words ("tone이"); a space keeps English word boundaries working.
    text = _SCRIPT_EDGE.sub(" ", text)
    # "바뀌진 않아요", "많지는 않아요": the particle does not change the negation.
    text = _KO_NEG_PARTICLE.sub("지 않", text)
    return _SPACES.sub(" ", text).strip()


_HARD_BREAK = re.compile(r"(?<=[.!?])\s+|\s*\n+\s*")
_KO_BREAK = re.compile(r"(?<=[가-힣])(요|니다)[~.!?]*\s+")
# Nouns that end in 요 and so look like a polite sentence ending.
_NOUN_YO = frozenset({"필요", "중요", "주요", "수요", "개요", "강요"})


def _sentences(text: str) -> list[str]:
    out: list[str] = []
    for chunk in _HARD_BREAK.split(text):
        start = 0
        for m in _KO_BREAK.finditer(chunk):
            if m.group(1) == "요" and chunk[max(0, m.start(1) - 1) : m.end(1)] in _NOUN_YO:
                continue
            out.append(chunk[start : m.end()].strip())
            start = m.end()
        out.append(chunk[start:].strip())
    return [s for s in out if s]


class _Sentence:
    """One sentence: the original text, and a working copy where used spans are masked."""

    __slots__ = ("orig", "text")

    def __init__(self, text: str) -> None:
        self.orig = text
        self.text = text

    def mask(self, start: int, end: int) -> None:
        self.text = self.text[:start] + _MASK * (end - start) + self.text[end:]

    def find(self, pattern: re.Pattern[str]) -> list[re.Match[str]]:
        return [m for m in pattern.finditer(self.text) if m.end() > m.start() and _MASK not in m[0]]

    def take(self, pattern: re.Pattern[str]) -> list[re.Match[str]]:
        found = self.find(pattern)
        for m in found:
            self.mask(m.start(), m.end())
        return found


def _distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    if a[1] <= b[0]:
        return b[0] - a[1]
    if b[1] <= a[0]:
        return a[0] - b[1]
    return 0


# ---------------------------------------------------------------------------------------------
# Injection, questions, skip and decide-now

_METHOD = (
    r"(?:파인\s*튜닝|미세\s*조정|\brag\b|래그|프롬프팅|프롬프트\s*엔지니어링|검색\s*증강|"
    r"fine[- _]?tun\w*|prompt(?:ing)?(?:_rag\w*)?\b|retrieval)"
)
_INJECTION = _re(
    "|".join(
        (
            r"\b(?:ignore|disregard|forget|override|bypass)\s+(?:all\s+|any\s+|the\s+|your\s+|"
            r"my\s+|previous\s+|prior\s+|earlier\s+|above\s+|preceding\s+|system\s+|"
            r"of\s+)*(?:instructions?|rules?|above|previous|prior|prompts?|guidelines|"
            r"everything|context|constraints|directions|messages?)\b",
            r"\b(?:reveal|show|print|repeat|ignore|change|override)\s+(?:your\s+|"
            r"the\s+)?system\s*prompt",
            r"\byou\s+are\s+now\b|\bfrom\s+now\s+on\b|\bact\s+as\b|\bpretend\b|\broleplay\b|"
            r"\bjailbreak\b|\bdeveloper\s+mode\b|\bnew\s+instructions?\b",
            r"\b(?:you|the\s+bot|the\s+engine|explainer)\s+(?:must|should|will|have\s+to|"
            r"need\s+to|are\s+to|shall)\s+(?:\w+\s+)?(?:recommend|choose|pick|output|answer|say|"
            r"return|select|respond|reply|treat|assume|consider|mark|set|pretend|act|ignore|"
            r"go\s+with)\b",
            r"(?:^|\b(?:and|then|just|always|only|please|must|should|to)\s+|"
            r"[,:;]\s*)(?:recommend|choose|pick|output|answer|return|select|go\s+with|"
            r"respond\s+with|reply\s+with|suggest)\s+(?:only\s+|just\s+|"
            rf"me\s+)?(?:the\s+)?[\"'`]?{_METHOD}",
            r"\b(?:recommendation|outcome|verdict|answer|result|decision)\s*(?:is|=|:|must\s+be|"
            rf"should\s+be|will\s+be)\s*[\"'`]?{_METHOD}",
            r"(?:^|\b(?:and|then|just|please|must|should|to)\s+)say\s+(?:that\s+)?(?:we|our|the|"
            r"you)\b",
            r"\b(?:treat|consider|assume)\s+(?:\w+\s+){0,3}?as\s+(?:the\s+)?(?:most|top|"
            r"highest|only)\b",
            r"^\W*(?:system|assistant|developer|시스템|어시스턴트|개발자)\s*:",
            # Our own field names with a value: someone is writing the facts for us.
            r"\b(?:data_amount|data_quality|data_examples|top_goal|change_rate|docs_change|eval_set|"
            r"cost_tracked)[\"']?\s*[:=]|[\"'](?:goals|volume|urgency|prompting|languages|use_case|"
            r"recommendation|outcome)[\"']\s*:|\b(?:goals|volume|urgency|prompting|recommendation|"
            r"outcome)\s*=",
            r"<\|?(?:im_start|im_end|system|endoftext)\|?>|\[/?inst\]|\[/?sys\]|"
            r"###\s*(?:instruction|system)",
            r"(?:이전|위|앞|기존|모든|시스템|원래)?\s*(?:의\s*)?(?:지시|명령|규칙|프롬프트|설정|"
            r"지침|내용|대화|질문|말)(?:사항|문)?(?:을|를|은|는|들|들을)?\s*(?:다\s*|모두\s*|"
            r"전부\s*)?(?:무시|잊어|잊고|따르지\s*마)",
            r"(?:다|전부|모두)\s*무시하고",
            r"시스템\s*프롬프트(?:를|을)?\s*(?:보여|출력|알려|무시|바꿔)",
            r"(?:지금부터|이제부터)\s*(?:너는|넌|당신은)|(?:너는|넌)\s*이제|역할(?:을|"
            r"를)?\s*(?:바꿔|변경)|(?:인|하는)\s*척\s*(?:해|하)",
            rf"{_METHOD}\s*(?:을|를|으로|로|만)?\s*(?:\S+\s+)?(?:추천|선택|권장|"
            r"출력)\s*(?:해\s*줘|해\s*주세요|해라|하라|하세요|할\s*것|하도록|해야\s*(?:해|한다|"
            r"합니다)|해(?=\s*[.!]*\s*$))",
            rf"{_METHOD}\s*(?:을|를|으로|로)?\s*(?:결정|골라|고르)\s*(?:해\s*줘|해줘|해라|하세요|"
            r"해\s*주세요|줘|라)",
            rf"(?:결과|결론|추천|답|판정)(?:은|는|을|를)?\s*(?:무조건|반드시|꼭)\s*{_METHOD}",
            rf"(?:무조건|반드시)\s*{_METHOD}\S*\s*(?:추천|선택|으로|로)",
            r"(?:라고|다고)\s*(?:말해|답해|출력해|대답해|해\s*줘|해라|치고|쳐|가정해)",
        )
    )
)


def _until_injection(sentences: list[str]) -> list[str]:
    """The sentences before the first injected instruction; what follows it is its payload."""
    for i, sentence in enumerate(sentences):
        if _INJECTION.search(sentence):
            return sentences[:i]
    return sentences


_CONCEPT = _re(
    r"뭐예요|뭐에요|뭔가요|뭐죠|뭐야|뭔데|뭔지|무엇인가요|무엇인지|무엇이에요|무엇이죠|무엇일까|"
    r"(?:이|가|란|이란)\s*(?:무엇|뭐)|차이|왜(?!냐)|어떻게\s*(?:작동|동작|돌아가|다르|하는|되는|"
    r"쓰|써|만들|구축|평가|측정|시작|해야|골라|선택)|어떤\s*(?:건가요|거예요|뜻)|무슨\s*(?:뜻|"
    r"의미|말|차이)|설명해|설명\s*부탁|알려\s*(?:줄래|주실|줘요|주세요)|궁금|의미가\s*뭐|장단점|"
    r"언제\s*(?:써|쓰|사용)|\bwhat(?:'s|\s+is|\s+are|\s+does|\s+do)\b|\bhow\s+(?:does|do|is|are|"
    r"can|should|would|to)\b|\bwhy\b|\bdifference\s+between\b|\bexplain\b|"
    r"\bwhat\s+do\s+you\s+mean\b|\bmeaning\s+of\b|\bdefine\b|\btell\s+me\s+(?:about|more)\b|"
    r"\bvs\.?\b|\bversus\b|\bpros\s+and\s+cons\b|\bwhen\s+(?:should|to|do|would)\b|\b(?:know|"
    r"understand|get)\s+what\b|\bcan\s+you\s+(?:explain|tell)\b|\bwhich\s+is\s+better\b"
)
_ASKING = _re(
    r"(?:뭔지|무엇인지|뭐가\s*뭔지)\s*(?:잘\s*)?모르|\bdon'?t\s+(?:know|understand|"
    r"get)\s+what\b|\?\s*$|(?:나요|까요|가요|뭐예요|뭐에요|뭔가요|인가요|건가요|뭐죠|뭐야|뭔데|"
    r"니|냐)\s*[.!~]*$|^\W*(?:what|how|why|when|which|is|are|does|do|can|could|should|would|"
    r"will)\b|\bexplain\b|설명해|알려\s*(?:줄래|주실|줘요|주세요)|궁금"
)


def _is_concept_question(sentence: str) -> bool:
    return bool(_CONCEPT.search(sentence) and _ASKING.search(sentence))


_DECIDE_NOW = _re(
    r"그냥\s*(?:결정|정해|골라|추천|알려|말해|결론)\S*|바로\s*(?:결정|추천|알려|결론)\S*|"
    r"결정\s*(?:해\s*줘|해\s*주세요|부탁)|결론(?:만|부터)?\s*(?:알려|말해|주세요|줘|내\s*줘|"
    r"내\s*주세요)\S*|지금\s*(?:결정|결론)\S*|추천\s*(?:해\s*줘|해\s*주세요|부탁)\S*|"
    r"이제\s*(?:결정|추천|결론)\S*|그만\s*물어\S*|질문은\s*그만\S*|\bdecide\s+now\b|"
    r"\bjust\s+(?:decide|tell\s+me|give\s+me|pick|recommend|choose)\b|\b(?:give|"
    r"tell)\s+me\s+(?:the|your)\s+(?:answer|recommendation|verdict|decision)\b|\bmake\s+(?:the|"
    r"a)\s+(?:call|decision)\b|\bwhat'?s\s+(?:the|your)\s+(?:verdict|recommendation)\b|"
    r"\bskip\s+to\s+the\s+(?:end|answer|recommendation|result)\b|\bcut\s+to\s+the\s+chase\b|"
    r"\benough\s+questions\b|\bdecide\s+for\s+me\b|\bstop\s+asking\b"
)
_SKIP = _re(
    r"모르겠\S*|몰라\S*|모름|글쎄\S*|잘\s*모르\S*|패스|넘어가\S*|건너뛰\S*|스킵|다음\s*질문|"
    r"답하기\s*(?:어렵|곤란)\S*|\bnot\s+sure\b|\bdon'?t\s+know\b|\bdo\s+not\s+know\b|\bdunno\b|"
    r"\bno\s+idea\b|\bno\s+clue\b|\bcan'?t\s+say\b|\bunsure\b|\bidk\b|\bhard\s+to\s+say\b|"
    r"\bnext\s+question\b|\bskip\b"
)
_SKIP_SHORT = _re(r"^\W*(?:pass|n/?a|-+)\W*$")

# "How often do the docs change?" names a frequency without stating one.
_HOW_MUCH = _re(
    r"얼마나\s*\S*|몇\s*건(?:이나|인지)|\bhow\s+(?:often|much|many|fast|quickly|soon|big)\b"
)

_IF_EN = _re(
    r"\b(?:if|unless|what\s+if|suppose|supposing|assume|assuming|in\s+case|imagine|hypothetically|"
    r"let'?s\s+(?:say|assume|pretend))\b[^,.;!?]{0,60}"
)
_KO_CONDITIONAL = re.compile(r"[가-힣](?:으면|다면|라면|이면|면)$")
# Nouns that end in 면 and are not conditionals.
_NOT_CONDITIONAL = frozenset(
    {
        "측면",
        "화면",
        "반면",
        "전면",
        "서면",
        "표면",
        "이면",
        "정면",
        "장면",
        "국면",
        "대면",
        "비대면",
        "일면",
        "내면",
        "외면",
        "냉면",
        "수면",
        "지면",
        "방면",
        "당면",
    }
)
# "~면 안 돼요" is a prohibition and "~만 나오면 돼요" a requirement, not hypotheticals.
_MUST_NOT = re.compile(
    r"\s*(?:안\s*)?(?:돼|되|됩|된다|좋겠|충분)|\s*(?:큰일|곤란|문제가\s*(?:생|돼|되|커))"
)
_PREDICATE_END = re.compile(
    r"(?:요|다|고|며|지만|는데|은데|인데|면|서|니까|음|함|됨|임|죠|네|까)[.!?~,]*$|[,.;!?]$"
)


def _ends_predicate(word: str) -> bool:
    bare = word.rstrip(".,!?~;")
    return not bare.endswith(tuple(_NOUN_YO)) and bool(_PREDICATE_END.search(word))


def _mask_hypotheticals(s: _Sentence) -> None:
    for m in s.find(_IF_EN):
        s.mask(m.start(), m.end())
    words = [(m.start(), m.end(), m[0]) for m in re.finditer(r"\S+", s.text)]
    for i, (w_start, w_end, word) in enumerate(words):
        bare = word.rstrip(".,!?")
        if not _KO_CONDITIONAL.search(bare) or bare in _NOT_CONDITIONAL:
            continue
        if _MUST_NOT.match(s.text[w_end : w_end + 20]):
            continue
        start = w_start
        for p_start, _, previous in reversed(words[:i]):
            if _ends_predicate(previous):
                break
            start = p_start
        s.mask(start, w_start + len(bare))


# ---------------------------------------------------------------------------------------------
# Nouns that give other rules their context

_DATA_KO = (
    r"(?:학습\s*데이터|훈련\s*데이터|데이터\s*셋|데이터|예시|예제|샘플|라벨|레이블|정답\s*쌍|쌍|"
    r"q\s*&\s*a|문답|대화\s*로그|상담\s*(?:로그|기록|이력|내역)|문의\s*(?:내역|기록|이력)|"
    r"로그(?!램)|코퍼스|말뭉치|티켓|기록|이력)"
)
_DATA_EN = (
    r"\b(?:training\s+(?:data|set|examples)|data\s*sets?|data|examples?|samples?|pairs?|labels?|"
    r"label+ed|annotations?|annotated|q\s*&\s*a|qa|transcripts?|conversations?|tickets?|logs?|"
    r"records?|rows?|corpus|history)\b"
)
_DATA_NOUN = _re(f"{_DATA_KO}|{_DATA_EN}")

_EVAL_KO = (
    r"(?:평가\s*용?\s*(?:셋|세트|데이터\s*셋|데이터|체계|기준)|테스트\s*(?:셋|세트|케이스)|"
    r"골든\s*(?:셋|세트)|벤치마크\s*(?:셋|세트|데이터)|검증\s*(?:셋|세트|데이터))"
)
_EVAL_EN = (
    r"\b(?:eval(?:uation)?\s*(?:sets?|data\s*sets?|datasets?|suites?|data|harness|benchmarks?)|"
    r"evals|test\s*(?:sets?|suites?|cases)|gold(?:en)?\s*(?:sets?|data\s*sets?|datasets?)|"
    r"benchmark\s*(?:sets?|suites?)|regression\s+(?:tests?|suites?)|held[- ]out\s+sets?|"
    r"validation\s+sets?)\b"
)
_EVAL_NOUN = _re(f"{_EVAL_KO}|{_EVAL_EN}")

_DOC_KO = (
    r"(?:문서|정책|매뉴얼|메뉴얼|가격표|가격|요금표|요금제|요금|약관|규정|공지|카탈로그|"
    r"상품\s*정보|용어집|제품\s*정보|재고|faq|지식\s*베이스|위키|가이드라인|가이드|자료|콘텐츠|"
    r"컨텐츠|법령|법규|기사|뉴스|릴리스\s*노트|헬프\s*센터|도움말)"
)
_DOC_EN = (
    r"\b(?:docs|documents?|documentation|polic(?:y|ies)|rules|manuals?|price\s*lists?|prices|"
    r"pricing|catalog(?:ue)?s?|product\s+(?:info|information|data)|inventory|knowledge\s*base|"
    r"kb|wiki|faqs?|guides?|guidelines|terms|regulations?|laws?|articles?|news|release\s+notes|"
    r"help\s+(?:center|articles|docs)|content|sources|references?|reference\s+material|"
    r"sku\s+data|skus?|glossary|glossaries|terminology)\b"
)
_DOC_NOUN = _re(f"{_DOC_KO}|{_DOC_EN}")

_SUBJECT_NOUN = _re(
    r"요구\s*사항|요건|사용\s*사례|유스\s*케이스|활용\s*사례|기획|스펙|태스크|과제|업무|작업|"
    r"기능|시나리오|방향|프로덕트|질문\s*유형|문의\s*유형|출력\s*형식|형식|포맷|대상|타겟|니즈|"
    r"\buse[- ]?cases?\b|\brequirements?\b|\btasks?\b|\bspecs?\b|\bscope\b|\bproduct\b|"
    r"\bfeatures?\b|\bworkflows?\b|\bdirection\b|\baudience\b|\bquestions\b|\boutput\s+format\b|"
    r"\bformat\b|\bneeds\b|\bproject\b|\bpriorities\b|\broadmap\b|\bthe\s+ask\b"
)

_PROMPT_NOUN = _re(
    r"프롬프트|프롬프팅|지시문|퓨\s*샷|\bprompt(?:s|ing|ed)?\b|\bprompt\s+engineering\b|"
    r"\bfew[- ]?shot\b|\bzero[- ]?shot\b|\binstructions\b"
)
_OTHER_METHOD = _re(
    r"파인\s*튜닝|미세\s*조정|\bfine[- ]?tun\w*|\brag\b|래그|검색\s*증강|\bretrieval\b|"
    r"\bembeddings?\b"
)


class _Noun(NamedTuple):
    kind: str
    start: int
    end: int
    text: str


def _nouns(text: str, kinds: dict[str, re.Pattern[str]]) -> list[_Noun]:
    """Every noun of the given kinds, without those inside a longer one ("제품 정보" ⊃ "제품")."""
    found = sorted(
        (
            _Noun(kind, m.start(), m.end(), m[0])
            for kind, pattern in kinds.items()
            for m in pattern.finditer(text)
            if m[0] and _MASK not in m[0]
        ),
        key=lambda n: (n.start, n.start - n.end),
    )
    kept: list[_Noun] = []
    reach = -1
    for noun in found:
        if noun.end > reach:
            kept.append(noun)
            reach = noun.end
    return kept


def _nearest(nouns: list[_Noun], span: tuple[int, int], within: int | None = None) -> _Noun | None:
    """The noun nearest to ``span``, if one lies ``within`` that many characters."""
    best = min(nouns, key=lambda n: (_distance(span, (n.start, n.end)), n.start), default=None)
    if best is None or (within is not None and _distance(span, (best.start, best.end)) > within):
        return None
    return best


# ---------------------------------------------------------------------------------------------
# The accumulator


@dataclass
class _Found:
    values: dict[FactName, Any] = field(default_factory=dict)
    goals: set[Goal] = field(default_factory=set)
    not_goals: set[Goal] = field(default_factory=set)
    top: Goal | None = None
    all_goals: bool = False
    languages: set[str] = field(default_factory=set)
    data_none: bool = False
    examples: list[int] = field(default_factory=list)
    amount: DataAmount | None = None
    rates: list[float] = field(default_factory=list)
    use_case: str | None = None

    def facts(self, pending: FactName | None) -> Facts:
        data: dict[str, Any] = {name.value: value for name, value in self.values.items()}
        goals = set(Goal) if self.all_goals else self.goals - self.not_goals
        if goals:
            data["goals"] = frozenset(goals)
        top = self.top if self.top in goals else None
        if top is None and pending is FactName.TOP_GOAL and len(goals) == 1:
            top = next(iter(goals))
        if top is not None:
            data["top_goal"] = top
        if self.data_none:
            data["data_amount"] = DataAmount.NONE
            data.pop("data_quality", None)
        elif self.examples:
            # The amount goes with the count so that a later count replaces an earlier amount.
            count = max(self.examples)
            data["data_examples"] = count
            data["data_amount"] = amount_for_examples(count)
        elif self.amount is not None:
            data["data_amount"] = self.amount
        if "volume" not in data and self.rates:
            data["volume"] = Volume.HIGH if max(self.rates) >= HIGH_VOLUME_PER_DAY else Volume.LOW
        if self.languages:
            data["languages"] = frozenset(self.languages)
        if self.use_case:
            data["use_case"] = self.use_case
        return Facts.model_validate(data)


# ---------------------------------------------------------------------------------------------
# Evaluation set and cost tracking

_EVAL_NO = [
    _re(
        rf"(?:{_EVAL_KO}|{_EVAL_EN})\S*\s*{_GAP2}(?:아직\s*|전혀\s*|따로\s*|별도로\s*|"
        r"딱히\s*)*(?:없|안\s*만들|만들지\s*않|못\s*만들|부족|만드는\s*중|만들\s*예정)"
    ),
    _re(r"평가(?:할|하는)\s*(?:방법|기준|체계)\S*\s*" + _GAP1 + r"없"),
    _re(
        r"\b(?:no|without|lack(?:ing)?|missing|don'?t\s+have|do\s+not\s+have|doesn'?t\s+have|"
        r"haven'?t\s+(?:got|built|made)|never\s+(?:built|made))\s+(?:an?\s+|any\s+|proper\s+|"
        rf"real\s+|formal\s+)*(?:\w+\s+)?{_EVAL_EN}"
    ),
    _re(r"\bno\s+(?:way|means)\s+to\s+(?:measure|evaluate|compare|test)\b"),
    _re(rf"{_EVAL_EN}\s*:\s*(?:no|none)\b"),
]
_EVAL_YES = [
    _re(
        rf"(?:{_EVAL_KO}|{_EVAL_EN})\S*\s*{_GAP2}(?:이미\s*)?(?:있(?!어야|으면|을|었으면)|보유|"
        r"갖추|갖고|만들어\s*(?:뒀|놨|두었|놓았|둔)|준비(?:되어|돼|된|했)|운영\s*중|돌리고)"
    ),
    _re(
        r"\b(?:have(?!\s+to\b)|has(?!\s+to\b)|got|built|maintain|maintains|keep|use|run|created|"
        rf"made|own)\s+(?:an?\s+|our\s+|the\s+|some\s+|several\s+)?(?:\w+\s+){{0,2}}?{_EVAL_EN}"
    ),
    _re(rf"{_EVAL_EN}\s+(?:is\s+|are\s+)?(?:ready|in\s+place|exists?|already)\b"),
    _re(
        r"\b(?:evaluate|test|benchmark|measure|check)\w*\s+(?:\w+\s+){0,2}?(?:with|on|"
        rf"against)\s+(?:an?\s+|our\s+|the\s+)?(?:\w+\s+)?{_EVAL_EN}"
    ),
    _re(rf"\bthere(?:'s|\s+is)\s+an?\s+(?:\w+\s+)?{_EVAL_EN}|\bour\s+(?:\w+\s+)?{_EVAL_EN}"),
]

_COST_KO = (
    r"(?:요청\s*당\s*(?:비용|원가)|건당\s*(?:비용|원가)|비용|원가|지연\s*시간|레이턴시|"
    r"응답\s*(?:시간|속도)|토큰\s*(?:사용량|비용))"
)
_COST_EN = (
    r"\b(?:costs?(?:\s+per\s+(?:request|call|query))?|per[- ]request\s+costs?|latency|latencies|"
    r"response\s+times?|token\s+(?:usage|spend|costs?)|spend)\b"
)
_COST_NO = [
    _re(
        rf"{_COST_KO}\S*\s*{_GAP2}(?:측정\s*(?:안|을\s*안|은\s*안|하지\s*않|못)|안\s*(?:재|봐|보|"
        r"측정|추적|챙)|추적\s*(?:안|하지\s*않|은\s*안)|모르|몰라|확인\s*안|모니터링\s*(?:안|"
        r"은\s*안|하지\s*않)|신경\s*(?:안|못))"
    ),
    _re(
        r"\b(?:don'?t|do\s+not|doesn'?t|does\s+not|haven'?t|have\s+not|never|not|aren'?t|"
        r"are\s+not|isn'?t)\s+(?:really\s+|yet\s+|currently\s+|even\s+)?(?:track|tracking|"
        r"tracked|measure|measuring|measured|monitor|monitoring|monitored|log|logging|watch|"
        rf"watching|know)\b(?:\s+\w+){{0,3}}?\s+{_COST_EN}"
    ),
    _re(
        rf"{_COST_EN}\s+(?:is\s+not|are\s+not|isn'?t|aren'?t)\s+(?:\w+\s+)?(?:tracked|measured|"
        r"monitored)\b"
    ),
    _re(rf"\bno\s+idea\s+(?:what|how\s+much)\b(?:\s+\w+){{0,5}}?\s+{_COST_EN}"),
]
_COST_YES = [
    _re(
        rf"{_COST_KO}\S*\s*{_GAP3}(?:측정|추적|모니터링|트래킹|대시보드|기록\s*하|기록\s*중|"
        r"보고\s*있|관리\s*하)"
    ),
    _re(
        r"\b(?:track|tracks|tracking|tracked|measure|measures|measuring|measured|monitor|"
        r"monitors|monitoring|monitored|log|logs|logging|watch|"
        rf"watching)\b(?:\s+\w+){{0,4}}?\s+{_COST_EN}"
    ),
    _re(
        rf"{_COST_EN}(?:\s+\w+){{0,3}}?\s+(?:tracked|measured|monitored|on\s+a\s+dashboard|"
        r"dashboards?)\b"
    ),
]


def _checklist(s: _Sentence, found: _Found) -> None:
    for patterns, name, value in (
        (_EVAL_NO, FactName.EVAL_SET, False),
        (_EVAL_YES, FactName.EVAL_SET, True),
        (_COST_NO, FactName.COST_TRACKED, False),
        (_COST_YES, FactName.COST_TRACKED, True),
    ):
        for pattern in patterns:
            if s.take(pattern) and name not in found.values:
                found.values[name] = value


# ---------------------------------------------------------------------------------------------
# Data: quality, amount, counts

_QUALITY_LOW = [
    _re(
        r"(?:검수|정제|정리|검증|라벨링|레이블링)\S*\s*(?:이|가|는|은)?\s*(?:전혀\s*|아직\s*|"
        r"제대로\s*|잘\s*)?(?:안\s*(?:된|되|돼|했)|되지\s*않|되어\s*있지\s*않|하지\s*않|못\s*했)"
    ),
    _re(
        r"(?:품질|\bquality\b)\S*\s*"
        + _GAP1
        + r"(?:낮|안\s*좋|좋지\s*않|별로|나쁘|떨어|들쭉날쭉|제각각|엉망|불량|의심)"
    ),
    _re(
        rf"{_DATA_KO}\S*\s*{_GAP1}(?:엉망|제각각|들쭉날쭉|지저분|중구난방|뒤죽박죽|부정확|"
        r"틀린\s*(?:게|것이)\s*많|오류가\s*많|일관(?:되지\s*않|성이\s*없|성\s*없))"
    ),
    _re(
        r"노이즈|저품질|(?:품질|노이즈|오류)\S*\s*섞여|일관성\s*(?:이\s*)?없는\s*(?:라벨|데이터|"
        r"레이블|정답|예시)|일관되지\s*않은\s*(?:라벨|데이터|레이블|정답|예시)"
    ),
    _re(
        r"\b(?:noisy|messy|dirty|low[- ]quality|poor[- ]quality|bad[- ]quality|garbage|"
        r"mislabell?ed|error[- ]prone|unreviewed|uncurated|uncleaned|unvetted|unverified)\b"
    ),
    _re(r"\binconsistent(?:ly)?\s+(?:label+ed|labels|annotations|annotated|data)\b"),
    _re(r"\bfull\s+of\s+(?:errors|mistakes|typos|noise)\b"),
    _re(r"\bnot\s+(?:been\s+)?(?:cleaned|reviewed|curated|vetted|validated|checked|verified)\b"),
    _re(
        r"\b(?:not|isn'?t|aren'?t|never|nothing|none\s+of\s+it)\s+(?:is\s+|very\s+|really\s+|"
        r"particularly\s+)?(?:clean|cleaned|curated|reviewed|vetted|verified|high[- ]quality)\b"
    ),
    _re(
        r"\bquality\s+(?:is|'s)\s+(?:\w+\s+)?(?:low|poor|bad|mixed|questionable|not\s+great|"
        r"not\s+good|so-so)\b|\bquality\s+(?:isn'?t|is\s+not)\s+(?:\w+\s+)?(?:great|good|high)\b"
    ),
    _re(
        r"\b(?:labels|data|annotations|examples)\s+(?:is|"
        r"are)\s+(?:\w+\s+)?(?:all\s+over\s+the\s+place|a\s+mess|inconsistent|mixed|unreliable|"
        r"wrong|noisy|messy|dirty)\b"
    ),
]
_QUALITY_HIGH = [
    _re(
        r"(?:검수|정제|검증|감수)(?:된|됐|되어|돼|했|완료|를\s*거친|\s*거친|받은|를\s*마친|"
        r"·정제|\s*및\s*정제)|정제가\s*잘|잘\s*(?:정리|정제|라벨링|레이블링)(?:된|되어|돼)|"
        r"고품질|양질|깨끗(?:한|하게|해요|합니다|하고)"
    ),
    _re(r"(?:품질|\bquality\b)\S*\s*" + _GAP1 + r"(?:좋|높|우수|괜찮|뛰어나|훌륭)"),
    _re(r"(?:라벨|레이블|정답)\S*\s*" + _GAP1 + r"(?:정확|일관)"),
    _re(r"품질\s*(?:문제|이슈)(?:는|가|도)?\s*(?:거의\s*|전혀\s*|별로\s*)?없"),
    _re(
        r"전문가가\s*(?:직접\s*)?(?:작성|검수|만든|라벨링)|사람이\s*(?:직접\s*)?(?:검토|검수|작성|"
        r"라벨링)"
    ),
    _re(
        r"\b(?:clean|cleaned|curated|reviewed|vetted|validated|verified|high[- ]quality|"
        r"good[- ]quality|gold(?:en)?[- ]standard|well[- ]label+ed|hand[- ]label+ed|"
        r"expert[- ](?:written|label+ed|annotated|reviewed)|human[- ](?:reviewed|label+ed|"
        r"annotated|written|verified))\b"
    ),
    _re(r"\bconsistent(?:ly)?\s+(?:label+ed|labels|annotations|annotated)\b"),
    _re(r"\bquality\s+(?:is|'s)\s+(?:\w+\s+)?(?:high|good|great|excellent|solid)\b"),
    _re(r"검수"),
]

_AMOUNT_SOME = [
    _re(
        rf"{_DATA_KO}\S*\s*{_GAP1}(?:그렇게\s*|별로\s*|많이\s*)?(?:많지\s*(?:는\s*)?않|많진\s*않|"
        r"별로\s*없|얼마\s*(?:안|없)|적어|적은\s*편|적습|적고|조금|약간|소량|일부만?)"
    ),
    _re(r"(?:조금|약간|소량의|적은|일부)\s*(?:\S+\s+)?" + _DATA_KO),
    _re(
        r"\b(?:don'?t|do\s+not)\s+have\s+(?:a\s+lot\s+of|lots\s+of|much|"
        r"many)\s+(?:\w+\s+)?(?:data|examples|samples|pairs)\b"
    ),
    _re(
        r"\bnot\s+(?:a\s+lot\s+of|lots\s+of|much|many|that\s+many|"
        r"that\s+much)\s+(?:\w+\s+)?(?:data|examples|samples|pairs)\b"
    ),
    _re(
        r"\b(?:some|a\s+little|a\s+bit\s+of|a\s+small|small|limited|a\s+handful\s+of|a\s+few|"
        r"modest)\s+(?:\w+\s+)?(?:data|data\s*sets?|datasets?|examples|samples|pairs)\b"
    ),
]
_AMOUNT_NONE = [
    _re(
        rf"{_DATA_KO}\S*\s*(?:(?!문제|걱정|이슈)\S+\s+){{0,2}}?(?:전혀\s*|거의\s*|아직\s*|"
        r"하나도\s*|따로\s*|별도로\s*|딱히\s*)*(?:없|부족|모자라|충분하지\s*않|충분치\s*않|"
        r"준비가\s*(?:안|어렵|어려|힘들|힘드)|준비하기\s*(?:어렵|어려|힘들|힘드)|"
        r"구하기\s*(?:어렵|어려|힘들|힘드)|모으기\s*(?:어렵|어려|힘들|힘드)|만들기\s*(?:어렵|"
        r"어려|힘들|힘드)|확보가\s*(?:안|어렵|어려)|확보하기\s*(?:어렵|어려|힘들|힘드))"
    ),
    _re(
        r"(?:라벨|레이블)(?:링)?\S*\s*(?:이|은|가)?\s*(?:안\s*(?:된|되어|돼)|없는|되지\s*않은|"
        r"안\s*붙)"
    ),
    _re(
        r"\b(?:no|zero|without|lack(?:ing)?|missing|don'?t\s+have(?:\s+any)?|"
        r"do\s+not\s+have(?:\s+any)?|doesn'?t\s+have(?:\s+any)?|haven'?t\s+got|have\s+no|"
        r"has\s+no|haven'?t\s+(?:collected|gathered|built|labell?ed)(?:\s+any)?|"
        r"never\s+(?:collected|gathered|labell?ed))\s+(?:any\s+|real\s+|good\s+|proper\s+|"
        r"usable\s+|labell?ed\s+|training\s+|fine[- ]?tuning\s+|annotated\s+|historical\s+|"
        r"example\s+|existing\s+|such\s+)*(?:data|data\s*sets?|datasets?|examples?|samples?|"
        r"pairs?|training\s+data|labels|q\s*&\s*a)\b"
    ),
    _re(r"\b(?:un-?label+ed|not\s+(?:yet\s+)?label+ed|no\s+labels|nothing\s+(?:is\s+)?label+ed)\b"),
    _re(
        r"\b(?:data|examples)\s+(?:is|are)\s+(?:\w+\s+)?(?:hard|difficult|impossible|"
        r"expensive)\s+to\s+(?:get|collect|prepare|gather|obtain|come\s+by|label)\b"
    ),
    _re(
        r"\b(?:hard|difficult|impossible)\s+to\s+(?:collect|prepare|gather|get|build|"
        r"label)\s+(?:\w+\s+)?(?:data|examples|data\s*sets?|datasets?)\b"
    ),
    _re(
        r"\b(?:not\s+enough|insufficient|too\s+little|little\s+to\s+no|hardly\s+any|"
        r"barely\s+any|next\s+to\s+no|virtually\s+no)\s+(?:\w+\s+)?(?:data|examples|samples|"
        r"training\s+data)\b"
    ),
    _re(r"\bdata\s*:\s*(?:none|no|zero|0)\b"),
]
_AMOUNT_PLENTY = [
    _re(
        rf"{_DATA_KO}\S*\s*{_GAP1}(?:정말\s*|꽤\s*|아주\s*|엄청\s*|매우\s*|충분히\s*)?(?:많|충분|"
        r"풍부|넉넉|대량|쌓여\s*있|방대)"
    ),
    _re(r"(?:많은|충분한|풍부한|대량의|방대한|엄청난|넉넉한)\s*(?:\S+\s+)?" + _DATA_KO),
    _re(
        r"\b(?:lots\s+of|plenty\s+of|a\s+lot\s+of|tons\s+of|loads\s+of|a\s+large|a\s+huge|"
        r"a\s+big|large|huge|massive|big|extensive|rich|a\s+rich)\s+(?:\w+\s+){0,2}?(?:data|"
        r"data\s*sets?|datasets?|examples|samples|pairs|corpus|history|logs|transcripts|"
        r"tickets)\b"
    ),
    _re(r"\b(?:data|examples)\b(?:\s+\w+){0,3}?\s+(?:plenty|abundant|in\s+abundance)\b"),
    _re(r"\benough\s+(?:\w+\s+)?(?:data|examples|training\s+data)\b"),
]


def _data_quality(s: _Sentence, found: _Found, pending: FactName | None) -> None:
    if not _DATA_NOUN.search(s.orig) and pending not in _DATA_PENDING:
        return
    for patterns, quality in ((_QUALITY_LOW, Quality.LOW), (_QUALITY_HIGH, Quality.HIGH)):
        for pattern in patterns:
            if s.take(pattern):
                found.values.setdefault(FactName.DATA_QUALITY, quality)


_AMOUNT_SOME_WEAK = _re(
    rf"{_DATA_KO}(?:는|은|도|가|이)?\s*있(?:어요|습니다|는데|고|긴|음)|"
    r"\bwe\s+(?:do\s+)?have\s+(?:labell?ed\s+|training\s+)?(?:data|examples)\b"
)


def _data_amount(s: _Sentence, found: _Found) -> None:
    # Counts were read first, so "500건밖에 없어요" is a small amount, not none.
    for pattern in _AMOUNT_SOME:
        if s.take(pattern):
            found.amount = DataAmount.SOME
    for pattern in _AMOUNT_NONE:
        if s.take(pattern):
            found.data_none = True
    for pattern in _AMOUNT_PLENTY:
        if s.take(pattern) and found.amount is None:
            found.amount = DataAmount.PLENTY
    if s.take(_AMOUNT_SOME_WEAK) and found.amount is None:
        found.amount = DataAmount.SOME


_NUMBER = _re(
    r"(?<![0-9A-Za-z.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(억|만|천|백|k|mn|m|million|"
    r"thousand|hundred|bn|billion)?(?:\s*(\d+(?:\.\d+)?)\s*(천|백))?(?![A-Za-z])"
)
_MULTIPLIER = {
    "억": 1e8,
    "만": 1e4,
    "천": 1e3,
    "백": 1e2,
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "hundred": 1e2,
    "bn": 1e9,
    "billion": 1e9,
}
_VAGUE = [
    (_re(r"수십만|몇\s*십\s*만|\bhundreds\s+of\s+thousands\b"), 300_000),
    (_re(r"수만|몇\s*만(?!\s*원)|\btens\s+of\s+thousands\b"), 30_000),
    (_re(r"\bmillions\b"), 3_000_000),
    (_re(r"수천|몇\s*천(?!\s*원)|\b(?:a\s+few|several)\s+thousand\b|\bthousands\b"), 3_000),
    (
        _re(
            r"수백|몇\s*백(?!\s*원)|\b(?:a\s+few|a\s+couple(?:\s+of)?|several)\s+hundred\b|"
            r"\bhundreds\b"
        ),
        300,
    ),
    (_re(r"수십|몇\s*십|\b(?:a\s+few\s+)?dozens?\b"), 30),
]
_NOT_A_COUNT = _re(
    r"^\s*\+?\s*(?:년|개월|달|주(?!문)|일(?![반부관정단일])|시간|분(?![류석기야])|초|%|퍼센트|"
    r"프로|원|만원|달러|명|배|위|등|차|번째|단계|가지|개\s*(?:언어|국|팀|월|부서|모델|채널|"
    r"회사)|개국|문장|글자|토큰|(?:years?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|"
    r"seconds?|secs?|ms|percent|people|users?|persons?|engineers?|developers?|devs?|teams?|"
    r"languages?|sentences?|words?|tokens?|steps?|times|dollars?|usd|krw|won|fte|countries|"
    r"models?|chars?|characters?|pages?|st|nd|rd|th|x)\b)"
)
_RATE = _re(
    r"하루|일일|매일|일\s*평균|날마다|시간\s*당|시간에|매주|주\s*당|한\s*주에|매달|매월|"
    r"월\s*평균|한\s*달에|\bper\s+(?:day|hour|week|month)\b|\ban?\s+(?:day|week|month|hour)\b|"
    r"/\s*(?:day|d|hour|hr|h|week|wk|month|mo)\b|\b(?:daily|hourly|weekly|monthly)\b|"
    r"\beach\s+(?:day|week|month)\b|\bevery\s+(?:day|week|month|hour)\b"
)
_REQUEST = _re(
    r"요청|호출|트래픽|쿼리|질의|\brequests?\b|\bqueries\b|\bquery\b|\bcalls?\b|\btraffic\b|"
    r"\bhits\b|\binquiries\b"
)
_POSSESSION = _re(r"있|보유|쌓|모았|모아|확보|갖고|\bwe\s+have\b|\bwe'?ve\s+got\b")
_COUNT_UNIT = _re(r"^\s*(?:건|개|쌍|줄|행|세트)")
_MAX_CONTEXT = 40
# "an eval set of 300 pairs", "500 pairs for evaluation": the count sizes the eval set.
_EVAL_COUNT_BEFORE = _re(
    rf"(?:{_EVAL_KO}|{_EVAL_EN})\s*(?:of|with|has|have|having|containing|contains|:)?\s*(?:about|"
    r"around|roughly|~|약)?\s*$"
)
_EVAL_COUNT_AFTER = _re(
    r"^\s*\S*(?:\s+\S+){0,3}?\s+(?:for|as)\s+(?:an?\s+)?(?:eval\w*|testing|test\s+set)\b|"
    r"^\s*\S*\s*(?:\S+\s+){0,2}?평가\s*용"
)


def _rate_factor(word: str) -> float:
    w = word.lower()
    if any(k in w for k in ("시간", "hour", "hr", "/h")):
        return 24.0
    if any(k in w for k in ("주", "week", "wk")):
        return 1 / 7
    if any(k in w for k in ("달", "월", "month", "mo")):
        return 1 / 30
    return 1.0


def _numbers(s: _Sentence, found: _Found, pending: FactName | None) -> None:
    """Counts: labelled examples near data words, request rates near traffic words."""
    mentions: list[tuple[float, bool, int, int]] = []
    for m in s.find(_NUMBER):
        if m.start() > 0 and s.text[m.start() - 1] in "$₩€£":
            continue
        if _NOT_A_COUNT.match(s.text[m.end() :]):
            continue
        value = float(m[1].replace(",", "")) * _MULTIPLIER.get((m[2] or "").lower(), 1.0)
        if m[3]:
            value += float(m[3]) * _MULTIPLIER[m[4]]
        mentions.append((value, False, m.start(), m.end()))
        s.mask(m.start(), m.end())
    for pattern, approx in _VAGUE:
        for m in s.take(pattern):
            mentions.append((float(approx), True, m.start(), m.end()))
    if not mentions:
        return
    kinds = {
        "data": _DATA_NOUN,
        "eval": _EVAL_NOUN,
        "doc": _DOC_NOUN,
        "rate": _RATE,
        "request": _REQUEST,
    }
    nouns = _nouns(s.orig, kinds)
    rates = [n for n in nouns if n.kind == "rate"]
    for value, approx, start, end in mentions:
        before, after = s.orig[max(0, start - 60) : start], s.orig[end : end + 60]
        if _EVAL_COUNT_BEFORE.search(before) or _EVAL_COUNT_AFTER.match(after):
            continue
        near = _nearest(nouns, (start, end), within=_MAX_CONTEXT)
        kind = near.kind if near else None
        if kind is None:
            if pending in _DATA_PENDING:
                kind = "data"
            elif pending is FactName.VOLUME:
                kind = "request"
            elif _COUNT_UNIT.match(s.orig[end:]) and _POSSESSION.search(s.orig):
                kind = "data"
        if kind in ("rate", "request"):
            rate = _nearest(rates, (start, end), within=_MAX_CONTEXT)
            found.rates.append(value * (_rate_factor(rate.text) if rate else 1.0))
        elif kind == "data":
            if approx:
                found.amount = DataAmount.PLENTY if value >= 1_000 else DataAmount.SOME
            else:
                found.examples.append(int(value))


# ---------------------------------------------------------------------------------------------
# Volume

_VOLUME_LOW = [
    _re(
        r"(?:요청|문의|질문|호출|트래픽|사용량|사용자|처리량)(?:이|가|은|는|"
        r"도)?\s*" + _GAP1 + r"(?:적|많지\s*"
        r"(?:는\s*)?않|많진\s*않|별로\s*없|거의\s*없|얼마\s*안)|소량|하루\s*(?:에\s*)?몇\s*건"
    ),
    _re(
        r"\blow[- ]volume\b|\blow\s+traffic\b|\bvolume\s+is\s+low\b|\b(?:only\s+)?(?:a\s+few|"
        r"a\s+handful\s+of|a\s+couple\s+of|few)\s+(?:requests|queries|calls|questions|tickets|"
        r"users)\b|\bnot\s+(?:many|a\s+lot\s+of|much)\s+(?:requests|traffic|queries|calls|"
        r"users)\b|\bsmall\s+scale\b|\b(?:a\s+few|a\s+couple)\s+(?:times\s+)?(?:a|per)\s+(?:day|"
        r"week)\b|\brarely\s+used\b|\boccasional\s+(?:use|requests)\b"
    ),
]
_VOLUME_HIGH = [
    _re(
        r"대량(?:의|으로)?\s*" + _GAP1 + r"(?:요청|문의|질문|호출|트래픽|처리|반복|작업|티켓|건)|"
        r"대규모|"
        r"(?:요청|문의|질문|호출|트래픽|처리량|티켓)\S*\s*" + _GAP1 + r"(?:엄청\s*|굉장히\s*|"
        r"매우\s*|아주\s*|꽤\s*|정말\s*)?(?:많|대량|폭주|몰려)"
    ),
    _re(
        r"(?:같은|동일한|비슷한)\s*(?:유형|종류|패턴|형태)(?:의|"
        r"이)?\s*" + _GAP2 + r"(?:반복|대량|많이|계속)|"
        r"반복(?:되는|적인|적으로|해서)\s*" + _GAP2 + r"(?:요청|문의|질문|작업|업무|처리)|"
        r"매일\s*반복|대량\s*반복"
    ),
    _re(
        r"\bhigh[- ]volume\b|\bhigh\s+traffic\b|\bheavy\s+traffic\b|\blarge\s+volumes?\b|"
        r"\bat\s+(?:large\s+|massive\s+)?scale\b|\b(?:lots\s+of|a\s+lot\s+of|tons\s+of|"
        r"huge\s+amounts\s+of)\s+(?:traffic|requests|queries|calls)\b|\bsame\s+(?:kind|type|"
        r"sort)\s+of\s+(?:requests?|questions?|queries|tasks?|tickets?)\b|"
        r"\brepetitive\s+(?:requests|questions|queries|tasks|tickets|work)\b|"
        r"\brepeated\s+(?:requests|questions|queries|tasks)\b|\bover\s+and\s+over\b|"
        r"\bvolume\s+is\s+high\b"
    ),
]


def _volume(s: _Sentence, found: _Found) -> None:
    for patterns, volume in ((_VOLUME_LOW, Volume.LOW), (_VOLUME_HIGH, Volume.HIGH)):
        for pattern in patterns:
            if s.take(pattern):
                found.values[FactName.VOLUME] = volume


# ---------------------------------------------------------------------------------------------
# How far prompting got

_PROMPT_STATUS: list[tuple[re.Pattern[str], PromptingStatus, bool]] = [
    (
        _re(
            r"(?:아직\s*)?(?:안\s*해\s*봤|안\s*써\s*봤|시도\s*(?:해\s*본\s*적|안\s*해|하지\s*않|"
            r"도\s*안)|해\s*본\s*적\s*(?:이|은)?\s*없|써\s*본\s*적\s*(?:이|은)?\s*없|"
            r"시작\s*(?:도\s*)?안\s*했)|\b(?:haven'?t|have\s+not|never|not\s+yet|"
            r"didn'?t)\s+(?:really\s+|even\s+|actually\s+)?(?:tried|used|started|done|"
            r"experimented|attempted|touched)\b|\bnot\s+tried\b|\bnot\s+(?:yet\s+)?started\b|"
            r"\bfrom\s+scratch\b|\bjust\s+(?:getting\s+)?started\b"
        ),
        PromptingStatus.NOT_TRIED,
        False,
    ),
    (
        _re(
            r"품질\s*상한|상한선?|천장|\bceiling\b|\bplateau\w*|\bhit\s+a\s+wall\b|"
            r"\bmaxed\s+out\b"
        ),
        PromptingStatus.CEILING,
        True,
    ),
    (
        _re(
            r"한계|정체|(?:충분히|할\s*만큼|다)\s*해\s*봤|더\s*이상\s*(?:안|좋아지지|나아지지|"
            r"개선|올라가지|늘지|오르지)|(?:안|잘\s*안)\s*(?:늘|올라|좋아지|나아지|오르)|"
            r"잘\s*안\s*(?:돼|되|나와)|개선이\s*(?:안|없|멈|더)|아무리\s*(?:바꿔도|고쳐도|"
            r"다듬어도|수정해도|해도)|막혔|벽에\s*부딪|효과가\s*(?:없|안)|나아지지\s*않|"
            r"좋아지지\s*않|늘지\s*않|올라가지\s*않|\bdiminishing\s+returns\b|"
            r"\bstopped\s+improving\b|\bcan'?t\s+get\s+(?:it\s+|them\s+|any\s+|"
            r"much\s+)?(?:better|further|higher)\b|\bcannot\s+get\s+(?:it\s+|any\s+)?(?:better|"
            r"further)\b|\bno\s+longer\s+improv\w*|\bdoesn'?t\s+(?:get|"
            r"improve)\s+(?:any\s+)?(?:better|further)\b|\b(?:isn'?t|is\s+not|aren'?t|are\s+not|"
            r"not)\s+(?:good\s+)?enough\b|\breached\s+(?:the|its|a)\s+limit\b|\bstuck\b|"
            r"\btopped\s+out\b|\bstopped\s+helping\b|\bno\s+longer\s+helps?\b|"
            r"\bdoesn'?t\s+help\s+(?:any\s*more|anymore)\b"
        ),
        PromptingStatus.CEILING,
        False,
    ),
    (
        _re(
            r"잘\s*(?:되|돼|작동|동작|나오|먹히|굴러)|괜찮(?:아요|습니다|게|은|고)|만족|"
            r"충분(?:해요|합니다|하고)|쓸\s*만|\b(?:works?|working|worked)\s+(?:fine|well|great|"
            r"ok|okay|nicely|reasonably)\b|\bgood\s+enough\b|\b(?:happy|satisfied)\s+with\b|"
            r"\bdoing\s+(?:fine|well|ok)\b|\bis\s+(?:fine|working)\b|\bworks\b"
        ),
        PromptingStatus.WORKING,
        False,
    ),
]


def _prompting(s: _Sentence, found: _Found, pending: FactName | None) -> None:
    methods = {"prompt": _PROMPT_NOUN, "other": _OTHER_METHOD}
    for pattern, status, standalone in _PROMPT_STATUS:
        for m in s.find(pattern):
            near = _nearest(_nouns(s.text, methods), m.span())
            if near is not None:
                about_prompting = near.kind == "prompt"
            else:
                about_prompting = standalone or pending is FactName.PROMPTING
            if about_prompting:
                s.mask(m.start(), m.end())
                found.values[FactName.PROMPTING] = status


# ---------------------------------------------------------------------------------------------
# Documents and the use case: how often they change

_DOCS_NONE = [
    _re(
        r"(?:문서|자료|참고\s*자료|지식\s*베이스|외부\s*(?:자료|문서)|매뉴얼|"
        r"레퍼런스)\S*\s*" + _GAP1 + r"(?:필요\s*"
        r"(?:없|하지\s*않|는\s*없)|필요없|없어도|없이|안\s*(?:써|쓰|봐|봄)|쓰지\s*않|"
        r"참고\s*(?:안|하지\s*않)|참조\s*(?:안|하지\s*않)|상관\s*없|상관없|없(?:어요|습니다|음|"
        r"고|는데))"
    ),
    _re(r"참고할\s*(?:문서|자료)\S*\s*(?:\S+\s+)?없|문서\s*필요\s*없음?"),
    _re(
        r"\bno\s+(?:\w+\s+)?(?:docs|documents|documentation|knowledge\s*base|"
        r"reference\s+(?:docs|material))\b"
    ),
    _re(
        r"\b(?:don'?t|do\s+not|doesn'?t|does\s+not|won'?t|will\s+not)\s+(?:need|use|rely\s+on|"
        r"depend\s+on|reference|require|involve|have)\s+(?:any\s+)?(?:\w+\s+)?(?:docs|documents|"
        r"documentation|knowledge\s*base|reference\s+material|external\s+(?:data|sources))\b"
    ),
    _re(
        r"\bwithout\s+(?:any\s+)?(?:\w+\s+)?(?:docs|documents|documentation|"
        r"a\s+knowledge\s*base)\b"
    ),
    _re(
        r"\b(?:docs|documents|documentation)\s+(?:are|is)\s+(?:not|n't)\s+(?:\w+\s+)?(?:needed|"
        r"relevant|required|involved|necessary|part\s+of)\b"
    ),
]

_KO_CHANGE_VERB = (
    r"(?:바뀌|바뀝|바뀐|변경|변하|변해|변동|업데이트|갱신|수정|개정|추가|달라|올라|나오|나와|"
    r"나옵|새로|교체|업로드)"
)
_EN_CHANGE_VERB = (
    r"(?:change|changes|changed|changing|update|updates|updated|updating|revise|revised|revises|"
    r"evolve|evolves|evolving|shift|shifts|shifting|rewrite|rewrites|rewritten|edit|edits|"
    r"edited|revamp|revamps|publish|publishes|published|add|adds|added)"
)
_RARELY, _SOMETIMES, _MONTHLY, _OFTEN = "rarely", "sometimes", "monthly", "often"
_CHANGES: list[tuple[re.Pattern[str], str]] = [
    (
        _re(
            r"(?:거의|잘|별로|자주)\s*(?:안\s*(?:바뀌|바뀝|바꿔|변하|변해|변경|변동|업데이트|"
            r"갱신|달라)|바뀌지\s*않|변하지\s*않|변경되지\s*않|업데이트되지\s*않|갱신되지\s*않)|"
            r"(?:거의\s*)?(?:바뀔|변할|변경될|업데이트될)\s*일이\s*(?:거의\s*)?없|(?:변경|변동|"
            r"변화|업데이트|갱신)(?:이|은|는)?\s*(?:거의\s*)?없|(?:일\s*년에|1\s*년에|"
            r"년에)\s*(?:한두|한\s*두|한|두|1|2)\s*번|드물게|연\s*1\s*회|고정(?:되어|돼)\s*있|"
            r"정해져\s*있|안정적(?!인|으로)|안정된\s*편|(?:바뀌|변하|변경되|업데이트되|"
            r"달라지)지\s*않|안\s*(?:바뀌|바뀝|변하|변해|변경|달라)"
        ),
        _RARELY,
    ),
    (
        _re(
            r"\b(?:rarely|seldom|hardly\s+ever|hardly|barely|almost\s+never|infrequently|"
            rf"never(?!\s+stops?))\s+(?:\w+\s+)?(?:{_EN_CHANGE_VERB}|move|moves)\b|\b(?:doesn'?t|"
            r"don'?t|does\s+not|do\s+not|won'?t|will\s+not|hasn'?t|haven'?t|has\s+not|"
            r"have\s+not)\s+(?:really\s+|ever\s+|often\s+)?(?:change|changed|get\s+updated|"
            r"evolve|evolved|move)\b(?:\s+(?:much|often|a\s+lot))?|\bnot\s+(?:often|"
            r"frequently)\s+(?:\w+\s+)?(?:changed|updated|revised)\b|\b(?:once|"
            r"twice)\s+a\s+year\b|\b(?:yearly|annually|annual\s+updates?)\b|\b(?:is|are|stays?|"
            r"remains?|pretty|fairly|mostly|quite|very)\s+(?:\w+\s+)?(?:fixed|stable|static|"
            r"settled|frozen|well[- ]defined)\b|\b(?:pretty\s+much|mostly|"
            r"basically)\s+the\s+same\b|\bsame\s+for\s+years\b"
        ),
        _RARELY,
    ),
    (
        _re(
            r"(?:가끔|종종|때때로|간혹|이따금|분기마다|분기별로|분기에\s*한\s*번|"
            rf"몇\s*달에\s*한\s*번)\s*(?:\S+\s+){{0,2}}?{_KO_CHANGE_VERB}|"
            rf"\b{_EN_CHANGE_VERB}\b(?:\s+\w+){{0,3}}?\s+(?:sometimes|occasionally|"
            r"now\s+and\s+then|from\s+time\s+to\s+time|every\s+(?:few|couple\s+of)\s+months|"
            r"quarterly|every\s+quarter|once\s+in\s+a\s+while)\b|\b(?:sometimes|occasionally|"
            rf"quarterly)\s+(?:\w+\s+)?{_EN_CHANGE_VERB}\b"
        ),
        _SOMETIMES,
    ),
    (
        _re(
            r"(?:매달|매월|한\s*달에\s*(?:한|두)\s*번|월\s*(?:1|한)\s*회|"
            rf"월마다)\s*(?:\S+\s+){{0,2}}?{_KO_CHANGE_VERB}|"
            rf"\b{_EN_CHANGE_VERB}\b(?:\s+\w+){{0,3}}?\s+(?:monthly|every\s+month|each\s+month|"
            r"once\s+a\s+month)\b|\bmonthly\s+(?:updates|changes|revisions|releases)\b"
        ),
        _MONTHLY,
    ),
    (
        _re(
            r"(?:자주|계속|매일|매주|수시로|자꾸|빈번하게|빈번히|하루에도\s*몇\s*번|주마다|"
            r"날마다|매번|끊임없이|꾸준히|거의\s*매일|일주일마다|주\s*단위로|빨리|빠르게|금방|"
            rf"쉴\s*새\s*없이|수시)\s*(?:\S+\s+){{0,2}}?{_KO_CHANGE_VERB}|(?:변경|업데이트|갱신|"
            r"개정|수정|변동|변화)(?:이|가)?\s*(?:정말\s*|너무\s*|아주\s*)?(?:잦|많|빈번|심)|"
            r"(?:변경|업데이트|갱신|개정)(?:이|가|은|는)?\s*(?:\S+\s+)?(?:자주|매일|매주|"
            rf"수시로)|(?<!\S)(?!분기마다|월마다)\S+마다\s*(?:\S+\s+){{0,2}}?{_KO_CHANGE_VERB}|(?:바뀌는|"
            r"변하는)\s*(?:게|것이|일이|경우가)\s*(?:잦|많)|빠르게\s*변하|급변"
        ),
        _OFTEN,
    ),
    (
        _re(
            rf"\b{_EN_CHANGE_VERB}\b(?:\s+\w+){{0,3}}?\s+(?:often|frequently|daily|weekly|"
            r"every\s+(?:day|week|sprint|few\s+days|couple\s+of\s+(?:days|weeks))|"
            r"all\s+the\s+time|constantly|regularly|a\s+lot|continuously|each\s+(?:week|day|"
            r"sprint)|several\s+times|multiple\s+times|nightly|hourly|quickly|fast|rapidly)\b|"
            r"\b(?:often|frequently|constantly|regularly|continuously|always|keeps?|rapidly|"
            r"quickly|fast)[- ](?:\w+\s+)?(?:change|changes|changing|changed|updated|update|"
            r"updates|evolving|evolve|evolves|shifting|shift|shifts|moving)\b|\b(?:daily|weekly|"
            r"frequent|constant|regular|continuous|nightly|hourly)\s+(?:updates|changes|"
            r"revisions|releases|edits)\b|\b(?:keeps?|kept)\s+(?:on\s+)?(?:changing|evolving|"
            r"shifting|moving)\b|\bfast[- ]changing\b|\bever[- ]changing\b|\bfast[- ]moving\b|"
            r"\bvolatile\b|\bnew\s+(?:\w+\s+){0,2}?(?:every|each)\s+(?:day|week|sprint)\b|"
            rf"\b(?:{_EN_CHANGE_VERB}|differ|differs|different|vary|"
            r"varies)\b(?:\s+\w+){0,3}?\s+(?:with\s+|for\s+|by\s+)?(?:every|each|"
            r"per)\s+(?:campaign|client|customer|project|release|launch|season)\b"
        ),
        _OFTEN,
    ),
]
# Exploring with no settled use case is fast change whatever noun is nearby.
_STILL_EXPLORING = _re(
    r"아직\s*(?:실험|탐색)|(?:실험|탐색)\s*단계|(?:사용\s*사례|유스\s*케이스|방향|"
    r"기획)\S*\s*"
    + _GAP1
    + r"(?:실험|탐색)\s*중|(?:아직\s*)?(?:정해지지|확정되지|정의되지)\s*않|초기\s*단계|mvp\s*단계|"
    r"\bstill\s+(?:exploring|experimenting|figuring|iterating|prototyping|evolving|changing|"
    r"deciding)\b|\b(?:exploring|experimenting\s+with)\s+(?:different\s+|new\s+|"
    r"various\s+)?(?:use\s*cases|ideas|directions|products?|features)\b|\bin\s+flux\b|"
    r"\bmoving\s+target\b|\bpivot\w*|\bearly\s+(?:stages?|days)\b|\b(?:scope|requirements?|"
    r"use\s*case|specs?|task)\s+(?:might|may|could|will\s+likely|is\s+likely\s+to|"
    r"are\s+likely\s+to)\s+change\b|\bnot\s+(?:yet\s+)?(?:settled|defined|finalized|finalised|"
    r"decided)\b|\bfiguring\s+(?:it|things)\s+out\b"
)
_DOCS_BY_RATE = {
    _RARELY: DocsChange.RARELY,
    _SOMETIMES: DocsChange.RARELY,
    _MONTHLY: DocsChange.OFTEN,
    _OFTEN: DocsChange.OFTEN,
}
_USE_CASE_BY_RATE = {
    _RARELY: ChangeRate.RARELY,
    _SOMETIMES: ChangeRate.SOMETIMES,
    _MONTHLY: ChangeRate.SOMETIMES,
    _OFTEN: ChangeRate.OFTEN,
}


def _changes(s: _Sentence, found: _Found, pending: FactName | None) -> None:
    for pattern in _DOCS_NONE:
        if s.take(pattern):
            found.values[FactName.DOCS_CHANGE] = DocsChange.NONE
    if s.take(_STILL_EXPLORING):
        found.values[FactName.CHANGE_RATE] = ChangeRate.OFTEN
    nouns = {"doc": _DOC_NOUN, "use_case": _SUBJECT_NOUN}
    for pattern, rate in _CHANGES:
        for m in s.find(pattern):
            near = _nearest(_nouns(s.text, nouns), m.span(), within=_MAX_CONTEXT)
            s.mask(m.start(), m.end())
            if near is not None:
                # The noun is used up: "the format changes weekly" is not a wish for a fixed format.
                s.mask(near.start, near.end)
                target = FactName.DOCS_CHANGE if near.kind == "doc" else FactName.CHANGE_RATE
            elif pending in (FactName.DOCS_CHANGE, FactName.CHANGE_RATE):
                target = pending
            else:
                continue
            if target is FactName.DOCS_CHANGE:
                found.values[target] = _DOCS_BY_RATE[rate]
            else:
                found.values[target] = _USE_CASE_BY_RATE[rate]


# ---------------------------------------------------------------------------------------------
# Urgency

_URGENCY_NORMAL = _re(
    r"급하지\s*(?:는\s*)?않|급하진\s*않|급한\s*(?:건|것은|게)?\s*아니|안\s*급|급할\s*(?:건|것|"
    r"게)\s*없|서두르지\s*않|서두를\s*필요(?:는|가)?\s*없|천천히|여유(?:가\s*있|가\s*많|롭|있)|"
    r"시간(?:은|이|적)?\s*(?:충분|넉넉|여유)|(?:빨리|급하게|서둘러)\s*(?:\S+\s+){0,3}?(?:건|"
    r"것은|게|거는)\s*아니|장기적|장기\s*(?:프로젝트|과제)|몇\s*달\s*(?:걸려도|정도|이상)|"
    r"다음\s*분기|내년|급한\s*일은\s*아니|\bno\s+(?:rush|hurry|deadline|time\s+pressure)\b|"
    r"\bnot\s+(?:in\s+a\s+)?(?:rush|hurry|time[- ]critical|pressing)\b|\bnot\s+(?:that\s+|"
    r"very\s+|super\s+)?urgent\b|\bisn'?t\s+(?:\w+\s+)?urgent\b|\btake\s+(?:our|my|"
    r"the)\s+time\b|\bplenty\s+of\s+time\b|\blong[- ]term\b|\bnext\s+(?:quarter|year)\b|"
    r"\bover\s+the\s+next\s+(?:few\s+)?(?:months|quarters)\b|\bnothing\s+urgent\b|"
    r"\bcan\s+wait\b|\bno\s+pressure\b"
)
_URGENCY_FAST = _re(
    r"빨리(?!\s*(?:답|응답|대답|바뀌|변하|결정))|"
    r"빠르게\s*" + _GAP1 + r"(?:실험|검증|결과|출시|런칭|배포|시작|"
    r"만들|도입|보여|적용|개선|붙여|확인|테스트|시도|진행|해\s*보|돌려|내야|내고)|급해|급합|"
    r"급한|급하게|급히|시급|당장|이번\s*주|이번주|다음\s*주\s*(?:까지|에|안에|중)|"
    r"다음주\s*(?:까지|에|안에|중)|며칠\s*(?:안|내|만에)|이번\s*달\s*(?:안|내|까지|중)|\bpoc\b|"
    r"피오씨|프로토타입|일정이\s*(?:촉박|빠듯|급|짧)|시간이\s*(?:없|부족|촉박)|빠른\s*(?:실험|"
    r"결과|검증|출시|시도|개선|프로토타이핑)|(?<!\d)\d+\s*주\s*(?:안|내)|한\s*달\s*(?:안|내)|"
    r"하루\s*빨리|최대한\s*빨리|(?:마감|데드라인)(?:이|은)?\s*(?:코앞|임박|가깝|얼마\s*안|"
    r"다음\s*주|이번\s*주)|\basap\b|\bas\s+soon\s+as\s+possible\b|\burgent(?:ly)?\b|\burgency\b|"
    r"\bquick(?:ly)?\s+(?:win|wins|results?|experiments?|prototypes?|poc|turnaround|iterations?|"
    r"tests?|pilots?|fix|demo)\b|\b(?:need|want|get|ship|launch|deliver|show|have|"
    r"see)\s+(?:\w+\s+){0,2}?(?:fast|quickly|soon|asap|this\s+week|next\s+week|"
    r"right\s+away)\b|\bthis\s+week\b|\bnext\s+week\b|\bby\s+(?:monday|tuesday|wednesday|"
    r"thursday|friday|tomorrow|next\s+(?:week|monday|tuesday|wednesday|thursday|friday)|"
    r"end\s+of\s+(?:the\s+)?(?:week|month|sprint))\b|\bwithin\s+(?:a|one|two|2|three|3|"
    r"a\s+couple\s+of)\s+(?:days|weeks?)\b|\bin\s+(?:a|one|two|2|three|3)\s+(?:days|weeks?)\b|"
    r"\btight\s+(?:deadline|timeline|schedule)\b|\bproof[- ]of[- ]concept\b|\bprototyp\w*|"
    r"\bmove\s+fast\b|\bfast\s+experiments?\b|\bexperiment\s+(?:quickly|fast|rapidly)\b|"
    r"\brapid(?:ly)?\s+(?:prototyp\w*|experiment\w*|iterat\w*|test\w*)\b|\bshort\s+on\s+time\b|"
    r"\bno\s+time\b|\bdeadline\s+is\s+(?:close|soon|tight|next\s+week|this\s+week)\b|\bhurry\b|"
    r"\bspeed\s+(?:matters|is\s+(?:key|critical|everything))\b"
)


def _urgency(s: _Sentence, found: _Found) -> None:
    if s.take(_URGENCY_NORMAL):
        found.values[FactName.URGENCY] = Urgency.NORMAL
    if s.take(_URGENCY_FAST):
        found.values[FactName.URGENCY] = Urgency.FAST


# ---------------------------------------------------------------------------------------------
# Goals

_GOAL_WORDS: list[tuple[Goal, bool, re.Pattern[str]]] = [
    (
        Goal.ACCURACY,
        False,
        _re(
            r"정확도|정확성|정답률|오답(?:률)?|환각|할루시네이션|사실\s*관계|\baccuracy\b|"
            r"\bcorrectness\b|\bprecision\b|\bhallucinat\w*|\bfactual(?:ity|ness)?\b|"
            r"\bwrong\s+answers?\b|\bright\s+answers?\b|\bcorrect\s+(?:answers?|information|"
            r"facts|responses?)\b|\btruthful\w*"
        ),
    ),
    (
        Goal.ACCURACY,
        True,
        _re(
            r"정확(?:한|하게(?!는)|해야|하지|하고|하다|해요|했으면|하면)|틀리지\s*않|"
            r"틀리면\s*안|틀린\s*(?:답|답변|정보|내용)|\baccurate(?:ly)?\b|"
            r"\breliable\s+answers?\b|\b(?:to|must|should|has\s+to|have\s+to)\s+be\s+correct\b|"
            r"\bcorrect\s+and\b"
        ),
    ),
    (
        Goal.CONSISTENCY,
        False,
        _re(
            r"톤|어조|말투|문체|형식|포맷|양식|스타일|일관성|통일성|브랜드\s*보이스|\btones?\b|"
            r"\bformat(?:s|ting)?\b|\bconsistency\b|\bstyle\b|\bbrand\s+voice\b|"
            r"\bhouse\s+style\b|\buniformity\b|\bstructure\s+of\s+(?:the\s+)?(?:answers?|"
            r"outputs?|responses?)\b"
        ),
    ),
    (
        Goal.CONSISTENCY,
        True,
        _re(
            r"일관(?:되게|된|적으로|적인|되|돼)?|일정하게|일정한\s*(?:톤|형식|품질|포맷|스타일)|"
            r"통일(?:된|되게|해서|하게)?|\bconsistent(?:ly)?\b|\buniform\b|\bon[- ]brand\b|"
            r"\bsame\s+(?:\w+\s+)?(?:structure|format|tone|style|schema|template|layout|"
            r"wording)\b|\bstrict\s+json\b|\bjson\s+schema\b|\bstructured\s+output\b"
        ),
    ),
    (
        Goal.FRESHNESS,
        False,
        _re(
            r"최신(?:성)?(?!\s*(?:모델|llm|gpt|클로드))|최근\s*(?:문서|정책|변경|자료|정보)|"
            r"실시간\s*(?:정보|데이터|반영|업데이트|재고|가격|시세)|\bfreshness\b|"
            r"\blatest\b(?!\s+(?:models?|llms?|gpt|claude))|\brecency\b|\bnewest\b|"
            r"\breal[- ]time\s+(?:data|information|info|prices|pricing|inventory|updates)\b|"
            r"\bcurrent\s+(?:docs?|documents?|documentation|information|info|policies|policy|"
            r"prices|pricing|data|version|rules)\b|\brecent\s+(?:docs?|documents?|changes|"
            r"updates|policies|information)\b"
        ),
    ),
    (
        Goal.FRESHNESS,
        True,
        _re(
            r"(?:바로|즉시|곧바로|빠르게)\s*반영|\bup[- ]to[- ]date\b|\bfresh\b|"
            r"\breflect\w*\s+(?:\w+\s+){0,2}?(?:changes|updates)\b"
        ),
    ),
]
_GROUP_JOIN = _re(
    r"^(?:\s*(?:,|/|&|·|및|과|와|이나|나|랑|이랑|하고|그리고|\band\b|\bor\b|\bplus\b|"
    r"\bas\s+well\s+as\b))*\s*$"
)
_KO_NOT_IMPORTANT = _re(
    r"중요하지\s*(?:는\s*)?않|중요치\s*않|안\s*중요|중요한\s*(?:건|게|것은)\s*아니|상관\s*없|"
    r"상관없|신경\s*(?:안|쓰지\s*않|을\s*안)|필요\s*(?:없|하지\s*않|는\s*없)|필요없|"
    r"관심\s*(?:없|이\s*없)|문제\s*(?:없|가\s*없)|괜찮|아니(?:고|라|에요|예요|야|죠|ㅂ니다|"
    r"니다)?|말고|보다|덜\s*중요|크게\s*(?:중요하지|상관)|별로\s*(?:중요|상관|신경)|우선(?:이|"
    r"순위가)?\s*아니|안\s*(?:맞춰도|지켜도|챙겨도)|(?:맞추지|지키지)\s*않아도|없어도\s*(?:돼|"
    r"되|괜찮)|무관"
)
_EN_NOT_IMPORTANT_AFTER = _re(
    r"^\W*(?:\w+\W+){0,4}?(?:doesn'?t|does\s+not|don'?t|do\s+not|isn'?t|is\s+not|aren'?t|"
    r"are\s+not|not|never|no\s+longer|won'?t|will\s+not)\s+(?:\w+\s+){0,2}?(?:matter|matters|"
    r"important|priority|concern|needed|necessary|required|issue|problem|critical|focus|point|"
    r"goal|relevant|care|need|deal|essential|crucial|key|have\s+to|has\s+to)\b|"
    r"^\W*(?:\w+\W+){0,3}?(?:is|are)\s+(?:a\s+|just\s+a\s+)?nice[- ]to[- ]have\b|"
    r"^\W*(?:\w+\W+){0,3}?(?:is|are)\s+(?:\w+\s+)?(?:irrelevant|secondary|optional|"
    r"unimportant|fine)\b|^\W*(?:matters?|is)\s+less\b|^\W*(?:is|are)\s+less\s+important\b"
)
_EN_NEGATOR_BEFORE = _re(
    r"(?:\b(?:not|no|never|without|nor)\b|n't)\s+((?:(?:really|even|so|that|too|very|much|"
    r"particularly|necessarily|at|all|care|caring|need|needs|needed|require|required|requires|"
    r"have|has|to|be|worry|worried|concern|concerned|focus|focused|interested|bother|mind|about|"
    r"for|with|on|in|of|the|our|any|a|an|perfect|strict|exact|particular|specific|great|strong|"
    r"must)\s+)*)$"
)
_EN_EXCLUDED_BEFORE = _re(
    r"\b(?:than|instead\s+of|less\s+about|over|forget\s+about|forget|ignore|never\s+mind|skip|"
    r"drop)\s+(?:the\s+|our\s+)?$"
)
_EN_NOT_ONLY = _re(r"\bnot\s+(?:just|only|merely)\s+(?:\w+\s+)?$")
_TOP_MARKER = _re(
    r"(?:가장|제일|젤)\s*(?:\S+\s+)?(?:중요|신경|우선|필요|원하|바라|관심|큰\s*(?:목표|관심|"
    r"과제))|(?:가장|제일)(?:이에요|이다|입니다|이죠)|무엇보다(?:도)?|최우선|1\s*순위|일\s*순위|"
    r"첫\s*번째로?\s*(?:중요|신경)|우선(?:이에요|입니다|이고)|핵심(?:은|이에요|입니다)|"
    r"\bmost\s+important\b|\bmatters?\s+(?:the\s+)?most\b|\babove\s+all\b|\btop\s+priority\b|"
    r"\bfirst\s+priority\b|\bhighest\s+priority\b|\bnumber\s+one\b|#\s*1\b|\bmain\s+(?:goal|"
    r"priority|concern|focus|thing)\b|\bprimary\s+(?:goal|concern|focus)\b|\bmost\s+of\s+all\b|"
    r"\bcares?\s+(?:the\s+)?most\s+about\b|\bkey\s+(?:goal|priority)\b|"
    r"\bfirst\s+and\s+foremost\b|\bbiggest\s+(?:concern|priority|goal)\b|"
    r"\bwhat\s+matters\s+(?:is|most)\b|\bpriority\s+is\b|\bmost\s+critical\b"
)
_ALL_THREE = _re(
    r"셋\s*다|세\s*(?:가지|개)\s*(?:다|모두|전부)|\ball\s+(?:three|3)\b|"
    r"\bevery\s+one\s+of\s+them\b"
)


@dataclass
class _GoalGroup:
    """Goal words joined by "and", commas or particles; negation applies to the whole group."""

    start: int
    end: int
    goals: set[Goal]
    adjective: bool


def _ko_window(text: str) -> str:
    """From here to the end of the first predicate: where Korean says "not important"."""
    text = re.split(r"[,.;!?]", text, maxsplit=1)[0]
    words: list[str] = []
    for word in text.split():
        words.append(word)
        if _ends_predicate(word):
            break
    # The rest of the goal's own word ("톤은") comes first, unsplit.
    return " ".join(words)


def _en_before(text: str) -> str:
    text = re.split(r"[,.;:!?]|\bbut\b|\bhowever\b|\bwhile\b|\bwhereas\b", text)[-1]
    return " ".join(text.split()[-7:]) + " "


def _en_after(text: str) -> str:
    text = re.split(r"[,.;:!?]|\bbut\b|\bhowever\b|\bwhile\b|\bwhereas\b", text, maxsplit=1)[0]
    return " ".join(text.split()[:8])


def _group_negated(s: _Sentence, g: _GoalGroup) -> bool:
    before, after = s.text[: g.start].replace(_MASK, " "), s.text[g.end :].replace(_MASK, " ")
    if _KO_NOT_IMPORTANT.search(_ko_window(after)):
        return True
    if _EN_NOT_IMPORTANT_AFTER.search(_en_after(after)):
        return True
    window = _en_before(before)
    if _EN_EXCLUDED_BEFORE.search(window):
        return True
    if _EN_NOT_ONLY.search(window):
        return False
    m = _EN_NEGATOR_BEFORE.search(window)
    if m is None:
        return False
    # "not accurate" states a problem (so accuracy is a goal); "no need to be accurate" does not.
    return bool(m.group(1).strip()) or not g.adjective


def _goal_groups(s: _Sentence) -> list[_GoalGroup]:
    hits: list[tuple[int, int, Goal, bool]] = []
    for goal, adjective, pattern in _GOAL_WORDS:
        hits += [(m.start(), m.end(), goal, adjective) for m in s.find(pattern)]
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    runs: list[list[tuple[int, int, Goal, bool, str]]] = []
    last_end = -1
    for start, end, goal, adjective in hits:
        if start < last_end:
            continue
        last_end = end
        between = s.text[runs[-1][-1][1] : start] if runs else ""
        if runs and _GROUP_JOIN.match(between):
            # A bare English comma may end a clause ("not about tone, accuracy matters").
            soft = between.strip() == "," and not re.search(r"[가-힣]", s.text[start:end])
            runs[-1].append((start, end, goal, adjective, "soft" if soft else "hard"))
        else:
            runs.append([(start, end, goal, adjective, "first")])
    groups: list[_GoalGroup] = []
    for run in runs:
        listed = any(join == "hard" for *_, join in run[1:])
        for start, end, goal, adjective, join in run:
            if groups and (join == "hard" or (join == "soft" and listed)):
                groups[-1].end = end
                groups[-1].goals.add(goal)
            else:
                groups.append(_GoalGroup(start, end, {goal}, adjective))
    return groups


def _goals(s: _Sentence, found: _Found) -> None:
    if any(
        not _group_negated(s, _GoalGroup(m.start(), m.end(), set(), False))
        for m in s.take(_ALL_THREE)
    ):
        found.all_goals = True
    groups = _goal_groups(s)
    positive: list[_GoalGroup] = []
    for g in groups:
        if _group_negated(s, g):
            found.not_goals |= g.goals
        else:
            found.goals |= g.goals
            positive.append(g)
    for marker in s.find(_TOP_MARKER):
        if not positive:
            break
        nearest = min(positive, key=lambda g: _top_affinity(s, marker, g))
        if len(nearest.goals) == 1:
            found.top = next(iter(nearest.goals))


_CLAUSE_BOUNDARY = _re(
    r"[,;:]|(?<=[가-힣])(?:고|며|지만|는데|은데)\s|\bbut\b|\bwhile\b|\bwhereas\b|\bsince\b|"
    r"\bbecause\b"
)


def _top_affinity(s: _Sentence, marker: re.Match[str], g: _GoalGroup) -> tuple[bool, int]:
    """Lower is closer: a goal in the marker's own clause first, then the nearest one."""
    if marker.start() < g.start:
        between = s.text[marker.end() : g.start]
    else:
        between = s.text[g.end : marker.start()]
    return bool(_CLAUSE_BOUNDARY.search(between)), _distance(marker.span(), (g.start, g.end))


# ---------------------------------------------------------------------------------------------
# Languages and the use case

_LANGUAGES: list[tuple[re.Pattern[str], str]] = [
    (_re(r"한국어|한글|\bkorean\b"), "ko"),
    (_re(r"영어|\benglish\b"), "en"),
    (_re(r"일본어|\bjapanese\b"), "ja"),
    (_re(r"중국어|\bchinese\b|\bmandarin\b"), "zh"),
    (_re(r"베트남어|\bvietnamese\b"), "vi"),
    (_re(r"스페인어|\bspanish\b"), "es"),
    (_re(r"프랑스어|\bfrench\b"), "fr"),
    (_re(r"독일어|\bgerman\b"), "de"),
    # Several languages, not named: the engine only needs to know there is more than one.
    (
        _re(
            r"다국어|여러\s*(?:나라\s*)?언어|멀티\s*링구얼|\bmulti-?lingual\b|\b(?:multiple|several|"
            r"many)\s+languages\b"
        ),
        "multi",
    ),
]

_USE_CASE_HEAD = _re(
    r"챗봇|(?<!로)봇|어시스턴트|비서|에이전트|도우미|코파일럿|요약기|분류기|번역기|"
    r"검색(?!\s*증강)|\bchat\s*bots?\b|\bbots?\b|\bassistants?\b|\bagent\b|\bco-?pilots?\b|"
    r"\bclassifiers?\b|\bsummari[sz]ers?\b|\bsearch(?:\s+engine)?\b|\bhelp\s*desk\b|"
    r"\bgenerators?\b|\bq\s*&\s*a\s+(?:bot|system|tool)\b"
)
_USE_CASE_STOP = frozenset(
    {
        "a",
        "an",
        "the",
        "our",
        "my",
        "your",
        "their",
        "this",
        "that",
        "we",
        "we're",
        "were",
        "i",
        "i'm",
        "am",
        "is",
        "are",
        "it",
        "it's",
        "its",
        "to",
        "for",
        "of",
        "with",
        "and",
        "or",
        "on",
        "in",
        "at",
        "by",
        "from",
        "using",
        "use",
        "build",
        "building",
        "make",
        "making",
        "create",
        "creating",
        "develop",
        "developing",
        "want",
        "need",
        "have",
        "has",
        "had",
        "some",
        "new",
        "simple",
        "basic",
        "run",
        "running",
        "ship",
        "shipping",
        "launch",
        "launching",
        "currently",
        "just",
        "like",
        "about",
        "into",
        "as",
        "be",
        "been",
        "being",
        "so",
        "do",
        "does",
        "did",
        "which",
        "who",
        "where",
        "when",
        "저희",
        "우리",
        "저희는",
        "우리는",
        "지금",
        "현재",
        "이번",
        "그냥",
        "새로",
        "일단",
        "먼저",
        "혹시",
    }
)
_USE_CASE_FOR = re.compile(r"\s+for\s+([^,.;:!?]{1,60})", re.IGNORECASE)
_KO_PARTICLE_END = re.compile(
    r"(?:은|는|이|가|을|를|에서|에게|으로|로|도|만|과|와|랑|이랑|하고|인데|이고|이에요|예요|"
    r"에요|요|고|서)$"
)


def _use_case(s: _Sentence) -> str | None:
    head = s.find(_USE_CASE_HEAD)
    if not head:
        return None
    m = head[0]
    # A compound like "고객지원봇" keeps its prefix; otherwise up to three modifier words precede.
    word_start = s.orig.rfind(" ", 0, m.start()) + 1
    prefix = s.orig[word_start : m.start()]
    modifiers: list[str] = [prefix] if prefix else []
    if not prefix:
        for word in reversed(s.orig[:word_start].split()[-3:]):
            bare = word.strip(",.;:!?\"'()")
            if (
                not bare
                or word[-1] in ",.;:!?)"
                or bare.lower() in _USE_CASE_STOP
                or _MASK in bare
                or (re.search(r"[가-힣]$", bare) and _KO_PARTICLE_END.search(bare))
            ):
                break
            modifiers.insert(0, bare)
    if not modifiers:
        # "a chatbot for loan FAQs": the purpose follows the head instead.
        purpose: list[str] = []
        after = _USE_CASE_FOR.match(s.orig[m.end() :])
        for word in after[1].split() if after else []:
            bare = word.strip(",.;:!?\"'()")
            if not bare or bare.lower() in _USE_CASE_STOP:
                if purpose:
                    break
                continue
            purpose.append(bare)
            if len(purpose) == 3:
                break
        if not purpose:
            return None
        phrase = f"{m[0]} for {' '.join(purpose)}"
        return phrase if len(phrase) <= MAX_USE_CASE_CHARS else None
    phrase = " ".join([*modifiers, m[0]]).strip()
    return phrase if len(phrase) <= MAX_USE_CASE_CHARS else None


def _languages(s: _Sentence, found: _Found) -> None:
    for pattern, code in _LANGUAGES:
        if s.find(pattern):
            found.languages.add(code)


# ---------------------------------------------------------------------------------------------
# Short answers to the pending question

_YES_LEAD = _re(
    r"^\W*(?:네|예|응|넵|넹|맞아요|맞습니다|맞아|그렇습니다|그래요|그렇죠|물론)(?![가-힣])|"
    r"^\W*(?:yes|yeah|yep|yup|sure|correct|right|we\s+do|absolutely|definitely|of\s+course|"
    r"indeed|true|y)\b"
)
_NO_LEAD = _re(
    r"^\W*(?:아니요|아니오|아뇨|아니|ㄴㄴ)(?![가-힣])|^\W*(?:no|nope|nah|not\s+really|not\s+yet|"
    r"none|we\s+don'?t|we\s+do\s+not|n|false)\b"
)
_ALL = _re(
    r"^\W*(?:all|all\s+of\s+them|everything|all\s+equally|equally)\b|^\W*(?:모두|전부|다요|"
    r"다\s*중요|다\s*똑같이)|셋\s*다|\ball\s+(?:three|3)\b"
)

_PENDING_WORDS: dict[FactName, list[tuple[re.Pattern[str], str]]] = {
    FactName.TOP_GOAL: [(_ALL, "all")],
    FactName.DOCS_CHANGE: [
        (
            _re(
                r"필요\s*없|없어요|없습니다|없음|문서\s*없|^\W*none\b|\bno\s+(?:docs|documents)\b|"
                r"\bnot\s+(?:needed|relevant)\b|\bn/a\b|안\s*써요|안\s*씀"
            ),
            "none",
        ),
        (
            _re(
                r"거의\s*안|드물|잘\s*안|자주\s*안|별로\s*안|가끔|\brarely\b|\bseldom\b|\bhardly\b|"
                r"\boccasionally\b|\bsometimes\b|\bnot\s+often\b|\bonce\s+a\s+year\b|\byearly\b|"
                r"분기|"
                r"1\s*년"
            ),
            "rarely",
        ),
        (
            _re(
                r"자주|매일|매주|매달|매월|수시로|계속|항상|\boften\b|\bfrequently\b|\bdaily\b|"
                r"\bweekly\b|"
                r"\bmonthly\b|\bconstantly\b|\ball\s+the\s+time\b|\bregularly\b|\bevery\s+(?:day|"
                r"week|"
                r"month)\b"
            ),
            "often",
        ),
    ],
    FactName.CHANGE_RATE: [
        (
            _re(
                r"거의\s*안|드물|잘\s*안|별로\s*안|자주\s*안|안정|고정|그대로|\brarely\b|\bseldom\b|"
                r"\bhardly\b|\bnot\s+often\b|\bstable\b|\bfixed\b|\bsettled\b|"
                r"\bnot\s+really\b"
            ),
            "rarely",
        ),
        (
            _re(
                r"가끔|종종|때때로|간혹|이따금|분기|\bsometimes\b|\boccasionally\b|"
                r"\bnow\s+and\s+then\b|"
                r"\bfrom\s+time\s+to\s+time\b|\bevery\s+few\s+months\b|\bquarterly\b"
            ),
            "sometimes",
        ),
        (
            _re(
                r"자주|매일|매주|수시로|계속|자꾸|실험|\boften\b|\bfrequently\b|\bconstantly\b|"
                r"\ball\s+the\s+time\b|\bweekly\b|\bdaily\b|\bkeeps?\s+changing\b"
            ),
            "often",
        ),
    ],
    FactName.DATA_AMOUNT: [
        (_re(r"많지\s*않|많진\s*않|별로\s*없|얼마\s*안|\bnot\s+(?:a\s+lot|many|much)\b"), "some"),
        (
            _re(
                r"거의\s*없|없|전혀|\bnone\b|\bnothing\b|\bzero\b|^\W*no\b|\bno\s+data\b|"
                r"\bdon'?t\s+have\b"
            ),
            "none",
        ),
        (
            _re(
                r"많|충분|풍부|넉넉|대량|\blots\b|\bplenty\b|\ba\s+lot\b|\btons\b|\bloads\b|\bmany\b|"
                r"\blarge\b"
            ),
            "plenty",
        ),
        (
            _re(
                r"조금|약간|좀|적|일부|\bsome\b|\ba\s+few\b|\ba\s+little\b|\ba\s+bit\b|\bfew\b|"
                r"\bsmall\b|"
                r"\blimited\b|있"
            ),
            "some",
        ),
    ],
    FactName.DATA_QUALITY: [
        (
            _re(
                r"안\s*(?:된|되|돼)|않|낮|나쁘|별로|엉망|노이즈|지저분|섞여|반반|제각각|들쭉날쭉|"
                r"\blow\b|\bpoor\b|"
                r"\bbad\b|\bnoisy\b|\bmessy\b|\bdirty\b|\bmixed\b|\binconsistent\b|"
                r"\bnot\s+(?:clean|great|"
                r"good)\b"
            ),
            "low",
        ),
        (
            _re(
                r"좋|높|깨끗|검수|정제|우수|괜찮|\bhigh\b|\bgood\b|\bclean\b|\bcurated\b|\breviewed\b|"
                r"\bgreat\b|\bexcellent\b|\bsolid\b|\bdecent\b"
            ),
            "high",
        ),
    ],
    FactName.URGENCY: [
        (
            _re(
                r"급하지\s*않|안\s*급|급한\s*건\s*아니|천천히|여유|괜찮|다음\s*달|몇\s*달|분기|"
                r"\bnext\s+month\b|\bmonths\b|\bno\s+rush\b|\bnot\s+urgent\b|\bno\s+hurry\b|"
                r"\bnot\s+in\s+a\s+hurry\b|\btake\s+(?:our|your)\s+time\b|\bnormal\b|"
                r"\blater\b|\bcan\s+wait\b"
            ),
            "normal",
        ),
        (
            _re(
                r"빨리|빠르게|급|당장|이번\s*주|\basap\b|\bfast\b|\bquick\w*|\bsoon\b|\burgent\b|"
                r"\bthis\s+week\b|\bright\s+away\b|\bimmediately\b"
            ),
            "fast",
        ),
    ],
    FactName.VOLUME: [
        (
            _re(
                r"적|많지\s*않|별로|거의\s*없|\bfew\b|\blow\b|\bnot\s+(?:many|much|a\s+lot)\b|"
                r"\bsmall\b|"
                r"\brare\w*|\blittle\b"
            ),
            "low",
        ),
        (
            _re(
                r"많|대량|반복|\bhigh\b|\blots\b|\ba\s+lot\b|\bmany\b|\btons\b|\bheavy\b|"
                r"\brepetitive\b"
            ),
            "high",
        ),
    ],
    FactName.PROMPTING: [
        (
            _re(
                r"아직|안\s*해\s*봤|안\s*써\s*봤|해\s*본\s*적\s*없|처음|\bnot\s+yet\b|\bhaven'?t\b|"
                r"\bnever\b|"
                r"\bnot\s+tried\b|^\W*no\b"
            ),
            "not_tried",
        ),
        (
            _re(
                r"한계|상한|더\s*이상|안\s*늘|정체|막혔|잘\s*안|부족|별로|아쉬|\bnot\s+great\b|"
                r"\bmeh\b|"
                r"\bmediocre\b|\bceiling\b|\bplateau\w*|\bmaxed\b|"
                r"\bstuck\b|\bnot\s+enough\b|\blimit\w*|\bwall\b"
            ),
            "ceiling",
        ),
        (
            _re(
                r"잘\s*(?:되|돼|작동|나와)|괜찮|만족|충분|\bworks?\b|\bworking\b|\bfine\b|\bgood\b|"
                r"\bwell\b|"
                r"\bok(?:ay)?\b|\bhappy\b"
            ),
            "working",
        ),
    ],
    FactName.EVAL_SET: [
        (
            _re(
                r"없|아직|만드는\s*중|만들\s*예정|^\W*no\b|\bnot\s+yet\b|\bnone\b|\bdon'?t\b|"
                r"\bnope\b"
            ),
            "no",
        ),
        (
            _re(
                r"있|보유|\byes\b|\bwe\s+do\b|\bwe\s+have\b|\bhave\s+one\b|\bgot\s+one\b|\byep\b|"
                r"\byeah\b|"
                r"\bsure\b"
            ),
            "yes",
        ),
    ],
}
# What a bare yes or no means for each question, as its quick-answer choice.
_YES_NO: dict[FactName, tuple[str | None, str | None]] = {
    FactName.DOCS_CHANGE: ("often", "rarely"),
    FactName.CHANGE_RATE: ("often", "rarely"),
    FactName.DATA_AMOUNT: ("some", "none"),
    FactName.DATA_EXAMPLES: ("some", "none"),
    FactName.DATA_QUALITY: ("high", "low"),
    FactName.URGENCY: ("fast", "normal"),
    FactName.VOLUME: ("high", "low"),
    FactName.PROMPTING: (None, "not_tried"),
    FactName.EVAL_SET: ("yes", "no"),
}


def _as_choice(pending: FactName, choice: str) -> Facts:
    if pending is FactName.DATA_EXAMPLES:
        pending = FactName.DATA_AMOUNT
    if pending is FactName.COST_TRACKED:
        return Facts(cost_tracked=choice == "yes")
    return apply_choice(Facts(), pending, choice)


def _yes_no(text: str, pending: FactName) -> Facts:
    if pending is FactName.COST_TRACKED:
        yes: str | None = "yes"
        no: str | None = "no"
    else:
        yes, no = _YES_NO.get(pending, (None, None))
    if _NO_LEAD.search(text) and no is not None:
        return _as_choice(pending, no)
    if _YES_LEAD.search(text) and yes is not None:
        return _as_choice(pending, yes)
    return Facts()


def _pending_answer(text: str, pending: FactName) -> Facts:
    """A terse reply read as an answer to the question just asked."""
    lookup = FactName.DATA_AMOUNT if pending is FactName.DATA_EXAMPLES else pending
    code = re.sub(r"[\s-]+", "_", text.strip().lower()).strip("._!?")
    if code in ASKABLE.get(lookup, ()):
        return apply_choice(Facts(), lookup, code)
    answer = _yes_no(text, pending)
    if answer.known():
        return answer
    for pattern, choice in _PENDING_WORDS.get(lookup, []):
        if pattern.search(text):
            return apply_choice(Facts(), lookup, choice)
    if pending is FactName.USE_CASE and 0 < len(text) <= MAX_USE_CASE_CHARS:
        return Facts(use_case=text.strip())
    return Facts()


# ---------------------------------------------------------------------------------------------
# Putting it together


def _sentence_facts(s: _Sentence, found: _Found, pending: FactName | None) -> None:
    _mask_hypotheticals(s)
    _checklist(s, found)
    s.take(_HOW_MUCH)
    _data_quality(s, found, pending)
    _numbers(s, found, pending)
    _data_amount(s, found)
    _volume(s, found)
    _prompting(s, found, pending)
    _changes(s, found, pending)
    _urgency(s, found)
    _goals(s, found)
    _languages(s, found)
    if found.use_case is None:
        found.use_case = _use_case(s)


def extract_facts(text: str, pending: FactName | None) -> Extraction:
    """Facts stated in ``text``; ``pending`` is the fact the bot just asked about, if any."""
    sentences = _until_injection(_sentences(normalise(text)))
    found = _Found()
    concept = decide = skip = False
    for raw in sentences:
        if _is_concept_question(raw):
            concept = True
            continue
        s = _Sentence(raw)
        decide = bool(s.take(_DECIDE_NOW)) or decide
        skip = bool(s.find(_SKIP)) or skip
        _sentence_facts(s, found, pending)
    kept = " ".join(sentences)
    facts = found.facts(pending)
    if pending is not None and not is_known(facts, pending):
        if not facts.known():
            facts = _pending_answer(kept, pending)
        else:
            facts = facts.merge(_yes_no(kept, pending))
    if len(kept.split()) <= 3 and _SKIP_SHORT.match(kept) and not facts.known():
        skip = True
    answered = is_known(facts, pending) if pending is not None else bool(facts.known())
    skip = skip and not decide and not concept and not answered
    asking = concept or (kept.rstrip().endswith("?") and len(kept.split()) >= 2)
    side = asking and not facts.known() and not decide and not skip
    names = tuple(n for n in facts.known() if n is not FactName.USE_CASE)
    readings = tuple(readings_of(facts, names, quote=kept[:MAX_QUOTE_CHARS]))
    return Extraction(
        facts=facts, side_question=side, skip=skip, decide_now=decide, readings=readings
    )
