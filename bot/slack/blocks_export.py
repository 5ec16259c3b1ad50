"""The decision record: an ADR-style Markdown document, and the message that shows Markdown
verbatim in code blocks."""

from __future__ import annotations

from bot.core.facts import ASKABLE, FactName
from bot.render.card import CardView
from bot.slack.blocks_parts import (
    MAX_BLOCKS,
    MAX_SECTION_TEXT,
    SlackMessage,
    _fallback,
    _section,
)
from bot.slack.blocks_text import _ENTITY, _LONGEST_ENTITY, _nonblank, _one_line, escape
from bot.texts import Texts

# Looks like a backtick but does not open or close a Markdown code span or fence.
_BACKTICK_STANDIN = "ˋ"


def _fact_value(t: Texts, key: str, value: object) -> str:
    option_fact = FactName.TOP_GOAL.value if key == FactName.GOALS.value else key
    askable = {f.value for f in ASKABLE}

    def one(v: object) -> str:
        if isinstance(v, bool):
            return t.option_label(FactName.EVAL_SET.value, "yes" if v else "no")
        if isinstance(v, str) and option_fact in askable:
            return t.option_label(option_fact, v)
        return str(v)

    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(one(v) for v in value)
    return one(value)


def _fact_label(t: Texts, key: str) -> str:
    try:
        return t.get(f"fact.{key}")
    except KeyError:
        return key


def adr_markdown(card: CardView, t: Texts, consultation_id: str, date: str) -> str:
    """An architecture-decision-record style Markdown document for the card.

    Plain Markdown (not mrkdwn-escaped); backticks are replaced so it can sit in a code block.
    Slack still parses ``<!channel>``-style sequences inside code blocks, so a caller that posts
    it as message text must pass it through :func:`escape` (Slack shows the entities decoded);
    uploaded as a file it needs nothing more.
    """

    def h(key: str) -> str:
        return t.get(f"heading.{key}")

    def ui(key: str) -> str:
        return t.get(f"ui.{key}")

    out = [
        f"# {t.get('ui.adr_title', title=_one_line(card.title))}",
        "",
        f"- {ui('adr_status')}: {ui('adr_accepted')}",
        f"- {ui('adr_date')}: {_one_line(date)}",
        f"- {ui('adr_consultation')}: {_one_line(consultation_id)}",
        "",
        f"## {ui('adr_context')}",
        "",
    ]
    if card.facts:
        out += [
            f"- {_one_line(_fact_label(t, k))}: {_one_line(_fact_value(t, k, v))}"
            for k, v in card.facts.items()
        ]
    else:
        out.append(ui("adr_no_facts"))
    out += [
        "",
        f"## {ui('adr_decision')}",
        "",
        f"**{_one_line(card.title)}**",
        "",
        _one_line(card.summary),
    ]
    if card.change_note:
        changed = f" ({', '.join(card.changed_facts)})" if card.changed_facts else ""
        out += ["", f"{h('changed')}: {_one_line(card.change_note + changed)}"]
    if card.rationale and card.rationale.strip():
        out += ["", *(f"> {line}".rstrip() for line in card.rationale.strip().splitlines())]
    out += ["", f"### {h('why')}", ""]
    out += [
        f"- {_one_line(r.text)}" + "".join(f" [{_one_line(k)}]" for k in r.kb)
        for r in (*card.reasons, *card.more_reasons)
    ]
    out += ["", f"## {ui('adr_consequences')}", "", f"### {h('plan')}", ""]
    out += [f"- **{_one_line(p.stage)}**: {_one_line(p.text)}" for p in card.plan]
    # The record is complete: it also holds what the card left out to stay short.
    risks = (*card.risks, *card.more_risks)
    if risks:
        out += ["", f"### {h('risks')}", ""] + [f"- {_one_line(r.text)}" for r in risks]
    if card.gaps:
        out += ["", f"### {h('gaps')}", ""] + [f"- {_one_line(g.text)}" for g in card.gaps]
    steps = (*card.next_steps, *card.more_next_steps)
    if steps:
        out += ["", f"### {h('next')}", ""]
        out += [f"{i}. {_one_line(s)}" for i, s in enumerate(steps, 1)]
    out += ["", f"## {ui('adr_alternatives')}", ""]
    flips = (*card.flips, *card.more_flips)
    if flips:
        out += [f"### {h('flips')}", ""] + [f"- {_one_line(f)}" for f in flips] + [""]
    if card.unconfirmed:
        out += [f"### {h('unconfirmed')}", ""] + [f"- {_one_line(u)}" for u in card.unconfirmed]
        out.append("")
    if card.assumptions:
        out += [f"### {h('assumed')}", ""] + [f"- {_one_line(a)}" for a in card.assumptions]
        out.append("")
    if card.sources:
        out += [f"## {h('sources')}", ""]
        out += [f"- {_one_line(k)} — {_one_line(title)}" for k, title in card.sources]
    return "\n".join(out).rstrip().replace("`", _BACKTICK_STANDIN) + "\n"


def code_message(title: str, markdown: str) -> SlackMessage:
    """Markdown shown verbatim and whole: a title, then code blocks of at most Slack's section
    length, split between lines (escaped, since Slack parses ``<!…>`` in code blocks too).

    A decision record is a few thousand characters, far below the 49 blocks available; a text
    too long for one message is an error rather than silently cut.
    """
    fence = "```"
    room = MAX_SECTION_TEXT - 2 * len(fence)
    body = escape(markdown.replace(fence, "ˋˋˋ")).strip("\n")

    def pieces(line: str) -> list[str]:
        """A line longer than a block, cut where no ``&amp;``-style entity is split."""
        out: list[str] = []
        while len(line) > room:
            cut = room
            amp = line.rfind("&", cut - _LONGEST_ENTITY + 1, cut)
            if amp != -1 and (entity := _ENTITY.match(line, amp)) and entity.end() > cut:
                cut = amp
            out.append(line[:cut])
            line = line[cut:]
        return [*out, line]

    chunks: list[str] = []
    current: str | None = None
    for line in body.split("\n"):
        for piece in pieces(line):
            if current is not None and len(current) + 1 + len(piece) <= room:
                current = f"{current}\n{piece}"
            else:
                if current is not None:
                    chunks.append(current)
                current = piece
    if current is not None:
        chunks.append(current)
    if len(chunks) + 1 > MAX_BLOCKS:
        raise ValueError("text too long for one message")
    blocks = [_section(f"*{escape(title)}*")]
    blocks += [_section(f"{fence}{_nonblank(chunk, ' ')}{fence}") for chunk in chunks]
    return SlackMessage(text=_fallback(title), blocks=blocks)
