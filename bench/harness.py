"""Starting and stopping what the benchmark runs against: the mock Slack, `explainer serve`
(with its worker processes), the bare Bolt apps, redis-server and the mock Anthropic API."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import aiohttp
import redis.asyncio as aioredis

from bench.config import Config
from bench.stats import Stamps
from bench.traffic import KeepAliveSender
from bench.watch import PostClock, PostWatcher
from testkit.bot_process import BotProcess, start_bot
from testkit.mock_slack import MockSlack
from testkit.paths import ROOT
from testkit.redis_servers import RedisServer, free_port
from testkit.slack_client import SECRET

if TYPE_CHECKING:
    from testkit.mock_anthropic import MockAnthropic


def children(pid: int) -> list[int]:
    """Live child processes of ``pid`` (``serve``'s worker processes), from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, IndexError):
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry.name))
    return sorted(found)


def server_pid(server: RedisServer) -> int:
    if server.proc is None:
        raise RuntimeError("redis-server is not running")
    return server.proc.pid


def log_levels(text: str) -> dict[str, Any]:
    """Warning and error lines in a bot's JSON log (a sanity check on the run); the bot logs
    ids and sizes only, so the distinct messages are safe to keep."""
    counts: Counter[str] = Counter()
    messages: Counter[str] = Counter()
    for line in text.splitlines():
        with contextlib.suppress(ValueError, AttributeError):
            entry = json.loads(line)
            level = entry.get("level")
            if level in ("warning", "error", "critical"):
                counts[level] += 1
                messages[f"{level}: {entry.get('msg', '')}"[:160]] += 1
    return {"counts": dict(counts), "messages": dict(messages.most_common(8))}


@dataclass
class Explainer:
    """The Explainer under test: `explainer serve` and, with ``--split``, separate workers."""

    front: BotProcess
    workers: list[BotProcess] = field(default_factory=list)

    @property
    def events_url(self) -> str:
        return self.front.events_url

    def processes(self) -> list[BotProcess]:
        return [self.front, *self.workers]

    def pids(self) -> dict[str, int]:
        """Every process: the front, the worker processes it supervises, the separate workers."""
        pids = {"explainer_serve": self.front.proc.pid}
        workers = [*children(self.front.proc.pid), *(w.proc.pid for w in self.workers)]
        pids.update({f"explainer_worker_{i}": pid for i, pid in enumerate(workers)})
        return pids

    def terminate(self) -> None:
        self.front.terminate()
        while self.workers:
            self.workers.pop().terminate()


def start_explainer(
    cfg: Config, tmp: Path, slack_url: str, redis_url: str, name: str, **env: str
) -> Explainer:
    """`explainer serve` (with its worker processes), or with ``split`` the acking front plus
    separate `explainer worker` processes. The workers run at the product's default niceness,
    not the test kit's."""
    env = {"EXPLAINER_WORKER_NICENESS": "", **env}
    if not cfg.split:
        args = () if cfg.workers is None else ("--workers", str(cfg.workers))
        return Explainer(start_bot(tmp, slack_url, redis_url, name, args=args, **env))
    explainer = Explainer(start_bot(tmp, slack_url, redis_url, name, args=("--no-worker",), **env))
    try:
        for n in range(cfg.workers or 1):
            worker = start_bot(
                tmp, slack_url, redis_url, f"{name}-worker{n}", command="worker", args=(), **env
            )
            explainer.workers.append(worker)
            if cfg.worker_nice:
                os.setpriority(os.PRIO_PROCESS, worker.proc.pid, cfg.worker_nice)
    except BaseException:
        explainer.terminate()
        raise
    return explainer


def wait_http_ok(url: str, proc: subprocess.Popen[bytes], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args!r} exited with {proc.returncode}")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(url, timeout=1) as r,  # noqa: S310 -- loopback only
        ):
            if r.status == 200:
                return
        time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up")


