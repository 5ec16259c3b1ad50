"""How wide text is drawn on a phone screen, and how much of it an answer may take."""

from __future__ import annotations

# What fits on a phone screen; a Hangul syllable is drawn about 1.6 times as wide as a letter.
MAX_WIDTH = 540
HANGUL_WIDTH = 1.6


def width(text: str) -> float:
    """How wide ``text`` is drawn, in letters."""
    hangul = sum(1 for ch in text if "\uac00" <= ch <= "\ud7a3")
    return len(text) + (HANGUL_WIDTH - 1) * hangul
