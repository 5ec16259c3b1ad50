"""A Korean-aware tokenizer: Hangul character bigrams plus lower-cased Latin words.

Bigrams make a Korean word match whatever particle follows it (파인튜닝은 shares 파인, 인튜
and 튜닝 with 파인튜닝) without a morphological analyser.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

# Words this long may be typos of a known word; from the longer length on, by two edits.
MIN_TYPO_LENGTH = 5
LONG_TYPO_LENGTH = 9

_RUN = re.compile(r"[\uac00-\ud7a3]+|[a-z0-9]+(?:[-'][a-z0-9]+)*")
HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]+")


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# English words that carry no topic; Korean needs no list because bigrams of particles are rare.
# Contractions are here too: without them "what's" would survive as a token.
# Syllables that end in ㄹ: a verb before "때", "텐데" ("할 때", "늘어날 텐데").
RIEUL_FINAL = "".join(chr(0xAC00 + i) for i in range(11172) if i % 28 == 8)
STOPWORDS = word_set(
    """
    a an and are as at be by can do does for from how i in is it its me my of on or our should
    so that the their them then there these this to use used using we what which who why
    will with you your
    what's whats it's isn't aren't don't doesn't didn't can't won't that's there's we're i'm
    i've you're they're
    """
)

# Words that say how a question is asked, not what it is about ("exactly", "뭐예요"), and when
# ("6 months ago", "revisit this later": not "every later decision"). Queries drop them; the
# knowledge base keeps them, where they are just words.
QUERY_FILLER_EN = word_set(
    """
    about actual actually again also am another any anyone anything anywhere around ask asking
    basically be been being bit come could did doing done else even ever exactly explain get
    gets getting give go goes going got guys had has have hey hi honestly idea if into just
    kind know let like likely look lot lots make makes may maybe mean means might much must
    need needs no now ok okay please pls point quick quickly rather real really right say see
    simple simply some someone something sort still stuff sure tell thank thanks thing things
    think thought too try understand up us very want wants was way ways well were whether word
    words would yeah yes yet instead than between per via against those ones mostly few
    several each every other others sense possible possibly anyway anyways lol haha btw tbh imo
    thx plz onto upon within across toward towards thinking wondering where one
    nah nope yep yup legit bother specific particular certain general
    ago later soon recently lately earlier
    tho though although nobody anybody everybody somebody
    dont doesnt didnt isnt arent wasnt werent wont wouldnt couldnt shouldnt cant havent hasnt
    """
)
QUERY_FILLER_KO = word_set(
    """
    뭐 뭔 뭘 뭐가 뭐예요 뭐에요 뭔가요 뭐뭐 무엇 무슨 어떤 어떻게 언제 왜 얼마 몇
    정확히 그냥 좀 꼭 결국 혹시 진짜 너무 제일 가장 저희 우리 제가 저는 이거 그거
    이런 그런 이럴 그럼 한번 해야 하는 하면 되나요 돼요 되는 있어요 있나요 없나요
    알려 주세요 아님 아닌가 맞아요 맞나요 좋아요 써야 쓰는 건가요 거예요 거에요 건지
    말 설명 해주 해줘 주실 수 있나요 요즘 자꾸 한마디로 간단히 쉽게 굳이 거의 솔직히 딱
    텐데 텐데요 그다음 그다음은 그다음엔 다음엔 쌓여 쌓인 쌓아
    """
)
# Pairs of syllables that are a particle or an ending ("으로", "는데", "봐야"): in a question
# they say how it is asked and, as bigrams, match any Korean sentence. Queries drop them.
KOREAN_ENDINGS = word_set(
    """
    으로 에서 에게 에는 까지 부터 처럼 보다 하고 하는 하면 해서 해야 는데 은데 인데 지만
    니다 습니 합니 이에 에요 예요 아요 어요 해요 가요 나요 까요 되나 돼요 봐야 보면 이면
    라고 다고 이라 거나 려고 으면 니까 잖아 네요 는지 은지 인지 건가 한가 할까 을까 세요
    거죠
    """
)
_UP_TO_DATE = re.compile(r"\bup to date\b", re.IGNORECASE)
# Said aside, not what is asked about: where a word is used ("What's RAG in this context?",
# "여기서 말하는 RAG", not the context window) and how long a text is ("A4 네 장 분량", "three A4
# pages", not a product name).
SAID_ASIDE = re.compile(
    r"\bin (?:this|that|the|our|your) (?:context|sense)\b|\bin context\b"
    r"|(?:이|그|이런|그런)\s?(?:맥락|문맥)에서|여기서\s?말하는|여기서\s?얘기하는"
    r"|\bas (?:used|meant) here\b|\b[ab][3-5]\s?(?:\d+|한|두|세|네|다섯|반)\s?(?:장|쪽|페이지)"
    r"|\b[ab][3-5] pages?\b",
    re.IGNORECASE,
)
_QUERY_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-'\u2019][A-Za-z0-9]+)*")


# The endings of an English verb's other forms: "says", "asked", "wondering" say no more than
# "say", "ask", "wonder".
_VERB_ENDINGS = ("s", "es", "ed", "ing")


# A comparative or superlative ("dumber", "silliest", "bigger"): its adjective and ending.
_GRADED = re.compile(r"([a-z]{3,}?)(?:i|(?<=([b-df-hj-np-tv-z]))\2)?(?:er|est)")


def graded(word: str) -> str:
    """The adjective of a comparative or superlative ("dumber" → "dumb", "silliest" →
    "silly", "bigger" → "big"), or nothing."""
    m = _GRADED.fullmatch(word)
    if m is None:
        return ""
    stem = m.group(1)
    return f"{stem}y" if word[len(stem)] == "i" else stem


def is_query_filler(word: str) -> bool:
    """True for a word (one run of letters) that only says how the question is asked."""
    w = word.casefold()
    if HANGUL_WORD.fullmatch(w):
        return w in QUERY_FILLER_KO or any(
            w.startswith(f) for f in QUERY_FILLER_KO if len(f) > 1 and len(w) <= len(f) + 2
        )
    return w in QUERY_FILLER_EN or any(
        w.endswith(e) and w.removesuffix(e) in QUERY_FILLER_EN and len(w) > len(e) + 2
        for e in _VERB_ENDINGS
    )


def query_text(text: str, korean: bool = True) -> str:
    """``text`` without the words that only say how it is asked (``korean=False``: only the
    English ones; Korean's, such as 언제 and 어떻게, also say what kind of section answers)."""
    text = SAID_ASIDE.sub(" ", _UP_TO_DATE.sub("up-to-date", text))
    text = _QUERY_LATIN.sub(lambda m: " " if is_query_filler(m.group(0)) else m.group(0), text)
    if not korean:
        return text
    return HANGUL_WORD.sub(lambda m: " " if is_query_filler(m.group(0)) else m.group(0), text)


# Spelling variants folded to one token so "fine-tuning", "finetune" and "fine tuning" meet.
_FOLD = {
    "fine-tuning": "finetune",
    "fine-tune": "finetune",
    "finetuning": "finetune",
    "fine-tuned": "finetune",
    "finetuned": "finetune",
    "tuning": "tune",
    "prompting": "prompt",
    "prompts": "prompt",
    "prompted": "prompt",
    "documents": "document",
    "docs": "document",
    "doc": "document",
    "examples": "example",
    "costs": "cost",
    "evals": "eval",
    "evaluation": "eval",
    "misconceptions": "misconception",
    "myths": "myth",
    "risks": "risk",
    "finetunning": "finetune",
    "fine-tunning": "finetune",
    "ft": "finetune",
    "hallucinating": "hallucination",
    "hallucinate": "hallucination",
    "hallucinates": "hallucination",
}


def _fold(word: str) -> str:
    word = word.removesuffix("'s")
    word = _FOLD.get(word, word)
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


def tokenize(text: str) -> list[str]:
    """Tokens for indexing and querying; the same function must serve both."""
    tokens: list[str] = []
    lowered = (
        text.lower()
        .replace("fine tuning", "fine-tuning")
        .replace("fine tune", "fine-tune")
        .replace("up to date", "up-to-date")
    )
    for run in _RUN.findall(lowered):
        if HANGUL_WORD.fullmatch(run):
            if len(run) == 1:
                tokens.append(run)
            else:
                tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
        elif run not in STOPWORDS and (folded := _fold(run)) not in STOPWORDS:
            tokens.append(folded)
            if "-" in folded:
                # A compound also says each of its words: "high-volume" is about volume.
                tokens += [
                    _fold(p) for p in folded.split("-") if len(p) >= 3 and p not in STOPWORDS
                ]
    return tokens


def query_tokens(text: str) -> list[str]:
    """Tokens of a question: ``tokenize`` without the bigrams of Korean particles and endings."""
    return [t for t in tokenize(text) if t not in KOREAN_ENDINGS]


def _typos(a: str, b: str) -> int:
    """Edits between two words (insert, delete, replace, or swap two neighbours)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cost = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, prev2[j - 2] + 1)
            cur.append(cost)
        prev2, prev = prev, cur
    return prev[-1]


def misspelt(word: str, known: Sequence[str]) -> str | None:
    """The word of ``known`` that ``word`` is a typo of ("retreival", "diffrence"): one edit
    away, two for a long word. Short words are never guessed: too many are one edit apart."""
    if len(word) < MIN_TYPO_LENGTH:
        return None
    allowed = 1 if len(word) < LONG_TYPO_LENGTH else 2
    for candidate in difflib.get_close_matches(word, known, n=3, cutoff=0.75):
        if candidate[0] == word[0] and _typos(word, candidate) <= allowed:
            return candidate
    return None
