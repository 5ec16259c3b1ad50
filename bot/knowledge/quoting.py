"""How chosen sentences are quoted: whether one reads alone, and items folded into their list."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from bot.knowledge.ranking import POINTS_BACK, Ranked
from bot.knowledge.sentences import Unit, led


def alone(r: Ranked, chosen: Sequence[Ranked]) -> bool:
    """``r`` reads alone: it does not open by pointing back ("It builds…", "이는…"), or the
    sentence it points back to is quoted too. A list summed up says what it is about."""
    if r.unit.summary or not POINTS_BACK.match(r.unit.text.casefold()):
        return True
    return any(c.unit.source == r.unit.source and c.unit.order + 1 == r.unit.order for c in chosen)


def same_list(a: Unit, b: Unit) -> bool:
    return a.source == b.source and a.group == b.group and a.group >= 0


def folded(chosen: Sequence[Ranked]) -> list[Ranked]:
    """Items quoted with the line that introduced their list ("When it helps: when…") make one
    sentence with it, in the place of the first."""
    out: list[Ranked] = []
    fragments: dict[tuple[str, int], list[str]] = {}
    for r in chosen:
        key = (r.unit.source, r.unit.group)
        if r.unit.lead and key in fragments:
            fragments[key].append(r.unit.bare)
            continue
        if r.unit.lead:
            fragments[key] = [r.unit.bare]
        out.append(r)
    for i, r in enumerate(out):
        said = fragments.get((r.unit.source, r.unit.group), [])
        if r.unit.lead and len(said) > 1:
            out[i] = dataclasses.replace(
                r, unit=dataclasses.replace(r.unit, text=led(r.unit.lead, *said))
            )
    return out


def plain_items(chosen: Sequence[Ranked]) -> list[Ranked]:
    """An item quoted with its list's summary drops the label the summary already says."""
    out: list[Ranked] = []
    for r in chosen:
        summed = any(c.unit.summary and same_list(c.unit, r.unit) for c in chosen)
        if r.unit.bare and summed:
            r = dataclasses.replace(r, unit=dataclasses.replace(r.unit, text=r.unit.bare))
        out.append(r)
    return out
