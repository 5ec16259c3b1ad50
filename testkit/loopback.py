"""Runs an async loopback server (the mock Slack and Anthropic APIs) in a background thread."""

from __future__ import annotations

import asyncio
import threading
from types import TracebackType
from typing import Self


class ThreadedServer:
    """Mixin: subclasses provide ``async start() -> str``, ``async aclose()``, ``url`` and
    ``_runner`` (set while started); this serves them from a thread with its own event loop."""

    _thread: threading.Thread | None = None
    _thread_loop: asyncio.AbstractEventLoop | None = None
    _runner: object | None

    async def start(self) -> str:
        raise NotImplementedError

    async def aclose(self) -> None:
        raise NotImplementedError

    @property
    def url(self) -> str:
        raise NotImplementedError

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    def start_in_thread(self, timeout: float = 10.0) -> str:
        """Serve from a background thread; returns :attr:`url`. Stop with :meth:`stop`.

        For tests whose client is in another thread or process.
        """
        name = type(self).__name__
        if self._thread is not None or self._runner is not None:
            raise RuntimeError(f"{name} is already running")
        ready = threading.Event()
        failure: list[BaseException] = []
        loop = asyncio.new_event_loop()

        def run() -> None:
            asyncio.set_event_loop(loop)
            try:
                loop.run_until_complete(self.start())
            except BaseException as exc:  # handed to the starting thread
                failure.append(exc)
                ready.set()
                loop.close()
                return
            ready.set()
            try:
                loop.run_forever()
            finally:
                loop.run_until_complete(self.aclose())
                loop.close()

        thread = threading.Thread(target=run, name=name, daemon=True)
        self._thread, self._thread_loop = thread, loop
        thread.start()
        if not ready.wait(timeout):
            raise RuntimeError(f"{name} did not start in time")
        if failure:
            self._thread = self._thread_loop = None
            raise RuntimeError(f"{name} failed to start") from failure[0]
        return self.url

    def stop(self, timeout: float = 10.0) -> None:
        """Stop a server started with :meth:`start_in_thread`."""
        thread, loop = self._thread, self._thread_loop
        if thread is None or loop is None:
            if self._runner is not None:
                raise RuntimeError("started with start()/async with: use `await aclose()`")
            return
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout)
        self._thread = self._thread_loop = None
