"""Servers a test run starts go away with it, even when it is killed outright."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from testkit.bot_process import alive
from testkit.paths import ROOT

START = """
import sys, time
from pathlib import Path
from testkit.redis_servers import RedisServer
server = RedisServer(Path(sys.argv[1]), appendonly=False)
server.start()
print(server.proc.pid, flush=True)
time.sleep(60)
"""


def test_a_redis_server_dies_with_the_run_that_started_it(tmp_path: Path) -> None:
    with subprocess.Popen(
        [sys.executable, "-c", START, str(tmp_path)], cwd=ROOT, stdout=subprocess.PIPE
    ) as run:
        assert run.stdout is not None
        pid = int(run.stdout.readline())
        assert alive(pid)
        run.send_signal(signal.SIGKILL)
    deadline = time.monotonic() + 10
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(pid)
