"""The phrasings that say what kind of answer a side question wants: a figure (a count, a
size, a price), the cases for something, the steps, the reason, the checks, what a thing is."""

from __future__ import annotations

import re

from bot.knowledge.ask_part import asks, sentences
from bot.knowledge.tokenize import RIEUL_FINAL

# The things a comparison compares, as they appear in text.
SIDES: dict[str, re.Pattern[str]] = {
    "prompting": re.compile(r"prompt|프롬프"),
    "rag": re.compile(r"\brag\b|retriev|검색|rag(?=[\uac00-\ud7a3])"),
    # "FT" is how many write it in a hurry ("prompting/RAG/FT").
    # Training a model on one's own records is fine-tuning ("training on our old emails").
    "fine-tuning": re.compile(
        r"fine[- ]?tun|(?<![a-z])ft(?![a-z])|파인\s?튜닝|미세\s?조정"
        r"|\btrain(?:ing)?\s+(?:it\s+|a\s+model\s+|the\s+model\s+)?on\s+(?:our|the|its|their)\s+"
        r"(?:own\s+)?(?:old\s+|past\s+)?(?:emails|data|examples|tickets|replies|chats|records)\b"
        r"|\btrain(?:ing)?\s+(?:our|an?)\s+own\s+model\b"
    ),
    "opus": re.compile(r"opus|오퍼스"),
    "sonnet": re.compile(r"sonnet|소네트"),
}
APPROACHES = ("prompting", "rag", "fine-tuning")

# Which of two is better: a comparison, not a question of what either is ("뭐가 나아요").
BETTER = re.compile(
    r"\bwhich (?:one )?(?:is |would be |works )?better\b"
    r"|(?:뭐가|뭘|어느 게|어떤 게) (?:더 )?(?:나아|나은|낫)"
)
# Whether one is a form of the other, or the same thing ("aren't they basically the same
# thing?", "결국 같은 거 아니에요?"): answered by what each is.
FORM_OF = re.compile(
    r"\b(?:version|variant|form|flavou?r) of\b|\bsame thing\b"
    # Not knowing how they differ asks it ("차이를 모르겠음", "I can't tell the difference").
    r"|차이(?:를|가|도)?\s*(?:잘\s*|전혀\s*|도통\s*)?(?:모르|몰라)"
    r"|\b(?:don'?t|do\s+not|can'?t|cannot)\s+(?:really\s+)?(?:get|see|understand|tell)\s+the\s+difference\b"
    r"|같은\s?(?:건지|건가|거(?:죠|야|예요|에요|냐|인가|\s아니))"
)
# Only words that ask to set two things side by side: "do we have to pick A or B?" and "when
# should we do A instead of B?" ask something else. Which is better, and whether one is a form
# of the other, do too.
COMPARE = re.compile(
    r"\bvs\.?(?![a-z])|versus|\bdiff?e?re?n|\bdiffer|\bdiffs?\b|compar|\bunlike\b|\bbetter than\b"
    r"|차이|다른\s?(?:점|건|거|지|가)|다르|달라|비교|어느 쪽|중에?\s(?:뭐가|뭘|어느|어떤)"
    # Whether the two are one thing, or which is which: "the same as", "mixing up", "헷갈려요".
    r"|\bsame (?:thing )?as\b|\bmix(?:ing)? (?:them )?up\b|\bconfus"
    r"|\b(?:are|aren't|is|isn't) (?:they|these|those|the two|both|them)(?: \w+ly)? (?:the )?same\b"
    r"|\binterchangeabl|같은\s?말(?:이|인가)|헷갈|\bare (?:\w+ly |just )?the same(?: thing)?\b"
    # Set side by side, or asked when each one is the one ("when is X the better fit and when
    # is Y?"; not "when does X do the job, and when should Y be added?", which asks of adding).
    r"|\bside[- ]by[- ]side\b|\bwhen (?:is|are)\b[^?.!]{0,60}\band when (?:is|are)\b"
    rf"|{BETTER.pattern}|{FORM_OF.pattern}"
)
# A yes/no question whether an approach does something ("does fine-tuning reduce
# hallucinations?", "fine-tuning fixes hallucinations, right?"): a claim to confirm or correct.
CLAIM = re.compile(
    r"^(?:does|do|will|can|doesn't|won't)\s+(?:prompt|rag\b|retriev|fine[- ]?tun)[\w-]*\s+\w+"
    r"|,\s*right\s*\?*$"
)
# Whether one does something or that is the other's job ("does RAG fix tone, or is that
# fine-tuning?", "RAG로 되나요? 아니면 그건 파인튜닝 영역인가요"): a comparison when what follows
# names an approach ("or is that prototype-only?" weighs one against nothing). "That" points back
# at what the first is asked to do; "A로 가요 아니면 B?" only asks which to pick.
OR_OTHER = re.compile(r"\bor (?:is|are) (?:that|it|this|those)\b|아니면\s*(?:그건|그거|이건|이거)")

