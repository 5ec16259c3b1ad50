"""Structured JSON logs: ids, sizes and hashes only, never message text or tokens."""

from __future__ import annotations

import json
import logging
import sys
import time


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": round(time.time(), 3),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        if record.exc_info and record.exc_info[0] is not None:
            # The type only: exception text can carry user input.
            entry["error"] = record.exc_info[0].__name__
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper() if level.upper() in logging.getLevelNamesMapping() else "INFO")
    # Library debug logs can include request bodies; keep them quiet unless asked for.
    for noisy in (
        "slack_bolt",
        "slack_sdk",
        "aiohttp.access",
        "httpx",
        "anthropic",
        "httpx2",
        "bm25s",
    ):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
