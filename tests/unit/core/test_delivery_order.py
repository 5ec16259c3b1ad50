"""Any delivery order, with duplicates, ends in the same facts as in-order delivery."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.facts import ChangeRate, DataAmount, DocsChange, Facts, Goal, Quality, Volume
from bot.core.ports import Extraction
from bot.core.service import ConsultationService
from bot.core.state import Place, Turn, TurnKind
from testkit.fakes import ListRetriever, MemoryStore, ScriptedLanguageModel

# Five messages of one thread, oldest first; later ones revise what earlier ones said.
MESSAGES: list[tuple[str, Facts]] = [
    ("m1", Facts(goals=frozenset({Goal.CONSISTENCY}), data_amount=DataAmount.NONE)),
    ("m2", Facts(docs_change=DocsChange.RARELY, volume=Volume.HIGH)),
    ("m3", Facts(data_examples=20_000, data_quality=Quality.HIGH)),
    ("m4", Facts(goals=frozenset({Goal.FRESHNESS}), docs_change=DocsChange.OFTEN)),
    ("m5", Facts(change_rate=ChangeRate.OFTEN, data_quality=Quality.LOW)),
]


def _service() -> tuple[ConsultationService, MemoryStore]:
    lm = ScriptedLanguageModel({op: Extraction(facts=f) for op, f in MESSAGES})
    store = MemoryStore()
    counter = itertools.count()
    svc = ConsultationService(
        store,
        lm,
        ListRetriever(),
        clock=lambda: 1.0,
        new_id=lambda: f"c{next(counter)}",
        max_questions=9,
    )
    return svc, store


async def _deliver(order: list[int]) -> Facts:
    svc, store = _service()
    place = Place(surface="dm", channel="D1", thread_ts="1.0")
    for i in order:
        op, _ = MESSAGES[i]
        c = await svc.open(place, "U1")
        await svc.handle(c, Turn(op_id=op, kind=TurnKind.TEXT, text=op, at=f"{10 + i}.0"))
    final = await store.load((await svc.open(place, "U1")).id)
    assert final is not None
    assert sorted(set(final.applied)) == sorted({MESSAGES[i][0] for i in order})
    return final.facts


@settings(max_examples=80, deadline=None)
@given(
    st.permutations(range(len(MESSAGES))), st.lists(st.integers(0, len(MESSAGES) - 1), max_size=5)
)
async def test_any_order_with_retries_matches_in_order_delivery(
    order: list[int], retries: list[int]
) -> None:
    expected = await _deliver(list(range(len(MESSAGES))))
    # Retries of already-delivered messages are spliced in after their originals.
    delivered = list(order)
    for r in retries:
        delivered.insert(delivered.index(r) + 1, r)
    assert await _deliver(delivered) == expected
