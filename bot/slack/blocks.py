"""Block Kit messages for every reply the bot posts. Pure: no I/O, no network.

Every piece of user-supplied or generated text goes through :func:`escape` before it lands in a
``mrkdwn`` text object (and the message's fallback ``text``), so ``<!channel>``, ``<@U1>``,
``<!subteam^S1>`` or ``<https://evil|docs>`` show up literally instead of pinging or linking.
``mrkdwn`` objects are also marked ``verbatim`` so Slack does not auto-link names or URLs in them.
``plain_text`` fields are not parsed by Slack; they are only clipped to Slack's length limits.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ConfirmObject,
    ContextActionsBlock,
    ContextBlock,
    ConversationFilter,
    ConversationSelectElement,
    DividerBlock,
    FeedbackButtonObject,
    FeedbackButtonsElement,
    HeaderBlock,
    MarkdownTextObject,
    Option,
    OptionGroup,
    OverflowMenuElement,
    PlainTextObject,
    SectionBlock,
    StaticSelectElement,
)

from bot.core.consultation import AnswerReply, NoticeReply, QuestionReply, UnderstoodReply
from bot.core.facts import ASKABLE, FactName, Goal, Lang, Reading
from bot.render.card import Basis, CardView, metadata_facts
from bot.render.readings import fact_label, labelled_choices, shown_readings, value_label
from bot.texts import Texts, texts

__all__ = [
    "DECIDE_NOW_ACTION",
    "EVENT_TYPE",
    "SlackMessage",
    "adr_markdown",
    "answer_message",
    "answered_message",
    "card_message",
    "clip",
    "code_message",
    "correct_value",
    "decision_metadata",
    "discussion_message",
    "escape",
    "escape_markdown",
    "greeting_message",
    "help_message",
    "history_message",
    "home_view",
    "not_owner_message",
    "notice_message",
    "question_message",
    "record_link_message",
    "revise_value",
    "root_message",
    "suggested_prompts",
    "understood_message",
]

# Public contract (DESIGN.md section 2).
DECIDE_NOW_ACTION = "decide_now"
EVENT_TYPE = "explainer_decision"

# Action ids the interactivity handlers route on.
SKIP_ACTION = "skip"
REVISE_ACTION = "revise"
RESTART_ACTION = "restart"
EXPORT_ACTION = "export"
FEEDBACK_UP_ACTION = "feedback_up"
FEEDBACK_DOWN_ACTION = "feedback_down"
# Slack's native thumbs (feedback_buttons); the value is ``id|up`` or ``id|down``.
FEEDBACK_ACTION = "feedback"
# The same thumbs under a side answer (a vote about the answers, not the card).
ANSWER_FEEDBACK_ACTION = "answer_feedback"
SHARE_ACTION = "share"
# On a card shared into a channel: act for whoever presses, never on the original.
SHARED_EXPORT_ACTION = "shared_export"
SHARED_NEW_ACTION = "shared_new"
ANSWER_ACTION_PREFIX = "answer"
# One per reading of "Here is what I understood"; the value is ``id|fact|choice``.
CORRECT_ACTION = "correct"

# Slack's limits (https://docs.slack.dev/reference/block-kit).
MAX_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
MAX_SECTION_TEXT = 3000
MAX_CONTEXT_TEXT = 3000
MAX_CONTEXT_ELEMENTS = 10
MAX_HEADER_TEXT = 150
MAX_BUTTON_TEXT = 75
MAX_ACTION_ELEMENTS = 25
MAX_ACTION_ID = 255
MAX_OPTION_TEXT = 75
MAX_OPTION_VALUE = 150
MAX_SELECT_OPTIONS = 100
MIN_OVERFLOW_OPTIONS = 2
MAX_OVERFLOW_OPTIONS = 5
MAX_GROUP_LABEL = 75
MAX_PLACEHOLDER = 150
MAX_CONFIRM_TITLE = 100
MAX_CONFIRM_TEXT = 300
MAX_CONFIRM_BUTTON = 30
# The fallback ``text`` may be 40,000 characters, but notifications only ever show the start.
MAX_FALLBACK_TEXT = 3000

# Ours: a consultation id travels in button values and in ``id|fact|choice`` select values.
MAX_CONSULTATION_ID = 100
REVISE_SEPARATOR = "|"
MAX_ROOT_QUOTE = 500
MAX_HISTORY_ITEMS = 20
# More lines than this stop being a glance; the rest are still used, just not listed.
MAX_READINGS = 10
ELLIPSIS = "…"

_USER_ID = re.compile(r"^[UW][A-Z0-9]+$")
_ENTITY = re.compile(r"&(?:amp|lt|gt);")
_LONGEST_ENTITY = len("&amp;")
# Looks like a backtick but does not open or close a Markdown code span or fence.
_BACKTICK_STANDIN = "ˋ"


@dataclass(frozen=True)
class SlackMessage:
    """What ``chat.postMessage`` needs: fallback ``text``, ``blocks`` and optional ``metadata``."""

    text: str
    blocks: list[dict[str, Any]]
    metadata: dict[str, Any] | None = None


# ---------------------------------------------------------------------------------------------
# Text helpers


def escape(text: str) -> str:
    """Escape untrusted text for mrkdwn: ``&``, ``<`` and ``>`` become entities."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_markdown(text: str) -> str:
    """Escape untrusted text for a streamed (Markdown) message: entities as in mrkdwn, and
    brackets, so no ``[label](url)`` or ``![image](url)`` becomes a link.

    Character by character, so it holds when a link arrives split over several pieces.
    """
    return escape(text).replace("[", "\\[").replace("]", "\\]")


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, ending in "…" when cut.

    Safe on escaped text: a cut never splits an ``&amp;``/``&lt;``/``&gt;`` entity.
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    if len(text) <= limit:
        return text
    cut = limit - len(ELLIPSIS)
    amp = text.rfind("&", max(0, cut - _LONGEST_ENTITY + 1), cut)
    if amp != -1:
        entity = _ENTITY.match(text, amp)
        if entity is not None and entity.end() > cut:
            cut = amp
    return text[:cut].rstrip() + ELLIPSIS