def start_bare(
    tmp: Path, slack_url: str, *, reply: bool = False
) -> tuple[subprocess.Popen[bytes], int]:
    """bench/bare_bolt.py (with ``reply``, its app that answers every request with one
    ``chat.postMessage``) in its own process, once it answers /healthz."""
    port = free_port()
    extra = ["--reply", "--token", "xoxb-test"] if reply else []
    argv = [sys.executable, "-m", "bench.bare_bolt", "--port", str(port)]
    with open(tmp / ("bare-reply.log" if reply else "bare.log"), "wb") as log:
        proc = subprocess.Popen(  # noqa: S603 -- our own module, fixed arguments
            [*argv, "--slack-api-url", slack_url, *extra],
            cwd=ROOT,
            env={**os.environ, "SLACK_SIGNING_SECRET": SECRET},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_http_ok(f"http://127.0.0.1:{port}/healthz", proc)
    except RuntimeError:
        proc.kill()
        proc.wait()
        raise
    return proc, port


def stop_process(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@dataclass
class Env:
    """What every part shares: the mock Slack and its watchers, one HTTP session, the run's
    consultation numbers and message timestamps."""

    cfg: Config
    tmp: Path
    slack: MockSlack
    watcher: PostWatcher
    session: aiohttp.ClientSession
    clock: PostClock
    numbers: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    stamps: Stamps = field(default_factory=Stamps)

    def sender(self, url: str) -> KeepAliveSender:
        return KeepAliveSender(url, session=self.session)


@contextlib.asynccontextmanager
async def open_env(cfg: Config) -> AsyncIterator[Env]:
    """A temporary folder, the mock Slack (a thread of this process) and an HTTP session."""
    with tempfile.TemporaryDirectory(prefix="explainer-bench-") as tmpdir:
        slack = MockSlack()
        slack.start_in_thread()
        watcher = PostWatcher(slack)
        watcher.start()
        connector = aiohttp.TCPConnector(limit=0)
        try:
            async with aiohttp.ClientSession(connector=connector) as session:
                yield Env(cfg, Path(tmpdir), slack, watcher, session, PostClock(slack))
        finally:
            await watcher.stop()
            slack.stop()


@contextlib.asynccontextmanager
async def redis_server(env: Env, name: str) -> AsyncIterator[RedisServer]:
    """A throwaway redis-server without persistence (no disk fsyncs are measured)."""
    server = RedisServer(env.tmp / name, appendonly=False)
    server.start()
    try:
        yield server
    finally:
        server.kill()


@contextlib.asynccontextmanager
async def explainer(
    env: Env, redis_url: str, name: str, **bot_env: str
) -> AsyncIterator[Explainer]:
    bot = await asyncio.to_thread(
        lambda: start_explainer(env.cfg, env.tmp, env.slack.url, redis_url, name, **bot_env)
    )
    try:
        yield bot
    finally:
        bot.terminate()


@contextlib.asynccontextmanager
async def bare_app(env: Env, *, reply: bool = False) -> AsyncIterator[tuple[int, KeepAliveSender]]:
    """A bare Bolt app in its own process: its pid and a sender to it."""
    proc, port = await asyncio.to_thread(lambda: start_bare(env.tmp, env.slack.url, reply=reply))
    try:
        yield proc.pid, env.sender(f"http://127.0.0.1:{port}/slack/events")
    finally:
        stop_process(proc)


@dataclass
class AckStack:
    """Explainer (offline language layer) and the two bare apps, on one throwaway Redis."""

    server: RedisServer
    redis: aioredis.Redis
    bot: Explainer
    explainer: KeepAliveSender
    bare_pid: int
    bare: KeepAliveSender
    reply_pid: int
    reply: KeepAliveSender


@contextlib.asynccontextmanager
async def ack_stack(env: Env) -> AsyncIterator[AckStack]:
    async with contextlib.AsyncExitStack() as stack:
        server = await stack.enter_async_context(redis_server(env, "redis-ack"))
        r = aioredis.Redis.from_url(server.url)
        stack.push_async_callback(r.aclose)
        bot = await stack.enter_async_context(explainer(env, server.url, "bot-offline"))
        bare_pid, bare = await stack.enter_async_context(bare_app(env))
        reply_pid, reply = await stack.enter_async_context(bare_app(env, reply=True))
        sender = env.sender(bot.events_url)
        yield AckStack(server, r, bot, sender, bare_pid, bare, reply_pid, reply)


@dataclass
class LlmStack:
    """Explainer on the Anthropic path, pointed at the mock Anthropic API (a thread here)."""

    server: RedisServer
    mock: MockAnthropic
    bot: Explainer
    sender: KeepAliveSender


@contextlib.asynccontextmanager
async def mock_anthropic(seed: int) -> AsyncIterator[MockAnthropic]:
    from testkit.mock_anthropic import MockAnthropic

    mock = MockAnthropic(seed=seed)
    mock.start_in_thread()
    try:
        yield mock
    finally:
        mock.stop()


@contextlib.asynccontextmanager
async def llm_stack(env: Env) -> AsyncIterator[LlmStack]:
    async with contextlib.AsyncExitStack() as stack:
        mock = await stack.enter_async_context(mock_anthropic(env.cfg.seed))
        server = await stack.enter_async_context(redis_server(env, "redis-llm"))
        bot_env = {
            "EXPLAINER_LLM": "anthropic",
            "ANTHROPIC_API_KEY": "test",
            "ANTHROPIC_BASE_URL": mock.url,
        }
        bot = await stack.enter_async_context(
            explainer(env, server.url, "bot-anthropic", **bot_env)
        )
        yield LlmStack(server, mock, bot, env.sender(bot.events_url))
