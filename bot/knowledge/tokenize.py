"""A Korean-aware tokenizer: Hangul character bigrams plus lower-cased Latin words.

Bigrams make a Korean word match whatever particle follows it (파인튜닝은 shares 파인, 인튜
and 튜닝 with 파인튜닝) without a morphological analyser.
"""

from __future__ import annotations

import re

_RUN = re.compile(r"[\uac00-\ud7a3]+|[a-z0-9]+(?:[-'][a-z0-9]+)*")
_HANGUL_RUN = re.compile(r"[\uac00-\ud7a3]+")

# English words that carry no topic; Korean needs no list because bigrams of particles are rare.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "do",
        "does",
        "for",
        "from",
        "how",
        "i",
        "in",
        "is",
        "it",
        "its",
        "me",
        "my",
        "of",
        "on",
        "or",
        "our",
        "should",
        "so",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "this",
        "to",
        "use",
        "used",
        "using",
        "we",
        "what",
        "when",
        "which",
        "who",
        "why",
        "will",
        "with",
        "you",
        "your",
    ]
)

# Spelling variants folded to one token so "fine-tuning", "finetune" and "fine tuning" meet.
_FOLD = {
    "fine-tuning": "finetune",
    "fine-tune": "finetune",
    "finetuning": "finetune",
    "fine-tuned": "finetune",
    "finetuned": "finetune",
    "tuning": "tune",
    "prompting": "prompt",
    "prompts": "prompt",
    "prompted": "prompt",
    "documents": "document",
    "docs": "document",
    "doc": "document",
    "examples": "example",
    "costs": "cost",
    "evals": "eval",
    "evaluation": "eval",
    "misconceptions": "misconception",
    "myths": "myth",
    "risks": "risk",
}


def _fold(word: str) -> str:
    word = _FOLD.get(word, word)
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


def tokenize(text: str) -> list[str]:
    """Tokens for indexing and querying; the same function must serve both."""
    tokens: list[str] = []
    lowered = text.lower().replace("fine tuning", "fine-tuning").replace("fine tune", "fine-tune")
    for run in _RUN.findall(lowered):
        if _HANGUL_RUN.fullmatch(run):
            if len(run) == 1:
                tokens.append(run)
            else:
                tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
        elif run not in STOPWORDS:
            tokens.append(_fold(run))
    return tokens
