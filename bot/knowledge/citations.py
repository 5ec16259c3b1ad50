"""Checks a model's answer sentence by sentence against the sections it was given.

A model ties each claim to a section in one of two ways: an ``[id]`` marker after the sentence
("RAG looks documents up at answer time [rag-basics]."), or a citation the API attaches to a
span of its text. A sentence stays only if at least one of its citations names a section it was
given; one whose citations are all unknown, or that has none, is dropped: the answer says
nothing the sections do not back.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from bot.core.ports import CitedSentence

# "[rag-basics]", "[rag-basics, definitions]", "[kb:rag-basics]"; ids as the knowledge base
# spells them.
MARKER = re.compile(
    r"\[\s*((?:kb:)?[a-z0-9][a-z0-9-]*(?:\s*[,;]\s*(?:kb:)?[a-z0-9][a-z0-9-]*)*)\s*\]"
)
# A sentence ends at its punctuation and the markers that follow it, or at a line break.
_END = re.compile(r"[.!?。](?:\s*\[[^\[\]\n]*\])*(?=\s|$)|\n+")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_SPACE_BEFORE_STOP = re.compile(r"\s+([.!?。,;:])")


@dataclass(frozen=True)
class Span:
    """A piece of the model's text and the sections the API says it cites.

    ``cited``: the section ids of its citations that point at a section the model was given;
    ``unknown``: how many of its citations point anywhere else.
    """

    text: str
    cited: tuple[str, ...] = ()
    unknown: int = 0


@dataclass
class Checked:
    """The sentences that stand, and what was dropped on the way."""

    sentences: list[CitedSentence] = field(default_factory=list)
    # Every section each sentence cites (its ``source`` is the first).
    cited: list[tuple[str, ...]] = field(default_factory=list)
    dropped_sentences: int = 0
    dropped_citations: int = 0

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    @property
    def citations(self) -> list[str]:
        return list(dict.fromkeys(c for cs in self.cited for c in cs))


def _bounds(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def check(spans: Sequence[Span], allowed: Collection[str]) -> Checked:
    """The sentences of ``spans`` that cite a section in ``allowed``, markers removed."""
    text = "".join(s.text for s in spans)
    ranges: list[tuple[int, int, Span]] = []
    at = 0
    for s in spans:
        ranges.append((at, at + len(s.text), s))
        at += len(s.text)
    out = Checked()
    for start, end in _bounds(text):
        raw = text[start:end]
        # The spaces between sentences belong to neither: a citation on the span before the
        # space must not reach the sentence after it.
        start += len(raw) - len(raw.lstrip())
        end -= len(raw) - len(raw.rstrip())
        raw = text[start:end]
        shown = _SPACE_BEFORE_STOP.sub(
            r"\1", " ".join(_BULLET.sub("", MARKER.sub(" ", raw)).split())
        )
        if not any(ch.isalnum() for ch in shown):
            continue  # punctuation or whitespace between sentences
        cited: list[str] = []
        unknown = 0
        for a, b, span in ranges:
            if a < end and start < b and (span.cited or span.unknown):
                cited += span.cited
                unknown += span.unknown
        for m in MARKER.finditer(raw):
            for ref in re.split(r"\s*[,;]\s*", m.group(1)):
                ref = ref.removeprefix("kb:")
                if ref in allowed:
                    cited.append(ref)
                else:
                    unknown += 1
        cited = [c for c in dict.fromkeys(cited) if c in allowed]
        out.dropped_citations += unknown
        if not cited:
            out.dropped_sentences += 1
            continue
        if not shown.endswith((".", "!", "?", "。", "…")):
            shown += "."
        out.sentences.append(CitedSentence(text=shown, source=cited[0]))
        out.cited.append(tuple(cited))
    return out
