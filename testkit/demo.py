"""The demo's settings and what it stored, for tests that run it."""

from __future__ import annotations

import getpass
from pathlib import Path

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
