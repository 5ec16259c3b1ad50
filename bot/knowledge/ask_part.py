"""The part of a message that asks, found by how it is built rather than by what it names.

A side question often comes with a scene told around it ("저희 마케팅팀이라 개발자가 없어요.
… 이런 팀도 도입할 만한가요?"), with who said what it asks about ("our lead says RAG is dead.
is that right?") and with how the user wants the answer put ("한 줄로", "in one line"). What it
asks is:

- the sentences that ask: a question mark, a question or request ending ("…만한가요",
  "…부탁드려요", "…해 주세요"), or an opening question word or request ("why does…",
  "explain…");
- of each, the clause that asks, after the clauses that set its scene ("…뽑는데, …",
  "…, so …") and after who said what is asked about ("X says …", "…라던데");
- and, when that clause only points back ("is that right?", "맞나요?", "what is each one
  for?"), the claim or clause it points at, without who made it.

Nothing here knows the knowledge base's words: whether what is asked is in them is for
``bot.knowledge.vocabulary`` to judge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Sentences: after their closing mark, at a line break, after an emoji that closes a clause in
# chat ("golf club booking bot ⛳ besides …", not "RAG 🤔 vs fine-tuning?"), and in Korean
# after a polite ending followed by a space ("부탁드려요 저 기획자라…"), with what chat adds to
# it (";;", "ㅠㅠ", "~").
_SENTENCE = re.compile(
    r"(?<=[.!?])\s+|\n+|(?<=[\u2600-\u27bf\U0001f300-\U0001faff])\ufe0f?\s+(?!(?:vs|or|and|versus)\b)"
    r"|(?:(?<=[어아해에예네데지까나가래게걸군서고세려워와봐줘돼져라]요)|(?<=죠))[~;ㅠㅜ.!]*\s+"
)
# What chat adds after a sentence: emoticons, "lol", tildes, repeated marks.
_TRAILING = re.compile(r"(?:\s*(?:[~;.!ㅠㅜㅋㅎ^]+|\blol\b|\bthx\b|\bthanks\b|[:;]-?[)(]))+\s*$")
# A sentence that asks without a question mark: it opens with a question word, an auxiliary or
# a request ("why does everyone…", "is it…", "explain…", "tell me…"), or ends as a question or a
# request in Korean ("…만한가요", "…뭐예요", "…부탁드려요", "…정리해 주세요", "…궁금해요"; not
# "이해가 안 가요", which goes nowhere, nor "…없으니까", which gives a reason).
_OPENS_ASKING = re.compile(
    r"^\s*(?:so |and |but |ok |okay |also |hey |hi )*"
    r"(?:why|what|how|which|when|where|who|whats|is|are|does|do|did|can|could|should|would"
    r"|will|isn't|aren't|doesn't|don't|explain|describe|define|summari[sz]e|compare|tell me"
    r"|give me|walk me through|help me understand|break down|please|pls|any)\b",
    re.IGNORECASE,
)
_ENDS_ASKING = re.compile(
    r"(?:나요|[인한]가요|까요|죠|지요|[습읍됩합입]니까|냐|는지|은지|인지|건지|건가|인가|어때요|뭐예요|뭐에요|뭔가요"
    r"|뭐임|뭐야|뭐죠|맞아요|맞죠|맞음|되나|될까|할까|을까|일까|주세요|주실\s?분|줘요|줘"
    r"|주실래요|주시겠어요|부탁(?:드려요|드립니다|해요|합니다|드릴게요|드림)|궁금(?:합니다|해요|하네요)"
    r"|알고\s?싶(?:어요|습니다|네요)|여쭙(?:습니다|니다)|문의\s?드립니다|please|pls)$",
    re.IGNORECASE,
)
# Clauses that set the scene of the clause after them: "…뽑는데, …", "…라던데 …", "…, so …".
_SCENE_CLAUSE = re.compile(
    r"(?:는데|은데|인데|한데|던데|이라|라서|어서|아서|해서|니까|더라고요|더라구요)\s*,?\s+"
    r"|,\s*(?:so|but|and)\s+|;\s+|\s[-–—]\s"
    # A question set after a comma: "X says A, is that true?".
    r"|,\s+(?=(?:is|are|does|do|can|should|will|would|right|true|correct|or)\b)"
)
# Who said what is asked about ("our eng lead says …", "someone in standup claimed that …"):
# the claim follows.
_SAID = re.compile(
    r"^.*?\b(?:says?|said|thinks?|thought|claims?|claimed|insists?|insisted|argues?|argued"
    r"|believes?|believed|swears?|swore|reckons?|mentioned|suggested|keeps? saying|kept saying"
    r"|pitched(?: (?:us|me))?|promised(?: (?:us|me))?"
    r"|told (?:me|us|them|everyone)|tells (?:me|us|everyone)|heard|read)\s+(?:that\s+)?"
    # "옆팀 말로는 …", "컨설턴트 얘기로는 …", "기사에 따르면 …".
    r"|^.*?(?:말로는|얘기로는|얘기론|말에\s?따르면|에\s?따르면)\s+",
    re.IGNORECASE,
)
# A word that points back, as a pronoun: "is that right?", "does it hold?", "what is each one
# for?", "which one should we pick?" (not "this team", which names what it points at).
_POINTER = re.compile(
    r"\b(?:that|this|it|they|them|those|these|one|ones|each|both|either)\b"
    r"(?=\s*(?:[?.!,]|$)|\s+(?:is|are|was|were|does|do|did|will|would|should|can|could|right"
    r"|true|correct|hold|holds|work|works|make|makes|mean|means|actually|really|for|fit)\b)",
    re.IGNORECASE,
)
# The Korean for the same: "이거 흔한 일이에요?", "그게 맞아요?".
_POINTER_KO = re.compile(
    r"(?<![가-힣])(?:이거|그거|저거|이게|그게|이건|그건|이것|그것"
    # What is weighed against what was told before: "그만한 가치", "그만큼", "그래도".
    r"|그만한|그만큼|그래도|그럼에도)(?:[이가은는을를도]|(?![가-힣]))"
)
# How the user wants the answer put ("한 줄로", "세 줄 요약으로", "in one line", "briefly", "요약
# 부탁드려요"): it asks for a form, about nothing.
_FORM = re.compile(
    r"(?:한|두|세|\d)\s?(?:줄|문장|마디)(?:로|만|으로)?|한마디로|짧게|간단히|간략히|쉽게|대충"
    r"|\bin (?:one|a|two|three|\d+) (?:line|sentence|word|paragraph|bullet)s?\b"
    r"|\bin a nutshell\b|\bbriefly\b|\bshort(?:ly)?\b|\btl;?dr\b"
    # A summing up asked for ("요약 부탁드려요", "정리해 주세요", "give me a summary of").
    r"|(?:요약|정리|설명)(?=\s?(?:좀\s?)?(?:해|부탁))"
    r"|\b(?:an? |the )?summary of\b|\bsummari[sz]e\b",
    re.IGNORECASE,
)


# A doubt said of what was told ("smells like BS", "sounds too good to be true", "좀 미심쩍어요").
_DOUBTED = re.compile(
    r"^\W*(?:(?:that|this|it|which)\s+)?(?:smells?|sounds?|seems?|feels?)\s+(?:like\s+)?"
    r"(?:a\s+)?(?:bs|bull\w*|fishy|off|wrong|too good|sketchy|dubious|sus|nonsense|hype)\b"
    r"|^\W*i\s+(?:doubt|don'?t\s+buy)\b|^\W*(?:i'?m|i\s+am)\s+(?:(?:a\s+bit|a\s+little|pretty|very|"
    r"quite|kinda|kind\s+of|not\s+so)\s+)?(?:sceptical|skeptical|doubtful|unconvinced|not\s+convinced)\b"
    r"|미심쩍|의심스럽|수상(?:해|하|한)|믿기\s?(?:힘|어려)|반신반의|긴가민가",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Ask:
    """What a message asks (``text``), and the rest of it (``scene``)."""

    text: str
    scene: str
    # What an ask that points back points at ("X says A. is that right?": A).
    claim: str = ""


def asking_part(question: str) -> Ask | None:
    """What ``question`` asks and the scene around it, when something else is told around what
    it asks; else None (the whole message asks)."""
    told = sentences(question)
    pieces: list[list[str]] = []
    claims: list[str] = []
    for i, sentence in enumerate(told):
        if not asks(sentence):
            continue
        clauses = _clauses(sentence)
        # "Why does everyone say …?" asks why: who says it is part of what is asked.
        last = clauses[-1]
        part = [last if _OPENS_ASKING.match(last) else _unsaid(last)]
        if points_back(part[0]):
            # What it points at: the clause before it, or the sentence before it, past a doubt
            # said of it ("'… guaranteed to beat prompting'. Smells like BS. Is it?").
            if len(clauses) >= 2:
                before = clauses[-2]
            elif i >= 2 and _DOUBTED.search(told[i - 1]):
                before = told[i - 2]
            else:
                before = told[i - 1] if i else ""
            # Not again when it is the asking sentence just before ("모델 등급은 뭘 기준으로
            # 골라야 해요? 그리고 이게 … 같은 얘기인가요?").
            if not (pieces and before in pieces[-1]):
                part.insert(0, _unsaid(before))
            if len(part) > 1 and _names_nothing(part[1]):
                # Only asks whether it holds ("is that true?", "맞아요?").
                claims.append(part[0])
        pieces.append([p for p in part if p.strip()])
    text = " ".join(p.strip() for part in pieces for p in part)
    if not text or _same(text, question):
        return None
    scene = question
    for part in pieces:
        for piece in part:
            scene = scene.replace(piece.strip(), " ", 1)
    return Ask(text=without_form(text), scene=scene, claim=" ".join(claims).strip())


def marked_asking(question: str) -> str:
    """The sentences of ``question`` that ask in so many words, when it has others: a question
    mark, an opening question word, or the wish to know ("…이유가 궁금해요"). "비용 지표는 뭘
    봐야 돼요? 월말 청구서만 보면 되나요" asks the first above all."""
    told = sentences(question)
    if len(told) < 2:
        return ""
    return " ".join(s for s in told if s.rstrip().endswith("?") or _MARKED.search(s))


