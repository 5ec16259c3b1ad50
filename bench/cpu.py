"""Offline CPU per turn: ``time.process_time`` around ``ConsultationService.handle`` (and around
``advance`` alone) with the offline language layer, the real knowledge base and an in-memory
store, over every scenario in ``knowledge/eval/scenarios.yaml``, many times, in this process."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from bench.stats import Stamps, summary_ms
from bot.core.ports import LanguageModel
from bot.core.service import ConsultationService
from bot.core.state import Consultation, Place, Status, Turn, TurnKind
from bot.core.turns import advance
from bot.evaluation import Scenario, load_scenarios
from bot.knowledge.base import KnowledgeBase
from bot.services import build_language_model
from bot.settings import Settings
from testkit.fakes import MemoryStore


def script(s: Scenario, it: int, stamps: Stamps) -> list[Turn]:
    """The scenario's messages, then ``decide_now``."""
    turns = [
        Turn(op_id=f"{it}:{s.id}:{i}", kind=TurnKind.TEXT, text=t, at=stamps.next())
        for i, t in enumerate(s.turns, start=1)
    ]
    return [*turns, Turn(op_id=f"{it}:{s.id}:decide", kind=TurnKind.DECIDE_NOW)]


def needless(turn: Turn, c: Consultation) -> bool:
    """``decide_now`` on a consultation that has already decided."""
    return turn.kind is TurnKind.DECIDE_NOW and c.status is Status.DECIDED


@dataclass
class Timings:
    handle_cpu: list[float] = field(default_factory=list)
    handle_wall: list[float] = field(default_factory=list)
    advance_cpu: list[float] = field(default_factory=list)


class CpuBench:
    """The consultation core with the offline layer, timed turn by turn."""

    def __init__(self) -> None:
        self.kb = KnowledgeBase.load()
        self.lm: LanguageModel = build_language_model(
            Settings(_env_file=None, llm="offline"), self.kb
        )
        self.svc = ConsultationService(
            MemoryStore(),
            self.lm,
            self.kb,
            clock=time.time,
            new_id=lambda: uuid.uuid4().hex[:16],
            max_questions=5,
        )
        self.stamps = Stamps()
        self.timings = Timings()

    async def through_service(self, s: Scenario, it: int) -> None:
        place = Place(surface="eval", channel="bench", thread_ts=f"{it}:{s.id}")
        c = await self.svc.open(place, user=f"bench-{it}", lang=s.lang)
        for turn in script(s, it, self.stamps):
            if needless(turn, c):
                break
            w, t = time.perf_counter(), time.process_time()
            result = await self.svc.handle(c, turn)
            cpu, wall = time.process_time() - t, time.perf_counter() - w
            c = result.consultation
            if it:
                self.timings.handle_cpu.append(cpu)
                self.timings.handle_wall.append(wall)

    async def advance_alone(self, s: Scenario, it: int) -> None:
        c = await self.svc.open(
            Place(surface="eval", channel="bench-advance", thread_ts=f"{it}:{s.id}"),
            user=f"bench-{it}",
            lang=s.lang,
        )
        for turn in script(s, it, self.stamps):
            if needless(turn, c):
                break
            t = time.process_time()
            result = await advance(c, turn, self.lm, self.kb, time.time())
            cpu = time.process_time() - t
            c = result.consultation
            if it:
                self.timings.advance_cpu.append(cpu)


async def part_cpu(passes: int, results: dict[str, Any]) -> None:
    """``passes`` passes over the scenarios, after one that warms up and is not counted."""
    print(f"[4] offline CPU per turn: {passes} passes over the scenarios ...", flush=True)
    scenarios = load_scenarios()
    bench = CpuBench()
    for it in range(passes + 1):
        for s in scenarios:
            await bench.through_service(s, it)
            await bench.advance_alone(s, it)
    timings = bench.timings
    results["offline_cpu"] = {
        "scenarios": len(scenarios),
        "passes": passes,
        "turns": len(timings.handle_cpu),
        "handle_cpu_ms": summary_ms(timings.handle_cpu),
        "handle_wall_ms": summary_ms(timings.handle_wall),
        "advance_cpu_ms": summary_ms(timings.advance_cpu),
    }
