"""Names in a question: words capitalised inside a sentence, which are never taken for a
misspelt word of the knowledge base."""

from __future__ import annotations

import re

from bot.knowledge.words import CASED_WORD, SENTENCE_BREAK

# A quoted sentence opens: a quote mark after a colon or the start, then the word.
_QUOTE_OPENS = re.compile(r"(?:^|[:,]\s*)['\"“‘]$")
_CALENDAR = frozenset(
    {
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        *("january", "february", "march", "april", "june", "july", "august"),
        *("september", "october", "november", "december"),
    }
)


def proper_names(text: str) -> frozenset[str]:
    """Words capitalised inside a sentence ("the Lakers", "Claude"), casefolded: names, which
    are never taken for a misspelt word of the knowledge base ("Lakers" is not "layers"). The
    first word of a quoted sentence ("fwd from the boss: 'Need a …'") and the days and months
    ("by Thursday") name nothing."""
    names: set[str] = set()
    for sentence in SENTENCE_BREAK.split(text):
        for m in CASED_WORD.finditer(sentence):
            word = m.group(0).casefold()
            if (
                m.start() > 0
                and m.group(0)[0].isupper()
                and sentence[: m.start()].strip()
                and not _QUOTE_OPENS.search(sentence, 0, m.start())
                and word not in _CALENDAR
            ):
                names.add(word)
    return frozenset(names)
