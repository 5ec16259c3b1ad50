"""Side-question answers scored on a labelled Q&A file.

A file holds ``questions``: each with ``id``, ``lang``, ``question``, ``kind``, ``concepts`` (each
concept a list of alternatives; any one, as a case-insensitive substring of the answer, counts)
and ``sources`` (the section ids a correct answer may cite; empty when the knowledge base does
not cover the question, ``kind: out_of_scope``). Other keys are ignored.

- answer accuracy: in-scope questions answered (not declined) with every concept present;
- citation precision: over in-scope questions, cited ids that are in ``sources`` / all cited ids;
- abstention accuracy: out-of-scope questions declined.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.core.facts import Lang
from bot.core.language import detect_language
from bot.core.ports import Answer, LanguageModel, Retriever
from bot.core.turns import SIDE_QUESTION_SECTIONS
from bot.yamlfiles import no_duplicate_ids, read_data_file

Kind = Literal[
    "definition",
    "comparison",
    "when",
    "misconception",
    "checklist",
    "cost",
    "eval",
    "contract",
    "staged",
    "example",
    "tier",
    "context",
    "team",
    "out_of_scope",
]
OUT_OF_SCOPE = "out_of_scope"


async def ask(lm: LanguageModel, retriever: Retriever, question: str, lang: Lang | None) -> Answer:
    """A side question answered as in a consultation: the best sections, then the model."""
    lang = lang or detect_language(question)
    passages = retriever.search(question, k=SIDE_QUESTION_SECTIONS, lang=lang)
    return await lm.answer(question, lang, passages)


class QaItem(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1)
    lang: Lang
    question: str = Field(min_length=1)
    kind: Kind
    concepts: list[list[str]] = []
    sources: list[str] = []

    @property
    def in_scope(self) -> bool:
        return self.kind != OUT_OF_SCOPE


class QaFile(BaseModel):
    model_config = ConfigDict(extra="ignore")

    questions: list[QaItem]


def load_questions(path: Path) -> list[QaItem]:
    items = read_data_file(path, QaFile.model_validate, {}).questions
    no_duplicate_ids([q.id for q in items], "question")
    return items


class QaResult(BaseModel):
    id: str
    lang: Lang
    kind: str
    question: str
    answer: str
    cited: list[str]
    abstained: bool
    # The first alternative of each concept the answer lacks, and cited ids outside ``sources``.
    missing: list[str]
    foreign: list[str]
    correct: bool


class Scores(BaseModel):
    in_scope: int = 0
    answered: int = 0
    answer_accuracy: float | None = None
    cited: int = 0
    cited_in_sources: int = 0
    citation_precision: float | None = None
    out_of_scope: int = 0
    declined: int = 0
    abstention_accuracy: float | None = None


class AnswerReport(BaseModel):
    questions: int
    overall: Scores
    by_lang: dict[str, Scores]
    misses: list[QaResult]


def judge(item: QaItem, answer: Answer) -> QaResult:
    text = answer.text.casefold()
    abstained = not answer.covered
    cited = list(dict.fromkeys(answer.citations))
    if item.in_scope:
        missing = [
            alts[0]
            for alts in item.concepts
            if alts and not any(a.casefold() in text for a in alts)
        ]
        foreign = [c for c in cited if c not in item.sources]
        correct = not abstained and not missing
    else:
        missing, foreign, correct = [], [], abstained
    return QaResult(
        id=item.id,
        lang=item.lang,
        kind=item.kind,
        question=item.question,
        answer=answer.text,
        cited=cited,
        abstained=abstained,
        missing=missing,
        foreign=foreign,
        correct=correct,
    )


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 3) if den else None


def scores(results: Sequence[QaResult]) -> Scores:
    inside = [r for r in results if r.kind != OUT_OF_SCOPE]
    outside = [r for r in results if r.kind == OUT_OF_SCOPE]
    answered = sum(r.correct for r in inside)
    cited = sum(len(r.cited) for r in inside)
    good = cited - sum(len(r.foreign) for r in inside)
    declined = sum(r.abstained for r in outside)
    return Scores(
        in_scope=len(inside),
        answered=answered,
        answer_accuracy=_ratio(answered, len(inside)),
        cited=cited,
        cited_in_sources=good,
        citation_precision=_ratio(good, cited),
        out_of_scope=len(outside),
        declined=declined,
        abstention_accuracy=_ratio(declined, len(outside)),
    )


def report(results: Sequence[QaResult]) -> AnswerReport:
    langs = sorted({r.lang for r in results})
    return AnswerReport(
        questions=len(results),
        overall=scores(results),
        by_lang={lang: scores([r for r in results if r.lang == lang]) for lang in langs},
        misses=[r for r in results if not r.correct or r.foreign],
    )


async def evaluate(
    items: Sequence[QaItem], answer: Callable[[QaItem], Awaitable[Answer]]
) -> AnswerReport:
    return report([judge(item, await answer(item)) for item in items])


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def render(rep: AnswerReport, misses: bool) -> str:
    rows = [("all", rep.overall), *rep.by_lang.items()]
    lines = [f"{'':<5} {'accuracy':>16} {'citation prec.':>16} {'abstention':>14}"]
    for name, s in rows:
        lines.append(
            f"{name:<5} {_pct(s.answer_accuracy):>7} ({s.answered:>2}/{s.in_scope:<2})"
            f"   {_pct(s.citation_precision):>7} ({s.cited_in_sources:>2}/{s.cited:<2})"
            f"   {_pct(s.abstention_accuracy):>5} ({s.declined}/{s.out_of_scope})"
        )
    lines.append(f"{rep.questions} questions, {len(rep.misses)} with a miss")
    if misses:
        for r in rep.misses:
            why = []
            if r.kind == OUT_OF_SCOPE:
                why.append("answered an out-of-scope question")
            elif r.abstained:
                why.append("declined")
            if r.missing:
                why.append("missing " + ", ".join(repr(m) for m in r.missing))
            if r.foreign:
                why.append("cited " + ", ".join(r.foreign))
            lines.append(f"\n{r.id} [{r.kind}] {'; '.join(why)}\n  Q: {r.question}")
            lines.append(f"  A: {' '.join(r.answer.split())}  [{', '.join(r.cited)}]")
    return "\n".join(lines)
