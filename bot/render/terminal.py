"""Plain-text rendering for the terminal demo (works the same with or without a TTY)."""

from __future__ import annotations

from bot.core.consultation import AnswerReply, NoticeReply, QuestionReply
from bot.render.card import CardView
from bot.texts import Texts

RULE = "─" * 60


def render_question(q: QuestionReply, t: Texts) -> str:
    lines = [f"[{t.get('ui.question_progress', n=q.number, max=q.max_questions)}]", q.question.text]
    if q.question.why:
        lines.append(f"  ({q.question.why})")
    for i, opt in enumerate(q.question.options, start=1):
        lines.append(f"  {i}) {opt.label}")
    lines.append(f"  s) {t.get('ui.skip')}   d) {t.get('ui.decide_now')}")
    return "\n".join(lines)


def render_answer(a: AnswerReply, t: Texts) -> str:
    cites = f"  [{', '.join(a.answer.citations)}]" if a.answer.citations else ""
    return f"{a.answer.text}{cites}"


def render_notice(n: NoticeReply, t: Texts) -> str:
    return t.get(f"notice.{n.key}")


def render_card(card: CardView, t: Texts) -> str:
    def h(key: str) -> str:
        return t.get(f"heading.{key}")

    out = [RULE, f"{h('recommendation')}: {card.title}  ({card.outcome})", card.summary]
    if card.change_note:
        out.append(f"{h('changed')}: {card.change_note}")
        if card.changed_facts:
            out.append("  " + ", ".join(card.changed_facts))
    if card.rationale:
        out += ["", f"{h('rationale')}:", card.rationale]
    out += ["", f"{h('plan')}:"]
    out += [f"  {p.stage}: {p.text}" for p in card.plan]
    out += ["", f"{h('why')}:"]
    out += [f"  • {r.text} [{', '.join(r.kb)}]" for r in card.reasons]
    if card.assumptions:
        out += ["", f"{h('assumed')}:"] + [f"  • {a}" for a in card.assumptions]
    if card.flips:
        out += ["", f"{h('flips')}:"] + [f"  • {f}" for f in card.flips]
    out += ["", f"{h('risks')}:"] + [f"  • {r.text}" for r in card.risks]
    if card.gaps:
        out += ["", f"{h('gaps')}:"] + [f"  • {g.text}" for g in card.gaps]
    out += ["", f"{h('next')}:"] + [f"  {i}. {s}" for i, s in enumerate(card.next_steps, 1)]
    out += ["", f"{h('sources')}: " + "; ".join(f"{k} ({title})" for k, title in card.sources)]
    out.append(RULE)
    return "\n".join(out)
