"""CPU and event-loop meters: who used the cores during a measurement, and how late this
process's own loop ran (the harness shares its process with the mock Slack and mock model)."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import time
from dataclasses import dataclass
from pathlib import Path

from bench.stats import summary_ms


def proc_cpu_seconds(pid: int) -> float:
    """utime + stime of a process (Linux /proc), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def explainer_cpu(cpu: dict[str, float]) -> float:
    """CPU seconds of every Explainer process in a :meth:`CpuMeter.delta`."""
    return sum(v for k, v in cpu.items() if k.startswith(("explainer_serve", "explainer_worker")))


def settle_heap() -> None:
    """Collect, then freeze what is left: the mock Slack keeps every call it answered, and a
    full collection over that growing heap stalls this process (and so the timings) for
    100+ ms; frozen objects are skipped by later collections."""
    gc.collect()
    gc.freeze()


@dataclass
class CpuSample:
    at: float
    machine: float
    procs: dict[str, float]
    bench: float


class CpuMeter:
    """CPU seconds of named processes, of this process (all its threads: load generator, mock
    Slack, mock Anthropic) and of the whole machine (/proc/stat); "other" is everything else
    running on the machine meanwhile (another test run, say): noise in these figures."""

    def __init__(self, pids: dict[str, int]) -> None:
        self.pids = pids

    @staticmethod
    def _machine() -> float:
        v = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7]  # user nice system irq softirq steal
        return busy / os.sysconf("SC_CLK_TCK")

    def sample(self) -> CpuSample:
        procs = {}
        for name, pid in self.pids.items():
            with contextlib.suppress(OSError):
                procs[name] = proc_cpu_seconds(pid)
        return CpuSample(time.perf_counter(), self._machine(), procs, time.process_time())

    @staticmethod
    def delta(a: CpuSample, b: CpuSample) -> dict[str, float]:
        out = {name: round(b.procs[name] - a.procs[name], 3) for name in a.procs if name in b.procs}
        out["bench_process"] = round(b.bench - a.bench, 3)
        out["other"] = round(max(0.0, (b.machine - a.machine) - sum(out.values())), 3)
        out["wall_s"] = round(b.at - a.at, 3)
        return out


def busy_share(cpu: dict[str, float]) -> float:
    """The share of the machine's cores that other processes kept busy in a delta."""
    return cpu["other"] / cpu["wall_s"] / (os.cpu_count() or 1)


class LagProbe:
    """How late this process's event loop wakes up (a 5 ms sleep, repeated): how much of a
    measured round trip may be the harness itself rather than the server."""

    def __init__(self, interval: float = 0.005) -> None:
        self.interval = interval
        self.samples: list[float] = []
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        while True:
            t = time.perf_counter()
            await asyncio.sleep(self.interval)
            self.samples.append(time.perf_counter() - t - self.interval)

    def __enter__(self) -> LagProbe:
        self._task = asyncio.create_task(self._run())
        return self

    def __exit__(self, *exc: object) -> None:
        if self._task is not None:
            self._task.cancel()

    def summary(self) -> dict[str, float]:
        return summary_ms(self.samples)


class CpuSampler:
    """Samples a meter every 0.25 s while it runs, so a figure can end at a moment known
    only afterwards."""

    def __init__(self, meter: CpuMeter, first: CpuSample) -> None:
        self.meter = meter
        self.samples = [first]
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(0.25)
            self.samples.append(self.meter.sample())

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def first_after(self, at: float) -> CpuSample:
        """The first sample taken at or after ``at``, else a fresh one."""
        return next((x for x in self.samples if x.at >= at), self.meter.sample())
