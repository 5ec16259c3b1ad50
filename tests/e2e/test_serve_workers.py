"""`explainer serve` with worker processes: it acks, they process, it supervises them.

Real processes against a throwaway Redis and the mock Slack, as in test_faults.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis

from bot.metrics import Metrics, merge_expositions
from bot.slack.worker_pool import _cgroup_cpu_limit, default_workers
from testkit.bot_process import BotProcess, start_bot
from testkit.mock_slack import MockSlack
from testkit.redis_servers import RedisServer
from testkit.slack_client import SlackSender, slack_ts

pytestmark = pytest.mark.e2e

STREAM = "explainer:{inbox}:stream"


@pytest.fixture
def slack() -> Iterator[MockSlack]:
    mock = MockSlack()
    mock.start_in_thread()
    try:
        yield mock
    finally:
        mock.stop()


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path / "redis", appendonly=False)
    server.start()
    try:
        yield server
    finally:
        server.kill()


def _dm(
    channel: str, user: str, text: str = "support bot, consistent tone matters"
) -> dict[str, object]:
    return {
        "type": "message",
        "channel": channel,
        "channel_type": "im",
        "user": user,
        "ts": slack_ts(),
        "text": text,
    }


def _replied(slack: MockSlack, event: dict[str, object]) -> bool:
    return any(
        c.args.get("channel") == event["channel"]
        and c.args.get("thread_ts") == event["ts"]
        and c.landed
        for c in slack.calls_to("chat.postMessage")
    )


def _children(pid: int) -> list[int]:
    """Live child processes of ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry.name))
    return sorted(found)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


async def _until(check: Callable[[], bool], timeout: float = 20.0) -> None:  # noqa: ASYNC109
    deadline = time.monotonic() + timeout
    while not await asyncio.to_thread(check):
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met")
        await asyncio.sleep(0.1)


def _warnings(log: str) -> list[str]:
    """The messages of a JSON log's records at warning level or above."""
    found = []
    for line in log.splitlines():
        with contextlib.suppress(ValueError, AttributeError):
            entry = json.loads(line)
            if entry.get("level") in ("warning", "error", "critical"):
                found.append(str(entry.get("msg")))
    return found


def _serve(tmp: Path, slack: MockSlack, server: RedisServer, workers: int) -> BotProcess:
    # "Thinking" at once: its call is where a test holds a turn in progress.
    return start_bot(
        tmp, slack.url, server.url, args=("--workers", str(workers)), EXPLAINER_STATUS_DELAY="0"
    )


async def test_serve_runs_its_turns_in_the_worker_processes_it_starts(
    tmp_path: Path, slack: MockSlack, redis_server: RedisServer
) -> None:
    bot = _serve(tmp_path, slack, redis_server, 2)
    try:
        await _until(lambda: len(_children(bot.proc.pid)) == 2)
        # start_bot waited for them: /readyz says how many serve.
        assert bot.readiness()["workers"] == {"ready": 2, "expected": 2}
        event = _dm("D1", "U1")
        assert (await SlackSender(bot.events_url).event(event)).status == 200
        await _until(lambda: _replied(slack, event))
        # Counted in a worker, shown by the front: one /metrics for the whole process tree.
        metrics = bot.metrics()
        assert re.search(r"^explainer_consultations_started_total 1\.0$", metrics, re.M)
        assert re.search(r'^explainer_ack_seconds_count\{kind="event"\} 1\.0$', metrics, re.M)
        # A clean start and turn log nothing at warning level (Bolt's "`token` will be unused"
        # when SLACK_BOT_TOKEN is set beside the client that carries it, included).
        assert _warnings(bot.logs()) == []
    finally:
        bot.terminate()


async def test_a_worker_that_dies_is_replaced_and_its_work_is_not_lost(
    tmp_path: Path, slack: MockSlack, redis_server: RedisServer
) -> None:
    bot = start_bot(
        tmp_path,
        slack.url,
        redis_server.url,
        args=("--workers", "1"),
        EXPLAINER_INBOX_CLAIM_IDLE_MS="1000",
        EXPLAINER_STATUS_DELAY="0",
    )
    try:
        await _until(lambda: len(_children(bot.proc.pid)) == 1)
        [first] = _children(bot.proc.pid)
        slack.delay("assistant.threads.setStatus", 30)  # the worker hangs inside the turn
        event = _dm("D2", "U2")
        assert (await SlackSender(bot.events_url).event(event)).status == 200
        await _until(lambda: bool(slack.calls_to("assistant.threads.setStatus")))
        os.kill(first, signal.SIGKILL)
        await _until(lambda: bot.readiness().get("workers") == {"ready": 0, "expected": 1})
        slack.delay("assistant.threads.setStatus", None)
        await _until(lambda: _children(bot.proc.pid) not in ([], [first]))
        # The replacement claims the entry the dead worker held and answers it, once.
        await _until(lambda: _replied(slack, event), timeout=30)
        assert bot.proc.poll() is None
        assert f"worker 0 (pid {first}) exited" in bot.logs()
        assert bot.wait_workers(timeout=30)
    finally:
        bot.terminate()


