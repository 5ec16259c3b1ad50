"""Local runs share one embedded Redis per data directory; the one that started it may exit
first. An eval (or a demo) that reused it then starts its own and carries on, and one that finds
a server another run has just started waits while it loads its data."""

from __future__ import annotations

import contextlib
import socket
import threading
from pathlib import Path

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError

from bot.core.state import Place
from bot.evaluation import SCENARIOS_FILE, load_scenarios, run_all
from bot.services import Services
from bot.store import EmbeddedRedis
from testkit.demo import demo_settings


async def test_an_eval_outliving_the_servers_owner_starts_its_own(tmp_path: Path) -> None:
    owner = EmbeddedRedis(tmp_path / "redis").start()
    try:
        async with await Services.start(demo_settings(tmp_path)) as services:
            assert services.embedded is not None and services.embedded.reused
            owner.stop()
            # Straight to the service, the server's going away is an error …
            with pytest.raises(RedisConnectionError):
                await services.consultations.open(Place(surface="eval", channel="x"), "u")
            # … through the local runs' path, a new server takes over on the same data.
            report = await run_all(services.local, load_scenarios(SCENARIOS_FILE)[:3])
            assert report.total == 3 and all(r.got for r in report.results)
            assert services.embedded.pid is not None and not services.embedded.reused
    finally:
        owner.stop()


class _LoadingServer:
    """A Unix socket that speaks just enough Redis: every command is refused with LOADING
    (a server still reading its AOF) until ``loaded`` is set; then PING answers PONG."""

    def __init__(self, path: Path) -> None:
        self.loaded = threading.Event()
        self.pongs = 0
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._sock.bind(str(path))
        self._sock.listen(8)
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._talk, args=(conn,), daemon=True).start()

    def _talk(self, conn: socket.socket) -> None:
        # The client may hang up on a refusal; that ends the conversation, not the test.
        with contextlib.suppress(OSError):
            self._answer(conn)

    def _answer(self, conn: socket.socket) -> None:
        with conn, conn.makefile("rb") as rd:
            while header := rd.readline():
                args = []
                for _ in range(int(header[1:])):
                    rd.readline()
                    args.append(rd.readline().strip().upper())
                if args[:1] == [b"HELLO"]:  # allowed while loading, as in Redis
                    conn.sendall(b"%1\r\n+proto\r\n:3\r\n")
                elif not self.loaded.is_set():
                    conn.sendall(b"-LOADING Redis is loading the dataset in memory\r\n")
                elif args[:1] == [b"PING"]:
                    self.pongs += 1
                    conn.sendall(b"+PONG\r\n")
                else:
                    conn.sendall(b"+OK\r\n")

    def close(self) -> None:
        self._sock.close()


def test_a_server_another_run_just_started_is_waited_for_while_it_loads(tmp_path: Path) -> None:
    shared = EmbeddedRedis(tmp_path / "redis", startup_timeout=10.0)
    shared.data_dir.mkdir(parents=True)
    server = _LoadingServer(shared.socket_path)
    try:
        server.loaded.set()
        shared.start()  # reused: it answers
        assert shared.reused
        # The owner went away and another run started the server again: it is loading.
        server.loaded.clear()
        threading.Timer(0.5, server.loaded.set).start()
        pongs = server.pongs
        shared.ensure_running()
        # Not handed back to the caller while every command would be refused.
        assert server.loaded.is_set() and server.pongs > pongs
    finally:
        server.close()
