"""Runs `explainer serve` as a real subprocess for end-to-end and fault tests."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bot.store.embedded import die_with_parent
from testkit.paths import ROOT
from testkit.redis_servers import free_port
from testkit.slack_client import SECRET


def alive(pid: int) -> bool:
    """Whether process ``pid`` exists (a zombie not yet reaped counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@dataclass
class BotProcess:
    proc: subprocess.Popen[bytes]
    base: str
    log_path: Path

    @property
    def events_url(self) -> str:
        return f"{self.base}/slack/events"

    def get(self, path: str, timeout: float = 5.0) -> int:
        try:
            with urllib.request.urlopen(f"{self.base}{path}", timeout=timeout) as r:  # noqa: S310
                return int(r.status)
        except urllib.error.HTTPError as exc:
            return int(exc.code)

    def metrics(self) -> str:
        """The Prometheus text of ``/metrics``."""
        with urllib.request.urlopen(f"{self.base}/metrics", timeout=5) as r:  # noqa: S310
            return str(r.read().decode())

    def wait_healthy(self, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"explainer serve exited with {self.proc.returncode}:\n" + self.logs()[-2000:]
                )
            try:
                if self.get("/healthz", timeout=1) == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError("explainer serve did not come up:\n" + self.logs()[-2000:])

    def readiness(self) -> dict[str, object]:
        """The body of ``/readyz`` (503 included): whether Redis takes writes, and how many
        worker processes serve."""
        try:
            with urllib.request.urlopen(f"{self.base}/readyz", timeout=5) as r:  # noqa: S310
                data = json.loads(r.read())
        except urllib.error.HTTPError as exc:
            data = json.loads(exc.read() or b"{}")
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def wait_workers(self, timeout: float = 60.0) -> bool:
        """Until every worker process serves. Each loads the reader and the knowledge base
        first (seconds on a busy machine); a test that waits for the first reply should not
        wait for that too. False at the deadline (a test may start one that cannot come up)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.proc.poll() is None:
            workers = self.readiness().get("workers")
            if not isinstance(workers, dict) or workers.get("ready") == workers.get("expected"):
                return True
            time.sleep(0.1)
        return False

    def kill(self) -> None:
        """SIGKILL: a crash, with no chance to finish anything."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def terminate(self, timeout: float = 20.0) -> int:
        """SIGTERM, as an orchestrator sends it; returns the exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return int(self.proc.returncode)

    def logs(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def start_bot(
    tmp: Path,
    slack_url: str,
    redis_url: str,
    name: str = "bot",
    *,
    command: str = "serve",
    args: tuple[str, ...] = (),
    **env: str,
) -> BotProcess:
    port = free_port()
    if command == "serve" and not {"--workers", "--no-worker"} & set(args):
        # One supervised worker unless a test asks for more: the hand-off is the same with one,
        # and each extra worker spends a second of start-up CPU on the cores the suite shares.
        args = ("--workers", "1", *args)
    full_env = {
        **{
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("SLACK_", "ANTHROPIC_", "EXPLAINER_"))
        },
        "SLACK_API_URL": slack_url,
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SECRET,
        "REDIS_URL": redis_url,
        "EXPLAINER_LLM": "offline",
        "LOG_LEVEL": "INFO",
        # The test harness shares the scheduler with the workers (production's other
        # processes do not): at the lowest priority they would wait behind it.
        "EXPLAINER_WORKER_NICENESS": "0",
        **env,
    }
    full_env = {k: v for k, v in full_env.items() if v != ""}  # "" unsets a default
    log_path = tmp / f"{name}.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bot",
                command,
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                *args,
            ],
            cwd=ROOT,
            env=full_env,
            stdout=log,
            stderr=subprocess.STDOUT,
            # Gone with the test run, even one killed outright, rather than left serving.
            preexec_fn=die_with_parent(),
        )
    bot = BotProcess(proc, f"http://127.0.0.1:{port}", log_path)
    bot.wait_healthy()
    bot.wait_workers()
    return bot
