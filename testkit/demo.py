"""The demo's settings and what it stored, for tests that run it."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from io import StringIO
from pathlib import Path

from bot.commands.demo import run_demo
from bot.core.state import Consultation, Place
from bot.services import Services
from bot.settings import Settings

ENGLISH_WIKI_SEARCH = "we are building an internal search over our wiki docs, they change daily\n"


def demo_settings(data_dir: Path) -> Settings:
    return Settings(
        _env_file=None,
        REDIS_URL=None,
        EXPLAINER_DATA_DIR=data_dir,
        EXPLAINER_LLM="offline",
    )


async def stored_consultation(settings: Settings) -> Consultation:
    async with await Services.start(settings) as services:
        place = Place(surface="terminal", channel=getpass.getuser(), thread_ts="demo")
        found = await services.consultations.find(place)
    assert found is not None
    return found


class Typist(StringIO):
    """Types one line each time the demo reads; a line may depend on what was printed."""

    def __init__(self, out: StringIO, lines: list[str | Callable[[str], str]]) -> None:
        super().__init__()
        self._out = out
        self._lines = lines

    def isatty(self) -> bool:
        return False

    # typeshed's _IOBase.readline returns bytes; StringIO's own readline carries this ignore too.
    def readline(self, size: int = -1, /) -> str:  # type: ignore[override]
        if not self._lines:
            return ""
        line = self._lines.pop(0)
        return (line(self._out.getvalue()) if callable(line) else line) + "\n"


async def run_demo_lines(data_dir: Path, lines: list[str | Callable[[str], str]]) -> str:
    """What the offline demo printed for ``lines`` typed one by one (a line may depend on what
    was printed before it)."""
    out = StringIO()
    assert await run_demo(demo_settings(data_dir), True, None, Typist(out, lines), out) == 0
    return out.getvalue()