def _md(text: str, limit: int) -> str:
    """Escaped and clipped (entity-safe) mrkdwn from untrusted text."""
    return clip(escape(text), limit)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _nonblank(text: str, fallback: str = ELLIPSIS) -> str:
    """Slack rejects empty text objects."""
    return text if text.strip() else fallback


def _mrkdwn(text: str) -> MarkdownTextObject:
    return MarkdownTextObject(text=_nonblank(text), verbatim=True)


def _plain(text: str, limit: int) -> PlainTextObject:
    return PlainTextObject(text=clip(_nonblank(_one_line(text)), limit), emoji=True)


def _section(text: str) -> SectionBlock:
    """A section from already-escaped mrkdwn, clipped to Slack's limit."""
    return SectionBlock(text=_mrkdwn(clip(text, MAX_SECTION_TEXT)))


def _context(*parts: str) -> ContextBlock:
    """A context block from already-escaped mrkdwn parts (empty ones dropped)."""
    elements = [_mrkdwn(clip(p, MAX_CONTEXT_TEXT)) for p in parts if p.strip()] or [
        _mrkdwn(ELLIPSIS)
    ]
    return ContextBlock(elements=elements[:MAX_CONTEXT_ELEMENTS])


def _header(text: str) -> HeaderBlock:
    return HeaderBlock(text=_plain(text, MAX_HEADER_TEXT))


def _button(
    text: str,
    action_id: str,
    value: str,
    *,
    style: str | None = None,
    confirm: ConfirmObject | None = None,
) -> ButtonElement:
    return ButtonElement(
        text=_plain(text, MAX_BUTTON_TEXT),
        action_id=action_id,
        value=value,
        style=style,
        confirm=confirm,
    )


def _fallback(text: str) -> str:
    return _md(_nonblank(_one_line(text)), MAX_FALLBACK_TEXT)


def _dicts(blocks: Iterable[Block]) -> list[dict[str, Any]]:
    return [b.to_dict() for b in blocks]


