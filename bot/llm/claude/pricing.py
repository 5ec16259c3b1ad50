"""Token arithmetic for the Claude adapter: prices and cacheability."""

from __future__ import annotations

import math

from bot.core.state import Usage

# Minimum cacheable prompt length (tokens) by model family, from Anthropic's prompt-caching docs;
# a shorter prefix is simply not cached. First substring match wins.
MIN_CACHEABLE_TOKENS: tuple[tuple[str, int], ...] = (
    ("haiku-4", 4096),
    ("opus-4-5", 4096),
    ("opus-4-6", 4096),
    ("haiku", 2048),
    ("sonnet", 1024),
    ("opus", 1024),
)


def min_cacheable_tokens(model: str) -> int:
    return next((n for key, n in MIN_CACHEABLE_TOKENS if key in model), 1024)


def estimate_tokens(text: str) -> int:
    """A rough count (4 ASCII or 1.5 other characters per token), only to check cacheability."""
    ascii_chars = sum(1 for ch in text if ord(ch) < 128)
    return math.ceil(ascii_chars / 4 + (len(text) - ascii_chars) / 1.5)


def cost_usd(
    model: str, usage: Usage, prices: dict[str, tuple[float, float, float, float]]
) -> float:
    """USD for ``usage`` at ``prices[model]`` (in, out, cache write, cache read per MTok)."""
    price = prices.get(model)
    if price is None:
        return 0.0
    p_in, p_out, p_write, p_read = price
    total = (
        usage.input_tokens * p_in
        + usage.output_tokens * p_out
        + usage.cache_write_tokens * p_write
        + usage.cache_read_tokens * p_read
    )
    return round(total / 1_000_000, 6)
