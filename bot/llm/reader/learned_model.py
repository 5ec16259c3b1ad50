"""The learned second opinion's model: the features it reads and the trained weights.

TF-IDF weights and one logistic-regression weight vector per fact value, read from a JSON file
that ``scripts/train_reader.py`` writes, so the product computes exactly what was trained with
Python and numpy alone.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from bot.core.facts import MAX_QUOTE_CHARS, FactName
from bot.llm.reader.text import clauses, sentences
from bot.trained import WORD as WORD
from bot.trained import Vector, Vocabulary, text_features
from bot.trained import char_grams as char_grams
from bot.trained import clean as clean
from bot.trained import digest as digest

MODEL_PATH = Path(__file__).with_name("learned.json")
#: How many words on either side of the strongest word a learned reading quotes.
_QUOTE_WORDS = 3
# A conjunction that opens a clause is not part of what it says.
_LEADING = re.compile(r"^(?:and|but|so|or|plus|also)\s+", re.IGNORECASE)


def features(text: str, pending: str | None) -> list[str]:
    """The text's n-grams (``bot.trained.text_features``) and the pending question, which tells
    "yes" after "do you have an eval set?" from "yes" after anything else."""
    out = text_features(text)
    if pending:
        out.append(f"pending:{pending}")
    return out


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
    _vocabulary: Vocabulary = field(init=False, repr=False, compare=False)
    _weights: np.ndarray = field(init=False, repr=False, compare=False)
    _bias: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names = sorted(set(self.idf) | {f for a in self.atoms for f in a.weights})
        rows = {f: i for i, f in enumerate(names)}
        weights = np.zeros((len(names), len(self.atoms)))
        for j, atom in enumerate(self.atoms):
            for f, w in atom.weights.items():
                weights[rows[f], j] = w
        object.__setattr__(self, "_vocabulary", Vocabulary.of(self.idf, rows))
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
        return self.encode(text, pending).as_dict()

    def encode(self, text: str, pending: str | None) -> Vector:
        """``vector``'s values, with the rows of the weights they multiply."""
        return self._vocabulary.vector(features(text, pending))

    def probabilities(self, vec: Vector) -> list[tuple[Atom, float]]:
        """Each atom's probability for a message's ``encode``."""
        if not self.atoms:
            return []
        z = self._bias + vec.values @ self._weights[vec.rows]
        return list(zip(self.atoms, (1.0 / (1.0 + np.exp(-z))).tolist(), strict=True))


@cache
def default_model() -> LearnedModel:
    return LearnedModel.from_json(json.loads(MODEL_PATH.read_text(encoding="utf-8")))


def quote(vec: dict[str, float], atom: Atom, text: str) -> str:
    """The clause whose words weigh most for ``atom``: what the user is shown (the words around
    the heaviest word, when that clause is long)."""

    def weight(word: str) -> float:
        grams = set(char_grams(clean(word))) | {f"w:{w}" for w in WORD.findall(clean(word))}
        return sum(vec.get(g, 0.0) * atom.weights.get(g, 0.0) for g in grams)

    parts = [_LEADING.sub("", c.text.strip(" ,.;")) for s in sentences(text) for c in clauses(s)]
    ranked = [(sum(map(weight, p.split())), p) for p in parts if p.split()]
    if not ranked:
        return ""
    best = max(ranked, key=lambda wp: wp[0])[1]
    if len(best) <= MAX_QUOTE_CHARS:
        return best
    words = best.split()
    top = max(range(len(words)), key=lambda i: weight(words[i]))
    return " ".join(words[max(0, top - _QUOTE_WORDS) : top + _QUOTE_WORDS + 1])[:MAX_QUOTE_CHARS]
