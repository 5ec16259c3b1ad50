"""The rule patterns' compiled code kept on disk, so that a new process does not compile them again.

Compiling one of the large rule alternations takes tens to hundreds of milliseconds (all of
them, some 9,000 patterns, about 20 s on one core), and a pattern compiles on its first search:
without this file the first messages a new process reads wait seconds for it. The regex
engine's compiled form is a list of integers; building a pattern from that list skips the
parser and the compiler and takes microseconds.

The file is keyed by everything the code depends on (the Python build, the engine's code
format, the rewriting in ``compiling`` and ``guards``); any other file is ignored, and a
pattern not in the file compiles as before. ``explainer warm`` writes it. The code is taken
from the same parsed tree ``compile_pattern`` compiles, so a pattern built from the file is
the pattern ``compile_pattern`` returns.
"""

from __future__ import annotations

import array
import hashlib
import importlib
import logging
import marshal
import os
import sys
import tempfile
import zlib
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.llm.reader import compiling, guards
from bot.llm.reader.patterns import Pattern, use_compiled

_compiler: Any = importlib.import_module("re._compiler")
_sre: Any = importlib.import_module("_sre")

log = logging.getLogger(__name__)

_MAGIC = b"explainer-patterns\n"
_FORMAT = b"1"
# The array type whose items are the engine's code words.
_WORD = next(t for t in "IL" if array.array(t).itemsize == _sre.CODESIZE)

# What a pattern compiles to, less its code: flags, groups, group index, index to group.
Stored = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
Source = tuple[str, int]


def namespace() -> str:
    """Everything the compiled code depends on, as one short digest."""
    h = hashlib.blake2b(digest_size=10)
    for part in (sys.version, str(_sre.MAGIC), str(_sre.CODESIZE)):
        h.update(part.encode() + b"\0")
    for module in (compiling, guards):
        h.update(Path(str(module.__file__)).read_bytes())
    h.update(_FORMAT)
    return h.hexdigest()


def file_in(directory: Path) -> Path:
    return directory / f"patterns-{namespace()}.bin"


def _key(pattern: str, flags: int) -> bytes:
    return hashlib.blake2b(f"{int(flags)}\0{pattern}".encode(), digest_size=16).digest()


def entry(pattern: str, flags: int) -> Stored:
    """What ``compile_pattern(pattern, flags)`` compiles, stored."""
    flags = int(flags)
    tree = compiling.searched_as(pattern, flags)
    code = _compiler._code(tree, flags)
    groupindex = dict(tree.state.groupdict)
    indexgroup: list[str | None] = [None] * tree.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    packed = zlib.compress(array.array(_WORD, code).tobytes(), 1)
    return (flags | tree.state.flags, packed, tree.state.groups - 1, groupindex, tuple(indexgroup))


def _entries(sources: list[Source]) -> list[tuple[bytes, Stored]]:
    return [(_key(p, f), entry(p, f)) for p, f in sources]


@dataclass
class CodeCache:
    """Compiled code by pattern; counts what it could and could not give."""

    entries: dict[bytes, Stored]
    hits: int = 0
    misses: int = 0

    def compiled(self, pattern: str, flags: int) -> Any:
        """The compiled pattern, or None when the file does not hold it."""
        stored = self.entries.get(_key(pattern, flags))
        if stored is None:
            self.misses += 1
            return None
        full, packed, groups, groupindex, indexgroup = stored
        code = array.array(_WORD, zlib.decompress(packed)).tolist()
        try:
            built = _sre.compile(None, full, code, groups, groupindex, indexgroup)
        except (RuntimeError, TypeError, ValueError):  # the engine rejected the code
            self.misses += 1
            return None
        self.hits += 1
        return built


def dumps(entries: dict[bytes, Stored]) -> bytes:
    payload = marshal.dumps(entries)
    digest = hashlib.blake2b(payload, digest_size=16).digest()
    return _MAGIC + namespace().encode() + b"\n" + digest + payload


def loads(data: bytes) -> dict[bytes, Stored] | None:
    """The entries, or None for a file of another build, format or a damaged one."""
    head = _MAGIC + namespace().encode() + b"\n"
    if not data.startswith(head):
        return None
    digest, payload = data[len(head) : len(head) + 16], data[len(head) + 16 :]
    if hashlib.blake2b(payload, digest_size=16).digest() != digest:
        return None
    try:
        entries = marshal.loads(payload)  # noqa: S302 - written by this program, checksummed
    except (EOFError, ValueError, TypeError):
        return None
    return entries if isinstance(entries, dict) else None


def load(path: Path) -> CodeCache | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    entries = loads(data)
    return None if entries is None else CodeCache(entries)


def sources_of(patterns: Iterable[Pattern]) -> list[Source]:
    """Each pattern's source and flags once, in the order met (``Rules.patterns`` names a
    shared class once per rule that uses it)."""
    return list(dict.fromkeys((p.pattern, int(p.flags)) for p in patterns))


def build(
    sources: Iterable[Source], directory: Path, *, processes: int | None = None
) -> tuple[Path, int, int]:
    """Writes the file for ``sources`` into ``directory``, compiling only what the file there
    does not hold yet; entries no longer asked for are dropped. Returns the path, how many
    entries it holds and how many were compiled now."""
    # A directory that cannot be made fails now, not after the compiling.
    directory.mkdir(parents=True, exist_ok=True)
    path = file_in(directory)
    old = load(path)
    held = old.entries if old is not None else {}
    wanted = {_key(p, f): (p, int(f)) for p, f in sources}
    todo = [src for key, src in wanted.items() if key not in held]
    # Longest first, dealt round-robin: the chunks take about as long as each other.
    todo.sort(key=lambda s: -len(s[0]))
    workers = max(1, min(processes or os.cpu_count() or 1, len(todo)))
    chunks = [todo[i::workers] for i in range(workers)]
    fresh: list[tuple[bytes, Stored]] = []
    if workers == 1:
        fresh = _entries(todo)
    elif todo:
        with ProcessPoolExecutor(workers) as pool:
            for part in pool.map(_entries, chunks):
                fresh.extend(part)
    entries = {k: held[k] for k in wanted if k in held}
    entries.update(fresh)
    if old is None or fresh or len(entries) != len(held):
        _write(path, dumps(entries))
    return path, len(entries), len(fresh)


def _write(path: Path, data: bytes) -> None:
    """Whole or not at all: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        # Readable by all, as a file written any other way: an image built as root serves as
        # another user.
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class _OnFirstUse:
    """The file, read when the first pattern compiles: a process that reads no message
    (one that only acks) never loads it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.cache: CodeCache | None = None
        self.loaded = False

    def compiled(self, pattern: str, flags: int) -> Any:
        if not self.loaded:
            self.loaded = True
            self.cache = load(self.path)
            if self.cache is None:
                log.info("no compiled rule patterns at %s: each compiles on first use", self.path)
            else:
                log.debug("%d compiled rule patterns from %s", len(self.cache.entries), self.path)
        return None if self.cache is None else self.cache.compiled(pattern, flags)


def install(directory: Path) -> None:
    """Patterns compile from the file in ``directory`` where it holds them."""
    use_compiled(_OnFirstUse(file_in(directory)))
