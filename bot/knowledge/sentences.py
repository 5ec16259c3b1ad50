"""The quotable sentences of a section's markdown, with what each is about."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from bot.knowledge.screen import width

_FRONT_MATTER = re.compile(r"\A\s*---\n.*?\n---\s*\n", re.DOTALL)
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+")
_LABEL = re.compile(r"^\*\*(.+?)\*\*\s*(.*)$")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_EMPHASIS = re.compile(r"\*\*|__|`")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")

# Labels that open a myth (context for the correction that follows, never quoted alone), a
# FAQ's question (context), and a FAQ's answer (dropped, the text speaks for itself).
_MYTH = frozenset({"myth", "오해"})
_QUESTION = frozenset({"question", "질문"})
_ANSWER = frozenset({"answer", "답변"})
# Words that make an English label a clause; a Korean one ends as a clause does.
_FINITE = frozenset(
    re.findall(
        r"\S+",
        """is are was were be has have had must can should will need needs keep keeps arrives
        changes matters works fits helps makes takes""",
    )
)
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
# A clause that cannot stand alone: it opens with a subordinating word and no main clause
# follows it ("When answers must reflect the latest documents."), or, in Korean, it ends
# without a sentence ending ("답변에 최신 문서 내용이 반영되어야 할 때").
_SUBORDINATE = re.compile(
    r"(?:when|whenever|if|unless|once|while|where|because|since|although|though|after|before"
    r"|until|whether)\b",
    re.IGNORECASE,
)
_MAIN_CLAUSE = re.compile(r"[,:;]")
_KO_ENDED = re.compile(r"(?:다|요|죠|까|오|라|네|자)[.!?]*$")
_KO_CLAUSE = re.compile(r"(?:다|때|요|가|까|지)$")
# The sentence that opens a list of items that have no labels is quoted alone when it is this
# long: shorter ones ("Why this matters:") announce the list and say nothing.
MIN_LEAD_WORDS = 6
# What only announces the list that follows ("the reasons are as follows", "이렇습니다").
_ANNOUNCES = re.compile(r"\bas follows\b|\blike this\b|\bthe following\b|다음과 같|이렇습니다")
# What tells the reader to do what the list then says ("To decide, apply the same habits:",
# "직접 판단하려면 … 적용하세요."): alone it names no one thing to do. In English, after a clause
# that sets its purpose or time, the main clause opens with its verb and that verb's object (no
# subject: "teams usually start" is a statement); in Korean, it ends in a polite imperative.
_INSTRUCTS = re.compile(
    r"^(?:to|before|after|when|once|if)\b[^,]*,\s+(?!(?:the|an?|this|that|these|those|it|its|they"
    r"|their|we|our|you|your|i|he|she|each|every|most|some|many|all|one|no|there)\b)[a-z]+"
    r"\s+(?:the|an?|this|that|these|those|your|our|each|every|what|how)\b"
    r"|(?:세요|십시오|하시오)$"
)
# A list's items named in one line: only when that line stays short.
MAX_SUMMARY_WIDTH = 380
# Items named without a sentence ("Purpose: what the output is for") are summed up only when
# each gloss is this short; longer ones are definitions that need their text.
MAX_GLOSS_WIDTH = 70


@dataclass(frozen=True)
class Unit:
    """One quotable sentence of a section, with the text that tells what it is about.

    ``block`` numbers the paragraphs and list items of the section; ``order`` the units.
    """

    source: str
    block: int
    order: int
    text: str
    context: str = ""
    # A step of a numbered list, or such a list summed up: how something is done.
    step: bool = False
    # What a myth's correction or a FAQ's answer says: the point of its section.
    point: bool = False
    # The list the unit belongs to (the block of its first item), if any; and whether it is
    # that list summed up in one sentence.
    group: int = -1
    summary: bool = False
    # An item's first sentence without its label, where the label is a sentence of its own
    # ("Have you split the goal?"): after the summary that names it, the text alone reads on.
    bare: str = ""
    # A list summed up by its items' headings ("Prompting's hidden cost; Data quality risk"),
    # not by what they say: it tells what the list holds, and answers only a question that
    # asks for the list.
    headings: bool = False
    # An item that is no sentence alone, quoted with the line that introduced its list
    # ("When it helps: when answers…"): that line, which the item's ``bare`` text goes without.
    lead: str = ""
    # The sentence that tells the reader to do what its list then says ("To decide, apply the
    # same habits"): it names no one thing to do, so it is quoted only for a word of the
    # question.
    instructs: bool = False


@dataclass
class _Line:
    item: bool
    label: str
    body: str
    numbered: bool = False


def _plain(text: str) -> str:
    return " ".join(_EMPHASIS.sub("", _LINK.sub(r"\1", text)).split())


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    for raw in _FRONT_MATTER.sub("", text, count=1).splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", "|", "```", "---", ">")):
            continue
        item = bool(_BULLET.match(line))
        numbered = bool(_NUMBERED.match(line))
        line = _BULLET.sub("", line)
        label, rest = "", line
        if m := _LABEL.match(line):
            label, rest = _plain(m.group(1)), m.group(2)
        out.append(_Line(item, label, _plain(rest), numbered))
    return out


def _labelled(label: str, body: str) -> str:
    """A bold label and the text after it as one sentence: "Fine-tuning: you train…"."""
    if not label:
        return body
    if body.startswith((":", ",", ";")):
        return f"{label}{body}"
    if label.endswith("."):
        return f"{label.removesuffix('.')}: {body}"
    return f"{label} {body}"


def _headline(line: _Line) -> str:
    """What a list item is, in a few words: its label, or its label and where it points."""
    if line.body.startswith("→"):
        return f"{line.label} {_sentences(line.body)[0].rstrip('.')}"
    return line.label.rstrip(".:")


def _summary(source: str, block: int, lead: str, items: list[_Line], group: int) -> Unit | None:
    """A list in one sentence, "Run three checks: A? B? C?", when its items have labels that
    say what each is: a sentence of their own, or a name with a short gloss."""
    if not lead or not items or not all(i.label for i in items):
        return None
    sentence_like = all(i.label.endswith((".", "?")) or i.body.startswith("→") for i in items)
    if not sentence_like and any(width(i.body) > MAX_GLOSS_WIDTH for i in items):
        return None
    heads = [_headline(i) for i in items]
    joined = " ".join(heads) if all(h.endswith("?") for h in heads) else "; ".join(heads) + "."
    text = f"{lead.rstrip('.:')}: {joined}"
    if width(text) > MAX_SUMMARY_WIDTH:
        return None
    steps = all(i.numbered for i in items)
    return Unit(
        source,
        block,
        0,
        text,
        step=steps,
        group=group,
        summary=True,
        headings=sentence_like and not steps and not all(_says(i) for i in items),
    )


def _lead_alone(source: str, block: int, lead: str, items: list[_Line]) -> Unit | None:
    """The sentence that introduced a list of items without labels, which no line sums up: it
    says what it says alone ("The right pick depends on the type of task rather than on which
    model is best overall")."""
    if not lead or any(i.label for i in items):
        return None
    text = lead.rstrip(" :.")
    return Unit(source, block, 0, f"{text}.", instructs=bool(_INSTRUCTS.search(text.casefold())))


def _says(line: _Line) -> bool:
    """An item's label says something (a clause: "Prompting has hit its limit.", "실험을 재빨리
    돌려 봐야 할 때."), rather than naming a heading ("Data quality risk.", "맥락 레이어 분리.")."""
    label = line.label.rstrip(".:").strip()
    if line.label.endswith("?") or line.body.startswith("→"):
        return True
    if _HANGUL.search(label):
        return bool(_KO_CLAUSE.search(label))
    return any(w in _FINITE for w in label.casefold().split())


def fragment(text: str) -> bool:
    """``text`` is a clause that does not stand alone as a sentence (see _SUBORDINATE)."""
    if _HANGUL.search(text):
        return not _KO_ENDED.search(text.rstrip())
    return bool(_SUBORDINATE.match(text)) and not _MAIN_CLAUSE.search(text)


def led(lead: str, *fragments: str) -> str:
    """Fragments with the line that introduced their list: "When it helps: when answers must
    reflect the latest documents; when answers need supporting evidence."."""
    cut = [(f[:1].lower() if f[1:2].islower() else f[:1]) + f[1:].rstrip(" .") for f in fragments]
    joint = ", " if any(_HANGUL.search(f) for f in cut) else "; "
    return f"{lead.rstrip(' .:')}: {joint.join(cut)}."


def units(section_id: str, text: str) -> list[Unit]:
    """The quotable sentences of a section's markdown body, in order."""
    lines = _lines(text)
    out: list[Unit] = []
    lead = ""  # the sentence that introduced the list being read
    lead_block = 0  # where that sentence stood: the list's summary stands there too
    said = False  # that sentence is a sentence of the text, not a heading
    aside = ""  # a myth or a FAQ's question: what the next paragraph answers
    items: list[_Line] = []
    list_block = 0

    def close_list() -> None:
        nonlocal items
        summary = _summary(section_id, lead_block, lead, items, list_block) or _lead_alone(
            section_id, lead_block, lead if said else "", items
        )
        if summary is not None:
            at = next((i for i, u in enumerate(out) if u.block >= list_block), len(out))
            out.insert(at, summary)
        items = []

    for block, line in enumerate(lines):
        key = line.label.rstrip(".:?").strip().casefold()
        if key in _MYTH or key in _QUESTION:
            aside = line.body
            continue
        label = "" if key in _ANSWER else line.label
        if line.item:
            if not items:
                list_block = block
            items.append(line)
            parts = _sentences(line.body)
            bare = parts[0] if parts and label.endswith((".", "?")) else ""
            if parts:
                parts[0] = _labelled(label, parts[0])
            opened = ""
            if not label and parts and fragment(parts[0]):
                # An item that is no sentence ("When answers must reflect the latest
                # documents.") is quoted with the line that introduced its list, or not at all.
                if lead:
                    opened, bare, parts[0] = lead, parts[0], led(lead, parts[0])
                else:
                    parts.pop(0)
            context = " ".join(x for x in (lead, aside) if x)
            out += [
                Unit(
                    section_id,
                    block,
                    0,
                    p,
                    context,
                    line.numbered,
                    group=list_block,
                    bare=bare if i == 0 else "",
                    lead=opened if i == 0 else "",
                )
                for i, p in enumerate(parts)
            ]
            continue
        if items:
            close_list()
        opens_list = block + 1 < len(lines) and lines[block + 1].item
        if label and not line.body:
            # A bold heading of its own ("When it helps:") introduces what follows.
            lead, lead_block, said = (label if opens_list else ""), block, False
            continue
        parts = _sentences(line.body)
        if parts:
            parts[0] = _labelled(label, parts[0])
        # The sentence that opens a list ("run three checks:", "다음과 같습니다") is quoted only
        # with the list, in its summary; alone it announces what it does not say.
        lead, lead_block = (parts.pop() if opens_list and parts else ""), block
        said = len(lead.split()) >= MIN_LEAD_WORDS and not _ANNOUNCES.search(lead)
        # Only the first sentence makes the point (or answers the question) set up before.
        out += [
            Unit(section_id, block, 0, p, aside if i == 0 else "", point=bool(aside) and i == 0)
            for i, p in enumerate(parts)
        ]
        aside = ""
    if items:
        close_list()
    return [dataclasses.replace(u, order=n) for n, u in enumerate(out)]
