"""Help, history, the App Home tab, the greeting and the suggested prompts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.core.facts import Lang
from bot.slack.blocks_parts import (
    MAX_BUTTON_TEXT,
    MAX_HISTORY_ITEMS,
    MAX_SECTION_TEXT,
    MAX_VIEW_BLOCKS,
    Block,
    SlackMessage,
    _context,
    _divider,
    _fallback,
    _header,
    _section,
    _titled,
)
from bot.slack.blocks_text import _md, _nonblank, _one_line, clip, escape
from bot.texts import Texts, texts


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
    return SlackMessage(text=_fallback(t.get("ui.about")), blocks=blocks)


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
        return SlackMessage(text=_fallback(empty), blocks=blocks)
    blocks = [_section(f"*{escape(title)}*")]
    blocks += [_section(chunk) for chunk in _pack(_history_lines(items))]
    return SlackMessage(text=_fallback(title), blocks=blocks)


def home_view(t_ko: Texts, t_en: Texts, items: list[tuple[str, str, str]]) -> dict[str, Any]:
    """The App Home tab: what the bot does and how to start, in Korean and English, then the
    user's recent decisions."""
    blocks: list[Block] = [_header(t_ko.get("ui.home_title"))]
    for t in (t_ko, t_en):
        blocks += _intro_sections(t)
        blocks.append(_divider())
    blocks.append(_header(f"{t_ko.get('ui.history_title')} · {t_en.get('ui.history_title')}"))
    if items:
        blocks += [_section(chunk) for chunk in _pack(_history_lines(items))]
    else:
        blocks.append(
            _context(escape(t_ko.get("ui.history_empty")), escape(t_en.get("ui.history_empty")))
        )
    return {"type": "home", "blocks": blocks[:MAX_VIEW_BLOCKS]}


def greeting_message(t_ko: Texts, t_en: Texts) -> SlackMessage:
    """The first message of an assistant thread, in both languages."""
    blocks: list[Block] = [
        _section(escape(t_ko.get("ui.greeting"))),
        _section(escape(t_en.get("ui.greeting"))),
        _context(escape(t_ko.get("ui.free_text_hint")), escape(t_en.get("ui.free_text_hint"))),
    ]
    text = f"{t_ko.get('ui.greeting')} / {t_en.get('ui.greeting')}"
    return SlackMessage(text=_fallback(text), blocks=blocks)


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
