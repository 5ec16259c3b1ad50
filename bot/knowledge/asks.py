"""The phrasings that say what kind of answer a side question wants: a figure (a count, a
size, a price), the cases for something, the steps, the reason, the checks, what a thing is."""

from __future__ import annotations

import re

QUANTITY = re.compile(
    r"\bhow (?:many|big|large|long)\b|(?<![\w-])size\b|\bnumber of\b"
    r"|몇\s?(?:개|번|명|건|일|시간|토큰|에폭)(?!째)|얼마나 (?:큰|크|길|많)|크기"
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
    r"|언제|어떤 경우|어떨 때|어느 경우|상황|타이밍|시점"
    # The signs that it is time: "what signals tell us to fine-tune?", "넘어갈 신호".
    r"|\bsigns?\b|\bsignals?\b|신호|징후"
)
# "Fix" as a verb ("fix it", "to fix"); "a temporary fix" names a thing, it asks no steps.
ASKS_HOW = re.compile(
    r"\bhow (?:do|can|should|would) (?:we|i|you)\b|\bhow to\b|\bdebug|\btroubleshoot"
    r"|(?<!\ba )(?<!\bthe )(?<!\bany )(?<!\btemporary )(?<!\bquick )\bfix\b"
    # The order things are done in ("the usual order", "in what sequence") is asked as steps.
    r"|(?<!\bin )\border\b(?! to\b)|\bsequence\b"
    r"|어떻게|고치|잡아|해결|디버깅|절차|순서"
)
# Asks for the reason of something ("why does the checklist want…", "how come", "왜 있는 거예요",
# "…하는 이유가 궁금해요").
ASKS_WHY = re.compile(r"\bwhy\b|\bhow come\b|\bwhat for\b|왜|이유")
# Asks what to check, or for the checks themselves ("what should ops double-check?", "any sanity
# checks before…?", "확인해야 할 게 뭐예요", "점검표 있나요"): a checklist answers it.
ASKS_CHECKS = re.compile(
    r"\b(?:what|which|any|list|minimum|basic)\b[^?.]*?\b(?:double-?checks?|sanity[- ]checks?"
    r"|checks?|checklist)\b"
    r"|(?:점검|확인|체크)해야 할 (?:것들|사항|항목)"
    r"|점검표|점검 ?목록|체크 ?리스트|(?:체크|점검) ?항목"
)
# Asks what something is: in so many words, or by naming nothing but the thing ("whats fine
# tuning exactly").
ASKS_WHAT = re.compile(
    r"\bdefin|\bmeaning\b|\bmeans?\b|\bstands? for\b|\bin (?:one|a) (?:sentence|line|word)"
    r"|\bin plain\b|\beli5\b|정의|뜻|한마디|[가-힣]이란|(?:팅|닝|RAG)란"
    # An answer in one line ("한 줄로", "한 줄 요약"), not a line of a prompt ("한 줄 고칠 때마다").
    r"|한\s?줄\s?(?:로|요약|정리|정의|설명)"
)

# What a count is of: "how many datasets", "몇 토큰". A Korean count names its unit with a
# counter word; any other word after 몇 ("몇으로") leaves the unit open. "몇 주째" says how long
# something has gone on, it asks no count.
COUNTERS = "개|가지|번|명|건|일|시간|토큰|에폭|배|주|개월|년|퍼센트"
COUNT_OF = re.compile(
    rf"\bhow many ([a-z][a-z0-9-]*)|\bnumber of ([a-z][a-z0-9-]*)|몇\s?({COUNTERS})(?!째)"
    r"|\bin (tokens|words|characters|pages|bytes|[gkm]b|hours|days|epochs|steps)\b"
)
# A price: what something costs in money. The knowledge base names costs, never prices.
# "How much does fine-tuning cost?" asks what it costs, which the knowledge base answers in
# words (an upfront investment, upkeep); a price is asked per unit ("per token", "토큰당 얼마")
# or by name ("price", "요금").
ASKS_PRICE = re.compile(
    r"\bhow much (?:cheaper|more expensive|pricier)|\bhow much\b[^?.]*\bper\b"
    r"|\bprices?\b|\bpricing\b|\bper (?:1m|1k|million|thousand) tokens?\b"
    r"|가격|요금|단가|당\s?얼마|얼마\s?당"
)