QUANTITY = re.compile(
    r"\bhow (?:many|big|large|long)\b|(?<![\w-])size\b|\bnumber of\b"
    r"|몇\s?(?:개|번|명|건|일|시간|토큰|에폭)(?!째)|얼마나 (?:큰|크|길|많)|크기"
    # A value asked for a setting: "몇으로 해야 돼요?", "몇이 적당해요?", "얼마로 잡아요?".
    r"|몇(?:으로|로|이|을|를)(?![가-힣])|얼마(?:로|가 적당|면 적당)"
)
# Also whether an approach is where to start ("a reasonable place to start", "부터 시작해도"),
# which the cases it fits answer.
ASKS_WHEN = re.compile(
    r"\bwhen (?:should|to|do|does|is|are|would|can)\b|\bin what (?:case|situation)"
    r"|\bat what (?:point|stage)\b|\b(?:place|point|way) to (?:start|begin)\b|\bstarting point\b"
    r"|(?:부터|로|으로) 시작해도|시작점"
    # What to lead with: "which approach should we lead with?", "뭐부터 도입해야 하나요?".
    r"|\blead with\b|\b(?:start|begin) with which\b|(?:뭐|무엇|어느 것|어떤 것|어디서)부터"
    r"|\bwhich (?:case|situation)|\btrigger|\btime to\b|\bworth (?:it|the)\b"
    # Whether it is worth doing: "할 가치가 있나요", "그만한 값어치가 있어요?".
    r"|(?:할|들일|그만한)\s?(?:가치|값어치)가?\s?있"
    r"|언제|어떤 경우|어떨 때|어느 경우|상황|타이밍|시점"
    # The signs that it is time: "what signals tell us to fine-tune?", "넘어갈 신호".
    r"|\bsigns?\b|\bsignals?\b|신호|징후"
)
# "Fix" as a verb ("fix it", "to fix"); "a temporary fix" names a thing, it asks no steps.
# The order things are done in ("the usual order", "in what sequence", "순서"), and an approach
# put first or before another ("why start with prompting first?", "프롬프팅부터 하라던데",
# "파인튜닝 전에 프롬프팅 먼저"): where it stands among the stages.
_ORDER = (
    r"(?<!\bin )\border\b(?! to\b)|\bsequence\b|순서"
    r"|\b(?:prompt\w*|rag|retrieval|fine[- ]?tun\w*) (?:first|before)\b|\bfirst,? then\b"
    r"|\bbefore (?:training|fine[- ]?tun|rag\b|retriev|prompt)"
    r"|\b(?:start|begin)(?:s|ning|ing)?\s+(?:with|by|from)\s+(?:prompt|rag\b|retriev|fine[- ]?tun)"
    r"|(?:프롬프팅|프롬프트|rag|검색|파인\s?튜닝)\s?(?:부터|먼저)|먼저\s?(?:프롬프팅|프롬프트|rag|파인)"
)
ASKS_ORDER = re.compile(_ORDER)
ASKS_HOW = re.compile(
    r"\bhow (?:do|can|should|would) (?:we|i|you)\b|\bhow to\b|\bdebug|\btroubleshoot"
    r"|(?<!\ba )(?<!\bthe )(?<!\bany )(?<!\btemporary )(?<!\bquick )\bfix\b"
    # The order things are done in is asked as steps.
    rf"|{_ORDER}"
    # Not what gets solved by itself ("해결되는 거죠?": a claim to confirm).
    r"|어떻게|고치|잡아|해결(?![되된됨돼])|디버깅|절차"
)
# Asks for the reason of something ("why does the checklist want…", "how come", "왜 있는 거예요",
# "…하는 이유가 궁금해요").
ASKS_WHY = re.compile(r"\bwhy\b|\bhow come\b|\bwhat for\b|왜|이유")
# Asks what to check, or for the checks themselves ("what should ops double-check?", "any sanity
# checks before…?", "what should I tick off?", "확인해야 할 게 뭐예요", "점검표 있나요"): a
# checklist answers it.
ASKS_CHECKS = re.compile(
    r"\b(?:what|which|any|list|minimum|basic)\b[^?.]*?\b(?:double-?checks?|sanity[- ]checks?"
    r"|checks?|checklist)\b|\btick (?:off|through)\b|\bboxes to tick\b"
    r"|(?:점검|확인|체크)해야 할 (?:것들|사항|항목|거|것)"
    r"|점검표|점검 ?목록|체크 ?리스트|(?:체크|점검) ?항목"
)
# Asks what something is: in so many words, or by naming nothing but the thing ("whats fine
# tuning exactly").
ASKS_WHAT = re.compile(
    r"\bdefin|\bmeaning\b|\bmeans?\b|\bstands? for\b"
    r"|\bin plain\b|\beli5\b|정의|뜻|[가-힣]이란|(?:팅|닝|RAG)란"
    # Asked to explain an approach itself ("please explain RAG briefly", "RAG 쉽게 설명해 주세요").
    r"|\bexplain (?:what )?(?:prompt\w*|rag|retrieval|fine[- ]?tun\w*)"
    # Explained to someone ("explain RAG to me like I'm a PM") is still what it is.
    r"(?! (?:for|in|with)\b| to (?!(?:me|us|a|an|someone|my|our)\b))"
    r"|(?:프롬프팅|rag|파인\s?튜닝)(?:이|가|을|를|은|는|에 대해|이란|란)?\s?(?:좀\s?)?"
    r"(?:쉽게\s?|간단히\s?|짧게\s?)?(?:설명|정의)"
)

