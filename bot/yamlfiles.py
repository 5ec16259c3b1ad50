"""YAML read with libyaml's parser where PyYAML was built with it (its wheels are): the rule
files, the knowledge base and the texts load about ten times faster than with the pure-Python
parser, before any process that reads messages starts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import ValidationError

T = TypeVar("T")

#: The safe loader, in C where there is one; the same documents either way.
SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """``yaml.safe_load(text)``."""
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - a safe loader


class DataFileError(ValueError):
    """A labelled file that cannot be read, or does not hold what it should; the message
    names the file and says what is wrong, for a person to fix it."""


def read_data_file(path: Path, parse: Callable[[Any], T], empty: Any = None) -> T:
    """``parse`` of the YAML document in ``path`` (``empty`` for an empty file), any way the
    file may be wrong raised as a ``DataFileError``."""
    try:
        raw = load_yaml(path.read_text(encoding="utf-8"))
        return parse(empty if raw is None else raw)
    except OSError as e:
        raise DataFileError(f"{path}: {e.strerror or e}") from e
    except UnicodeDecodeError as e:
        raise DataFileError(f"{path}: not UTF-8 text") from e
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise DataFileError(f"{path}: not valid YAML{where}") from e
    except ValidationError as e:
        first = e.errors()[0]
        field = ".".join(str(x) for x in first["loc"]) or "the document"
        more = f" (and {e.error_count() - 1} more)" if e.error_count() > 1 else ""
        raise DataFileError(f"{path}: {field}: {first['msg']}{more}") from e


def no_duplicate_ids(ids: list[str], what: str) -> None:
    """Raises a ``DataFileError`` naming the ids given more than once."""
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise DataFileError(f"duplicate {what} ids: {', '.join(dupes)}")
