"""Does a Korean morphological analyser pay? Measures kiwipiepy's morphemes as extra features of
the two learned components, against the features they ship with, in one run.

Needs kiwipiepy, which the product does not depend on (``.venv/bin/pip install kiwipiepy``):

    .venv/bin/python scripts/measure_morphology.py

Added to each model: the lemmas of content morphemes (nouns, verb and adjective stems, adverbs,
roots, Latin words), lemma pairs, and ``neg:<lemma>`` for a predicate that 안/못 precedes or
않다/없다/아니다/말다 follows (the negation morphemes the reader's rules find with patterns).

- The reader's second opinion is trained on its shipped splits and scored on splits it never saw
  (dev8, and the rules' gates dev33 … dev37), with its doubts as shipped.
- The section model is trained on every development Q&A file but one and scored on that one
  (qa/dev25 … qa/dev36): how often its best guess is a section the answer may cite.
"""

from __future__ import annotations

import functools
import itertools
import re
import resource
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

import bot.llm.reader.learned_model as learned_model  # noqa: E402
from bot.llm.reader.learned import DOUBT, LearnedModel  # noqa: E402
from bot.reader_eval import load_sentences  # noqa: E402
from bot.trained import text_features  # noqa: E402
from scripts import train_reader, train_sections  # noqa: E402

HANGUL = re.compile(r"[\uac00-\ud7a3]")
CONTENT = ("NN", "VV", "VA", "MAG", "XR", "SL", "VX", "VCN")
PREDICATE = ("VV", "VA", "VX", "VCN")
NEGATING = frozenset({"않다", "없다", "아니다", "말다"})
READER_FRESH = ("dev8", "dev33", "dev34", "dev35", "dev36", "dev37")
QA_HELD = tuple(f"dev{n}" for n in range(25, 37))
QA_ALL = ("dev", *(f"dev{n}" for n in range(2, 37)))


@functools.cache
def _kiwi() -> Any:
    from kiwipiepy import Kiwi

    return Kiwi()


@functools.cache
def morphemes(text: str) -> tuple[str, ...]:
    if not HANGUL.search(text):
        return ()
    tokens = [(t.form, t.tag, t.lemma) for t in _kiwi().tokenize(text)]
    lemmas = [
        lemma if tag.startswith(PREDICATE) else form.lower()
        for form, tag, lemma in tokens
        if tag.startswith(CONTENT)
    ]
    out = [f"m:{x}" for x in lemmas]
    out += [f"mb:{a}_{b}" for a, b in itertools.pairwise(lemmas)]
    for i, (form, tag, lemma) in enumerate(tokens):
        if tag == "MAG" and form in ("안", "못") and i + 1 < len(tokens):
            out.append(f"neg:{tokens[i + 1][2]}")
        if lemma in NEGATING and i > 0:
            j = i - 1
            while j > 0 and tokens[j][1].startswith(("E", "J", "XS")):
                j -= 1
            out.append(f"neg:{tokens[j][2]}")
    return tuple(out)


def with_morphemes(text: str) -> list[str]:
    return text_features(text) + list(morphemes(text))


def reader(features: Callable[[str], list[str]]) -> list[tuple[str, float, float, int, int]]:
    # The features are swapped where the model's own ``features`` looks them up.
    setattr(learned_model, "text_features", features)  # noqa: B010
    try:
        splits = train_reader.SPLITS
        sentences = load_sentences([p for s in splits for p in train_reader.split_files(s)])
        model = LearnedModel.from_json(train_reader.train(sentences, splits))
        rows = []
        for split in READER_FRESH:
            held = load_sentences(train_reader.split_files(split))
            r = train_reader._scores(model, held, DOUBT)
            rows.append((split, r.precision, r.recall, r.exact, r.sentences))
        return rows
    finally:
        setattr(learned_model, "text_features", text_features)  # noqa: B010


def sections(features: Callable[[str], list[str]]) -> dict[str, list[int]]:
    counts = {"ko": [0, 0], "en": [0, 0]}
    for held in QA_HELD:
        train = train_sections._labelled([s for s in QA_ALL if s != held])
        test = train_sections._labelled([held])
        vec = TfidfVectorizer(analyzer=features, min_df=2, sublinear_tf=True)
        x = vec.fit_transform([q.question for q in train])
        model = LogisticRegression(C=train_sections.C, max_iter=5000)
        model.fit(x, [q.sources[0] for q in train])
        guesses = model.predict(vec.transform([q.question for q in test]))
        for q, guess in zip(test, guesses, strict=True):
            counts[q.lang][0] += guess in q.sources
            counts[q.lang][1] += 1
    return counts


def cost(texts: Sequence[str]) -> str:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    _kiwi().tokenize("규정이 매주 바뀌어요")
    ready = time.perf_counter() - started
    started = time.perf_counter()
    for text in texts:
        _kiwi().tokenize(text)
    per = (time.perf_counter() - started) / len(texts) * 1000
    grew = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before
    return (
        f"kiwipiepy: {ready:.1f} s to its first analysis, {per:.2f} ms a message, "
        f"+{grew:.0f} MB RSS"
    )


def main() -> int:
    korean = [
        s.text for s in load_sentences(train_reader.split_files("dev37")) if HANGUL.search(s.text)
    ]
    print(cost(korean) + "\n")
    print("reader, second opinion with doubts (precision / recall / exact)")
    print(f"{'split':<7} {'shipped features':<26} with morphemes")
    for a, b in zip(reader(text_features), reader(with_morphemes), strict=True):
        print(
            f"{a[0]:<7} {a[1]:.3f} / {a[2]:.3f} {a[3]:>3}/{a[4]:<6}  {b[1]:.3f} / {b[2]:.3f} {b[3]}"
        )
    print("\nsection model, best guess citable, held out one file at a time (qa/dev25 … dev36)")
    for name, features in (("shipped features", text_features), ("with morphemes", with_morphemes)):
        c = sections(features)
        print(f"{name:<17} ko {c['ko'][0]}/{c['ko'][1]}  en {c['en'][0]}/{c['en'][1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