# An answer asked for in one line ("in one sentence", "한 줄로", "한 줄 요약", "한마디로"; not a
# line of a prompt, "한 줄 고칠 때마다"): what a thing is, unless the question asks something
# else of it (when, how, why).
IN_A_LINE = re.compile(
    r"\bin (?:one|a) (?:sentence|line|word)|한마디|한\s?줄\s?(?:로|요약|정리|정의|설명)"
)

# What a count is of: "how many datasets", "몇 토큰". A Korean count names its unit with a
# counter word; any other word after 몇 ("몇으로") leaves the unit open. "몇 주째" says how long
# something has gone on and "몇 년치 기록" how much there is: they ask no count.
COUNTERS = "개|가지|번|명|건|일|시간|토큰|에폭|배|주|개월|년|퍼센트"
COUNT_OF = re.compile(
    rf"\bhow many ([a-z][a-z0-9-]*)|\bnumber of ([a-z][a-z0-9-]*)|몇\s?({COUNTERS})(?!째|치)"
    r"|\bin (tokens|words|characters|pages|bytes|[gkm]b|hours|days|epochs|steps)\b"
    # And a date ("when was Sonnet 4.6 released?", "출시일이 언제예요"), given only by a text
    # that gives that date: the knowledge base gives none.
    r"|\b(release date|launch date)\b|(출시일|출시 날짜|릴리즈 날짜)"
    r"|\bwhen (?:exactly |roughly |approximately )?(?:was|were|will|did|is) "
    r"(?:[^?.!]|\.(?=\d)){0,40}?\b(released?|launch(?:ed)?|coming out|be out|out yet)\b"
    r"|언제\s?(?:쯤\s?)?(출시|릴리즈|나왔)"
    r"|(?:버전|모델)\S*\s?언제\s?(?:쯤\s?)?(나와|나오|나옵|공개)"
    r"|\bwhen (?:is|will|does) (?:the )?(?:next|new) (?:\w+ ){0,2}?(?:version|model)\b"
    r"[^?.!]{0,20}?\b(come out|be out|drop|ship|land|launch)"
)
# A price: what something costs in money. The knowledge base names costs, never prices.
# "How much does fine-tuning cost?" asks what it costs, which the knowledge base answers in
# words (an upfront investment, upkeep); a price is asked per unit ("per token", "토큰당 얼마")
# or by name ("price", "요금"); a model's version ("Sonnet 4.6") is no end of the sentence.
ASKS_PRICE = re.compile(
    r"\bhow much (?:cheaper|more expensive|pricier)|\bhow much\b(?:[^?.]|(?<=\d)\.(?=\d))*\bper\b"
    # Not a list of prices ("가격표", "price list"): a document.
    r"|\bprices?\b(?![- ]?(?:lists?|sheets?|tables?)\b)|\bpricing\b"
    r"|\bper (?:1m|1k|million|thousand|\d+[km]?)(?: \w+)? tokens?\b"
    # What something costs per a number of units ("cost per 1M output tokens").
    r"|\bcosts?\s+(?:us\s+)?per\s+(?:\d|1m|1k|million|thousand|month|year|seat|user)"
    r"|가격(?!표)|요금(?!표)|단가|당\s?얼마|얼마\s?당|(?:구독|이용|사용|라이선스)\s?료|구독비|월정액"
)

