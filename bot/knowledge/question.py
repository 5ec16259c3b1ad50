"""What a side question asks: its words, the approaches it names, and the kind of answer it
wants (a definition, a comparison, the cases for something, the steps, a figure)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.knowledge.asks import (
    APPROACHES as APPROACHES,
)
from bot.knowledge.asks import (
    ASKS_CHECKS,
    ASKS_DIFFERENCE,
    ASKS_ELSE,
    ASKS_HOW,
    ASKS_IF_FITS,
    ASKS_ORDER,
    ASKS_PICK,
    ASKS_PRICE,
    ASKS_PURPOSE,
    ASKS_WHAT,
    ASKS_WHEN,
    ASKS_WHY,
    BETTER,
    CLAIM,
    COMPARE,
    COUNT_OF,
    EXAMPLE,
    FORM_OF,
    IN_A_LINE,
    OR_OTHER,
    PURPOSE_WORDS,
    QUANTITY,
    REPORTED,
    added_side,
    asks_each,
    before_choosing,
)
from bot.knowledge.asks import SIDES as SIDES
from bot.knowledge.glossary import bridge, plainly
from bot.knowledge.symptoms import symptoms
from bot.knowledge.tokenize import HANGUL_WORD as HANGUL_WORD
from bot.knowledge.tokenize import (
    query_text,
    query_tokens,
    tokenize,
)
from bot.knowledge.what_is import NAME_OF, asks_what_is
from bot.knowledge.words import asking_clause, asking_sentences, content_words

LATIN_WORD = re.compile(r"[a-z][a-z0-9]*(?:[-'][a-z0-9]+)*")


# What a question asks about, whatever it is: "what is an eval set?", "what does 'input
# contract' mean?", "define drift", "eval set이 뭐예요?", "평가셋은 어떻게 만들어요?", "how do we
# build an eval set?". The thing is named in a few words.
_TERM_EN = re.compile(
    # A term in quotes may be followed by where it was read ("what does 'X' mean here? the doc
    # says…").
    r"^(?:so |ok )*what(?: does|(?:'s|’s|s| is)) (?:an?\s+|the\s+)?"
    r"['\"‘“](?P<w>[a-z][\w -]{1,40}?)['\"’”](?![\w'])"
    r"|^(?:so |ok |and |but )*(?:what(?:'s|’s|s| is| are)|define|explain)\s+(?:(?:an?|the)\s+)?"
    r"(?P<x>[a-z][\w' -]{1,40}?)\s*\??$"
    r"|^(?:so |ok )*what does (?:an?\s+|the\s+)?['\"]?(?P<y>[a-z][\w -]{1,40}?)['\"]? mean\s*\??$"
    r"|^how (?:do|can|should) (?:we|i|you) (?:make|build|create|set up|prepare|put together)\s+"
    r"(?:(?:an?|the|our|my)\s+)?(?P<z>[a-z][\w -]{1,40}?)\s*\??$"
)
_TERM_KO = re.compile(
    r"^\s*(?P<x>[\w -]{2,30}?)\s*(?:이란|란|은|는|이|가)\s*(?:정확히\s*|대체\s*|도대체\s*)?"
    r"(?:뭐|무엇|뭔|어떻게\s*(?:만들|준비|만드|꾸리|구성))"
)

# What doing something changes ("RAG 붙이면 뭐가 달라져요?", "what changes if we fine-tune?"):
# its effects, not what it is.
_CHANGES = re.compile(
    r"면\s*(?:뭐가|무엇이|뭐|어떤 게)\s*(?:달라|바뀌|좋아|나아)"
    r"|\bwhat (?:changes|happens|improves)\b|\bwhat difference does\b"
)


@dataclass(frozen=True)
class Question:
    text: str
    tokens: tuple[str, ...]
    sides: tuple[str, ...]
    comparison: bool
    quantity: bool
    # Asks in which situations (answered by sentences about cases), or how something is done
    # (answered by steps).
    when: bool = False
    how: bool = False
    # Asks what something is, or why.
    what: bool = False
    why: bool = False
    # Asks what to check: a checklist answers it.
    checks: bool = False
    # Asks whether an approach is no more than something ("is prompting just a stopgap?") or
    # does something ("does fine-tuning reduce hallucinations?"): a belief, which a section on
    # a myth may correct.
    belief: bool = False
    # What a count asks for ("datasets", "토큰"), and whether the question asks a price.
    unit: str = ""
    price: bool = False
    # The thing a question asks about, named in a few words ("what is an eval set?", "평가셋은
    # 어떻게 만들어요?"): its tokens, and those of the other language's word for it.
    term: tuple[str, ...] = ()
    term_other: tuple[str, ...] = ()
    # What a comparison asks them to be compared for ("for tone", "톤 맞추려면"): its tokens in
    # both languages. Empty when it asks only how they differ.
    need: tuple[str, ...] = ()
    # A comparison that asks nothing but how the things differ ("RAG랑 fine-tuning 차이가
    # 뭐예요?").
    only_differ: bool = False
    # The words only the scene told around what is asked uses ("결과도 들쭉날쭉한데, …").
    scene: frozenset[str] = frozenset()
    # Asks of each approach it names ("the hidden costs of each", "is fine-tuning expensive?
    # and is prompting cheap?"), not of one of them.
    each: bool = False
    # Asks the order of adoption ("why start with prompting first?", "뭐부터 해요?").
    order: bool = False
    # A comparison that asks which one fits, for nothing named ("RAG vs fine-tuning when our
    # docs change weekly?", "…인데 뭐가 맞아요?"): not how they differ, nor for an example.
    verdict: bool = False


# "RAG instead of prompt tuning", "프롬프트 대신 RAG": the approach set aside is not what the
# question asks about (English names it after these words, Korean before them).
_INSTEAD_EN = re.compile(r"\binstead of\b|\brather than\b")
_INSTEAD_KO = re.compile(r"대신|말고|보다는")


def _kept_sides(lowered: str, found: list[tuple[int, str]]) -> tuple[str, ...]:
    """The approaches the question names, less the one it sets aside, if another is left."""
    sides = tuple(name for _, name in found)
    en, ko = _INSTEAD_EN.search(lowered), _INSTEAD_KO.search(lowered)
    kept = tuple(
        name
        for at, name in found
        if not (en and at > en.start()) and not (ko and at < ko.start() and not en)
    )
    return kept if kept and len(kept) < len(sides) else sides


# What asks points at a thing the scene named ("'파인튜닝'이라는 말이 … 이게 뭘 바꾸는 건가요?").
_POINTER = re.compile(
    r"(?<![가-힣])(?:이게|이건|이거|그게|그건|그거)(?![가-힣])|\bthis (?:term|word|thing)\b"
)


def _asked_sides(text: str, sides: tuple[str, ...]) -> tuple[str, ...]:
    """The approaches what is asked names, when the scene told before it names others too
    ("we're on prompts + RAG. at what point do we graduate to fine-tuning?" asks of
    fine-tuning)."""
    asking = (asking_sentences(text) or asking_clause(text)).casefold()
    if asking == text.casefold() or _POINTER.search(asking):
        return sides
    return tuple(s for s in sides if SIDES[s].search(asking)) or sides


def read_question(text: str) -> Question:
    # Everyday phrasings in the knowledge base's words ("which departments" asks which teams).
    text = plainly(text)
    lowered = text.casefold()
    found = sorted((m.start(), name) for name, pat in SIDES.items() if (m := pat.search(lowered)))
    sides = _kept_sides(lowered, found)
    # A figure is asked by the sentences that ask ("… just different price points. what is
    # each one actually for?" asks no price).
    asking = (asking_sentences(text) or text).casefold()
    # Nor does a count or a price the scene told before the clause that asks ("로그가 몇 년 치 쌓여
    # 있는데, 이걸로 …?" tells how much there is).
    counted = asking_clause(asking).casefold()
    count = COUNT_OF.search(counted)
    priced = bool(ASKS_PRICE.search(REPORTED.sub(" ", counted)))
    # Nothing named but the things themselves: the question asks what they are.
    bare = bool(sides) and all(
        any(pat.search(w) for pat in SIDES.values()) for w, _ in content_words(text)
    )
    just = asks_what_is(lowered, belief=True)
    # What each of them is for sets them side by side too ("what are they each for?").
    comparison = (
        len(sides) >= 2
        and (bool(COMPARE.search(lowered) or ASKS_PURPOSE.search(lowered)) or _or_other(lowered))
        and not before_choosing(lowered)
    )
    added = added_side(lowered)
    if added:
        # Why add one to what one has: what that one adds, the cases it fits.
        sides, comparison = (added,), False
    if not comparison:
        sides = _asked_sides(text, sides)
    better = comparison and bool(BETTER.search(lowered))
    # … of the approach it names there ("is this the point where training makes sense?" after
    # a scene of prompt tweaks asks nothing of prompting).
    fits = bool(ASKS_IF_FITS.search(counted)) and any(SIDES[s].search(counted) for s in sides)
    term = "" if comparison or ASKS_WHEN.search(lowered) else _term(lowered)
    # Asked what a thing besides the approaches means ("what does 'quality ceiling' mean?"),
    # the approaches' definitions are not the answer.
    what = (
        not just
        and not term
        and (
            bool(ASKS_WHAT.search(lowered))
            or (bool(IN_A_LINE.search(lowered)) and not ASKS_ELSE.search(asking))
            or (
                not better
                and (
                    asks_what_is(lowered)
                    or (
                        bare
                        and not (ASKS_WHEN.search(lowered) or ASKS_HOW.search(lowered) or count)
                        and not _CHANGES.search(lowered)
                    )
                )
            )
        )
    )
    belief = not comparison and (just or bool(sides and CLAIM.search(lowered)))
    return Question(
        text=text,
        # The question's words, and the other language's words for its terms: a sentence
        # quoted in Korean matches "eval set" through 평가셋.
        tokens=tuple(_tokens(text)),
        sides=sides,
        comparison=comparison,
        quantity=bool(QUANTITY.search(counted) or count or priced),
        # Whether one approach fits ("is this fine-tuning territory?") asks the cases it fits.
        when=bool(ASKS_WHEN.search(lowered) or added or (len(sides) == 1 and fits)),
        how=bool(ASKS_HOW.search(lowered)),
        what=what,
        # Of what is asked: "nobody can explain why. what did we do wrong?" asks no reason.
        why=bool(ASKS_WHY.search(asking)),
        checks=bool(ASKS_CHECKS.search(lowered)),
        belief=belief,
        unit=next((g for g in count.groups() if g), "") if count else "",
        # A price the scene mentions ("요금 차이 꽤 나던데, … 어느 쪽 급이 맞아요?") is not asked.
        price=priced,
        term=tuple(dict.fromkeys(query_tokens(term))),
        term_other=tuple(dict.fromkeys(bridge(term))),
        # Asked for an example ("an example of prompting vs fine-tuning, like for a helpdesk
        # bot"), what it is for is where the example is set: each side's way is the answer.
        need=_need(lowered) if comparison and not EXAMPLE.search(lowered) else (),
        only_differ=comparison
        and not ASKS_WHEN.search(lowered)
        and (not content_words(_unframed(lowered)) or bool(FORM_OF.search(lowered))),
        scene=_scene(text),
        each=asks_each(text),
        order=bool(ASKS_ORDER.search(lowered)),
        verdict=comparison
        and bool(ASKS_PICK.search(asking))
        and not (what or ASKS_WHY.search(asking) or ASKS_WHEN.search(lowered))
        and not (ASKS_DIFFERENCE.search(asking) or EXAMPLE.search(lowered))
        and not (ASKS_PURPOSE.search(lowered) or _need(lowered)),
    )


# What asks of the scene itself ("이런 경우 RAG vs 파인튜닝 중에 뭐가 맞아요?"): all of it counts.
_POINTS_BACK = re.compile(
    r"\b(?:in|for) (?:this|that|such|our|my) (?:case|situation|setup)|\bgiven (?:this|that)\b"
    r"|\bin that case\b|(?:이런|그런|이|그)\s?(?:경우|상황)|그렇다면|그러면|그럼"
    # The two things the scene named, pointed at ("진짜 둘이 똑같은 건가요?", "are they the same?").
    r"|\b(?:they|them|both|the two|these two|those two)\b|(?<![가-힣])둘(?:이|은|다|의|을|를|\s)"
)


def _or_other(lowered: str) -> bool:
    """An approach is offered as the other answer ("…, or is that fine-tuning's job?")."""
    return any(
        any(p.search(lowered, m.end()) for p in SIDES.values()) for m in OR_OTHER.finditer(lowered)
    )


def _scene(text: str) -> frozenset[str]:
    """The tokens of ``text`` that only the scene around what it asks uses."""
    asking = asking_clause(text)
    # Nor when what asks names nothing but the approaches and the words that set them side by
    # side ("… identical across 10k replies a day. prompting or fine-tuning?", "… fine-tuning이랑
    # RAG 중에 뭐가 맞아요?"): the scene says what they are weighed for; nor when it tells a
    # trouble ("… started making stuff up 😬 what's the routine?"), which is what is asked about.
    own = [w for w, _ in content_words(_unframed(asking.casefold()))]
    told = symptoms(text) != symptoms(asking)
    if asking == text or not own or told or _POINTS_BACK.search(asking.casefold()):
        return frozenset()
    return frozenset(_tokens(text)) - frozenset(_tokens(asking))


def _tokens(text: str) -> list[str]:
    return (query_tokens(query_text(text)) or tokenize(text)) + bridge(query_text(text))


def _term(lowered: str) -> str:
    """The thing the question asks about, when it names one besides the approaches (those
    have their definitions; see ``what``)."""
    m = _TERM_EN.match(lowered.strip()) or _TERM_KO.match(lowered.strip())
    if m is None:
        return ""
    thing = re.sub(f"(?:{NAME_OF.pattern})$", "", next(g for g in m.groups() if g))
    words = [w for w in re.split(r"[\s-]+", thing) if w]
    if not words or len(words) > 4:
        return ""
    if all(any(p.search(w) for p in SIDES.values()) for w in words):
        return ""
    # "whats fine tuning exactly" names nothing but an approach once the filler is gone.
    rest = query_text(thing)
    for pat in SIDES.values():
        rest = re.sub(rf"(?:{pat.pattern})[\w-]*", " ", rest)
    return thing if query_tokens(rest) else ""


def _unframed(lowered: str) -> str:
    """``lowered`` without the approaches' names and the words that frame a comparison."""
    rest = re.sub(rf"(?:{COMPARE.pattern})\w*", " ", lowered)
    for pat in SIDES.values():
        rest = re.sub(rf"(?:{pat.pattern})[\w-]*", " ", rest)
    return query_text(rest)


