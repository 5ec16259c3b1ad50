"""What a shipped model was trained on, so a test can tell when it needs training again."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path


def digest(root: Path, paths: Sequence[Path]) -> str:
    """The training files as one hash: each file's path under ``root`` and its bytes."""
    h = hashlib.sha256()
    for path in paths:
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()