# What someone else said, reported ("업체는 월 사용료만 보면 된다는데", "the vendor says the
# monthly fee is all we need to watch"): a price named there is theirs, not asked.
REPORTED = re.compile(
    r"[^.?!]*?(?:다는데|라는데|다던데|라던데|다고\s?하던데|다고\s?하는데)\s*,?\s*"
    r"|[^.?!]*?(?:다|라)['\"’”]?\s?고\s?(?:하시는데|하던데|하셨는데|했는데|그러던데|그러는데)\s*,?\s*"
    r"|\b(?:says?|said|claims?|claimed|insists?|told\s+us)\b[^.?!]*"
)

# What a question asks besides what a thing is (its cases, the steps, the reason, its worth).
ASKS_ELSE = re.compile(
    "|".join(p.pattern for p in (ASKS_WHEN, ASKS_HOW, ASKS_WHY))
    + r"|\bworth\b|(?:값어치|가치)(?:가|는|도)?\s?(?:있|없)"
)

# Asks what each thing is for ("what is each one actually for?", "what are they meant for",
# "by purpose", "목적 기준으로", "용도가 뭐가 달라요", "각각 뭐에 쓰는 거예요"): the goal each
# serves.
ASKS_PURPOSE = re.compile(
    r"\bwhat(?: is|'s| are) (?:each|either|they|these|those|both|it)(?: one| of them)?"
    r"(?: \w+ly)? (?:(?:good|meant|used|there) )?for\s*(?:[?.!]|$)"
    r"|\bwhat (?:each|either)(?: one| of them)? is (?:\w+ly )?(?:(?:good|meant|used) )?for\b"
    r"|\b(?:purposes?|goals?|aims?) (?:of|behind) (?:each|either|them|both)\b"
    r"|\bby (?:purpose|goal)\b|\bwhat (?:problem|job)s? (?:does )?each\b"
    r"|목적|용도|(?:뭐|무엇|어디)에\s?쓰|(?:뭘|무엇을) 위한|해결하는 문제"
)
# What a comparison by purpose is answered by: the goal each approach serves.
PURPOSE_WORDS = "goal aim 목표 목적"

# Why one would add an approach to what one has ("why would I bother adding retrieval on top?",
# "what does adding fine-tuning buy us?", "프롬프트가 괜찮은데 RAG를 굳이 붙일 이유가 있나요?"):
# what it adds, which the cases it fits answer. The added one is named in ``side``.
ADDS = re.compile(
    r"\b(?:add|adding|adds|added|layer(?:ing)?|stack(?:ing)?)\s+(?:on\s+)?(?:an?\s+|the\s+|some\s+)?"
    r"(?P<side>prompt\w*|rag\b|retrieval|fine[- ]?tun\w*)"
    r"|(?P<ko>프롬프팅|프롬프트|rag|검색|파인\s?튜닝)(?:을|를|도|까지|이나|만)?\s?(?:굳이\s?|따로\s?|또\s?)?"
    r"(?:붙이|붙일|붙여|추가|더하|더할|얹)"
)
# … asked for its reason or its worth.
ASKS_WORTH = re.compile(
    r"\bwhy\b|\bbother\b|\bworth\b|\bpoint of\b|\bwhat (?:do|does|would|will) (?:we|i|it)"
    r" (?:gain|get|buy)\b|\bbuys? (?:us|me)\b|왜|굳이|이유|이점|뭐가 좋아|뭐가 나아|의미가 있"
)


def added_side(lowered: str) -> str:
    """The approach the question asks why one would add ("why bother adding retrieval on
    top?"), or nothing."""
    m = ADDS.search(lowered)
    if m is None or not ASKS_WORTH.search(lowered):
        return ""
    said = m.group("side") or m.group("ko") or ""
    return next((a for a in APPROACHES if SIDES[a].match(said)), "")


