"""Structured JSON logs: ids, sizes and hashes only, never message text or tokens."""

from __future__ import annotations

import hashlib
import json
import logging
import re
import sys
import time

# Libraries whose records may quote request bodies, message text or tokens.
LIBRARY_LOGGERS = ("slack_bolt", "slack_sdk", "aiohttp.access", "httpx", "anthropic", "httpx2")
_QUIET = (*LIBRARY_LOGGERS, "bm25s")
# Library messages put what they are about after a bracket, a colon or a line break.
_DETAILS = re.compile(r"[(\[{:\n]")
MAX_LIBRARY_MESSAGE_CHARS = 120


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


class RedactingFilter(logging.Filter):
    """Keeps the fixed start of a library's message and the exception's type, nothing else.

    Slack's libraries put whole request bodies (user text, ids, response URLs) and API
    arguments into their messages; the part before the first bracket or colon is the
    library's own wording. With ``prefixes``, only records of those loggers are rewritten.
    """

    def __init__(self, prefixes: tuple[str, ...] = ()) -> None:
        super().__init__()
        self._prefixes = prefixes

    def filter(self, record: logging.LogRecord) -> bool:
        if self._prefixes and not record.name.startswith(self._prefixes):
            return True
        head = _DETAILS.split(str(record.msg), maxsplit=1)[0].strip()
        head = head[:MAX_LIBRARY_MESSAGE_CHARS] or "details withheld"
        if record.exc_info and record.exc_info[0] is not None:
            head = f"{head} ({record.exc_info[0].__name__})"
        record.msg, record.args = head, None
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True


def library_logger(name: str = "slack_bolt") -> logging.Logger:
    """The base logger to hand Slack's libraries: every logger Bolt derives from it copies
    its level (WARNING unless set) and its redacting filter, whatever the root level is."""
    logger = logging.getLogger(name)
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.WARNING)
    if not any(isinstance(f, RedactingFilter) for f in logger.filters):
        logger.addFilter(RedactingFilter())
    return logger


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    # Records of library loggers configured elsewhere are rewritten on their way out too.
    handler.addFilter(RedactingFilter(prefixes=LIBRARY_LOGGERS))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper() if level.upper() in logging.getLevelNamesMapping() else "INFO")
    # Library debug logs can include request bodies; keep them quiet unless asked for.
    for noisy in _QUIET:
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))


def short_hash(value: str) -> str:
    """Stands in for a user id in key names and logs."""
    return hashlib.sha256(value.encode()).hexdigest()[:16]
