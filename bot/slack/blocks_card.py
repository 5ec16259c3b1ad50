"""The decision card: its sections, its actions (revise, restart, export, share) and the
message metadata it carries."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.core.facts import ASKABLE, FactName, Goal
from bot.render.card import Basis, CardView, metadata_facts, source_items
from bot.slack.blocks_parts import (
    EVENT_TYPE,
    EXPORT_ACTION,
    MAX_CONFIRM_BUTTON,
    MAX_CONFIRM_TEXT,
    MAX_CONFIRM_TITLE,
    MAX_GROUP_LABEL,
    MAX_PLACEHOLDER,
    MAX_SELECT_OPTIONS,
    RESTART_ACTION,
    REVISE_ACTION,
    REVISE_SEPARATOR,
    SHARE_ACTION,
    SHARED_EXPORT_ACTION,
    SHARED_NEW_ACTION,
    Block,
    SlackMessage,
    _actions,
    _button,
    _check_consultation_id,
    _context,
    _divider,
    _fallback,
    _feedback,
    _from,
    _header,
    _option,
    _plain,
    _section,
    _sources_line,
    _titled,
)
from bot.slack.blocks_text import _md, _one_line, escape
from bot.texts import Texts

_ALL_GOALS = frozenset(g.value for g in Goal)


def _current_choice(facts: Mapping[str, object], fact: FactName) -> str | None:
    """The ``ASKABLE`` choice the facts currently hold for ``fact``, if any."""
    if fact is FactName.TOP_GOAL:
        top = facts.get(FactName.TOP_GOAL.value)
        if isinstance(top, str):
            return top
        goals = facts.get(FactName.GOALS.value)
        if isinstance(goals, list) and set(goals) == _ALL_GOALS:
            return "all"
        return None
    value = facts.get(fact.value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value if isinstance(value, str) else None


def revise_value(consultation_id: str, fact: FactName, choice: str) -> str:
    """The value of a "revise an answer" option: ``<consultation id>|<fact>|<choice>``."""
    return REVISE_SEPARATOR.join((consultation_id, fact.value, choice))


def _revise_select(card: CardView, t: Texts, cid: str) -> Block:
    groups: list[Block] = []
    count = 0
    for fact, choices in ASKABLE.items():
        current = _current_choice(card.facts, fact)
        options: list[Block] = []
        for choice in choices:
            if count == MAX_SELECT_OPTIONS:
                break
            label = t.option_label(fact.value, choice)
            if choice == current:
                label = f"✓ {label}"
            options.append(_option(label, revise_value(cid, fact, choice)))
            count += 1
        if options:
            group = _plain(t.get(f"fact.{fact.value}"), MAX_GROUP_LABEL)
            groups.append({"label": group, "options": options})
    return {
        "action_id": REVISE_ACTION,
        "option_groups": groups,
        "placeholder": _plain(t.get("ui.revise_placeholder"), MAX_PLACEHOLDER),
        "type": "static_select",
    }


def _restart_confirm(t: Texts) -> Block:
    return {
        "title": _plain(t.get("ui.restart_confirm_title"), MAX_CONFIRM_TITLE),
        "text": _plain(t.get("ui.restart_confirm_text"), MAX_CONFIRM_TEXT),
        "confirm": _plain(t.get("ui.restart_confirm_yes"), MAX_CONFIRM_BUTTON),
        "deny": _plain(t.get("ui.cancel"), MAX_CONFIRM_BUTTON),
    }


def decision_metadata(card: CardView, consultation_id: str, revision: int) -> dict[str, Any]:
    """Slack message metadata for a decision card (public contract, DESIGN.md section 2).

    Anyone in the workspace can read message metadata, so it carries codes and ids only: the
    facts as codes, never the use case or other words the user typed."""
    return {
        "event_type": EVENT_TYPE,
        "event_payload": {
            "recommendation": card.outcome,
            "consultation_id": consultation_id,
            "language": card.lang,
            "revision": revision,
            "facts": metadata_facts(card.facts),
        },
    }


def _basis_line(basis: Basis, t: Texts) -> str:
    value = _md(_one_line(basis.value), 300)
    mark = f" ({t.get('ui.corrected_mark')})" if basis.corrected else ""
    return f"• {escape(_one_line(basis.fact))}: {value}{_from(basis.quote, t)}{mark}"


def card_message(
    card: CardView,
    t: Texts,
    consultation_id: str,
    *,
    in_dm: bool,
    revision: int,
    shared: bool = False,
) -> SlackMessage:
    """The decision card: sections mirroring the terminal card, then the card's actions.

    ``shared``: a copy posted into a channel, whose buttons act for whoever presses them.
    """
    cid = _check_consultation_id(consultation_id)

    def h(key: str) -> str:
        return t.get(f"heading.{key}")

    blocks: list[Block] = [_header(card.title), _section(escape(card.summary))]
    use_case = card.facts.get(FactName.USE_CASE.value)
    if isinstance(use_case, str) and use_case.strip():
        blocks.append(
            _context(f"{escape(t.get('fact.use_case'))}: {_md(_one_line(use_case), 500)}")
        )
    if card.change_note:
        lines = [escape(card.change_note)]
        lines += [f"_{escape(_one_line(line))}_" for line in card.changed_answers]
        blocks.append(_section(_titled(h("changed"), lines)))
    if card.rationale and card.rationale.strip():
        blocks.append(_section(_titled(h("rationale"), [escape(card.rationale.strip())])))
    sections: list[tuple[str, list[str]]] = [
        ("plan", [f"• *{escape(p.stage)}*: {escape(p.text)}" for p in card.plan]),
        (
            "why",
            [
                f"• {escape(r.text)}"
                + (f" [{escape('; '.join(r.kb_titles))}]" if r.kb_titles else "")
                for r in card.reasons
            ],
        ),
        ("based_on", [_basis_line(b, t) for b in card.based_on]),
        ("unconfirmed", [f"• {escape(u)}" for u in card.unconfirmed]),
        ("assumed", [f"• {escape(a)}" for a in card.assumptions]),
        ("flips", [f"• {escape(f)}" for f in card.flips]),
        ("risks", [f"• {escape(r.text)}" for r in card.risks]),
        ("gaps", [f"• {escape(g.text)}" for g in card.gaps]),
        ("next", [f"{i}. {escape(s)}" for i, s in enumerate(card.next_steps, 1)]),
    ]
    blocks += [_section(_titled(h(key), lines)) for key, lines in sections if lines]
    sources = _sources_line(t, [escape(item) for item in source_items(card, t)])
    if sources:
        blocks.append(_context(sources))
    blocks.append(_divider())
    if shared:
        own = [
            _button(t.get("ui.export"), SHARED_EXPORT_ACTION, cid),
            _button(t.get("ui.start_own"), SHARED_NEW_ACTION, cid, style="primary"),
        ]
        blocks.append(_actions(own))
    else:
        blocks.append(
            _actions(
                [
                    _revise_select(card, t, cid),
                    _button(t.get("ui.restart"), RESTART_ACTION, cid, confirm=_restart_confirm(t)),
                    _button(t.get("ui.export"), EXPORT_ACTION, cid),
                ]
            )
        )
    blocks.append(_feedback(t, cid))
    if in_dm and not shared:
        share = {
            "action_id": SHARE_ACTION,
            "filter": {"exclude_bot_users": True, "include": ["public", "private"]},
            "placeholder": _plain(t.get("ui.share_placeholder"), MAX_PLACEHOLDER),
            "type": "conversations_select",
        }
        blocks.append(_actions([share]))
    return SlackMessage(
        text=_fallback(f"{h('recommendation')}: {card.title}"),
        blocks=blocks,
        metadata=decision_metadata(card, cid, revision),
    )
