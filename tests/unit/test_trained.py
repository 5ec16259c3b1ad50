"""The shipped models' features and TF-IDF: the fast forms compute what the plain ones do, to
the bit, since a model's probabilities (and so the readings) hang on the last digits."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np

from bot.trained import Vocabulary, char_grams, text_features, tfidf

TEXTS = (
    "FAQ 문서가 매주 update되고 tone은 consistent해야 해요",
    "We have about 2,000 reviewed tickets, and the tickets change weekly.",
    "a a a b",
    "",
)


def _plain_grams(word: str) -> list[str]:
    padded = f" {word} "
    return [padded[i : i + n] for n in (2, 3, 4) for i in range(max(1, len(padded) - n + 1))]


def _plain_tfidf(features: list[str], idf: dict[str, float]) -> dict[str, float]:
    counts = Counter(f for f in features if f in idf)
    vec = {f: (1.0 + math.log(c)) * idf[f] for f, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {f: v / norm for f, v in vec.items()} if norm else {}


def test_char_grams_are_every_2_3_and_4_gram_of_the_padded_word_in_order() -> None:
    for word in ("a", "ab", "abc", "tone은", "x" * 47, "y" * 48, "z" * 300):
        assert char_grams(word) == _plain_grams(word)


def test_text_features_are_the_words_grams_then_words_then_word_pairs() -> None:
    got = text_features("Tone matters")
    words = ["w:tone", "w:matters", "b:tone_matters"]
    assert got == [*_plain_grams("tone"), *_plain_grams("matters"), *words]


def _idf(features: list[str]) -> dict[str, float]:
    # Unknown features are left out, and IDFs are uneven so that rounding would show.
    return {f: 1.0 + (i % 7) / 3 for i, f in enumerate(dict.fromkeys(features)) if i % 5}


def test_the_vocabulary_vector_is_tfidf_to_the_bit() -> None:
    many = ["w:often"] * 70 + ["w:rare"] * 2 + ["w:once"]  # a count past the TF table
    for features in [*(text_features(t) for t in TEXTS), many]:
        idf = _idf(features) if features is not many else {"w:often": 1.7, "w:once": 2.9}
        rows = {f: i for i, f in enumerate(sorted({*idf, "w:no-idf"}))}
        expected = _plain_tfidf(features, idf)
        vec = Vocabulary.of(idf, rows).vector(features)
        assert tfidf(features, idf) == expected
        assert list(vec.as_dict().items()) == list(expected.items())
        assert [rows[f] for f in vec.names] == vec.rows.tolist()


def test_an_empty_vector_has_no_rows_and_multiplies_to_zeros() -> None:
    vec = Vocabulary.of({"w:x": 1.0}, {"w:x": 0}).vector(["w:y"])
    assert (vec.names, vec.rows.tolist(), vec.values.tolist()) == ([], [], [])
    assert (vec.values @ np.ones((1, 3))[vec.rows]).tolist() == [0.0, 0.0, 0.0]
