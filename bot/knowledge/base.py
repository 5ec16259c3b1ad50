"""Loads knowledge-base sections and ranks them with bm25s."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import bm25s
import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict, Field

from bot.core.facts import Lang
from bot.core.language import detect_language
from bot.core.ports import Passage
from bot.knowledge.question import read_question
from bot.knowledge.tokenize import misspelt, query_text, query_tokens, tokenize

KNOWLEDGE_DIR = Path(__file__).resolve().parents[2] / "knowledge"
LANGS: tuple[Lang, ...] = ("ko", "en")
# What a section of definitions says it is about, in both languages (its tags).
DEFINITIONS = "definitions 정의"
# What the sections on when an approach fits say they are about.
CASES = "when 경우"


class Section(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    lang: Lang
    tags: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    text: str


def parse_section(raw: str, source: str = "<text>") -> Section:
    """A markdown file with a YAML front matter block between ``---`` lines."""
    if not raw.startswith("---"):
        raise ValueError(f"{source}: missing front matter")
    _, head, body = raw.split("---", 2)
    meta: dict[str, Any] = yaml.safe_load(head) or {}
    meta["tags"] = tuple(str(t) for t in meta.get("tags") or ())
    meta["questions"] = tuple(str(q) for q in meta.get("questions") or ())
    return Section.model_validate({**meta, "text": body.strip()})


def load_sections(root: Path = KNOWLEDGE_DIR) -> list[Section]:
    sections: list[Section] = []
    for lang in LANGS:
        for path in sorted((root / lang).glob("*.md")):
            section = parse_section(path.read_text(encoding="utf-8"), str(path))
            if section.lang != lang:
                raise ValueError(f"{path}: lang {section.lang} in the {lang} folder")
            sections.append(section)
    return sections


class KnowledgeBase:
    """Ranks sections by id: each id's Korean and English text form one document, so a query in
    either language (or a mix) finds it; the passage comes back in the language asked for.

    Two bm25s indexes are summed: the whole section, and its head (title, tags and the questions
    it answers), which names what the section is about.
    """

    HEAD_WEIGHT = 0.5

    def __init__(self, sections: list[Section]) -> None:
        if not sections:
            raise ValueError("the knowledge base is empty")
        self.sections = sections
        self._by_key = {(s.id, s.lang): s for s in sections}
        self._ids = sorted({s.id for s in sections})
        grouped = [[s for s in sections if s.id == i] for i in self._ids]
        self._full = self._index([" ".join(f"{_head(s)} {s.text}" for s in g) for g in grouped])
        self._head = self._index([" ".join(_head(s) for s in g) for g in grouped])
        self._latin = sorted(t for t in self._full.vocab_dict if _LATIN_TOKEN.fullmatch(t))

    @staticmethod
    def _index(texts: list[str]) -> bm25s.BM25:
        index = bm25s.BM25()
        index.index([tokenize(t) or ["\u2205"] for t in texts], show_progress=False)
        return index

    @classmethod
    def load(cls, root: Path = KNOWLEDGE_DIR) -> KnowledgeBase:
        return cls(load_sections(root))

    def ids(self) -> set[str]:
        return set(self._ids)

    def get(self, section_id: str, lang: Lang) -> Section | None:
        return self._by_key.get((section_id, lang)) or next(
            (s for s in self.sections if s.id == section_id), None
        )

    def _scores(self, index: bm25s.BM25, tokens: list[str]) -> np.ndarray:
        known = [t for t in tokens if t in index.vocab_dict]
        if not known:
            return np.zeros(len(self._ids))
        return np.asarray(index.get_scores(known), dtype=float)

    def search(self, query: str, k: int = 3, lang: Lang | None = None) -> list[Passage]:
        """The ``k`` best sections for ``query`` (only positive scores count as matches)."""
        lang = lang or detect_language(query)
        tokens = [self._spelled(t) for t in query_tokens(query_text(query, korean=False))]
        if not tokens or k <= 0:
            return []
        asks = read_question(query)
        if asks.what:
            # "What is X?" names nothing but X, which every section uses: the glossary of
            # definitions is where such a question is answered.
            tokens += tokenize(DEFINITIONS)
        elif asks.when and asks.sides:
            # "When should we add RAG?": the sections on when each approach fits answer it.
            tokens += tokenize(CASES)
        scores = self._scores(self._full, tokens) + self.HEAD_WEIGHT * self._scores(
            self._head, tokens
        )
        out: list[Passage] = []
        for i in np.argsort(-scores, kind="stable")[:k]:
            score = float(scores[i])
            section = self.get(self._ids[int(i)], lang)
            if score <= 0 or section is None:
                continue
            out.append(
                Passage(
                    id=section.id,
                    title=section.title,
                    lang=section.lang,
                    score=round(score, 4),
                    text=section.text,
                )
            )
        return out

    def _spelled(self, token: str) -> str:
        """A misspelt English word ("retreival") as the word of the knowledge base it means."""
        if token in self._full.vocab_dict or not _LATIN_TOKEN.fullmatch(token):
            return token
        return misspelt(token, self._latin) or token


_LATIN_TOKEN = re.compile(r"[a-z][a-z-]*")


def _head(s: Section) -> str:
    return " ".join((s.title, *s.tags, *s.questions))
