"""`explainer demo` as a real process: the embedded Redis it starts does not outlive it."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pytest
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from bot.core.state import Status
from bot.texts import texts
from testkit.demo import ENGLISH_WIKI_SEARCH, demo_settings, stored_consultation
from testkit.paths import ROOT

START_SECONDS = 30.0
EXIT_SECONDS = 15.0
GONE_SECONDS = 5.0

linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's"
)


@dataclass
class Demo:
    proc: subprocess.Popen[bytes]
    out: Path

    @property
    def stdin(self) -> IO[bytes]:
        assert self.proc.stdin is not None
        return self.proc.stdin

    def output(self) -> str:
        return self.out.read_text(encoding="utf-8", errors="replace")

    def send(self, text: str) -> None:
        self.stdin.write(text.encode())
        self.stdin.flush()

    def wait_for_output(self, text: str) -> None:
        deadline = time.monotonic() + START_SECONDS
        while text not in self.output():
            assert self.proc.poll() is None, f"demo exited early:\n{self.output()}"
            assert time.monotonic() < deadline, f"no {text!r} in:\n{self.output()}"
            time.sleep(0.05)


@pytest.fixture
def demos(tmp_path: Path) -> Iterator[list[Demo]]:
    """Demo processes a test started; killed afterwards, with any server they left behind."""
    started: list[Demo] = []
    yield started
    for demo in started:
        if demo.proc.poll() is None:
            demo.proc.kill()
        demo.proc.wait(timeout=EXIT_SECONDS)
        if demo.proc.stdin is not None:
            demo.proc.stdin.close()
    with contextlib.suppress(OSError, redis.RedisError):
        pid = _redis_pid(tmp_path)
        if pid is not None:
            os.kill(pid, signal.SIGKILL)


def demo_env(data_dir: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SLACK_", "ANTHROPIC_", "EXPLAINER_")) and k != "REDIS_URL"
    }
    return env | {
        "EXPLAINER_DATA_DIR": str(data_dir),
        "EXPLAINER_LLM": "offline",
        "PYTHONPATH": str(ROOT),
        # Output goes to a file the test reads while the demo still runs.
        "PYTHONUNBUFFERED": "1",
    }


def start_demo(data_dir: Path, demos: list[Demo], *args: str) -> Demo:
    out = data_dir / f"demo-{len(demos)}.out"
    with open(out, "wb") as fh:
        # cwd outside the checkout, so a developer's .env cannot point the demo elsewhere.
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "demo", *args],
            cwd=data_dir,
            env=demo_env(data_dir),
            stdin=subprocess.PIPE,
            stdout=fh,
            stderr=subprocess.STDOUT,
        )
    demo = Demo(proc, out)
    demos.append(demo)
    # Greeted: the store is open, so the Redis it uses is up.
    demo.wait_for_output(texts("en").get("ui.demo_help"))
    return demo


def _redis_pid(data_dir: Path) -> int | None:
    """The process id of the embedded Redis serving ``data_dir``; None when none answers."""
    client = redis.Redis(
        unix_socket_path=str(data_dir / "redis" / "redis.sock"),
        socket_timeout=1.0,
        socket_connect_timeout=1.0,
        retry=Retry(NoBackoff(), 0),
    )
    try:
        return int(client.info("server")["process_id"])
    except (redis.RedisError, OSError):
        return None
    finally:
        client.close()


def running(pid: int) -> bool:
    if Path("/proc/self/stat").exists():
        try:
            stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
        except FileNotFoundError:
            return False
        # A process whose parent died stays a zombie until something reaps it; it no longer runs.
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def gone_within(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while running(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def shut_down_cleanly(data_dir: Path) -> bool:
    log = (data_dir / "redis" / "redis.log").read_text(errors="replace")
    return "ready to exit" in log.rsplit("ready to accept connections", 1)[-1]


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGINT])
def test_a_closed_terminal_stops_the_redis_the_demo_started(
    tmp_path: Path, demos: list[Demo], signum: signal.Signals
) -> None:
    """The terminal closing (SIGHUP) or Ctrl-C while the demo waits for input."""
    demo = start_demo(tmp_path, demos, "--new")
    pid = _redis_pid(tmp_path)
    assert pid is not None and running(pid)

    demo.proc.send_signal(signum)

    assert demo.proc.wait(timeout=EXIT_SECONDS) == 128 + signum
    assert gone_within(pid, GONE_SECONDS)
    assert shut_down_cleanly(tmp_path)


@linux_only
def test_a_killed_demo_takes_its_redis_down(tmp_path: Path, demos: list[Demo]) -> None:
    demo = start_demo(tmp_path, demos, "--new")
    pid = _redis_pid(tmp_path)
    assert pid is not None and running(pid)

    demo.proc.kill()
    demo.proc.wait(timeout=EXIT_SECONDS)

    assert gone_within(pid, GONE_SECONDS)
    # The parent-death signal is SIGTERM, so Redis still saves on the way out.
    assert shut_down_cleanly(tmp_path)


def test_a_demo_that_reused_the_server_leaves_it_running(tmp_path: Path, demos: list[Demo]) -> None:
    owner = start_demo(tmp_path, demos, "--new")
    pid = _redis_pid(tmp_path)
    assert pid is not None
    guest = start_demo(tmp_path, demos)

    guest.send("q\n")
    assert guest.proc.wait(timeout=EXIT_SECONDS) == 0
    assert _redis_pid(tmp_path) == pid
    assert owner.proc.poll() is None

    owner.proc.send_signal(signal.SIGTERM)
    assert owner.proc.wait(timeout=EXIT_SECONDS) == 128 + signal.SIGTERM
    assert gone_within(pid, GONE_SECONDS)


def test_a_demo_outliving_the_servers_owner_starts_its_own(
    tmp_path: Path, demos: list[Demo]
) -> None:
    owner = start_demo(tmp_path, demos, "--new")
    pid = _redis_pid(tmp_path)
    assert pid is not None
    guest = start_demo(tmp_path, demos)

    owner.proc.send_signal(signal.SIGTERM)
    owner.proc.wait(timeout=EXIT_SECONDS)
    assert gone_within(pid, GONE_SECONDS)

    # The guest's next turn finds the server gone, starts one on the same data and goes on.
    guest.send(ENGLISH_WIKI_SEARCH)
    guest.stdin.close()
    assert guest.proc.wait(timeout=EXIT_SECONDS) == 0, guest.output()
    assert _redis_pid(tmp_path) is None  # the guest owned the new server and stopped it
    assert shut_down_cleanly(tmp_path)
    c = asyncio.run(stored_consultation(demo_settings(tmp_path)))
    assert c.lang == "en"
    assert c.status is Status.DECIDED


def test_a_reader_that_went_away_ends_the_demo_quietly(tmp_path: Path) -> None:
    """`explainer demo … | head`: the pipe is closed before the demo writes; it stops without a
    trace, and the Redis it started still shuts down cleanly."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "bot", "demo", "--new"],
            input=ENGLISH_WIKI_SEARCH.encode(),
            stdout=write_end,
            stderr=subprocess.PIPE,
            cwd=tmp_path,
            env=demo_env(tmp_path),
            timeout=START_SECONDS + EXIT_SECONDS,
        )
    finally:
        os.close(write_end)
    assert done.returncode == 128 + signal.SIGPIPE
    assert done.stderr.decode(errors="replace") == ""
    assert _redis_pid(tmp_path) is None
    assert shut_down_cleanly(tmp_path)
