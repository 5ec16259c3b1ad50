"""What the shipped models read, and what they were trained on.

The reader's second opinion and the side answers' section model read text the same way:
character n-grams inside words, words and word pairs, weighted by TF-IDF. Both are trained with
scikit-learn from these features and run here with Python and numpy alone, so the product
computes exactly what was trained.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np

WORD = re.compile(r"\w+")


def digest(root: Path, paths: Sequence[Path]) -> str:
    """The training files as one hash: each file's path under ``root`` and its bytes."""
    h = hashlib.sha256()
    for path in paths:
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def _gram_slices(length: int) -> tuple[slice, ...]:
    """Where a padded word of ``length`` characters has its 2-, 3- and 4-grams, in that order."""
    return tuple(slice(i, i + n) for n in (2, 3, 4) for i in range(max(1, length - n + 1)))


# Worked out once for the usual word lengths: slicing with them is done in C, word by word.
_SLICES = tuple(_gram_slices(length) for length in range(48))


def _grams(padded: str) -> map[str]:
    k = len(padded)
    return map(padded.__getitem__, _SLICES[k] if k < len(_SLICES) else _gram_slices(k))


def char_grams(word: str) -> list[str]:
    return list(_grams(f" {word} "))


def text_features(text: str) -> list[str]:
    """Character n-grams inside words, words and word pairs.

    Character n-grams carry Korean stems and endings and English inflections without a
    morphological analyser.
    """
    out: list[str] = []
    lowered = clean(text)
    for word in lowered.split():
        out.extend(_grams(f" {word} "))
    words = WORD.findall(lowered)
    out.extend(f"w:{w}" for w in words)
    out.extend(f"b:{a}_{b}" for a, b in pairwise(words))
    return out


#: Sublinear TF (1 + ln count) for the usual counts, so that a message's TF is one lookup.
_TF = np.array([0.0, *(1.0 + math.log(c) for c in range(1, 64))])


@dataclass(frozen=True)
class Vector:
    """A message as the trained vectoriser saw it (sublinear TF times IDF, L2-normalised), laid
    out for a product with a model's weights: the known features (first seen first), their rows
    in the weights and their values."""

    names: list[str]
    rows: np.ndarray
    values: np.ndarray

    def as_dict(self) -> dict[str, float]:
        return dict(zip(self.names, self.values.tolist(), strict=True))


@dataclass(frozen=True)
class Vocabulary:
    """A trained vectoriser's features: each one's row in a weight matrix and its IDF."""

    rows: dict[str, int]
    idf: np.ndarray  # by row

    @classmethod
    def of(cls, idf: dict[str, float], rows: dict[str, int]) -> Vocabulary:
        """``idf``'s features at ``rows`` (which may hold more, with no IDF)."""
        by_row = np.zeros(len(rows))
        for f, w in idf.items():
            by_row[rows[f]] = w
        return cls({f: rows[f] for f in idf}, by_row)

    def vector(self, features: Sequence[str]) -> Vector:
        """``features`` as the trained vectoriser saw them: sublinear TF times IDF, the norm
        summed in the order the features were first seen."""
        counts = Counter(features)
        names = list(filter(self.rows.__contains__, counts))
        n = len(names)
        rows = np.fromiter(map(self.rows.__getitem__, names), np.intp, n)
        c = np.fromiter(map(counts.__getitem__, names), np.intp, n)
        if n and c.max() >= len(_TF):
            tf = np.array([1.0 + math.log(k) for k in c.tolist()])
        else:
            tf = _TF[c]
        v = tf * self.idf[rows]
        norm = math.sqrt(sum((v * v).tolist()))
        if not norm:
            return Vector([], rows[:0], v[:0])
        return Vector(names, rows, v / norm)


def tfidf(features: Sequence[str], idf: dict[str, float]) -> dict[str, float]:
    """``features`` as the trained vectoriser saw them: sublinear TF times IDF, L2-normalised
    (``Vocabulary.vector`` as a dict, for a vocabulary used once)."""
    rows = {f: i for i, f in enumerate(idf)}
    return Vocabulary.of(idf, rows).vector(features).as_dict()
