"""The knowledge base's terms in its two languages.

A Korean question often names a term in English ("eval set 꼭 만들어야 돼요?"), and an answer is
quoted from the Korean text, which says 평가셋. Each pair lets a question's term match the
sentences that use the other language's word for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.knowledge.tokenize import tokenize

# (English, Korean): the words each language's sections use for the same thing. Each side may
# list spellings separated by "|".
TERMS: tuple[tuple[str, str], ...] = (
    ("prompting|prompt", "프롬프팅|프롬프트"),
    ("fine-tuning|fine tuning|finetuning|fine-tune|fine tune", "파인튜닝|파인 튜닝"),
    ("retrieval|rag", "검색|RAG"),
    ("eval set|evaluation set|test set|evaluation", "평가셋|평가"),
    ("dataset|data set|training data", "데이터셋|학습 데이터"),
    ("data", "데이터"),
    ("accuracy", "정확도"),
    ("consistency|consistent|uniform|unified|unify", "일관성|일관|통일"),
    ("freshness|up-to-date|latest", "최신성|최신"),
    ("use case", "사용 사례"),
    ("requirement", "요구사항"),
    ("experiment", "실험"),
    ("production", "운영"),
    ("maintenance", "유지보수"),
    ("cost", "비용|원가"),
    ("latency", "지연시간"),
    ("per request", "요청당"),
    ("tone", "톤|어조|말투"),
    ("format", "형식|포맷"),
    ("volume", "대량|물량"),
    ("quality", "품질"),
    ("ceiling", "상한"),
    ("weights", "가중치"),
    ("checklist|check list", "체크리스트|점검표|점검 목록"),
    ("operator", "운영자"),
    ("goal", "목표"),
    ("stage|stages", "단계"),
    ("hallucination", "환각"),
    ("evidence", "근거"),
    ("risk", "위험|리스크"),
    ("tokenization", "토큰화"),
    ("language detection", "언어 감지"),
    ("drift", "드리프트"),
    ("regression", "회귀"),
    ("multilingual|multiple languages", "다국어"),
    ("context", "맥락|컨텍스트"),
    ("verification|validation", "검증"),
    ("input contract", "입력 계약"),
    ("purpose", "목적"),
    ("audience", "독자"),
    ("reference material", "참고 자료"),
    ("output", "출력"),
    ("input", "입력"),
    ("example", "예시"),
    ("customer support|support bot", "고객지원|지원 봇"),
    ("memory", "메모리"),
    ("model", "모델"),
    ("team", "팀"),
    ("myth", "오해"),
    ("default behaviour|default behavior|behaviour|behavior", "기본 행동|행동"),
    ("improve|improvement", "개선"),
    ("quickly|quick|fast|faster", "빨리|빠르게|빠른"),
    ("choice|choose", "선택"),
    ("complex|complexity", "복잡"),
    ("upfront|initial", "초기"),
    ("tracking|track|monitoring|monitor", "추적|모니터링"),
    ("update", "업데이트"),
    ("benchmarking|benchmark", "벤치마크"),
    ("temporary|stopgap|band-aid|makeshift", "임시방편|임시"),
)


def _pattern(spellings: str) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(s) for s in spellings.casefold().split("|"))
    return re.compile(rf"(?<![a-z]){alternatives}(?![a-z])")


_PAIRS = tuple((_pattern(en), _pattern(ko), en, ko) for en, ko in TERMS)


def bridge(text: str, only: Callable[[str], bool] | None = None) -> list[str]:
    """Tokens of the other language's words for the terms ``text`` names; ``only``: for the
    spellings of ``text`` it holds for."""
    lowered = text.casefold()
    out: list[str] = []
    for en_pat, ko_pat, en, ko in _PAIRS:
        # Every spelling: a sentence says "consistent" where the glossary first says
        # "consistency".
        if (m := en_pat.search(lowered)) and (only is None or only(m.group(0))):
            out += tokenize(ko.replace("|", " "))
        if (m := ko_pat.search(lowered)) and (only is None or only(m.group(0))):
            out += tokenize(en.replace("|", " "))
    return out


# Abbreviations people write for what the knowledge base spells out, each with the word of the
# knowledge base that names the thing ("ROI" is the return on an investment).
ABBREVIATIONS: dict[str, str] = {
    "roi": "investment",
    "ml": "machine learning",
    "ft": "fine-tuning",
    "diff": "difference",
    "sop": "documents",
    "sops": "documents",
}


# Everyday ways of saying what the knowledge base names in its own words: a figure of speech
# ("duct tape" for a stopgap, "locked in" for stuck with a choice, "bolt on" for adding, "keep
# up with" for staying up to date), a verb of putting things in loosely ("dump", "cram"), chat
# spellings ("thru"), a pilot for a try, a payoff for the benefit, a department for a team, the
# Korean words people use for its terms ("천장" for 상한, "값어치" for 가치, "운영비" for 운영
# 비용, "잊어버려요" for 까먹어요), and a word its text spells out ("multilingual": across
# multiple languages), answers made up for hallucinations; "plain prompting" is prompting alone.
SAID_FOR: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), word)
    for pattern, word in (
        (r"\b(?:duct|sticky|scotch|gaffer)[- ]?tap(?:e|es|ed|ing)\b|\bband[- ]aids?\b", "stopgap"),
        (r"\block(?:s|ed|ing)?[- ]in(?:to)?\b", "stuck"),
        (r"\bbolt(?:s|ed|ing)?(?:[- ]on(?:to)?\b)?(?=\W|$)", "add"),
        (r"\b(?:dump(?:s|ed|ing)?|cram(?:s|med|ming)?|shov(?:e|es|ed|ing))\b", "paste"),
        (r"\bswing(?:s|ing)?\b|\bswung\b", "vary"),
        (r"\bthru\b", "through"),
        # "Keep an eye on", "지켜봐야 할": what to measure.
        (r"\bkeep(?:s|ing)? an eye on\b|\bkept an eye on\b", "measure"),
        (r"지켜\s?(?=봐야|볼\s|보고\s|봐\s?주)", "측정해"),
        # "뭘 재야 돼요?": what to measure ("재고" is also stock, so only this form).
        (r"(?<![가-힣])재야(?=\s|[?.!,]|$)", "측정해야"),
        # "Worth it long-term": in the long run, not the long-term memory of a conversation.
        (r"\bworth(?: it)? long[- ]term\b", "worth it in the long run"),
        (r"\b(training|upfront|up-front|monthly|api|cloud|gpu)\s+bills?\b", r"\1 cost"),
        # Money ("돈이랑 관련해서", "money-wise"): what something costs.
        (r"(?<![가-힣])돈(?=[이을은도만]|\s|$)|\bmoney(?:-wise)?\b", "비용"),
        (r"\bkeep(?:s|ing)? up with\b|\bkept up with\b", "stay up-to-date with"),
        (r"\bpilot(?:s|ed|ing)?\b", "try"),
        # "Prompting is basically free": costs nothing (not "free text", "feel free").
        (
            r"\b(is|are|be|for|basically|practically|almost|totally|completely)\s+free\b"
            r"(?![- ](?:text|form|time|tier|trial))",
            r"\1 no cost",
        ),
        # A call to the model is a request ("콜당 원가", "cost per call").
        (r"(?<![가-힣])(?:콜|호출)당", "요청당"),
        (r"\bper (?:api )?call\b", "per request"),
        (r"\bpayoffs?\b", "benefit"),
        (r"\bdepartments\b|\bdepts\b", "teams"),
        (r"\bdepartment\b|\bdept\b", "team"),
        # "모델 안에서 실제로 뭐가 바뀌어요?", "what changes inside the model?": its weights.
        (
            r"모델\s*(?:안|내부|속)(?:에서|에서는|엔|에는|이)?\s*(?:실제로\s*)?(?:뭐가|무엇이|뭘)\s*바뀌",
            "모델 가중치가 바뀌",
        ),
        (r"\b(?:changes?|happens?)\s+inside\s+the\s+model\b", "changes the model weights"),
        (r"잊(?=[어었는고을혀])", "까먹"),
        (r"천장", "상한"),
        # "뭘 기준으로 골라야", "고르는 거": choosing (선택), not "고르게" (evenly).
        (r"(?<![가-힣])(?:골라|고르|고를|고른)(?=[야요서면고도는기지]|\s|$)", "선택"),
        (r"값어치", "가치"),
        # "운영비", "학습비": what running or training costs (비용).
        (
            r"(운영|유지|학습|관리|인프라|서버|구축|개발)비(?=[가는를도만]|\s|[?.,!]|$)",
            r"\1 비용",
        ),
        (r"\bmulti-?lingual\b", "multiple languages"),
        # Answers made up ("inventing policy details", "makes stuff up", "지어내요"):
        # what the knowledge base calls hallucinations.
        (
            r"\b(?:invent(?:s|ed|ing)?\s+(?:\w+\s+)?(?:facts?|details?|answers?|things|stuff|polic\w+"
            r"|numbers|figures|sources|citations|quotes|info\w*)|mak(?:e|es|ing)\s+(?:stuff|things)\s+up"
            r"|made[- ]up\s+(?:facts?|details?|answers?|stuff|things|info\w*)|fabricat\w*)(?=\W|$)",
            "hallucinating",
        ),
        (r"(?<![가-힣])지어\s?내", "환각을 만들어 내"),
        # "Plain prompting", "plain old RAG": that approach alone, not plain words.
        (r"\bplain(?:\s+old)?\s+(?=prompt|rag\b|retriev|fine[- ]?tun)", ""),
    )
)


def plainly(text: str) -> str:
    """``text`` with everyday phrasings put in the knowledge base's words."""
    for pattern, word in SAID_FOR:
        text = pattern.sub(word, text)
    return text
