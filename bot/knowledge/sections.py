"""Knowledge-base sections: what a section file holds, and how the files are loaded."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.core.facts import Lang
from bot.yamlfiles import load_yaml

KNOWLEDGE_DIR = Path(__file__).resolve().parents[2] / "knowledge"
LANGS: tuple[Lang, ...] = ("ko", "en")
# Questions people asked, filed under the section that answers them (see load_asked).
ASKED_FILE = "asked.yaml"


class Section(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    lang: Lang
    tags: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    # The needs of a scene this section says which approach fits ("freshness"): see fits.py.
    fits: tuple[Literal["freshness", "consistency", "speed", "no-data"], ...] = ()
    # The approaches a change to which this section tells how to prove helped ("rag").
    proves: tuple[str, ...] = ()
    # The troubles a user tells of that this section explains ("forgetting"): see asks.SYMPTOMS.
    explains: tuple[
        Literal[
            "forgetting",
            "crammed-prompt",
            "made-up-answers",
            "sprawling-prompt",
            "unmeasured-switch",
            "prompt-ceiling",
            "unnoticed-regression",
            "polishing-wording",
            "missing-evidence",
        ],
        ...,
    ] = ()
    # Questions people asked that this section answers (knowledge/asked.yaml): read by the
    # search only, never by what decides whether the knowledge base covers a question.
    asked: tuple[str, ...] = ()
    text: str


def parse_section(raw: str, source: str = "<text>") -> Section:
    """A markdown file with a YAML front matter block between ``---`` lines."""
    if not raw.startswith("---"):
        raise ValueError(f"{source}: missing front matter")
    _, head, body = raw.split("---", 2)
    meta: dict[str, Any] = load_yaml(head) or {}
    for key in ("tags", "questions", "fits", "proves", "explains"):
        meta[key] = tuple(str(v) for v in meta.get(key) or ())
    return Section.model_validate({**meta, "text": body.strip()})


def load_sections(root: Path = KNOWLEDGE_DIR) -> list[Section]:
    sections: list[Section] = []
    for lang in LANGS:
        for path in sorted((root / lang).glob("*.md")):
            section = parse_section(path.read_text(encoding="utf-8"), str(path))
            if section.lang != lang:
                raise ValueError(f"{path}: lang {section.lang} in the {lang} folder")
            sections.append(section)
    return _with_asked(sections, root / ASKED_FILE)


def load_asked(path: Path) -> dict[tuple[str, Lang], tuple[str, ...]]:
    """Questions people asked, by the section (and language) that answers them."""
    if not path.exists():
        return {}
    raw: dict[str, dict[str, list[str]]] = load_yaml(path.read_text(encoding="utf-8")) or {}
    asked: dict[tuple[str, Lang], tuple[str, ...]] = {}
    for section_id, by_lang in raw.items():
        for lang in LANGS:
            asked[(section_id, lang)] = tuple(str(q) for q in (by_lang or {}).get(lang) or ())
    return asked


def _with_asked(sections: list[Section], path: Path) -> list[Section]:
    # Read with each section's own questions: worded the way people write, they lead a
    # question put in other words than the section's to the section that answers it.
    asked = load_asked(path)
    unknown = {i for i, _ in asked} - {s.id for s in sections}
    if unknown:
        raise ValueError(f"{path}: no section with id {', '.join(sorted(unknown))}")
    return [
        s.model_copy(update={"asked": asked[(s.id, s.lang)]}) if (s.id, s.lang) in asked else s
        for s in sections
    ]
