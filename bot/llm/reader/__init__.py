"""The offline reader: facts from Korean, English and mixed free text, by rules kept as data."""

from bot.llm.reader.read import extract_facts, read
from bot.llm.reader.text import normalise

__all__ = ["extract_facts", "normalise", "read"]
