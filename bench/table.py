"""The benchmark's table: rows of metric, value, goal and PASS/MISS, in fixed columns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

WIDTH = (58, 30, 10, 6)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def fmt_ms(d: dict[str, float]) -> str:
    return f"{d['p50']:.1f} / {d['p95']:.1f} / {d['p99']:.1f}"


def pair(e: dict[str, float], b: dict[str, float]) -> str:
    """p50/p99 of Explainer and of the bare app."""
    return f"{e['p50']:.1f}/{e['p99']:.1f} | {b['p50']:.1f}/{b['p99']:.1f}"


@dataclass
class Table:
    """Rows of (metric, value, goal, result); a row with a goal is also one of the goals."""

    rows: list[tuple[str, str, str, str]] = field(default_factory=list)
    goals: list[dict[str, Any]] = field(default_factory=list)

    def section(self, title: str) -> None:
        self.rows.append(("", "", "", ""))
        self.rows.append((title, "", "", ""))

    def row(self, label: str, value: str, goal: str = "", ok: bool | None = None) -> None:
        self.rows.append((label, value, goal, "" if ok is None else verdict(ok)))
        if ok is not None:
            self.goals.append({"metric": label.strip(), "value": value, "goal": goal, "pass": ok})

    def lines(self) -> list[str]:
        out = [
            f"{'metric':<{WIDTH[0]}}{'value':<{WIDTH[1]}}{'goal':<{WIDTH[2]}}{'result':<{WIDTH[3]}}"
        ]
        for label, value, goal, res in self.rows:
            if not value and not goal and not res:
                out.append(label)
                continue
            out.append(
                f"{label:<{WIDTH[0]}}{value:<{WIDTH[1]}}{goal:<{WIDTH[2]}}{res:<{WIDTH[3]}}".rstrip()
            )
        return out