# A comparison that asks how the things differ, or whether they are one thing ("what's the
# difference", "차이가 뭐예요", "aren't they the same?", "헷갈려요"), not which one fits.
ASKS_DIFFERENCE = re.compile(
    r"\bdiff|\bunlike\b|\bsame (?:thing|as)\b|\bmix(?:ing)? (?:them )?up\b|\bconfus"
    r"|\b(?:version|variant|form) of\b|\bdistinction\b|\bset (?:them )?apart\b"
    r"|차이|다른\s?(?:점|건|거|지|가)|다르|달라|같은\s?(?:거|건|것)|헷갈|구분"
)
# Asks which one to pick ("뭐가 더 맞아요", "어느 쪽이에요", "뭘 써야 돼요", "which one should we
# use", "which is better").
ASKS_PICK = re.compile(
    r"(?:뭐가|뭘|뭐|어느\s?(?:쪽|것|게|거)|어떤\s?(?:거|게|걸|것))\s?(?:더\s?)?(?:맞|나아|나은|낫|나음"
    r"|써|쓰|골라|고르|택)|어느\s?쪽|맞을까|\bwhich (?:one |approach |method |of (?:the|them) )?"
    r"(?:is |would be |works )?(?:better|best|fits?|should|would you|to (?:use|pick|choose|go))"
    r"|\bgo with\b|\b(?:right|better|best) (?:choice|fit|call|option)\b"
    # The bare "what approach?" closing a scene.
    r"|(?:^|[.!?]\s+)(?:so\s+)?(?:what|which) (?:approach|method|option)\s*(?:\?|$)"
)
# Words that ask whether something fits ("is this fine-tuning territory?", "the right call",
# "맞을까요", "적합한가요"), and words for a way of doing things ("어떤 방식", "which approach").
_FIT_IDIOM = (
    r"\bterritory\b|\b(?:a |the )?(?:good |right |better |best )?fits?\b|\bway to go\b"
    r"|\bthe right (?:call|move|choice|answer|tool)\b|\bmakes? sense\b|적합|어울"
)
ASKS_FIT = re.compile(_FIT_IDIOM + r"|맞(?:을까|나요|아요|는 ?(?:거|건|걸)|죠)")
# Whether one approach fits, asked in an idiom ("is this fine-tuning territory?", "파인튜닝이
# 적합한가요?"), asks the cases it fits; "…맞죠?" mostly asks to confirm a claim.
ASKS_IF_FITS = re.compile(_FIT_IDIOM)
# Which of two model tiers to use ("Opus or Sonnet for …?", "오퍼스랑 소넷 중에"): which fits
# the task told, what the section on model tiers answers.
_TIER = r"(?:opus|sonnet|haiku|오퍼스|소넷|하이쿠)"
TIER_PICK = re.compile(
    rf"{_TIER}[\w.\s]{{0,6}}?\s*(?:or|vs\.?|versus|/|아니면|(?:이)?랑|과|와)\s*(?:claude\s+)?{_TIER}"
    # "Opus 쓸까 Sonnet 쓸까": each named with the verb that weighs it.
    rf"|{_TIER}[\w.\s]{{0,6}}?(?:을|를)?\s*(?:쓸까|할까|갈까)[요,]?\s*(?:아니면\s*)?(?:claude\s+)?{_TIER}"
)
METHOD = re.compile(r"\bapproach|\bmethods?\b|\btechniques?\b|방식|방법|접근|기법")
# How to show that a change helped ("진짜 개선됐는지 어떻게 보여주죠?", "how do I prove it
# improved?"): what an evaluation set is for, whatever was changed.
ASKS_PROOF = re.compile(
    r"(?:개선|좋아|나아|향상)\S*(?:는지|었는지)\s*(?:\S+\s*){0,2}?(?:보여|증명|확인|검증|측정|알\s?수)"
    r"|\b(?:prove|show|verify|measure|know|tell)\b(?:\s+\S+){0,4}?\s+(?:it |that |this )?"
    r"(?:actually |really )?(?:improved|helped|got better|is better|worked)\b"
)

