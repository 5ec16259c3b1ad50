"""Which question to ask next: only facts whose answer has a real chance to change the outcome.

Every unknown fact the engine reads is a candidate. Its quick answers are weighed by a prior
(how likely each answer is, given what is already known); the chance that asking changes the
recommendation is the summed prior of the answers that would give a different outcome than the
current best guess (the outcome with every unknown fact at its default). The most decisive
candidate is asked first; when no candidate's chance exceeds ``FLIP_THRESHOLD`` the bot decides,
and the card states the defaults it kept (``assume.*`` in the engine).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from bot.core.decision import Outcome
from bot.core.facts import (
    ASKABLE,
    ChangeRate,
    DataAmount,
    DocsChange,
    FactName,
    Facts,
    Lang,
    PromptingStatus,
    Urgency,
    Volume,
    is_known,
)
from bot.core.matrix import outcome_for, outcomes_if

DEFAULT_MAX_QUESTIONS = 5
# A question is worth the user's time when it changes the recommendation more than one time in
# five; below that the default is kept and named on the card.
FLIP_THRESHOLD = 0.2

# Tie-break order: the matrix axes first, then the guards, then the refinements.
_ORDER: tuple[FactName, ...] = (
    FactName.TOP_GOAL,
    FactName.DOCS_CHANGE,
    FactName.CHANGE_RATE,
    FactName.DATA_AMOUNT,
    FactName.DATA_QUALITY,
    FactName.URGENCY,
    FactName.VOLUME,
    FactName.PROMPTING,
    FactName.EVAL_SET,
)

Prior = Mapping[str, float]

# How likely each quick answer is before anything else is known. The figures follow the
# article's picture of a team choosing a method, not any measured data set:
# - goal: most teams start from "answers must be right"; a fixed format or tone and up-to-date
#   documents are the two special needs, and all three at once is the rarer, larger project.
# - documents: many assistants answer from some documents; weekly-changing ones are common.
# - use case: most teams have a settled task; exploring one is the minority case.
# - urgency: a deadline within a week or two is the exception, not the rule.
# - labelled data: teams split roughly evenly between none, some and plenty; what exists is
#   more often usable than not.
# - volume: one kind of request repeated at large volume is a minority of projects.
# - prompting: most teams start with prompting (the article's first stage); a ceiling is what
#   sends a minority of them looking further.
# - eval set: never changes the outcome, so its prior never matters.
_BASE: dict[FactName, dict[str, float]] = {
    FactName.TOP_GOAL: {"accuracy": 0.4, "consistency": 0.25, "freshness": 0.2, "all": 0.15},
    FactName.DOCS_CHANGE: {"often": 0.3, "rarely": 0.3, "none": 0.4},
    FactName.CHANGE_RATE: {"often": 0.25, "sometimes": 0.35, "rarely": 0.4},
    FactName.URGENCY: {"fast": 0.25, "normal": 0.75},
    FactName.DATA_AMOUNT: {"plenty": 0.3, "some": 0.35, "none": 0.35},
    FactName.DATA_QUALITY: {"high": 0.65, "low": 0.35},
    FactName.VOLUME: {"high": 0.3, "low": 0.7},
    FactName.PROMPTING: {"ceiling": 0.25, "working": 0.35, "not_tried": 0.4},
    FactName.EVAL_SET: {"yes": 0.5, "no": 0.5},
}


@dataclass(frozen=True)
class Shift:
    """When ``when`` holds, answer ``choice`` to ``fact`` gets probability ``to``."""

    fact: FactName
    choice: str
    to: float
    when: Callable[[Facts], bool]
    why: str


def _docs_often(f: Facts) -> bool:
    return f.docs_change is DocsChange.OFTEN


def _settled_task(f: Facts) -> bool:
    return f.prompting is PromptingStatus.CEILING or f.volume is Volume.HIGH


# The dependencies between answers that obviously hold; for each fact the first that applies.
SHIFTS: tuple[Shift, ...] = (
    Shift(
        FactName.TOP_GOAL,
        "freshness",
        0.05,
        lambda f: f.docs_change in (DocsChange.NONE, DocsChange.RARELY),
        "no changing documents to keep up with leaves little to be fresh about",
    ),
    Shift(
        FactName.CHANGE_RATE,
        "often",
        0.1,
        _settled_task,
        "a prompting ceiling and a steady stream of one request both come from a settled task",
    ),
    Shift(
        FactName.CHANGE_RATE,
        "often",
        0.15,
        _docs_often,
        "with documents changing weekly, what moves is the documents, not the task",
    ),
    Shift(
        FactName.URGENCY,
        "fast",
        0.1,
        lambda f: _docs_often(f) or f.prompting is PromptingStatus.CEILING,
        "a documents project is about keeping up with them, and a team at the prompting "
        "ceiling is past first results: a one-week deadline is rarely what decides",
    ),
    Shift(
        FactName.VOLUME,
        "high",
        0.15,
        _docs_often,
        "questions about documents vary; one request repeated at volume is a trait of "
        "classification and formatting work",
    ),
    Shift(
        FactName.PROMPTING,
        "ceiling",
        0.05,
        lambda f: f.change_rate is ChangeRate.OFTEN or f.urgency is Urgency.FAST,
        "a new or moving task has not exhausted prompting",
    ),
    Shift(
        FactName.DATA_AMOUNT,
        DataAmount.NONE.value,
        0.05,
        lambda f: f.data_quality is not None,
        "a stated data quality means there is data to judge",
    ),
)


def prior(facts: Facts, name: FactName) -> Prior:
    """How likely each quick answer to ``name`` is, given the known facts (see ``SHIFTS``)."""
    p = dict(_BASE[name])
    for shift in SHIFTS:
        if shift.fact is name and shift.when(facts):
            return _shift(p, shift.choice, shift.to)
    return p


def _shift(p: dict[str, float], choice: str, to: float) -> dict[str, float]:
    """``choice`` gets probability ``to``; the other answers share the rest in proportion."""
    rest = sum(v for k, v in p.items() if k != choice)
    return {k: to if k == choice else v * (1 - to) / rest for k, v in p.items()}


def outcomes_if_answered(facts: Facts, name: FactName) -> set[str]:
    """The outcomes reachable by answering ``name`` with each of its quick answers."""
    return {o.value for o in outcomes_if(facts, name, ASKABLE[name])}


def can_flip(facts: Facts, name: FactName) -> bool:
    """Whether some answer to ``name`` would change the outcome, however unlikely."""
    current = outcome_for(facts).value
    return any(o != current for o in outcomes_if_answered(facts, name))


def flip_chance(facts: Facts, name: FactName, current: Outcome | None = None) -> float:
    """The prior chance that answering ``name`` changes the current outcome (``current``, when
    the caller has it already)."""
    current = outcome_for(facts) if current is None else current
    p = prior(facts, name)
    choices = ASKABLE[name]
    flips = (
        c for c, o in zip(choices, outcomes_if(facts, name, choices), strict=True) if o != current
    )
    return sum(p[c] for c in flips)


def next_question(
    facts: Facts,
    asked: Iterable[FactName],
    skipped: Iterable[FactName] = (),
    max_questions: int = DEFAULT_MAX_QUESTIONS,
    prefer: Iterable[FactName] = (),
) -> FactName | None:
    """The most decisive unknown fact, or ``None`` when no answer is likely to change the outcome.

    ``prefer``: facts the user already hinted at (an unsure reading) are confirmed first when
    any answer could change the outcome: the hint itself makes that answer likely.
    """
    prefer = set(prefer)
    asked = list(asked)
    if len(asked) >= max_questions:
        return None
    done = set(asked) | set(skipped)
    best: tuple[bool, float, int, FactName] | None = None
    current = outcome_for(facts)
    for rank, name in enumerate(_ORDER):
        if name in done or is_known(facts, name):
            continue
        chance = flip_chance(facts, name, current)
        hinted = name in prefer and chance > 0
        if not hinted and chance <= FLIP_THRESHOLD:
            continue
        # Rounded so that near-equal chances fall back to matrix order.
        key = (hinted, round(chance, 6), -rank, name)
        if best is None or key[:3] > best[:3]:
            best = key
    return best[3] if best else None


# What each fact is about, in the knowledge base's words: a question sent with a fact and leaning
# on it ("No. Should we build one?", "아직 평가셋은 없어요. 만들어야 하나요?") is about that.
_SUBJECTS: dict[FactName, tuple[str, str]] = {
    FactName.TOP_GOAL: ("목표", "goal"),
    FactName.GOALS: ("목표", "goal"),
    FactName.DOCS_CHANGE: ("최신 문서 RAG", "latest documents RAG"),
    FactName.CHANGE_RATE: ("요구사항 변화 프롬프팅", "changing requirements prompting"),
    FactName.DATA_AMOUNT: ("파인튜닝 학습 데이터", "fine-tuning training data"),
    FactName.DATA_EXAMPLES: ("파인튜닝 학습 데이터", "fine-tuning training data"),
    FactName.DATA_QUALITY: ("학습 데이터 품질", "training data quality"),
    FactName.URGENCY: ("빠른 시작 프롬프팅", "quick start prompting"),
    FactName.VOLUME: ("반복 요청 대량", "repeated high-volume requests"),
    FactName.PROMPTING: ("프롬프팅 한계", "prompting limits"),
    FactName.EVAL_SET: ("평가셋", "evaluation set"),
    FactName.COST_TRACKED: ("비용 지연시간 측정", "cost and latency tracking"),
    FactName.CITATIONS: ("근거 출처", "cite sources"),
}
# A question that names an approach or a topic says what it is about itself.
_NAMES_TOPIC = (
    *("rag", "래그", "파인", "fine-tun", "finetun", "프롬프", "prompt", "평가", "eval", "데이터"),
    *("data", "문서", "document", "doc", "비용", "cost", "지연", "latency", "품질", "quality"),
    *("예시", "example", "목표", "goal", "정확", "accura", "일관", "consisten", "최신", "fresh"),
    *("latest", "출처", "cite", "citation", "source", "일정", "deadline", "volume", "traffic"),
)


def about_told(asked: str, told: Iterable[FactName], lang: Lang) -> str:
    """``asked`` as a search for its answer: when it names no topic itself, it is about the one
    or two facts the same message told (the open question's answer first)."""
    if any(n in asked.casefold() for n in _NAMES_TOPIC):
        return asked
    subjects = dict.fromkeys(_SUBJECTS[f][lang == "en"] for f in told if f in _SUBJECTS)
    if not subjects or len(subjects) > 2:
        return asked
    return " ".join((asked, *subjects))