def _feedback(t: Texts, cid: str, action_id: str = FEEDBACK_ACTION) -> ContextActionsBlock:
    """Slack's own thumbs up and down, under the message."""
    return ContextActionsBlock(
        elements=[
            FeedbackButtonsElement(
                action_id=action_id,
                positive_button=FeedbackButtonObject(
                    text=_plain(t.get("ui.feedback_up"), MAX_BUTTON_TEXT),
                    value=f"{cid}{REVISE_SEPARATOR}up",
                ),
                negative_button=FeedbackButtonObject(
                    text=_plain(t.get("ui.feedback_down"), MAX_BUTTON_TEXT),
                    value=f"{cid}{REVISE_SEPARATOR}down",
                ),
            )
        ]
    )


def _check_consultation_id(consultation_id: str) -> str:
    if (
        not consultation_id
        or len(consultation_id) > MAX_CONSULTATION_ID
        or REVISE_SEPARATOR in consultation_id
    ):
        raise ValueError(f"unusable consultation id {consultation_id!r}")
    return consultation_id


def _pack(lines: Sequence[str], limit: int = MAX_SECTION_TEXT) -> list[str]:
    """Escaped lines packed into as few texts of at most ``limit`` characters as possible."""
    chunks: list[str] = []
    current = ""
    for line in lines:
        line = clip(line, limit)
        if current and len(current) + 1 + len(line) > limit:
            chunks.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current:
        chunks.append(current)
    return chunks


# ---------------------------------------------------------------------------------------------
# Questions, answers, notices


def question_message(reply: QuestionReply, t: Texts, consultation_id: str) -> SlackMessage:
    """The question, why it matters, progress, one button per option, skip and decide now."""
    cid = _check_consultation_id(consultation_id)
    q = reply.question
    asked = f"*{_md(_nonblank(q.text), MAX_SECTION_TEXT - 2)}*"
    if reply.hint.strip():
        hint = t.get("ui.question_hint", quote=_one_line(reply.hint))
        asked = f"{_md(hint, MAX_SECTION_TEXT // 2)}\n{asked}"
    progress = t.get("ui.question_progress", n=reply.number, max=reply.max_questions)
    buttons: list[ButtonElement] = []
    seen: set[str] = set()
    room = MAX_ACTION_ELEMENTS - 2  # skip and decide now always fit
    for opt in q.options:
        action_id = f"{ANSWER_ACTION_PREFIX}:{q.fact.value}:{opt.choice}"
        if action_id in seen or len(action_id) > MAX_ACTION_ID or len(buttons) == room:
            continue
        seen.add(action_id)
        # A confirm question stresses what the reader guessed from the user's words.
        style = "primary" if opt.choice == reply.suggested else None
        buttons.append(_button(opt.label, action_id, cid, style=style))
    buttons.append(_button(t.get("ui.skip"), SKIP_ACTION, cid))
    buttons.append(_button(t.get("ui.decide_now"), DECIDE_NOW_ACTION, cid, style="primary"))
    if reply.repeat:
        # After a side answer or a correction: the open question again, in one compact line.
        back = t.get("ui.question_again", n=reply.number)
        line = f"{_md(back, 200)} {asked}"
        compact: list[Block] = [_section(line), ActionsBlock(elements=buttons)]
        return SlackMessage(text=_fallback(f"{back} {q.text}"), blocks=_dicts(compact))
    blocks: list[Block] = [
        _section(asked),
        _context(_md(q.why, MAX_CONTEXT_TEXT), escape(progress)),
        ActionsBlock(elements=buttons),
        _context(escape(t.get("ui.free_text_hint"))),
    ]
    return SlackMessage(text=_fallback(f"{progress}: {q.text}"), blocks=_dicts(blocks))


def _sources_line(t: Texts, items: Sequence[str]) -> str:
    """``*Sources*: a; b`` from already-escaped items, or "" when there are none."""
    if not items:
        return ""
    return f"*{escape(t.get('heading.sources'))}*: " + "; ".join(items)


