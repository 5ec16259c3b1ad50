"""A learned second opinion for the offline reader.

The rules read what their phrases cover and nothing else; people who write differently from the
phrases' authors say the same things in words no rule has. A linear model per fact value, trained
on the labelled development sentences (``scripts/train_reader.py``), reads the whole message as
character and word n-grams and may add a fact the rules left unset, when it is confident. It
never overrides a rule's reading, never reads a pure side question, a skip or "decide now", and
never reads numbers: counts stay the rules' job.

Inference is Python and numpy over a JSON file (TF-IDF weights and one weight vector per fact
value), so the product needs no machine-learning library at run time.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

from bot.core.facts import FactName, Facts, Reading, normalise
from bot.core.ports import Extraction
from bot.llm.reader.engine import Trace
from bot.llm.reader.read import read
from bot.llm.reader.rules import default_rules
from bot.llm.reader.text import normalise as normalise_text
from bot.llm.reader.text import sentences

MODEL_PATH = Path(__file__).with_name("learned.json")
_WORD = re.compile(r"\w+")
#: Facts the second opinion never reads: counts are the rules' job; the others are not scored.
NOT_LEARNED = frozenset(
    {FactName.DATA_EXAMPLES, FactName.USE_CASE, FactName.LANGUAGES, FactName.TOP_GOAL}
)
#: Facts whose words overlap: when the rules read one of a group from a message, the model's
#: reading of another is most often the same words read twice ("문서가 매주 바뀌어요" is about the
#: documents, not the use case; "평가 데이터가 없어요" is about the eval set, not training data).
SIBLINGS = (
    frozenset({FactName.DOCS_CHANGE, FactName.CHANGE_RATE}),
    frozenset({FactName.DATA_AMOUNT, FactName.DATA_QUALITY, FactName.EVAL_SET}),
)
#: A prompting status needs prompting named: "we haven't tried fine-tuning" says nothing of it.
_PROMPTING = re.compile(r"prompt|프롬프트|지시문")
#: A reading at least this likely, in a message without a negation, is applied; a less likely
#: one, or one beside a negation the model cannot scope, is asked to confirm instead.
SURE = 0.9
#: A shorter message is a reply to the question asked, and the rules read replies in context.
MIN_WORDS = 4
#: How many words on either side of the strongest word a learned reading quotes.
_QUOTE_WORDS = 3


def features(text: str, pending: str | None) -> list[str]:
    """Character n-grams inside words, words and word pairs, and the pending question.

    Character n-grams carry Korean stems and endings and English inflections without a
    morphological analyser; the pending question tells "yes" after "do you have an eval set?"
    from "yes" after anything else.
    """
    out: list[str] = []
    clean = _clean(text)
    for word in clean.split():
        out.extend(_char_grams(word))
    words = _WORD.findall(clean)
    out.extend(f"w:{w}" for w in words)
    out.extend(f"b:{a}_{b}" for a, b in pairwise(words))
    if pending:
        out.append(f"pending:{pending}")
    return out


def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def _char_grams(word: str) -> list[str]:
    padded = f" {word} "
    return [padded[i : i + n] for n in (2, 3, 4) for i in range(max(1, len(padded) - n + 1))]


@dataclass(frozen=True)
class Atom:
    """One fact value the model reads, e.g. ``docs_change=often``."""

    fact: FactName
    value: str
    bias: float
    weights: dict[str, float]


@dataclass(frozen=True)
class LearnedModel:
    idf: dict[str, float]
    atoms: tuple[Atom, ...]
    threshold: float
    # The atoms' weights as one matrix (a row per feature, a column per atom): a message's
    # probabilities are one small product instead of a loop over every atom's weights.
    _rows: dict[str, int] = field(init=False, repr=False, compare=False)
    _weights: np.ndarray = field(init=False, repr=False, compare=False)
    _bias: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names = sorted(set(self.idf) | {f for a in self.atoms for f in a.weights})
        rows = {f: i for i, f in enumerate(names)}
        weights = np.zeros((len(names), len(self.atoms)))
        for j, atom in enumerate(self.atoms):
            for f, w in atom.weights.items():
                weights[rows[f], j] = w
        object.__setattr__(self, "_rows", rows)
        object.__setattr__(self, "_weights", weights)
        object.__setattr__(self, "_bias", np.array([a.bias for a in self.atoms]))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LearnedModel:
        atoms = tuple(
            Atom(FactName(a["fact"]), str(a["value"]), float(a["bias"]), dict(a["weights"]))
            for a in data["atoms"]
        )
        return cls(dict(data["idf"]), atoms, float(data["threshold"]))

    def vector(self, text: str, pending: str | None) -> dict[str, float]:
        """The message as the trained vectoriser saw it: sublinear TF times IDF, L2-normalised."""
        counts = Counter(f for f in features(text, pending) if f in self.idf)
        vec = {f: (1.0 + math.log(c)) * self.idf[f] for f, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return {f: v / norm for f, v in vec.items()} if norm else {}

    def probabilities(self, vec: dict[str, float]) -> list[tuple[Atom, float]]:
        """Each atom's probability for a message's ``vector``."""
        if not self.atoms:
            return []
        rows = [self._rows[f] for f in vec]
        z = self._bias + np.fromiter(vec.values(), float, len(vec)) @ self._weights[rows]
        return list(zip(self.atoms, (1.0 / (1.0 + np.exp(-z))).tolist(), strict=True))


def digest(root: Path, paths: list[Path]) -> str:
    """What the model was trained on, as one hash: each file's path under ``root`` and bytes."""
    h = hashlib.sha256()
    for path in paths:
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


