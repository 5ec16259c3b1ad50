"""User-facing strings from the versioned files in ``prompts/`` (KO and EN)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from bot.core.facts import Lang

PROMPTS_DIR = Path(__file__).resolve().parents[1] / "prompts"


class Texts:
    """Looks up dotted keys (``plan.rag_index``) in a language's card and question files."""

    def __init__(self, lang: Lang, data: dict[str, Any]) -> None:
        self.lang = lang
        self._data = data

    def get(self, key: str, **fmt: object) -> str:
        node: Any = self._data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise KeyError(f"missing text {key!r} ({self.lang})")
            node = node[part]
        if not isinstance(node, str):
            raise KeyError(f"text {key!r} ({self.lang}) is not a string")
        return node.format(**fmt) if fmt else node

    def option_label(self, fact: str, choice: str) -> str:
        try:
            return self.get(f"questions.questions.{fact}.options.{choice}")
        except KeyError:
            return choice

    def version(self) -> str:
        return f"card-v{self._data.get('version')}/questions-v{self._data['questions_version']}"


@cache
def texts(lang: Lang) -> Texts:
    """Loaded once per language per process, on first use."""
    card = _load(PROMPTS_DIR / f"card.{lang}.yaml")
    questions = _load(PROMPTS_DIR / f"questions.{lang}.yaml")
    return Texts(
        lang, {**card, "questions": questions, "questions_version": questions.get("version")}
    )


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping")
    return data