# What a comparison is for: "for tone", "for a high-volume job", "톤 맞추려면", "요약에는". In
# English, to the end of its clause: "for getting every reply in the same format" is for the
# format, not for "getting every".
_FOR = re.compile(
    r"\bfor (?:an? |the |our |my |your )?([\w-]+(?: [\w-]+)*)"
    r"|((?:[가-힣\w-]+ ){0,2}[가-힣\w-]+?)(?:을|를|이|가)?\s*"
    r"(?:맞추려면|하려면|위해서?|에는|엔)(?!\S)"
)


def _need(lowered: str) -> tuple[str, ...]:
    """What a comparison asks the approaches to be compared for ("for tone", "톤 맞추려면"):
    its words without the approaches' names and the words that frame the comparison, and the
    other language's words for its terms, both ways ("톤" → "tone" → "어조")."""
    if ASKS_PURPOSE.search(lowered):
        # What each is for: the goal it serves ("what is each one actually for?").
        return tuple(dict.fromkeys(tokenize(PURPOSE_WORDS)))
    said = " ".join(next(g for g in m.groups() if g) for m in _FOR.finditer(lowered))
    alternative = OR_OTHER.search(lowered)
    if not said and alternative:
        # "Does RAG make every answer follow our format, or is that fine-tuning's job?" weighs
        # them for the knowledge base's terms in what the first is asked to do (format), not
        # for its other words ("answer") nor the scene told before it.
        other = bridge(_unframed(asking_clause(lowered[: alternative.start()])))
        return tuple(dict.fromkeys(other + bridge(" ".join(other))))
    rest = _unframed(said)
    tokens = [t for w, _ in content_words(rest) for t in query_tokens(w)]
    other = bridge(rest)
    return tuple(dict.fromkeys(tokens + other + bridge(" ".join(other))))
