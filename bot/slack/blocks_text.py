"""Untrusted text made safe for mrkdwn and Markdown: escaped, and clipped without splitting
an entity."""

from __future__ import annotations

import re

ELLIPSIS = "…"
_ENTITY = re.compile(r"&(?:amp|lt|gt);")
_LONGEST_ENTITY = len("&amp;")


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
