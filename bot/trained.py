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
from itertools import pairwise
from pathlib import Path

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


def char_grams(word: str) -> list[str]:
    padded = f" {word} "
    return [padded[i : i + n] for n in (2, 3, 4) for i in range(max(1, len(padded) - n + 1))]


def text_features(text: str) -> list[str]:
    """Character n-grams inside words, words and word pairs.

    Character n-grams carry Korean stems and endings and English inflections without a
    morphological analyser.
    """
    out: list[str] = []
    lowered = clean(text)
    for word in lowered.split():
        out.extend(char_grams(word))
    words = WORD.findall(lowered)
    out.extend(f"w:{w}" for w in words)
    out.extend(f"b:{a}_{b}" for a, b in pairwise(words))
    return out


def tfidf(features: Sequence[str], idf: dict[str, float]) -> dict[str, float]:
    """``features`` as the trained vectoriser saw them: sublinear TF times IDF, L2-normalised."""
    counts = Counter(f for f in features if f in idf)
    vec = {f: (1.0 + math.log(c)) * idf[f] for f, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {f: v / norm for f, v in vec.items()} if norm else {}
