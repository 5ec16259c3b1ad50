"""Language detection and input hygiene for user text."""

from __future__ import annotations

import re
import unicodedata

from bot.core.facts import Lang

MAX_TEXT_CHARS = 4000

_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_LATIN = re.compile(r"[A-Za-z]")
# Bidi overrides and isolates can make text render in a misleading order.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")


def detect_language(text: str, default: Lang = "en") -> Lang:
    """Korean when Hangul carries a fair share of the letters (mixed text is common)."""
    hangul = len(_HANGUL.findall(text))
    latin = len(_LATIN.findall(text))
    if hangul == 0 and latin == 0:
        return default
    # A Hangul syllable carries about two Latin letters' worth of text.
    return "ko" if hangul * 2 >= latin else "en"


def clean_text(text: str, limit: int = MAX_TEXT_CHARS) -> tuple[str, bool]:
    """Drop control and bidi-override characters and lone surrogates; trim to ``limit``.

    Returns the cleaned text and whether it was trimmed.
    """
    text = text.encode("utf-8", "replace").decode("utf-8") if _has_surrogates(text) else text
    text = _BIDI.sub("", text)
    text = "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")
    )
    text = unicodedata.normalize("NFC", text).strip()
    if len(text) > limit:
        return text[:limit], True
    return text, False


def _has_surrogates(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)
