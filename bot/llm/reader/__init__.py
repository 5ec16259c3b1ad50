"""The offline reader: facts from Korean, English and mixed free text, by rules kept as data,
with a learned second opinion for what the rules leave unset."""

from bot.llm.reader.learned import extract_facts, without_injection
from bot.llm.reader.learned import read_with_second_opinion as read
from bot.llm.reader.read import read as read_by_rules
from bot.llm.reader.text import normalise

__all__ = ["extract_facts", "normalise", "read", "read_by_rules", "without_injection"]