_MARKED = re.compile(
    r"^\s*(?:why|what|how|which|when|where|who)\b"
    r"|(?:궁금(?:합니다|해요|하네요|하다)|알고\s?싶(?:어요|습니다|네요))[.!~\s]*$",
    re.IGNORECASE,
)


def points_back(text: str) -> bool:
    """``text`` asks of something told before it: by a pronoun ("is that right?"), or by
    naming nothing at all ("맞나요?", "왜 그런 거예요?")."""
    return bool(_POINTER.search(text) or _POINTER_KO.search(text)) or _names_nothing(text)


def _names_nothing(text: str) -> bool:
    """``text`` only asks ("is that right?", "맞아요?", "왜 그런 거예요?")."""
    return not re.search(r"[a-z\uac00-\ud7a3]{2,}", _content(text), re.IGNORECASE)


def without_form(text: str) -> str:
    """``text`` without how the answer is to be put ("한 줄로", "in one line")."""
    return re.sub(r"\s+", " ", _FORM.sub(" ", text)).strip()


# What a sentence that only asks says: question words, auxiliaries, the verdict asked for.
_ASKING_WORDS = re.compile(
    r"\b(?:is|are|was|were|does|do|did|will|would|should|can|could|right|true|correct|really"
    r"|actually|so|then|hold|holds|up|what|why|how|which|the|case|for|there|any|wrong|false"
    r"|accurate|valid|fair|legit|that|this|it|they|them|those|these|one|ones|each|both|either"
    # Who made the claim ("is the partner right?"), or who else does so ("is that how others
    # do it?").
    r"|he|she|partner|boss|manager|colleague|vendor|consultant|director|my|our|his|her"
    r"|others|other|everyone|everybody|people|teams)\b"
    r"|맞(?:아요|나요|죠|음|는|니|냐)\w*|사실\w*|진짜\w*|정말\w*|그런\s?(?:거|건)\w*|그래요|왜\w*"
    r"|그런가\w*|그렇(?:죠|나요|지|다면|습니까)\w*"
    r"|그럼|그러면|이거|그거|그게|이게|그건|이건",
    re.IGNORECASE,
)