def answer_message(
    reply: AnswerReply,
    t: Texts,
    kb_title: Callable[[str], str],
    consultation_id: str | None = None,
) -> SlackMessage:
    """A side question's answer, with the knowledge-base sections it cites (and, within a
    consultation, thumbs up and down)."""
    a = reply.answer
    text = _nonblank(a.text, t.get("notice.not_covered"))
    cites = dict.fromkeys(a.citations)
    # Titles read better on a phone than ids; the id stays for whoever wants to look it up.
    sources = [f"{escape(kb_title(k))} `{escape(k)}`" for k in cites]
    blocks: list[Block] = [_section(escape(text))]
    if sources:
        blocks.append(_context(_sources_line(t, sources)))
    if consultation_id is not None:
        cid = _check_consultation_id(consultation_id)
        blocks.append(_feedback(t, cid, ANSWER_FEEDBACK_ACTION))
    return SlackMessage(text=_fallback(text), blocks=_dicts(blocks))


def notice_message(reply: NoticeReply, t: Texts) -> SlackMessage:
    text = t.get(f"notice.{reply.key}")
    return SlackMessage(text=_fallback(text), blocks=_dicts([_section(escape(text))]))


# ---------------------------------------------------------------------------------------------
# "Here is what I understood", with one-click corrections


def correct_value(consultation_id: str, fact: FactName, choice: str) -> str:
    """The value of a correction option: ``<consultation id>|<fact>|<choice>``, like revise."""
    return REVISE_SEPARATOR.join((consultation_id, fact.value, choice))


def _from(quote: str, t: Texts) -> str:
    """`` — from “quote”`` as escaped mrkdwn, or "" without words to quote."""
    quote = _one_line(quote)
    return f" — {_md(t.get('ui.understood_from', quote=quote), 400)}" if quote else ""


def _reading_line(reading: Reading, t: Texts) -> str:
    """``• *fact*: value — from “quote”`` as escaped mrkdwn, marked when unsure."""
    fact = escape(_one_line(fact_label(t, reading.fact)))
    value = _md(_one_line(value_label(t, reading.fact, reading.value)), 200)
    line = f"• *{fact}*: {value}{_from(reading.quote, t)}"
    if not reading.sure:
        line += f" _({escape(t.get('ui.understood_unsure'))})_"
    return line


def _correct_menu(
    reading: Reading, t: Texts, cid: str
) -> OverflowMenuElement | ButtonElement | None:
    """The reading's corrections: an overflow menu, or a button when there is one choice."""
    options = [
        (label, value)
        for choice, label in labelled_choices(t, reading)
        if len(value := correct_value(cid, reading.fact, choice)) <= MAX_OPTION_VALUE
    ]
    if len(options) > MAX_OVERFLOW_OPTIONS:
        # "That's not right" is always last; keep it.
        options = [*options[: MAX_OVERFLOW_OPTIONS - 1], options[-1]]
    if len(options) < MIN_OVERFLOW_OPTIONS:
        return _button(options[0][0], CORRECT_ACTION, options[0][1]) if options else None
    return OverflowMenuElement(
        action_id=CORRECT_ACTION,
        options=[
            Option(text=_plain(label, MAX_OPTION_TEXT), value=value) for label, value in options
        ],
    )


def understood_message(reply: UnderstoodReply, t: Texts) -> SlackMessage:
    """What a message was read as: one line per reading, each with a menu to correct it."""
    cid = _check_consultation_id(reply.consultation_id)
    title = t.get("ui.understood_title")
    readings = shown_readings(reply.readings)
    shown = readings[:MAX_READINGS]
    blocks: list[Block] = [_section(f"*{escape(title)}*")]
    blocks += [
        SectionBlock(
            text=_mrkdwn(clip(_reading_line(r, t), MAX_SECTION_TEXT)),
            accessory=_correct_menu(r, t, cid),
        )
        for r in shown
    ]
    hidden = len(readings) - len(shown)
    notes = [escape(t.get("ui.understood_more", n=hidden))] if hidden else []
    blocks.append(_context(*notes, escape(t.get("ui.understood_hint"))))
    summary = "; ".join(
        f"{fact_label(t, r.fact)}: {value_label(t, r.fact, r.value)}" for r in shown
    )
    return SlackMessage(text=_fallback(f"{title}: {summary}"), blocks=_dicts(blocks))


# ---------------------------------------------------------------------------------------------
# The decision card


