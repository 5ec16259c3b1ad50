"""Percentiles and summaries of timings, and Slack-style message timestamps."""

from __future__ import annotations

import math
import time


def percentile(values: list[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default); NaN for no values."""
    if not values:
        return math.nan
    s = sorted(values)
    k = (len(s) - 1) * q / 100
    lo = math.floor(k)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def summary_ms(seconds: list[float]) -> dict[str, float]:
    ms = [x * 1000 for x in seconds]
    return {
        "n": len(ms),
        "p50": round(percentile(ms, 50), 3),
        "p95": round(percentile(ms, 95), 3),
        "p99": round(percentile(ms, 99), 3),
        "mean": round(sum(ms) / len(ms), 3) if ms else math.nan,
        "max": round(max(ms), 3) if ms else math.nan,
    }


def per_ms(seconds: float, count: int) -> float:
    """``seconds`` spread over ``count`` things, in milliseconds (3 decimals)."""
    return round(seconds * 1000 / count, 3)


class Stamps:
    """Slack-style message ts values, each later than the one before."""

    def __init__(self) -> None:
        self._last = 0.0

    def next(self) -> str:
        now = max(time.time(), self._last + 1e-6)
        self._last = now
        return f"{now:.6f}"