def _content(text: str) -> str:
    return _ASKING_WORDS.sub(" ", text)


def sentences(text: str) -> list[str]:
    """The sentences of ``text``."""
    return [s for s in _SENTENCE.split(text.strip()) if s and s.strip()]


def asks(sentence: str) -> bool:
    """``sentence`` asks: it ends with a question mark, or opens or ends as a question or a
    request does."""
    bare = _TRAILING.sub("", sentence).strip()
    return bare.endswith("?") or bool(_OPENS_ASKING.match(bare) or _ENDS_ASKING.search(bare))


# A sentence that carries on the question before it with what follows from it ("그럼 이제
# 평가는 안 해도 될 듯한데", "so we can drop the eval set?", "or is that overkill"): part of
# what is asked.
_CARRIES_ON = re.compile(
    r"^\s*(?:그럼|그러면|그렇다면|그래서|아니면|then|so|or|and so|which means)\b", re.IGNORECASE
)


def carries_on(sentence: str) -> bool:
    """``sentence`` goes on from the question before it ("그럼 …", "so …")."""
    return bool(_CARRIES_ON.match(sentence))


def _clauses(sentence: str) -> list[str]:
    """``sentence`` cut where a clause that sets the scene ends."""
    parts, start = [], 0
    for m in _SCENE_CLAUSE.finditer(sentence):
        parts.append(sentence[start : m.start()])
        start = m.end()
    parts.append(sentence[start:])
    return [p for p in parts if p.strip()] or [sentence]


