"""User-facing strings from the versioned files in ``prompts/`` (KO and EN)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from bot.core.facts import Lang
from bot.yamlfiles import load_yaml

PROMPTS_DIR = Path(__file__).resolve().parents[1] / "prompts"


class Texts:
    """Looks up dotted keys (``plan.rag_index``) in a language's card and question files."""

    def __init__(self, lang: Lang, data: dict[str, Any]) -> None:
        self.lang = lang
        self._data = data
        # Every text by its dotted key: a card looks up about a hundred.
        self._flat = dict(_leaves(data, ""))

    def get(self, key: str, **fmt: object) -> str:
        text = self._flat.get(key)
        if text is None:
            text = self._walk(key)
        return text.format(**fmt) if fmt else text

    def _walk(self, key: str) -> str:
        """The text at ``key``, found part by part; says which is missing or no text."""
        node: Any = self._data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise KeyError(f"missing text {key!r} ({self.lang})")
            node = node[part]
        if not isinstance(node, str):
            raise KeyError(f"text {key!r} ({self.lang}) is not a string")
        return node

    def option_label(self, fact: str, choice: str) -> str:
        try:
            return self.get(f"questions.questions.{fact}.options.{choice}")
        except KeyError:
            return choice

    def version(self) -> str:
        return f"card-v{self._data.get('version')}/questions-v{self._data['questions_version']}"


def _leaves(node: dict[str, Any], prefix: str) -> Iterator[tuple[str, str]]:
    """``(dotted key, text)`` for every text ``Texts.get`` can reach: a key with a dot in it,
    or one that is not a string, is no part of a dotted key."""
    for k, v in node.items():
        if not isinstance(k, str) or "." in k:
            continue
        if isinstance(v, str):
            yield prefix + k, v
        elif isinstance(v, dict):
            yield from _leaves(v, f"{prefix}{k}.")


@cache
def texts(lang: Lang) -> Texts:
    """Loaded once per language per process, on first use."""
    card = _load(PROMPTS_DIR / f"card.{lang}.yaml")
    questions = _load(PROMPTS_DIR / f"questions.{lang}.yaml")
    return Texts(
        lang, {**card, "questions": questions, "questions_version": questions.get("version")}
    )


def _load(path: Path) -> dict[str, Any]:
    data = load_yaml(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping")
    return data
