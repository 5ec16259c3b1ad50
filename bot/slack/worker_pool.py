"""The worker processes ``explainer serve`` supervises, and how a supervised worker ends with
its supervisor."""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import json
import logging
import math
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import aiohttp

from bot.slack.worker import ENTRY_TIMEOUT_SECONDS

# Under the name these records have always had, so log filters keep working.
log = logging.getLogger("bot.slack.server")

# A worker is given this long to drain after SIGTERM (its units of work are cut off after
# ENTRY_TIMEOUT_SECONDS), then killed: what it had not finished stays pending in the inbox.
STOP_GRACE_SECONDS = ENTRY_TIMEOUT_SECONDS + 5.0
# A worker that lived this long was healthy: if it dies, it is restarted at once. One that
# dies sooner is restarted after a pause that doubles each time, up to the cap, so a worker
# that cannot start (Redis unreachable, say) does not spin.
_STABLE_SECONDS = 30.0
_FIRST_PAUSE_SECONDS = 0.5
_MAX_PAUSE_SECONDS = 30.0
_SCRAPE_SECONDS = 2.0
_PR_SET_PDEATHSIG = 1


def default_workers(cgroup: Path = Path("/sys/fs/cgroup")) -> int:
    """One worker process per core this process may use: its CPU affinity, capped by the
    container's CPU limit (cgroup ``cpu.max``, or the v1 CFS quota) when there is one."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    limit = _cgroup_cpu_limit(cgroup)
    if limit is not None:
        cores = min(cores or 1, math.ceil(limit))
    return max(1, cores or 1)


def _cgroup_cpu_limit(root: Path = Path("/sys/fs/cgroup")) -> float | None:
    try:
        quota, period = (root / "cpu.max").read_text().split()[:2]
        return None if quota == "max" else int(quota) / int(period)
    except (OSError, ValueError):
        pass
    try:
        quota_us = int((root / "cpu" / "cpu.cfs_quota_us").read_text())
        period_us = int((root / "cpu" / "cpu.cfs_period_us").read_text())
    except (OSError, ValueError):
        return None
    return quota_us / period_us if quota_us > 0 and period_us > 0 else None


@dataclass(frozen=True)
class Handoff:
    """What a supervised worker is told on its standard input when it starts: where to serve
    its health and metrics, the supervisor's pid, and the embedded Redis the supervisor
    started, if any (passed this way rather than in arguments, which anyone can list)."""

    socket: str
    parent: int
    redis_url: str | None = None

    def encode(self) -> bytes:
        data = {"socket": self.socket, "parent": self.parent, "redis_url": self.redis_url}
        return json.dumps(data).encode() + b"\n"

    @classmethod
    def read(cls, stream: IO[bytes]) -> Handoff:
        data = json.loads(stream.readline() or b"null")
        if not isinstance(data, dict) or not isinstance(data.get("socket"), str):
            raise ValueError("a supervised worker needs its handoff on standard input")
        url = data.get("redis_url")
        return cls(data["socket"], int(data.get("parent") or 0), url if url else None)


class WorkerPool:
    """``count`` worker processes (``explainer worker --supervised``): each is restarted when
    it dies, and :meth:`stop` has them finish their work and waits for them.

    A worker dies with this process, even when it is killed outright (Linux's parent-death
    signal, and the end of its standard input), like a crashed replica: what it had taken
    from the inbox is claimed again later.
    """

    def __init__(
        self, count: int, *, redis_url: str | None = None, command: Sequence[str] = ()
    ) -> None:
        self.count = count
        self.restarts = 0
        self._redis_url = redis_url
        self._command = list(command) or [sys.executable, "-m", "bot", "worker", "--supervised"]
        self._dir = tempfile.mkdtemp(prefix="explainer-workers-")
        self._procs: dict[int, asyncio.subprocess.Process] = {}
        self._keepers: list[asyncio.Task[None]] = []
        self._stopping = asyncio.Event()

    def socket(self, slot: int) -> str:
        return os.path.join(self._dir, f"worker-{slot}.sock")

    @property
    def pids(self) -> list[int]:
        """The live workers' process ids."""
        return [p.pid for p in self._procs.values() if p.returncode is None]

    async def start(self) -> None:
        for slot in range(self.count):
            self._keepers.append(asyncio.create_task(self._keep(slot)))

    async def _spawn(self, slot: int) -> asyncio.subprocess.Process:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.socket(slot))
        # Started from the event loop's thread: Linux sends the parent-death signal when the
        # thread that forked the child ends, and this one lasts as long as the process.
        proc = await asyncio.create_subprocess_exec(*self._command, stdin=asyncio.subprocess.PIPE)
        if proc.stdin is not None:
            # Left open: the worker takes its end of file as this process's death.
            proc.stdin.write(Handoff(self.socket(slot), os.getpid(), self._redis_url).encode())
            with contextlib.suppress(ConnectionError):
                await proc.stdin.drain()
        return proc

    async def _keep(self, slot: int) -> None:
        quick_deaths = 0
        while not self._stopping.is_set():
            started = time.monotonic()
            try:
                proc = await self._spawn(slot)
            except OSError as exc:
                log.error("worker %d could not start: %s", slot, type(exc).__name__)
            else:
                self._procs[slot] = proc
                log.info("worker %d started (pid %d)", slot, proc.pid)
                if self._stopping.is_set():  # stop() came while it was starting
                    with contextlib.suppress(ProcessLookupError):
                        proc.send_signal(signal.SIGTERM)
                code = await proc.wait()
                if self._stopping.is_set():
                    return
                log.warning("worker %d (pid %d) exited with %s; restarting", slot, proc.pid, code)
            self.restarts += 1
            lived = time.monotonic() - started
            quick_deaths = 0 if lived >= _STABLE_SECONDS else quick_deaths + 1
            if quick_deaths:
                pause = min(_MAX_PAUSE_SECONDS, _FIRST_PAUSE_SECONDS * 2 ** (quick_deaths - 1))
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stopping.wait(), pause)

    async def stop(self, grace: float = STOP_GRACE_SECONDS) -> None:
        """SIGTERM to every worker, then wait for them to drain (killed after ``grace``)."""
        self._stopping.set()
        for proc in self._procs.values():
            if proc.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    proc.send_signal(signal.SIGTERM)
        try:
            async with asyncio.timeout(grace):
                await asyncio.gather(*self._keepers, return_exceptions=True)
        except TimeoutError:
            log.warning("workers still busy after %.0f s; killing them", grace)
            for proc in self._procs.values():
                if proc.returncode is None:
                    with contextlib.suppress(ProcessLookupError):
                        proc.kill()
            await asyncio.gather(*self._keepers, return_exceptions=True)
        shutil.rmtree(self._dir, ignore_errors=True)

    async def ready(self) -> int:
        """How many live workers answer on their socket (each does once it has loaded what it
        serves with, a few seconds after it starts)."""
        return len(await self._ask_each("/healthz"))

    async def scrape(self) -> list[bytes]:
        """The live workers' ``/metrics`` texts (a worker that does not answer is left out)."""
        return await self._ask_each("/metrics")

    async def _ask_each(self, route: str) -> list[bytes]:
        """``GET route`` of every live worker, on its socket; the bodies of those that answered."""

        async def one(path: str) -> bytes:
            connector = aiohttp.UnixConnector(path=path)
            timeout = aiohttp.ClientTimeout(total=_SCRAPE_SECONDS)
            async with (
                aiohttp.ClientSession(connector=connector, timeout=timeout) as session,
                session.get(f"http://worker{route}") as resp,
            ):
                resp.raise_for_status()
                return await resp.read()

        slots = [slot for slot, p in self._procs.items() if p.returncode is None]
        found = await asyncio.gather(*(one(self.socket(s)) for s in slots), return_exceptions=True)
        return [body for body in found if isinstance(body, bytes)]


def die_with_parent(parent: int) -> None:
    """In a supervised worker: end with the supervisor, however it ends.

    Linux sends SIGKILL when the parent dies (``prctl``); anywhere, the end of standard
    input (the supervisor holds its other end) ends the process, as a crash would.
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            prctl = ctypes.CDLL(None, use_errno=True).prctl
            prctl.argtypes = [ctypes.c_int, ctypes.c_ulong]
            prctl.restype = ctypes.c_int
            prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if parent and os.getppid() != parent:
        os._exit(70)  # the supervisor died before the request took effect


def exit_on_end_of_input(stream: IO[bytes]) -> None:
    """Exit at once when ``stream`` (the supervisor's pipe) reaches its end."""
    fd = stream.fileno()

    def readable() -> None:
        try:
            data = os.read(fd, 4096)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            log.error("the supervising process is gone; exiting")
            os._exit(70)

    asyncio.get_running_loop().add_reader(fd, readable)