# Why someone says something ("why does everyone always say to start with prompting?", "how come
# people keep telling us that…"): the reason for what is said is asked, not who says it.
_WHY_SAID = re.compile(
    r"\b(why|how come)\s+(?:(?:do|does|did|would|is|are)\s+)?(?:[\w'-]+\s+){1,3}?"
    r"(?:(?:\w+ly|always|often|still|all|keeps?|kept)\s+)*"
    r"(?:say|says|said|saying|think|thinks|recommend|recommends|recommended|suggest|suggests"
    r"|suggested|advised|insist|insists"
    r"|claim|claims|tell(?:s|ing)? (?:us|me|you|everyone)|push|pushes)\s+"
    r"(?:(?:that|to|we|you|teams|one)\s+(?:should\s+|must\s+|need to\s+)?)?",
    re.IGNORECASE,
)


def reason_asked(question: str) -> str:
    """``question`` with who says what it asks the reason for left out ("why does everyone say
    start with prompting first?" asks why start with prompting first)."""
    return _WHY_SAID.sub(lambda m: f"{m.group(1)} ", question)


def _unsaid(clause: str) -> str:
    """``clause`` without who said it ("our lead says that …")."""
    return _SAID.sub("", clause, count=1)


# The asker's own team as what is asked about ("would this work for people like us?", "a team
# like ours", "우리 같은 팀", "저희 같은 곳", "are we the kind of team this helps?"): whether it
# fits them.
_US = re.compile(
    r"\b(?:people|folks|teams?|companies|orgs?|organi[sz]ations?|shops?|groups?) like (?:us|ours)\b"
    r"|\b(?:for|to) (?:us|our team)\s*[?.!]*$|(?:우리|저희)\s?같은|(?:이런|저희|우리)\s?팀"
    r"|\b(?:are|is) (?:we|ours|our team) (?:the|a) (?:kind|type|sort) of\b"
    r"|^\s*(?:해\s?볼|써\s?볼|도입해\s?볼)\s?만(?:함|해요?|한가요?|할까요?)\s*\??\s*$",
    re.IGNORECASE,
)


def about_us(text: str) -> bool:
    """``text`` asks about the asker's own team ("for people like us", "우리 같은 팀")."""
    return bool(_US.search(text))


# The kind of thing a question asks which of, named first after the question word ("which oven
# is best", "what chunk size should we use", "어떤 회계 프로그램을 써야"): what it is about,
# whatever else it names. Not a time or an occasion ("at which point", "어떤 시점에", "어떤
# 타이밍에"): that asks when.
_OCCASION = (
    r"(?!(?:points?|times?|stages?|moments?|phases?|steps?|cases?|situations?)\b)"
    r"(?!(?:시점|시기|순간|타이밍|때|경우|상황|단계|국면)(?:[은는이가을를에]|에서|에는|엔)?\s)"
)
_WHICH = re.compile(
    r"\b(?:which|what (?:kind|type|sort) of)\s+(?!(?:is|are|was|were|do|does|did|would|should|can"
    rf"|could|will|one|ones|of|way|the|a|an|to)\b){_OCCASION}([\w-]+)\s+[\w-]+"
    rf"|어떤\s+{_OCCASION}([가-힣A-Za-z-]+?)(?:을|를|이|가|은|는|으로|로)?\s",
    re.IGNORECASE,
)


def which_of(text: str) -> str:
    """The kind of thing ``text`` asks which of ("oven" in "which oven is best for us?"), or
    nothing."""
    m = _WHICH.search(text)
    return next((g for g in m.groups() if g), "") if m else ""


def _same(a: str, b: str) -> bool:
    return re.sub(r"\W+", "", a).casefold() == re.sub(r"\W+", "", b).casefold()
