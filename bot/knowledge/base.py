"""Loads knowledge-base sections and ranks them with bm25s."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import bm25s
import numpy as np

from bot.core.facts import Lang
from bot.core.language import detect_language
from bot.core.ports import Passage
from bot.knowledge.ask_part import reason_asked, without_form
from bot.knowledge.asks import added_side, asks_proof, asks_switch_proof
from bot.knowledge.fits import scene_needs
from bot.knowledge.glossary import bridge, plainly
from bot.knowledge.names import proper_names
from bot.knowledge.question import APPROACHES, SIDES, Question, read_question
from bot.knowledge.ranking import glosses
from bot.knowledge.section_model import SectionModel, default_model, plausible
from bot.knowledge.sections import ASKED_FILE as ASKED_FILE
from bot.knowledge.sections import KNOWLEDGE_DIR as KNOWLEDGE_DIR
from bot.knowledge.sections import LANGS as LANGS
from bot.knowledge.sections import Section as Section
from bot.knowledge.sections import load_asked as load_asked
from bot.knowledge.sections import load_sections as load_sections
from bot.knowledge.sections import parse_section as parse_section
from bot.knowledge.symptoms import symptoms
from bot.knowledge.tokenize import misspelt, query_text, query_tokens, tokenize

# The approaches' names, which nearly every question and every section uses.
APPROACH_TOKENS = frozenset(tokenize("prompting RAG fine-tuning 프롬프팅 파인튜닝"))
# A title names a section when it has this many words besides the approaches' names: "RAG
# basics" says too little ("basic"), "Operator checklist" says what the section is.
MIN_TITLE_WORDS = 2
# What a section of definitions says it is about, in both languages (its tags).
DEFINITIONS = "definitions 정의"
# What the sections that correct a myth say they are about (their tags).
MYTHS = "myth 오해"
# What the sections on when an approach fits say they are about.
CASES = "when 경우"
# The title of a section on when an approach fits.
_CASES_TITLE = re.compile(r"\bwhen\b|경우")
# What the section on adopting the approaches in stages says it is about.
STAGES = "stages 단계"
# What a checklist says it is (its tags).
CHECKLIST = "checklist 체크리스트"

# Words of an asked question that say nothing of which section answers it: the approaches'
# names (nearly every question to every section has them) and what kind of question it is,
# which the search reads itself ("what is" → the definitions, "when" → the cases).
_NOT_TOPIC = APPROACH_TOKENS | frozenset(
    tokenize(f"프롬프트 {DEFINITIONS} {CASES}") + query_tokens("what when 언제 뭐예요 뭔가요")
)


class KnowledgeBase:
    """Ranks sections by id: each id's Korean and English text form one document, so a query in
    either language (or a mix) finds it; the passage comes back in the language asked for.

    Three bm25s indexes are summed: the whole section; its head (title, tags and the questions
    it answers), which names what the section is about; and the questions people asked that it
    answers (``knowledge/asked.yaml``), which word it the way people write. A question that
    uses every word of a section's title names that section and puts it first. A learned
    ``model`` of which section answers what people ask has the last word on the order and on
    which sections are passed on (``section_model.plausible``).
    """

    HEAD_WEIGHT = 0.5
    ASKED_WEIGHT = 0.5

    def __init__(self, sections: list[Section], model: SectionModel | None = None) -> None:
        if not sections:
            raise ValueError("the knowledge base is empty")
        self.sections = sections
        self.model = model
        self._by_key = {(s.id, s.lang): s for s in sections}
        self._ids = sorted({s.id for s in sections})
        self._grouped = grouped = [[s for s in sections if s.id == i] for i in self._ids]
        self._full = self._index([" ".join(f"{_head(s)} {s.text}" for s in g) for g in grouped])
        self._head = self._index([" ".join(_head(s) for s in g) for g in grouped])
        # Kept apart from what the section says of itself, so the many ways people ask do not
        # outweigh its title.
        self._asked = self._index(
            [" ".join(_topic(q) for s in g for q in s.asked) for g in grouped]
        )
        # A question that uses every word of a title names the section ("실행 요약").
        self._titles = [[t for s in g if (t := title_words(s.title))] for g in grouped]
        self._latin = sorted(t for t in self._full.vocab_dict if _LATIN_TOKEN.fullmatch(t))

    @staticmethod
    def _index(texts: list[str]) -> bm25s.BM25:
        index = bm25s.BM25()
        index.index([tokenize(t) or ["\u2205"] for t in texts], show_progress=False)
        return index

    @classmethod
    def load(cls, root: Path = KNOWLEDGE_DIR) -> KnowledgeBase:
        # The shipped section model learned the shipped sections; another knowledge base is
        # ranked by its words alone.
        model = default_model() if root.resolve() == KNOWLEDGE_DIR.resolve() else None
        return cls(load_sections(root), model)

    def ids(self) -> set[str]:
        return set(self._ids)

    def get(self, section_id: str, lang: Lang) -> Section | None:
        return self._by_key.get((section_id, lang)) or next(
            (s for s in self.sections if s.id == section_id), None
        )

    def titles(self, lang: Lang) -> Callable[[str], str]:
        """A section's title in ``lang`` by its id (the id itself when there is no such
        section): what a card shows for its sources."""

        def title(section_id: str) -> str:
            s = self.get(section_id, lang)
            return s.title if s else section_id

        return title

    def _scores(self, index: bm25s.BM25, tokens: list[str]) -> np.ndarray:
        known = [t for t in tokens if t in index.vocab_dict]
        if not known:
            return np.zeros(len(self._ids))
        return np.asarray(index.get_scores(known), dtype=float)

    def search(self, query: str, k: int = 3, lang: Lang | None = None) -> list[Passage]:
        """The ``k`` best sections for ``query`` (only positive scores count as matches)."""
        lang = lang or detect_language(query)
        asked = query
        # "Locked in", "잊어버려요": looked up in the knowledge base's words ("stuck", 까먹).
        # "Why does everyone always say …?" asks the reason for what is said.
        query = plainly(reason_asked(query))
        names = proper_names(query)
        # How the answer is to be put ("한 줄로", "in one line") says nothing of what it is
        # about; asked of nothing else, it asks what a thing is, which the reading below keeps.
        tokens = [
            t if t in names else self._spelled(t)
            for t in query_tokens(query_text(without_form(query), korean=False))
        ]
        if not tokens or k <= 0:
            return []
        # A term the knowledge base never spells as the question does ("점검표") is looked up by
        # the other language's word for it ("checklist").
        plain = query_text(query, korean=False)
        tokens += [t for t in bridge(plain, self._unused) if t not in tokens]
        asks = read_question(query)
        tokens += self._leaning(query, asks)
        scores = (
            self._scores(self._full, tokens)
            + self.HEAD_WEIGHT * self._scores(self._head, tokens)
            + self.ASKED_WEIGHT * self._scores(self._asked, tokens)
        )
        said = set(tokens)
        named = [i for i, titles in enumerate(self._titles) if any(t <= said for t in titles)]
        if named:
            scores[named] += scores.max()
        # Sections the question's own reading puts first; the learned model does not move them.
        pinned = set(named)
        # "Our SOPs change every couple of weeks: which one fits us?": the sections on when an
        # approach fits what the scene needs; "they fixed our retrieval bot, how do we verify
        # it?": the section on proving a change to that approach helped; "the bot forgets
        # what we agreed at the start": the section that explains that trouble. Each answers
        # it, whatever words it shares with the others.
        for found in (
            self._fitting(scene_needs(query)),
            self._proving(query, asks.sides),
            self._explaining(query, asks),
            self._each_case(asks),
        ):
            scores[found] += scores.max()
            pinned.update(found)
        if asks.term:
            # The section that says what the term is (in either language) answers what it
            # means, above those that only use it.
            glossed = [
                i for i, g in enumerate(self._grouped) if any(glosses(s.text, asks) for s in g)
            ]
            scores[glossed] += scores.max()
            pinned.update(glossed)
        ids = [self._ids[int(i)] for i in np.argsort(-scores, kind="stable") if scores[i] > 0]
        if self.model is not None:
            kept = {self._ids[i] for i in pinned}
            if asks.comparison and asks.when:
                # Asked when each one wins, each side keeps the section named for it (asked
                # which wins for a need, it did not pay: see knowledge/eval/README.md).
                kept |= {i for i in ids[:k] if self._titled(i, asks.sides)}
            ids = plausible(ids, self.model.probabilities(asked), k, kept)
        out: list[Passage] = []
        for section_id in ids[:k]:
            section = self.get(section_id, lang)
            if section is None:
                continue
            # The section passed first is the best found, whatever its words scored.
            score = float(scores[self._ids.index(section_id)])
            score = max(score, float(scores.max())) if not out else score
            out.append(
                Passage(
                    id=section.id,
                    title=section.title,
                    lang=section.lang,
                    score=round(score, 4),
                    text=section.text,
                )
            )
        return out

    def _leaning(self, query: str, asks: Question) -> list[str]:
        """Words the question's kind adds to its own: a belief leans to the myths, a term to the
        sections that use it, a "when" to the cases."""
        extra: list[str] = []
        approaches = set(asks.sides) <= set(APPROACHES)
        if asks.belief:
            # "Is prompting just a stopgap?": a belief, which the sections on myths correct;
            # a definition that says what the question does ("just writing better
            # instructions") still comes up on its words.
            extra += tokenize(MYTHS)
        elif need := [t for t in asks.need if t in self._full.vocab_dict and approaches]:
            # "RAG vs fine-tuning for tone?": the sections on what it is compared for, in
            # either language's words for it (a Korean section says 어조 where one asks 톤);
            # and the definitions, for a side nothing on the need is said of.
            extra += need * 3 + tokenize(DEFINITIONS) * 2
        elif asks.checks and not asks.comparison:
            # "What should we double-check before switching?": the checklist answers it.
            extra += tokenize(CHECKLIST)
        elif asks.term:
            # "What does 'quality ceiling' mean?": the sections that use the term, in either
            # language, above those that share the question's other words.
            extra += [t for t in (*asks.term, *asks.term_other) if t not in APPROACH_TOKENS] * 2
        elif asks.what or (asks.only_differ and approaches):
            # "What is X?" names nothing but X, which every section uses: the glossary of
            # definitions is where such a question is answered; and where approaches are set
            # apart.
            extra += tokenize(DEFINITIONS)
        elif asks.order and asks.sides and not asks.comparison:
            # "Why start with prompting first?": the stages the approaches are adopted in.
            extra += tokenize(STAGES)
        elif asks.when and asks.sides:
            # "When should we add RAG?": the sections on when each approach fits answer it;
            # and, asked of one with no such section of its own by a team on another one now
            # ("we run on prompts; when do we add RAG?"), the stages they are adopted in.
            extra += tokenize(CASES)
            if self._next_stage(query, asks.sides):
                extra += tokenize(STAGES)
        return extra

    def _fitting(self, needs: tuple[str, ...]) -> list[int]:
        """The sections on which approach fits just ``needs``, before one on more of them."""
        covers = [
            (len(g[0].fits), i) for i, g in enumerate(self._grouped) if set(needs) <= set(g[0].fits)
        ]
        fewest = min(covers)[0] if needs and covers else -1
        return [i for n, i in covers if n == fewest]

    def _proving(self, query: str, sides: tuple[str, ...]) -> list[int]:
        """The sections on proving that a change to ``sides`` helped, when ``query`` asks how;
        else, of a change of approach ("we swapped the prompts …"), the one on such a change."""
        if not sides or not asks_proof(query.casefold()):
            return []
        found = [i for i, g in enumerate(self._grouped) if set(sides) <= set(g[0].proves)]
        if found or not asks_switch_proof(query.casefold()):
            return found
        return [i for i, g in enumerate(self._grouped) if "unmeasured-switch" in g[0].explains]

    def _explaining(self, query: str, asks: Question) -> list[int]:
        """The sections that explain a trouble ``query`` tells of, when it asks of the trouble
        (not to compare approaches, or whether a belief holds); a section on one approach's
        troubles (what it ``proves``) only when the question names no other approach ("파인튜닝하면
        hallucination 줄죠?" asks of fine-tuning)."""
        told = set(symptoms(query))
        # Nor when it asks when to take up an approach: the trouble is then where it stands.
        if not told or asks.comparison or asks.belief or (asks.when and asks.sides):
            return []
        return [
            i
            for i, g in enumerate(self._grouped)
            if told & set(g[0].explains) and set(asks.sides) <= set(g[0].proves or asks.sides)
        ]

    def _each_case(self, asks: Question) -> list[int]:
        """Asked when each of two approaches fits ("in which situations each one wins?"), the
        section on when each one fits, when every side has one."""
        if not (asks.when and asks.comparison and asks.each) or len(asks.sides) < 2:
            return []
        found = [
            [i for i, g in enumerate(self._grouped) if any(on_cases(s.title, side) for s in g)]
            for side in asks.sides
        ]
        return [i for f in found for i in f] if all(found) else []

    def _next_stage(self, query: str, sides: tuple[str, ...]) -> bool:
        """``query`` asks when to take up the one approach of ``sides``, which no section on
        when it fits has, while naming another one (where the team stands now)."""
        if len(sides) != 1 or sides[0] not in APPROACHES:
            return False
        lowered = query.casefold()
        # Why add it at all ("why bother adding RAG on top?") asks what it adds, not when.
        if added_side(lowered) or not any(
            SIDES[a].search(lowered) for a in APPROACHES if a != sides[0]
        ):
            return False
        return not any(on_cases(s.title, sides[0]) for s in self.sections)

    def _titled(self, section_id: str, sides: tuple[str, ...]) -> bool:
        """The title of ``section_id`` names one of ``sides``."""
        group = self._grouped[self._ids.index(section_id)]
        return any(SIDES[side].search(s.title.casefold()) for s in group for side in sides)

    def _unused(self, spelling: str) -> bool:
        """No section uses all of ``spelling``'s words, in its text or in what it says it is
        about."""
        return not all(t in self._full.vocab_dict for t in tokenize(spelling))

    def _spelled(self, token: str) -> str:
        """A misspelt English word ("retreival") as the word of the knowledge base it means."""
        if token in self._full.vocab_dict or not _LATIN_TOKEN.fullmatch(token):
            return token
        return misspelt(token, self._latin) or token


_LATIN_TOKEN = re.compile(r"[a-z][a-z-]*")


def on_cases(title: str, side: str) -> bool:
    """``title`` is that of the section on when ``side`` fits ("When to use prompting")."""
    lowered = title.casefold()
    return bool(SIDES[side].search(lowered) and _CASES_TITLE.search(lowered))


def title_words(title: str) -> frozenset[str]:
    """The words of a title besides the approaches' names, when there are enough of them to
    name its section (none otherwise)."""
    words = frozenset(tokenize(title)) - APPROACH_TOKENS
    return words if len(words) >= MIN_TITLE_WORDS else frozenset()


def _topic(question: str) -> str:
    """What an asked question says of its topic, read as the search reads a question."""
    words = query_tokens(query_text(question, korean=False))
    return " ".join(t for t in words if t not in _NOT_TOPIC)


def _head(s: Section) -> str:
    return " ".join((s.title, *s.tags, *s.questions))
