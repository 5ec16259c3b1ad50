"""Korean slips and regional endings read as the standard ones ("잇어요" as 있어요, "읎어유" as
없어요), letter for letter so that a quote taken from the standardised text is found again in
the user's own words."""

from __future__ import annotations

import re

# "읎어유" (없어요), "어수다" (없어요), "개정되는디" (되는데), "안 하는기 제일" (하는 게),
# "틀린 소리 허믄" (하면), "안 시켜 봤슈" (봤어), "징허게 많어" (많아),
# "급한 거는 아이라예" (아니라예).
_REGIONAL = (
    # 있다 slipped to 잇다, whose own forms are 이어요 and 이음.
    (re.compile(r"잇(?=어|었|엇|음)"), "있"),
    (re.compile(r"읎(?=[어다는고음지슈])"), "없"),
    (re.compile(r"(?<![가-힣])허(?=[믄면고지는니야제게])"), "하"),
    (re.compile(r"(?<=[가-힣])믄(?=[\s,.]|$)"), "면"),
    (re.compile(r"(?<=[았었했봤갔왔겠켰쳤])슈(?=[\s.!?~,ㅋㅎㅠ]|$)"), "어"),
    # "남은게 읎슈" (없어).
    (re.compile(r"(?<=없)슈(?=[\s.!?~,ㅋㅎㅠ]|$)"), "어"),
    (re.compile(r"(?<=많)어(?=[\s.!?~,ㅋㅎㅠ]|$)"), "아"),
    (re.compile(r"(?<=[어아해에구지네데래대세거라와워서까게예])유(?=[\s.!?~,ㅋㅎㅠ]|$)"), "요"),
    (re.compile(r"(?<=[는은인한던])디(?=[\s,.]|$)"), "데"),
    (re.compile(r"(?<=[가-힣]는)기(?=\s)"), "게"),
    (re.compile(r"(?<=급)헌(?=\s)"), "한"),
    (re.compile(r"(?<=급)헐(?=\s)"), "할"),
    (re.compile(r"(?<=급)허(?=[지진질])"), "하"),
    # "급헌 건 아녀유" (충청: 아니에요).
    (re.compile(r"(?<![가-힣])아녀(?=[유요]|\s|$)"), "아니"),
    (re.compile(r"(?<![가-힣])혀(?=\s*(?:봤|봄|본|봐))"), "해"),
    # "사이즈표 같은건 따로 없어라" (전라: 없어요).
    (re.compile(r"(?<=[봤했었았겠없])어라(?=[\s.!?~,ㅋㅎㅠ]|$)"), "어요"),
    # "급한 거는 아이라예" (아니라예), "급한거 아이래요", "그기 아입니더" (아닙니다); not "아이고".
    (re.compile(r"(?<![가-힣])아이(?=라|래|입니)"), "아니"),
    # "급한 건 어수다", "문서 같은 건 어수다" (Jeju: 없어요).
    (re.compile(r"(?<![가-힣])어수다"), "없어요"),
    # "그런 건 엇수다" (Jeju: 없어요).
    (re.compile(r"(?<![가-힣])엇수다"), "없어요"),
    # "밖으로 몬 뺌", "그래서 몬 써 봄" (경상: 못).
    (
        re.compile(
            r"(?<![가-힣])몬(?=\s*(?:써|쓰|씀|해|하|했|빼|뺌|뺐|봄|봤|봐|가|와|읽|들|넣|줘|줌|찾))"
        ),
        "못",
    ),
    # "마이 오니더" (경상: 많이 와요).
    (re.compile(r"(?<![가-힣])마이(?=\s*(?:와|오|옵|온|옴|들어|묻|물어))"), "많이"),
    # "고쳐서 물어봐도 고대로고" (그대로).
    (re.compile(r"(?<![가-힣])고대로"), "그대로"),
    # "많다꼬 봐야지예" (많다고), "똑같은 기라예" (거라요).
    (re.compile(r"(?<=[다라])꼬(?=[\s,.]|는|$)"), "고"),
    (re.compile(r"(?<=[은는]\s)기(?=라|다|야)"), "거"),
    # Jeju: "하영 와마씀" (많이), "바뀔 때도 이서마씀" (있어).
    (re.compile(r"(?<![가-힣])하영(?=\s)"), "많이"),
    (re.compile(r"(?<![가-힣])이서(?=마씀|요|\s|$)"), "있어"),
    # "바꿔 봐도 고 모냥이여요" (그 모양).
    (re.compile(r"(?<![가-힣])고\s모냥"), "그 모양"),
    (re.compile(r"(?<![가-힣])모냥(?=[이으]|\s|$)"), "모양"),
    # "많이 오는 건 아니라예" (아니에요).
    (re.compile(r"(?<=아니)라예(?=[\s.!?~,ㅋㅎㅠ]|$)"), "에요"),
    # "그기 1번이고예" (그게).
    (re.compile(r"(?<![가-힣])그기(?=\s)"), "그게"),
    # "급한거는 아이고예" (아니고요): after a topic, not the cry "아이고".
    (re.compile(r"(?:(?<=[는은건]\s)|(?<=[는은건]))아이(?=고예|고요)"), "아니"),
    # "프롬프트 이래저래 바까도 똑같고예" (바꿔도).
    (re.compile(r"(?<![가-힣])바까(?=도|서|야|요|봐|봤|보|봄)"), "바꿔"),
    # "그렇게 많지는 안습니더" (않습니다), "많지 안음" (않음).
    (
        re.compile(r"(?:(?<=지\s)|(?<=지는\s)|(?<=지도\s)|(?<=진\s))안(?=습니|아요|았|음|고\s|네)"),
        "않",
    ),
)


def standardise(text: str) -> str:
    """``text`` with regional endings written as the standard ones."""
    for pattern, standard in _REGIONAL:
        text = pattern.sub(standard, text)
    return text


# The letters normalising may have put in place of the user's own (a slip, a regional ending).
_AS_WRITTEN = {
    # Words first: the alternation tries them before their letters.
    "많이": "(?:많이|하영)",
    "에요": "(?:에요|라예)",
    "있어": "(?:[있잇][어슈수]|이서)",
    "그 모양": "(?:그 모양|고 모냥)",
    "있": "[있잇]",
    "없": "[없읎어엇]",
    "요": "[요유라다]",
    "데": "[데디]",
    "게": "[게기]",
    "하": "[하허]",
    "면": "[면믄]",
    "어": "[어슈수]",
    "아": "[아어]",
    "한": "[한헌]",
    "할": "[할헐]",
    "해": "[해혀]",
    "니": "[니이]",
    "꿔": "[꿔까]",
    "않": "[않안]",
    "고": "[고꼬]",
    "거": "[거기]",
    "모양": "(?:모양|모냥)",
}
_LETTERS_BACK = re.compile("|".join(_AS_WRITTEN))


def as_written(escaped: str) -> str:
    """A pattern for an escaped word of the standardised text that also finds the user's own
    letters."""
    return _LETTERS_BACK.sub(lambda m: _AS_WRITTEN[m[0]], escaped)
