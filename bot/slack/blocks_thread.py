"""Messages of a consultation's thread: questions, side answers, notices, "Here is what I
understood", and the posts around them (the root post, who said what, replies to others)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.core.facts import FactName, Reading
from bot.core.replies import AnswerReply, NoticeReply, QuestionReply, UnderstoodReply
from bot.render.readings import fact_label, labelled_choices, shown_readings, value_label
from bot.slack.blocks_parts import (
    _USER_ID,
    ANSWER_ACTION_PREFIX,
    ANSWER_FEEDBACK_ACTION,
    CORRECT_ACTION,
    DECIDE_NOW_ACTION,
    MAX_ACTION_ELEMENTS,
    MAX_ACTION_ID,
    MAX_BLOCKS,
    MAX_CONTEXT_TEXT,
    MAX_FALLBACK_TEXT,
    MAX_OPTION_VALUE,
    MAX_OVERFLOW_OPTIONS,
    MAX_READINGS,
    MAX_ROOT_QUOTE,
    MAX_SECTION_TEXT,
    MIN_OVERFLOW_OPTIONS,
    REVISE_SEPARATOR,
    SKIP_ACTION,
    UNDERSTOOD_BLOCK,
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
    _option,
    _section,
    _sources_line,
)
from bot.slack.blocks_text import _md, _nonblank, _one_line, clip, escape
from bot.texts import Texts


def question_message(reply: QuestionReply, t: Texts, consultation_id: str) -> SlackMessage:
    """The question, why it matters, progress, one button per option, skip and decide now."""
    cid = _check_consultation_id(consultation_id)
    q = reply.question
    asked = f"*{_md(_nonblank(q.text), MAX_SECTION_TEXT - 2)}*"
    if reply.hint.strip():
        hint = t.get("ui.question_hint", quote=_one_line(reply.hint))
        asked = f"{_md(hint, MAX_SECTION_TEXT // 2)}\n{asked}"
    progress = t.get("ui.question_progress", n=reply.number, max=reply.max_questions)
    buttons: list[Block] = []
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
        compact: list[Block] = [_section(line), _actions(buttons)]
        return SlackMessage(text=_fallback(f"{back} {q.text}"), blocks=compact)
    blocks: list[Block] = [
        _section(asked),
        _context(_md(q.why, MAX_CONTEXT_TEXT), escape(progress)),
        _actions(buttons),
        _context(escape(t.get("ui.free_text_hint"))),
    ]
    return SlackMessage(text=_fallback(f"{progress}: {q.text}"), blocks=blocks)


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
    return SlackMessage(text=_fallback(text), blocks=blocks)


def notice_message(reply: NoticeReply, t: Texts) -> SlackMessage:
    text = t.get(f"notice.{reply.key}")
    return SlackMessage(text=_fallback(text), blocks=[_section(escape(text))])


def correct_value(consultation_id: str, fact: FactName, choice: str) -> str:
    """The value of a correction option: ``<consultation id>|<fact>|<choice>``, like revise."""
    return REVISE_SEPARATOR.join((consultation_id, fact.value, choice))


def _reading_line(reading: Reading, t: Texts) -> str:
    """``• *fact*: value — from “quote”`` as escaped mrkdwn, marked when unsure."""
    fact = escape(_one_line(fact_label(t, reading.fact)))
    value = _md(_one_line(value_label(t, reading.fact, reading.value)), 200)
    line = f"• *{fact}*: {value}{_from(reading.quote, t)}"
    if not reading.sure:
        line += f" _({escape(t.get('ui.understood_unsure'))})_"
    return line


def _correct_menu(reading: Reading, t: Texts, cid: str) -> Block | None:
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
    return {
        "action_id": CORRECT_ACTION,
        "options": [_option(label, value) for label, value in options],
        "type": "overflow",
    }


def understood_message(reply: UnderstoodReply, t: Texts) -> SlackMessage:
    """What a message was read as: one line per reading, each with a menu to correct it."""
    cid = _check_consultation_id(reply.consultation_id)
    title = t.get("ui.understood_title")
    readings = shown_readings(reply.readings)
    shown = readings[:MAX_READINGS]
    blocks: list[Block] = [_section(f"*{escape(title)}*")]
    blocks += [_section(_reading_line(r, t), _correct_menu(r, t, cid)) for r in shown]
    hidden = len(readings) - len(shown)
    notes = [escape(t.get("ui.understood_more", n=hidden))] if hidden else []
    blocks.append(_context(*notes, escape(t.get("ui.understood_hint"))))
    summary = "; ".join(
        f"{fact_label(t, r.fact)}: {value_label(t, r.fact, r.value)}" for r in shown
    )
    # Marked, so that the part survives when the question posted with it is answered.
    marked = [{**block, "block_id": f"{UNDERSTOOD_BLOCK}{n}"} for n, block in enumerate(blocks)]
    return SlackMessage(text=_fallback(f"{title}: {summary}"), blocks=marked)


def understood_with(understood: SlackMessage, question: SlackMessage) -> SlackMessage | None:
    """What was understood and the next question as one message (one post, one notification);
    None when together they would be too long for one."""
    blocks = [*understood.blocks, _divider(), *question.blocks]
    if len(blocks) > MAX_BLOCKS:
        return None
    text = clip(f"{understood.text}\n{question.text}", MAX_FALLBACK_TEXT)
    return SlackMessage(text=text, blocks=blocks, metadata=question.metadata)


def understood_part(blocks: object) -> list[Block]:
    """Of a message's blocks as Slack sends them back, the part that says what was understood
    (nothing that is not a block of ours)."""
    if not isinstance(blocks, list):
        return []
    return [
        b
        for b in blocks
        if isinstance(b, dict) and str(b.get("block_id", "")).startswith(UNDERSTOOD_BLOCK)
    ][: MAX_READINGS + 2]


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
    return SlackMessage(text=clip(fallback, MAX_FALLBACK_TEXT), blocks=blocks)


def discussion_message(t: Texts, who: Sequence[tuple[FactName, str, str]]) -> SlackMessage:
    """Who in the discussion said each thing the consultation now starts from."""
    lines = [f"*{escape(t.get('ui.from_discussion'))}*"]
    for fact, user, quote in who[:MAX_READINGS]:
        speaker = f"<@{user}>" if _USER_ID.fullmatch(user) else escape(user)
        words = _md(_one_line(quote), 200)
        lines.append(f"• {escape(fact_label(t, fact))} — {speaker}: “{words}”")
    text = "\n".join(lines)
    return SlackMessage(text=_fallback(t.get("ui.from_discussion")), blocks=[_section(text)])


def record_link_message(title: str, link: str) -> SlackMessage:
    """Points at the decision record kept in a canvas."""
    if not link.startswith("https://") or any(ch in link for ch in "<>| "):
        raise ValueError("not a Slack link")
    text = f"<{link}|{escape(_one_line(title))}>"
    return SlackMessage(text=_fallback(title), blocks=[_section(text)])


def not_owner_message(t: Texts, owner_id: str, *, thread: bool = False) -> SlackMessage:
    """Told to someone who pressed, or replied in, another person's consultation."""
    text = escape(t.get("ui.not_owner_thread" if thread else "ui.not_owner"))
    owner = f"<@{owner_id}>" if _USER_ID.fullmatch(owner_id) else escape(owner_id)
    text = text.replace("{owner}", owner)
    return SlackMessage(text=clip(text, MAX_FALLBACK_TEXT), blocks=[_section(text)])


def answered_message(t: Texts, label: str, kept: Sequence[Block] = ()) -> SlackMessage:
    """What a question turns into once answered: the choice, without buttons, under what was
    understood when the two were posted together (``kept``)."""
    text = t.get("ui.answered", answer=label)
    above = [*kept, _divider()] if kept else []
    return SlackMessage(text=_fallback(text), blocks=[*above, _context(escape(text))])