async def test_sigterm_stops_every_worker_after_it_drained_the_inbox(
    tmp_path: Path, slack: MockSlack, redis_server: RedisServer
) -> None:
    bot = _serve(tmp_path, slack, redis_server, 2)
    await _until(lambda: len(_children(bot.proc.pid)) == 2)
    workers = _children(bot.proc.pid)
    slack.delay("assistant.threads.setStatus", 1.5)  # work is under way at SIGTERM
    events = [_dm(f"D3{i}", f"U3{i}") for i in range(4)]
    sender = SlackSender(bot.events_url)
    for event in events:
        assert (await sender.event(event)).status == 200
    # Every entry taken by a worker, none finished, when the signal comes.
    await _until(lambda: len(slack.calls_to("assistant.threads.setStatus")) == len(events))
    assert not any(_replied(slack, e) for e in events)
    code = await asyncio.to_thread(bot.terminate, 60.0)
    assert code == 0
    assert not any(_alive(pid) for pid in workers)
    assert all(_replied(slack, e) for e in events)
    r = redis.Redis.from_url(redis_server.url)
    try:
        assert r.xpending(STREAM, "workers")["pending"] == 0
        assert r.xlen(STREAM) == 0
    finally:
        r.close()


async def test_acks_are_answered_while_every_worker_is_busy(
    tmp_path: Path, slack: MockSlack, redis_server: RedisServer
) -> None:
    bot = _serve(tmp_path, slack, redis_server, 2)
    workers: list[int] = []
    try:
        await _until(lambda: len(_children(bot.proc.pid)) == 2)
        workers = _children(bot.proc.pid)
        warm = _dm("D40", "U40")
        sender = SlackSender(bot.events_url)
        await sender.event(warm)
        await _until(lambda: _replied(slack, warm))
        for pid in workers:  # as busy as a worker can be: not running at all
            os.kill(pid, signal.SIGSTOP)
        events = [_dm(f"D4{i}", f"U4{i}") for i in range(1, 21)]
        sent = await asyncio.gather(*(sender.event(e) for e in events))
        assert [s.status for s in sent] == [200] * len(events)
        assert max(s.elapsed for s in sent) < 1.0
        assert not any(_replied(slack, e) for e in events)  # only persisted so far
        for pid in workers:
            os.kill(pid, signal.SIGCONT)
        for event in events:
            await _until(lambda e=event: _replied(slack, e))  # type: ignore[misc]
    finally:
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGCONT)
        bot.terminate()


async def test_killing_serve_outright_takes_its_workers_with_it(
    tmp_path: Path, slack: MockSlack, redis_server: RedisServer
) -> None:
    bot = _serve(tmp_path, slack, redis_server, 2)
    await _until(lambda: len(_children(bot.proc.pid)) == 2)
    workers = _children(bot.proc.pid)
    bot.kill()
    # A crash of the replica: its workers end too, rather than work on unsupervised.
    await _until(lambda: not any(_alive(pid) for pid in workers), timeout=10)


async def test_no_worker_and_zero_workers_start_no_processes(
    tmp_path: Path, slack: MockSlack, redis_server: RedisServer
) -> None:
    front = start_bot(tmp_path, slack.url, redis_server.url, "front", args=("--no-worker",))
    single = start_bot(tmp_path, slack.url, redis_server.url, "single", args=("--workers", "0"))
    try:
        await asyncio.sleep(1.5)
        assert _children(front.proc.pid) == [] and _children(single.proc.pid) == []
        assert "workers" not in single.readiness() and single.readiness()["ok"] is True
        event = _dm("D5", "U5")
        assert (await SlackSender(single.events_url).event(event)).status == 200
        await _until(lambda: _replied(slack, event))  # processed in the serving process
    finally:
        front.terminate()
        single.terminate()


def test_metrics_of_several_processes_add_up() -> None:
    front, worker = Metrics(), Metrics()
    front.ack_seconds.labels("event").observe(0.004)
    worker.started.inc()
    worker.speculation.labels("hit").inc(2)
    other = Metrics()
    other.started.inc()
    other.ack_seconds.labels("event").observe(0.3)
    alone = front.render()
    assert merge_expositions([alone]) == alone
    merged = merge_expositions([alone, worker.render(), other.render()]).decode()
    assert "explainer_consultations_started_total 2.0" in merged
    assert 'explainer_llm_speculation_total{result="hit"} 2.0' in merged
    assert 'explainer_ack_seconds_count{kind="event"} 2.0' in merged
    assert 'explainer_ack_seconds_bucket{kind="event",le="0.005"} 1.0' in merged


def test_one_worker_per_core_within_the_containers_cpu_limit(tmp_path: Path) -> None:
    assert _cgroup_cpu_limit(tmp_path) is None
    (tmp_path / "cpu.max").write_text("max 100000\n")
    assert _cgroup_cpu_limit(tmp_path) is None
    (tmp_path / "cpu.max").write_text("150000 100000\n")
    assert _cgroup_cpu_limit(tmp_path) == 1.5
    assert 1 <= default_workers(tmp_path) <= 2
    (tmp_path / "cpu.max").write_text("50000 100000\n")
    assert default_workers(tmp_path) == 1


async def test_workers_run_at_the_configured_niceness(
    tmp_path: Path, slack: MockSlack, redis_server: RedisServer
) -> None:
    # "" leaves the product's default (the test kit runs its workers at 0).
    bot = start_bot(
        tmp_path, slack.url, redis_server.url, args=("--workers", "1"), EXPLAINER_WORKER_NICENESS=""
    )
    try:
        await _until(lambda: len(_children(bot.proc.pid)) == 1)
        [worker] = _children(bot.proc.pid)
        await _until(lambda: os.getpriority(os.PRIO_PROCESS, worker) == 19)
        # The acking process keeps the priority it was started with.
        assert os.getpriority(os.PRIO_PROCESS, bot.proc.pid) == os.getpriority(os.PRIO_PROCESS, 0)
    finally:
        bot.terminate()