def _titled(heading: str, lines: Sequence[str]) -> str:
    """``*heading*`` over already-escaped lines."""
    return f"*{escape(heading)}*\n" + "\n".join(lines)


def _current_choice(facts: Mapping[str, object], fact: FactName) -> str | None:
    """The ``ASKABLE`` choice the facts currently hold for ``fact``, if any."""
    if fact is FactName.TOP_GOAL:
        top = facts.get(FactName.TOP_GOAL.value)
        if isinstance(top, str):
            return top
        goals = facts.get(FactName.GOALS.value)
        if isinstance(goals, list) and set(goals) == {g.value for g in Goal}:
            return "all"
        return None
    value = facts.get(fact.value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value if isinstance(value, str) else None


def revise_value(consultation_id: str, fact: FactName, choice: str) -> str:
    """The value of a "revise an answer" option: ``<consultation id>|<fact>|<choice>``."""
    return REVISE_SEPARATOR.join((consultation_id, fact.value, choice))


def _revise_select(card: CardView, t: Texts, cid: str) -> StaticSelectElement:
    groups: list[OptionGroup] = []
    count = 0
    for fact, choices in ASKABLE.items():
        current = _current_choice(card.facts, fact)
        options: list[Option] = []
        for choice in choices:
            if count == MAX_SELECT_OPTIONS:
                break
            label = t.option_label(fact.value, choice)
            if choice == current:
                label = f"✓ {label}"
            options.append(
                Option(
                    text=_plain(label, MAX_OPTION_TEXT),
                    value=revise_value(cid, fact, choice),
                )
            )
            count += 1
        if options:
            groups.append(
                OptionGroup(
                    label=_plain(t.get(f"fact.{fact.value}"), MAX_GROUP_LABEL),
                    options=options,
                )
            )
    return StaticSelectElement(
        action_id=REVISE_ACTION,
        placeholder=_plain(t.get("ui.revise_placeholder"), MAX_PLACEHOLDER),
        option_groups=groups,
    )


def _restart_confirm(t: Texts) -> ConfirmObject:
    return ConfirmObject(
        title=_plain(t.get("ui.restart_confirm_title"), MAX_CONFIRM_TITLE),
        text=_plain(t.get("ui.restart_confirm_text"), MAX_CONFIRM_TEXT),
        confirm=_plain(t.get("ui.restart_confirm_yes"), MAX_CONFIRM_BUTTON),
        deny=_plain(t.get("ui.cancel"), MAX_CONFIRM_BUTTON),
    )


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
        if card.changed_facts:
            lines.append("_" + escape(", ".join(card.changed_facts)) + "_")
        blocks.append(_section(_titled(h("changed"), lines)))
    if card.rationale and card.rationale.strip():
        blocks.append(_section(_titled(h("rationale"), [escape(card.rationale.strip())])))
    sections: list[tuple[str, list[str]]] = [
        ("plan", [f"• *{escape(p.stage)}*: {escape(p.text)}" for p in card.plan]),
        (
            "why",
            [
                f"• {escape(r.text)}" + "".join(f" [{escape(k)}]" for k in r.kb)
                for r in card.reasons
            ],
        ),
        ("based_on", [_basis_line(b, t) for b in card.based_on]),
        ("assumed", [f"• {escape(a)}" for a in card.assumptions]),
        ("flips", [f"• {escape(f)}" for f in card.flips]),
        ("risks", [f"• {escape(r.text)}" for r in card.risks]),
        ("gaps", [f"• {escape(g.text)}" for g in card.gaps]),
        ("next", [f"{i}. {escape(s)}" for i, s in enumerate(card.next_steps, 1)]),
    ]
    blocks += [_section(_titled(h(key), lines)) for key, lines in sections if lines]
    sources = _sources_line(t, [f"{escape(k)} — {escape(title)}" for k, title in card.sources])
    if sources:
        blocks.append(_context(sources))
    blocks.append(DividerBlock())
    if shared:
        own = [
            _button(t.get("ui.export"), SHARED_EXPORT_ACTION, cid),
            _button(t.get("ui.start_own"), SHARED_NEW_ACTION, cid, style="primary"),
        ]
        blocks.append(ActionsBlock(elements=own))
    else:
        blocks.append(
            ActionsBlock(
                elements=[
                    _revise_select(card, t, cid),
                    _button(t.get("ui.restart"), RESTART_ACTION, cid, confirm=_restart_confirm(t)),
                    _button(t.get("ui.export"), EXPORT_ACTION, cid),
                ]
            )
        )
    blocks.append(_feedback(t, cid))
    if in_dm and not shared:
        blocks.append(
            ActionsBlock(
                elements=[
                    ConversationSelectElement(
                        action_id=SHARE_ACTION,
                        placeholder=_plain(t.get("ui.share_placeholder"), MAX_PLACEHOLDER),
                        filter=ConversationFilter(
                            include=["public", "private"], exclude_bot_users=True
                        ),
                    )
                ]
            )
        )
    return SlackMessage(
        text=_fallback(f"{h('recommendation')}: {card.title}"),
        blocks=_dicts(blocks),
        metadata=decision_metadata(card, cid, revision),
    )


# ---------------------------------------------------------------------------------------------
# The ADR export


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
        f"**{_one_line(card.title)}** ({card.outcome})",
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
    if card.assumptions:
        out += [f"### {h('assumed')}", ""] + [f"- {_one_line(a)}" for a in card.assumptions]
        out.append("")
    if card.sources:
        out += [f"## {h('sources')}", ""]
        out += [f"- {_one_line(k)} — {_one_line(title)}" for k, title in card.sources]
    return "\n".join(out).rstrip().replace("`", _BACKTICK_STANDIN) + "\n"


# ---------------------------------------------------------------------------------------------
# Help, history, App Home, greeting, suggested prompts, root post


def _intro_sections(t: Texts) -> list[Block]:
    return [
        _section(escape(t.get("ui.about"))),
        _section(escape(t.get("ui.how_to_start"))),
    ]


def help_message(t: Texts) -> SlackMessage:
    blocks: list[Block] = [
        _header(t.get("ui.help_title")),
        *_intro_sections(t),
        _section(escape(t.get("ui.commands"))),
    ]
    return SlackMessage(text=_fallback(t.get("ui.about")), blocks=_dicts(blocks))


def _history_lines(items: Sequence[tuple[str, str, str]]) -> list[str]:
    lines = []
    for date, title, use_case in items[:MAX_HISTORY_ITEMS]:
        line = f"• {_md(_one_line(date), 40)} · *{_md(_nonblank(_one_line(title)), 150)}*"
        if use_case.strip():
            line += f" · {_md(_one_line(use_case), 300)}"
        lines.append(line)
    return lines


def history_message(items: list[tuple[str, str, str]], t: Texts) -> SlackMessage:
    """The user's recent decisions: ``(date, outcome title, use case or "")`` each."""
    title = t.get("ui.history_title")
    if not items:
        empty = t.get("ui.history_empty")
        blocks: list[Block] = [_section(_titled(title, [escape(empty)]))]
        return SlackMessage(text=_fallback(empty), blocks=_dicts(blocks))
    blocks = [_section(f"*{escape(title)}*")]
    blocks += [_section(chunk) for chunk in _pack(_history_lines(items))]
    return SlackMessage(text=_fallback(title), blocks=_dicts(blocks))


def home_view(t_ko: Texts, t_en: Texts, items: list[tuple[str, str, str]]) -> dict[str, Any]:
    """The App Home tab: what the bot does and how to start, in Korean and English, then the
    user's recent decisions."""
    blocks: list[Block] = [_header(t_ko.get("ui.home_title"))]
    for t in (t_ko, t_en):
        blocks += _intro_sections(t)
        blocks.append(DividerBlock())
    blocks.append(_header(f"{t_ko.get('ui.history_title')} · {t_en.get('ui.history_title')}"))
    if items:
        blocks += [_section(chunk) for chunk in _pack(_history_lines(items))]
    else:
        blocks.append(
            _context(escape(t_ko.get("ui.history_empty")), escape(t_en.get("ui.history_empty")))
        )
    return {"type": "home", "blocks": _dicts(blocks[:MAX_VIEW_BLOCKS])}


def greeting_message(t_ko: Texts, t_en: Texts) -> SlackMessage:
    """The first message of an assistant thread, in both languages."""
    blocks: list[Block] = [
        _section(escape(t_ko.get("ui.greeting"))),
        _section(escape(t_en.get("ui.greeting"))),
        _context(escape(t_ko.get("ui.free_text_hint")), escape(t_en.get("ui.free_text_hint"))),
    ]
    text = f"{t_ko.get('ui.greeting')} / {t_en.get('ui.greeting')}"
    return SlackMessage(text=_fallback(text), blocks=_dicts(blocks))


_PROMPT_KEYS = ("prompt_support", "prompt_docs", "prompt_start")


def suggested_prompts(lang: Lang) -> list[dict[str, str]]:
    """Prompts for ``assistant.threads.setSuggestedPrompts``: three in ``lang`` first, then one
    in the other language, so the user sees they can talk in either."""
    other: Lang = "en" if lang == "ko" else "ko"
    picks = [(lang, key) for key in _PROMPT_KEYS] + [(other, _PROMPT_KEYS[0])]
    out = []
    for code, key in picks:
        t = texts(code)
        out.append(
            {
                "title": clip(t.get(f"ui.{key}_title"), MAX_BUTTON_TEXT),
                "message": t.get(f"ui.{key}_message"),
            }
        )
    return out


def root_message(user_id: str, text: str, t: Texts) -> SlackMessage:
    """The channel post a slash-command consultation lives under: who started it, and what
    they asked (quoted, escaped, clipped)."""
    if not _USER_ID.fullmatch(user_id):
        raise ValueError(f"not a Slack user id: {user_id!r}")
    mention = f"<@{user_id}>"
    started = escape(t.get("ui.root_started")).replace("{user}", mention)
    lines = [started]
    quote = clip(text.strip(), MAX_ROOT_QUOTE)
    if quote:
        lines += [f"> {escape(line)}" if line.strip() else ">" for line in quote.splitlines()]
    blocks: list[Block] = [_section("\n".join(lines)), _context(escape(t.get("ui.root_hint")))]
    fallback = started if not quote else f"{started}: {_fallback(quote)}"
    return SlackMessage(text=clip(fallback, MAX_FALLBACK_TEXT), blocks=_dicts(blocks))


def discussion_message(t: Texts, who: Sequence[tuple[FactName, str, str]]) -> SlackMessage:
    """Who in the discussion said each thing the consultation now starts from."""
    lines = [f"*{escape(t.get('ui.from_discussion'))}*"]
    for fact, user, quote in who[:MAX_READINGS]:
        speaker = f"<@{user}>" if _USER_ID.fullmatch(user) else escape(user)
        words = _md(_one_line(quote), 200)
        lines.append(f"• {escape(fact_label(t, fact))} — {speaker}: “{words}”")
    text = "\n".join(lines)
    return SlackMessage(
        text=_fallback(t.get("ui.from_discussion")), blocks=_dicts([_section(text)])
    )


def record_link_message(title: str, link: str) -> SlackMessage:
    """Points at the decision record kept in a canvas."""
    if not link.startswith("https://") or any(ch in link for ch in "<>| "):
        raise ValueError("not a Slack link")
    text = f"<{link}|{escape(_one_line(title))}>"
    return SlackMessage(text=_fallback(title), blocks=_dicts([_section(text)]))


def not_owner_message(t: Texts, owner_id: str, *, thread: bool = False) -> SlackMessage:
    """Told to someone who pressed, or replied in, another person's consultation."""
    text = escape(t.get("ui.not_owner_thread" if thread else "ui.not_owner"))
    owner = f"<@{owner_id}>" if _USER_ID.fullmatch(owner_id) else escape(owner_id)
    text = text.replace("{owner}", owner)
    return SlackMessage(text=clip(text, MAX_FALLBACK_TEXT), blocks=_dicts([_section(text)]))


def answered_message(t: Texts, label: str) -> SlackMessage:
    """What a question turns into once answered: the choice, without buttons."""
    text = t.get("ui.answered", answer=label)
    return SlackMessage(text=_fallback(text), blocks=_dicts([_context(escape(text))]))


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
    return SlackMessage(text=_fallback(title), blocks=_dicts(blocks))