# Asks how to tell whether a change made ("they fixed our retrieval bot", "청킹 설정 바꿨더니")
# did what it was for: "how do I verify that", "진짜 나아졌는지 어떻게 확인하죠".
_CHANGED = re.compile(
    r"\b(?:fix|fixed|changed?|tweak(?:ed)?|tuned|updated|swapped|improved|rework(?:ed)?)\b"
    r"|고쳤|바꿨|바꾼|수정했|개선했|튜닝했|손봤|변경했"
)
_VERIFY = re.compile(
    r"\b(?:verify|prove|check|confirm|measure|show)\b|확인|증명|검증|보여|측정|알\s?수"
)


def asks_proof(lowered: str) -> bool:
    """``lowered`` asks how to show that something changed helped."""
    return bool(ASKS_PROOF.search(lowered)) or bool(
        _CHANGED.search(lowered) and _VERIFY.search(lowered)
    )


# A change from one approach to another ("프롬프트에서 RAG 방식으로 바꿨더니", "we moved from
# prompts to fine-tuning"), not a use of one ("fine-tuned models").
_SWITCHED = re.compile(
    r"\b(?:switch|swapp|migrat)\w*\b|\bmov(?:e|ed|es|ing)\b|\bwent (?:from|over)\b"
    r"|바꿨|바꾼|갈아탔|갈아탄|전환|옮겼|넘어갔|넘어왔"
)


def asks_switch_proof(lowered: str) -> bool:
    """``lowered`` asks how to show that a change of approach helped."""
    return bool(_SWITCHED.search(lowered)) and asks_proof(lowered)


# "…할 때", "…일 때": a case, told by the verb before 때 (its syllable ends in ㄹ); not "학습 때"
# (at training time).
_CASE_WORDS = rf"\bwhen\b|\bif\b|situation|\bcases?\b|[{RIEUL_FINAL}]\s?때[:.,]?(?:\s|$)|경우|상황"
# A sentence that tells which approach to pick: for a case ("when", "경우"), or as a verdict
# ("X matters most → start with Y", "fits better when", "부터 시작합니다", "더 잘 맞으며").
VERDICT = re.compile(
    _CASE_WORDS
    + r"|\bstart with\b|\bbegin with\b|\bmatters? most\b|\bfits? (?:better|best)\b|\bgo with\b"
    r"|부터 시작|최우선|더 잘 맞|가장 중요"
)

# Asks for an example: "a concrete example of …", "e.g.?", "예시로", "예를 들어 보여 주세요".
EXAMPLE = re.compile(r"\bexamples?\b|\binstance\b|\billustrat|\bshow me how\b|예시|예를|사례로")


# Asks of each approach it names, not of one of them: "each", "both", "각각", "둘 다".
_EACH = re.compile(
    r"\beach\b|\bboth\b|\ball three\b|\bevery (?:one|approach|method)\b|각각|둘\s?다|셋\s?다"
)


def asks_each(text: str) -> bool:
    """``text`` asks of each approach it names: in so many words ("hidden costs of each"), or
    in sentences of their own ("is fine-tuning expensive? and is prompting really cheap?")."""
    if _EACH.search(text.casefold()):
        return True
    named = [
        {a for a in APPROACHES if SIDES[a].search(s.casefold())} for s in sentences(text) if asks(s)
    ]
    named = [n for n in named if n]
    return len(named) >= 2 and len(set().union(*named)) >= 2


# When something is done, set by the choice still ahead ("why standardize requests before we've
# picked prompting vs fine-tuning?", "프롬프팅이냐 파인튜닝이냐 정하기 전에 뭘 해요?"): the
# approaches are named only there.
_BEFORE_EN = re.compile(r"\b(?:before|until|prior to)\b")
_BEFORE_KO = re.compile(r"전에|전까지")


def before_choosing(lowered: str) -> bool:
    """The approaches ``lowered`` names are all in a clause that says before what something
    else is asked ("… before we've even picked prompting vs fine-tuning?"), and that something
    is named before it (after it, in Korean)."""
    found = [m for pat in SIDES.values() for m in pat.finditer(lowered)]
    if not found:
        return False
    first = min(m.start() for m in found)
    last = max(m.end() for m in found)
    en = _BEFORE_EN.search(lowered)
    if en is not None and en.end() <= first and re.search(r"\w{3,}", lowered[: en.start()]):
        return True
    ko = _BEFORE_KO.search(lowered, last)
    return ko is not None and bool(re.search(r"[가-힣a-z]{2,}", lowered[ko.end() :]))
