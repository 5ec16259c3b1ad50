"""Scores the offline reader on labelled sentences: per-fact precision and recall.

A sentence file is a YAML list of ``{id, lang, text, pending?, question?, facts}``; ``facts``
holds exactly what the message states (names and values as in the fact schema). Facts are
compared as atoms (one per goal, one per other fact), after the same normalisation the
consultation applies, so "2만 건" counts once as ``data_examples`` and once as the derived
``data_amount``. The use case label and languages are not scored.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from bot.core.facts import FactName, Facts, Lang, normalise, value_text
from bot.core.ports import Extraction
from bot.yamlfiles import no_duplicate_ids, read_data_file

# Not scored: the use case label and languages are free text; whether answers must cite their
# sources joined the schema after the corpora were labelled, so their labels never state it
# (tests/unit/llm/test_reader_citations.py checks its readings).
_UNSCORED = frozenset({FactName.USE_CASE, FactName.LANGUAGES, FactName.CITATIONS})


class Sentence(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    lang: Lang
    text: str
    pending: FactName | None = None
    question: bool = False
    # Checked against the fact schema when the file is read, so a wrong label is reported
    # with its file and place.
    facts: Facts = Facts()


class FactScore(BaseModel):
    fact: str
    tp: int
    fp: int
    fn: int
    precision: float
    recall: float


class Miss(BaseModel):
    id: str
    text: str
    wrong: list[str]
    missing: list[str]


class ReaderReport(BaseModel):
    sentences: int
    exact: int
    precision: float
    recall: float
    questions_right: int
    questions: int
    statements_asked: int = 0
    facts: list[FactScore]
    misses: list[Miss]


def load_sentences(paths: list[Path]) -> list[Sentence]:
    out: list[Sentence] = []
    for path in paths:
        out.extend(read_data_file(path, TypeAdapter(list[Sentence]).validate_python, []))
    no_duplicate_ids([s.id for s in out], "sentence")
    return out


def atoms(facts: Facts) -> set[tuple[str, str]]:
    """One atom per goal and per other known fact, the unscored ones left out."""
    out: set[tuple[str, str]] = set()
    facts = normalise(facts)
    for name in facts.known() - _UNSCORED:
        value = facts.get(name)
        if isinstance(value, frozenset):
            out.update((name.value, value_text(v)) for v in value)
        else:
            out.add((name.value, value_text(value)))
    return out


def score(
    sentences: list[Sentence], read: Callable[[str, FactName | None], Extraction]
) -> ReaderReport:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    misses: list[Miss] = []
    exact = q_right = q_total = q_wrong = 0
    for s in sentences:
        ex = read(s.text, s.pending)
        want = atoms(s.facts)
        got = atoms(ex.facts)
        for fact, _ in got & want:
            tp[fact] += 1
        for fact, _ in got - want:
            fp[fact] += 1
        for fact, _ in want - got:
            fn[fact] += 1
        if got == want:
            exact += 1
        else:
            misses.append(
                Miss(
                    id=s.id,
                    text=s.text,
                    wrong=sorted(f"{k}={v}" for k, v in got - want),
                    missing=sorted(f"{k}={v}" for k, v in want - got),
                )
            )
        if s.question:
            q_total += 1
            q_right += ex.side_question
        else:
            # A statement answered as a question loses the turn to an answer nobody asked for.
            q_wrong += ex.side_question
    names = sorted(set(tp) | set(fp) | set(fn))
    facts = [
        FactScore(
            fact=n,
            tp=tp[n],
            fp=fp[n],
            fn=fn[n],
            precision=_ratio(tp[n], tp[n] + fp[n]),
            recall=_ratio(tp[n], tp[n] + fn[n]),
        )
        for n in names
    ]
    all_tp, all_fp, all_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    return ReaderReport(
        sentences=len(sentences),
        exact=exact,
        precision=_ratio(all_tp, all_tp + all_fp),
        recall=_ratio(all_tp, all_tp + all_fn),
        questions_right=q_right,
        questions=q_total,
        statements_asked=q_wrong,
        facts=facts,
        misses=misses,
    )


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 1.0


def render(report: ReaderReport, show_misses: bool = False) -> str:
    lines = [f"{'fact':<14} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7}"]
    for f in report.facts:
        lines.append(
            f"{f.fact:<14} {f.tp:>4} {f.fp:>4} {f.fn:>4} {f.precision:>9.3f} {f.recall:>7.3f}"
        )
    lines.append(
        f"{'all':<14} {'':>4} {'':>4} {'':>4} {report.precision:>9.3f} {report.recall:>7.3f}"
    )
    lines.append(
        f"sentences read exactly: {report.exact}/{report.sentences}; "
        f"questions recognised: {report.questions_right}/{report.questions}; "
        f"statements taken for questions: {report.statements_asked}"
    )
    if show_misses:
        for m in report.misses:
            lines.append(f"- {m.id}: wrong {m.wrong} missing {m.missing} :: {m.text}")
    return "\n".join(lines)


def extraction_json(lang: Lang, ex: Extraction, trace: list[str] | None) -> str:
    """``explainer extract --json``: what was read, from which words, by which rule."""
    data: dict[str, Any] = {
        "lang": lang,
        "facts": ex.facts.model_dump(mode="json", exclude_none=True),
        "readings": [r.model_dump(mode="json") for r in ex.readings],
        "side_question": ex.side_question,
        "skip": ex.skip,
        "decide_now": ex.decide_now,
    }
    if trace is not None:
        data["trace"] = trace
    return json.dumps(data, ensure_ascii=False, indent=2)


def extraction_text(lang: Lang, ex: Extraction, trace: list[str] | None) -> str:
    """``explainer extract``: one line per reading, then what else the message was."""
    lines = [f"language: {lang}"]
    for r in ex.readings:
        mark = "" if r.sure else "  (unsure: asked, not applied)"
        words = f'  <- "{r.quote}"' if r.quote else ""
        lines.append(f"{r.fact.value} = {r.value}{words}  [{r.rule}]{mark}")
    if ex.facts.use_case:
        lines.append(f"use_case = {ex.facts.use_case}")
    if not ex.readings and not ex.facts.known():
        lines.append("(no facts)")
    flags = [
        n
        for n, on in (
            ("side question", ex.side_question),
            ("skip", ex.skip),
            ("decide now", ex.decide_now),
        )
        if on
    ]
    if flags:
        lines.append("also: " + ", ".join(flags))
    if trace is not None:
        lines.append("trace:")
        lines.extend(f"  {event}" for event in trace or ["(nothing fired)"])
    return "\n".join(lines)
