"""Local runs share one embedded Redis per data directory; the one that started it may exit
first. An eval (or a demo) that reused it then starts its own and carries on."""

from __future__ import annotations

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
