"""Plain-text rendering for the terminal demo (works the same with or without a TTY)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.facts import Reading
from bot.core.replies import AnswerReply, NoticeReply, QuestionReply
from bot.render.card import CardView, source_items
from bot.render.readings import fact_label, labelled_choices, value_label
from bot.texts import Texts

RULE = "─" * 60


def render_question(q: QuestionReply, t: Texts) -> str:
    lines = [f"[{t.get('ui.question_progress', n=q.number, max=q.max_questions)}]"]
    if q.hint.strip():
        lines.append(t.get("ui.question_hint", quote=" ".join(q.hint.split())))
    lines.append(q.question.text)
    if q.question.why:
        lines.append(f"  ({q.question.why})")
    for i, opt in enumerate(q.question.options, start=1):
        guess = f"  <- {t.get('ui.suggested_mark')}" if opt.choice == q.suggested else ""
        lines.append(f"  {i}) {opt.label}{guess}")
    lines.append(f"  s) {t.get('ui.skip')}   d) {t.get('ui.decide_now')}")
    return "\n".join(lines)


def render_answer(a: AnswerReply, t: Texts) -> str:
    cites = f"  [{', '.join(a.answer.citations)}]" if a.answer.citations else ""
    return f"{a.answer.text}{cites}"


def render_notice(n: NoticeReply, t: Texts) -> str:
    return t.get(f"notice.{n.key}")


def reading_line(r: Reading, t: Texts) -> str:
    """``documents change: often — from “…”``, marked when unsure."""
    line = f"{fact_label(t, r.fact)}: {value_label(t, r.fact, r.value)}"
    quote = " ".join(r.quote.split())
    if quote:
        line += " — " + t.get("ui.understood_from", quote=quote)
    if not r.sure:
        line += f" ({t.get('ui.understood_unsure')})"
    return line


def render_understood(readings: Sequence[Reading], t: Texts) -> str:
    """What was understood (an ``UnderstoodReply``'s readings), numbered so ``e N`` can name
    one."""
    lines = [f"{t.get('ui.understood_title')}:"]
    lines += [f"  {i}. {reading_line(r, t)}" for i, r in enumerate(readings, start=1)]
    lines.append(f"  ({t.get('ui.understood_edit_hint')})")
    return "\n".join(lines)


def render_corrections(r: Reading, n: int, t: Texts) -> str:
    """What reading ``n`` can be corrected to, numbered for ``e n M``."""
    lines = [f"{n}. {reading_line(r, t)}", t.get("ui.edit_pick", n=n)]
    lines += [f"  {i}) {label}" for i, (_, label) in enumerate(labelled_choices(t, r), start=1)]
    return "\n".join(lines)


def render_card(card: CardView, t: Texts) -> str:
    def h(key: str) -> str:
        return t.get(f"heading.{key}")

    out = [RULE, f"{h('recommendation')}: {card.title}", card.summary]
    if card.change_note:
        out.append(f"{h('changed')}: {card.change_note}")
        out += [f"  {line}" for line in card.changed_answers]
    if card.rationale:
        out += ["", f"{h('rationale')}:", card.rationale]
    out += ["", f"{h('plan')}:"]
    out += [f"  {p.stage}: {p.text}" for p in card.plan]
    out += ["", f"{h('why')}:"]
    out += [
        f"  • {r.text} [{'; '.join(r.kb_titles)}]" if r.kb_titles else f"  • {r.text}"
        for r in card.reasons
    ]
    if card.based_on:
        out += ["", f"{h('based_on')}:"]
        for b in card.based_on:
            quote = " ".join(b.quote.split())
            said = f" — {t.get('ui.understood_from', quote=quote)}" if quote else ""
            mark = f" ({t.get('ui.corrected_mark')})" if b.corrected else ""
            out.append(f"  • {b.fact}: {b.value}{said}{mark}")
    if card.unconfirmed:
        out += ["", f"{h('unconfirmed')}:"] + [f"  • {u}" for u in card.unconfirmed]
    if card.assumptions:
        out += ["", f"{h('assumed')}:"] + [f"  • {a}" for a in card.assumptions]
    if card.flips:
        out += ["", f"{h('flips')}:"] + [f"  • {f}" for f in card.flips]
    out += ["", f"{h('risks')}:"] + [f"  • {r.text}" for r in card.risks]
    if card.gaps:
        out += ["", f"{h('gaps')}:"] + [f"  • {g.text}" for g in card.gaps]
    out += ["", f"{h('next')}:"] + [f"  {i}. {s}" for i, s in enumerate(card.next_steps, 1)]
    if card.sources:
        out += ["", f"{h('sources')}: {'; '.join(source_items(card, t))}"]
    out.append(RULE)
    return "\n".join(out)