@cache
def default_model() -> LearnedModel:
    return LearnedModel.from_json(json.loads(MODEL_PATH.read_text(encoding="utf-8")))


def second_opinion(
    ex: Extraction,
    text: str,
    pending: FactName | None,
    model: LearnedModel | None = None,
    declined: frozenset[tuple[FactName, str]] = frozenset(),
) -> Extraction:
    """``ex`` with the facts the rules left unset that the model reads with confidence.

    ``declined``: fact values whose words the rules found and set aside (negated, asked,
    hypothetical, someone else's); the model does not read them back in.
    """
    if ex.skip or ex.decide_now or ex.side_question:
        return ex
    text = _without_injection(text)
    if len(text.split()) < MIN_WORDS:
        return ex
    taken = _taken(ex, text, declined)
    model = model or default_model()
    if {a.fact for a in model.atoms} <= taken:
        return ex
    vec = model.vector(text, pending.value if pending else None)
    picked = _pick(model.probabilities(vec), model.threshold, taken, declined)
    if not picked:
        return ex
    # Checked over the whole message: a scope the model cannot see is not guessed either.
    negated = _negated(text)
    readings = [
        Reading(
            fact=a.fact,
            value=a.value,
            quote=_quote(vec, a, text),
            rule=f"learned.{a.fact.value}.{a.value} p={p:.2f}",
            sure=p >= SURE and not negated,
        )
        for a, p in picked
    ]
    return ex.model_copy(
        update={
            "facts": normalise(ex.facts.merge(_applied(readings))),
            "readings": (*ex.readings, *readings),
        }
    )


def _taken(ex: Extraction, text: str, declined: frozenset[tuple[FactName, str]]) -> set[FactName]:
    """The facts left to the rules: what they read (even unsure, asked rather than applied)
    or set aside, its siblings, and a prompting status where prompting is not named."""
    said = ex.facts.known() | {r.fact for r in ex.readings}
    taken = said | set(NOT_LEARNED) | {f for f, _ in declined if f is not FactName.GOALS}
    if FactName.DATA_EXAMPLES in said:
        taken.add(FactName.DATA_AMOUNT)
    for group in SIBLINGS:
        if taken & group:
            taken |= group
    if not _PROMPTING.search(_clean(text)):
        taken.add(FactName.PROMPTING)
    return taken


def _pick(
    probabilities: list[tuple[Atom, float]],
    threshold: float,
    taken: set[FactName],
    declined: frozenset[tuple[FactName, str]],
) -> list[tuple[Atom, float]]:
    """The likeliest value of each fact still open, and every likely goal."""
    best: dict[FactName, tuple[Atom, float]] = {}
    goals: list[tuple[Atom, float]] = []
    for atom, p in probabilities:
        if p < threshold or atom.fact in taken or (atom.fact, atom.value) in declined:
            continue
        if atom.fact is FactName.GOALS:
            goals.append((atom, p))
        elif atom.fact not in best or p > best[atom.fact][1]:
            best[atom.fact] = (atom, p)
    return [*best.values(), *goals]


def _applied(readings: list[Reading]) -> Facts:
    """The facts of the sure readings; the others are asked to confirm."""
    sure = [r for r in readings if r.sure]
    goals = [r.value for r in sure if r.fact is FactName.GOALS]
    return Facts.model_validate(
        {
            FactName.GOALS.value: goals or None,
            **{r.fact.value: r.value for r in sure if r.fact is not FactName.GOALS},
        }
    )


def _negated(text: str) -> bool:
    """Whether the message holds a negation: the model reads words, not their scope."""
    rules = default_rules()
    words = normalise_text(text).split()
    # ``neg_after`` reads the words right after a cue ("…지 않아요"): try it after every word.
    return bool(rules.neg_before.search(" ".join(words))) or any(
        rules.neg_after.search(" ".join(words[i:])) for i in range(1, len(words))
    )


def _without_injection(text: str) -> str:
    """The message without the sentences the rules ignore as an injection attempt, in the
    user's own words: the model was trained on messages as written, not normalised."""
    injection = default_rules().injection
    parts = sentences(text)
    kept = [s for s in parts if not injection.search(normalise_text(s))]
    return text if len(kept) == len(parts) else " ".join(kept)


def _quote(vec: dict[str, float], atom: Atom, text: str) -> str:
    """The words around the word that weighs most for ``atom``: what the user is shown."""
    words = text.split()
    if not words:
        return ""

    def weight(word: str) -> float:
        grams = set(_char_grams(_clean(word))) | {f"w:{w}" for w in _WORD.findall(_clean(word))}
        return sum(vec.get(g, 0.0) * atom.weights.get(g, 0.0) for g in grams)

    top = max(range(len(words)), key=lambda i: weight(words[i]))
    return " ".join(words[max(0, top - _QUOTE_WORDS) : top + _QUOTE_WORDS + 1])[:80]


def read_with_second_opinion(text: str, pending: FactName | None) -> tuple[Extraction, Trace]:
    """The rules' reading, then the model's for what they left unset; the trace says which."""
    ex, trace = read(text, pending)
    both = second_opinion(ex, text, pending, declined=frozenset(trace.declined))
    for r in both.readings[len(ex.readings) :]:
        trace.add(f"second opinion: {r.fact.value} = {r.value} ({r.rule})")
    return both, trace


def extract_facts(text: str, pending: FactName | None) -> Extraction:
    """Facts stated in ``text``; ``pending`` is the fact the bot just asked about, if any."""
    return read_with_second_opinion(text, pending)[0]
