"""What the knowledge base talks about, and whether a question is about something else."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable

from bot.knowledge.ask_part import (
    Ask,
    about_us,
    asking_part,
    marked_asking,
    which_of,
    without_form,
)
from bot.knowledge.asks import ASKS_FIT, ASKS_PICK, METHOD, TIER_PICK, asks_proof
from bot.knowledge.base import Section, load_sections, title_words
from bot.knowledge.fits import scene_needs
from bot.knowledge.forms import MIN_PART, doubled_stem, inflected, joined
from bot.knowledge.glossary import ABBREVIATIONS
from bot.knowledge.law import outside_in
from bot.knowledge.names import proper_names
from bot.knowledge.question import (
    APPROACHES,
    HANGUL_WORD,
    LATIN_WORD,
    SIDES,
    Question,
    read_question,
)
from bot.knowledge.scene_words import placed, placing, scene_word
from bot.knowledge.symptoms import symptoms
from bot.knowledge.tokenize import misspelt, tokenize
from bot.knowledge.words import (
    asked,
    asking_sentences,
    chatter,
    content_at,
    quoted,
    settings,
    unframed,
    unused,
)

# A question a user asks among others is read alone when it names this much (by weight).
MIN_ASKED_WEIGHT = 2
# Declines when more than this share of the question's content words occurs nowhere in the
# knowledge base (as much, when one of them is a name), or two or more of them and at least the
# smaller share.
MAX_UNKNOWN_SHARE = 0.5
MIN_UNKNOWN_SHARE = 0.4
# The scene weighs nothing when the question names this much else the knowledge base uses.
MIN_PLACED_WEIGHT = 2
# Without what it is for, a question is covered when at most this share of it is unknown.
MAX_USE_UNKNOWN_SHARE = 0.3
# A word this long is known when the knowledge base has a word that starts like it.
LONG_WORD = 7
STEM_CHARS = 6
# A Korean particle after a noun ("팀도", "요약을").
_PARTICLE = re.compile(r"(?:은|는|이|가|을|를|도|만|의|에|에서|으로|로|랑|이랑|하고|과|와)$")


class Vocabulary:
    """What the knowledge base talks about: its English words and its Korean text."""

    def __init__(self, sections: Iterable[Section]) -> None:
        latin: set[str] = set()
        korean: list[str] = []
        # What each section says it is about: its title, tags and the questions it answers.
        self.heads: dict[str, frozenset[str]] = {}
        # The words of each section's title, when it has a few besides the approaches' names.
        self.titles: set[frozenset[str]] = set()
        # The tokens of what the sections are about: their titles and tags; and of the tags
        # alone, the terms the knowledge base is about.
        self.topics: set[str] = set()
        self.tagged: set[str] = set()
        for s in sections:
            self.topics.update(tokenize(" ".join((s.title, *s.tags))))
            self.tagged.update(tokenize(" ".join(s.tags)))
            title = title_words(s.title)
            if title:
                self.titles.add(title)
            head = tokenize(" ".join((s.title, *s.tags, *s.questions)))
            self.heads[s.id] = self.heads.get(s.id, frozenset()) | frozenset(head)
            whole = " ".join((s.title, *s.tags, *s.questions, s.text)).casefold()
            latin.update(tokenize(whole))
            words = LATIN_WORD.findall(whole)
            latin.update(words)
            latin.update(part for w in words for part in w.split("-"))
            latin.update(joined(words))
            korean.extend(HANGUL_WORD.findall(whole))
        self._latin = frozenset(t for t in latin if not HANGUL_WORD.search(t))
        self._latin_list = sorted(self._latin)
        self._korean = " ".join(korean)
        # Words of one syllable it uses alone or with a particle ("봇이", "톤은", "팀").
        self._syllables = {w[0] for w in korean if len(_PARTICLE.sub("", w) or w) == 1}

    def topical(self, word: str) -> bool:
        """``word`` names what a section is about ("bot", "상담봇이")."""
        return bool(set(tokenize(word)) & self.topics)

    def term(self, word: str) -> bool:
        """``word`` is a term the sections are tagged with ("team", "팀도": a stem and particle)."""
        if HANGUL_WORD.fullmatch(word):
            stem = _PARTICLE.sub("", word) or word
            tokens = tokenize(stem)
            return stem in self.tagged or bool(tokens and tokens[0] in self.tagged)
        return bool(set(tokenize(word)) & self.tagged)

    def names_section(self, question: str) -> bool:
        """``question`` names a section by every word of its title ("the operator checklist")."""
        words = set(tokenize(question))
        return any(title <= words for title in self.titles)

    def knows(self, word: str, typos: bool = True) -> bool:
        """Whether the knowledge base uses ``word`` or another form of it; ``typos``: or a word
        it is a misspelling of (not for names)."""
        if HANGUL_WORD.fullmatch(word):
            # The longest leading part found in the knowledge base: particles and endings
            # follow the stem, so "파인튜닝이랑" is known through "파인튜닝", "봇에" through "봇".
            if len(_PARTICLE.sub("", word)) == 1 and word[0] in self._syllables:
                return True
            return any(word[:n] in self._korean for n in range(len(word), 1, -1))
        folded = tokenize(word)
        if word in self._latin or (folded and folded[0] in self._latin):
            return True
        if word in ABBREVIATIONS:
            return all(self.knows(w) for w in ABBREVIATIONS[word].split())
        if word.startswith("un") and len(word) >= LONG_WORD and self.knows(word[2:]):
            # The opposite of a word it uses ("unlabeled", "unclear").
            return True
        if len(word) >= LONG_WORD:
            # Another form of a word the knowledge base uses ("documentation", "document").
            stem = word[:STEM_CHARS]
            i = bisect.bisect_left(self._latin_list, stem)
            if i < len(self._latin_list) and self._latin_list[i].startswith(stem):
                return True
        if "-" in word and any(
            len(part) >= MIN_PART and self.knows(part) for part in word.split("-")
        ):
            # A compound of a word it uses ("cost-wise", "one-liner") says little more.
            return True
        if (base := doubled_stem(word)) and base in self._latin:
            return True
        # Another form of a word it uses, or a misspelt one ("retreival", "diffrence").
        return inflected(word, self._latin) or (
            typos and misspelt(word, self._latin_list) is not None
        )


def unknown_words(question: str, vocabulary: Vocabulary) -> tuple[int, float, bool]:
    """How many of the question's content words the knowledge base never uses, their share of
    the question's content (by weight), and whether a name or acronym is among them.

    An unknown word next to a word the knowledge base uses makes a term with it ("prompt
    injection", "embedding model"): a thing the knowledge base does not name, so it weighs
    double.

    The approaches' names weigh as any other word, "RAG" no more than "prompting", and nothing
    where they only set the scene ("how do I chunk documents for RAG?" is about chunking
    documents): every section names them, so they do not by themselves make a question about
    what the knowledge base says."""
    # Chat around the question ("sorry", "literally") names nothing: unknown, it weighs nothing.
    words = content_at(question)
    names = proper_names(question)
    known = {at for w, _, at in words if at >= 0 and vocabulary.knows(w, w not in names)}
    unknown: list[tuple[int, bool]] = []
    total = 0
    setting = settings(question)
    scene = _placing(question, words, names, vocabulary)
    for w, n, at in words:
        if _approach(w):
            # Where the question is set ("… for RAG") weighs nothing.
            total += 0 if at in setting else 1
            continue
        if vocabulary.knows(w, w not in names):
            total += n
            continue
        if chatter(w) or placed(w, scene):
            continue
        term = at >= 0 and bool({at - 1, at + 1} & known)
        unknown.append((max(n, 2) if term else n, n > 1))
        total += unknown[-1][0]
    share = sum(n for n, _ in unknown) / total if total else 0.0
    return len(unknown), share, any(named for _, named in unknown)


def _placing(
    question: str, words: list[tuple[str, int, int]], names: frozenset[str], vocabulary: Vocabulary
) -> frozenset[str]:
    """The trade, the organisation and the people of the scene ("our hotel concierge bot", "a
    news agency"), which weigh nothing when all else the question names is in the knowledge
    base's words, and enough of it: told outside the sentence that asks, or saying what kind of
    thing a term of the knowledge base is."""
    own, strange = 0, False
    for w, n, _ in words:
        if _approach(w) or scene_word(w):
            continue
        if vocabulary.knows(w, w not in names):
            own += n
        elif not chatter(w):
            strange = True
    if strange or own < MIN_PLACED_WEIGHT:
        return frozenset()
    return placing(question, asking_sentences(question), vocabulary.topical)


def _approach(word: str) -> bool:
    """``word`` names one of the approaches ("RAG", "fine-tuning", "프롬프팅이랑")."""
    return any(SIDES[a].match(word) for a in APPROACHES)


def off_topic(question: str, vocabulary: Vocabulary) -> bool:
    """Much of what the question asks names nothing in the knowledge base: it is about
    something next to the topic ("which vector database", "learning rate", "the best GPU"), not
    the topic. Both the whole question and what it asks must be; and a question that names a
    section by its title asks about it, whatever else it says ("in 3 bullets for our runbook"),
    and so does one that sets approaches side by side ("prompting vs RAG in 3 bullets"); what it
    quotes in the knowledge base's words is what it asks about, whatever the scene; and so does
    one that asks which approach fits the scene it tells. Law and purchases are never covered."""
    # Who asks and how they want it put ("pharma regulatory writer here", "in plain English")
    # place the question; what is left is what it asks about.
    plain = unframed(question)
    if outside_in(plain):
        return True
    q = read_question(question)
    if vocabulary.names_section(question) or q.comparison or (q.checks and bool(q.sides)):
        return False
    if _asks_what_an_approach_is(q, plain, vocabulary):
        return False
    verdict = _by_the_ask(plain, vocabulary)
    if verdict is not None:
        return verdict
    # Declined only when the question is off the topic with its framing and without it.
    texts = {question, asked(question), *quoted(question), plain, asked(plain), *quoted(plain)}
    # And the sentences that ask in so many words, when others ask less plainly ("비용 지표는
    # 뭘 봐야 돼요? 월말 청구서만 보면 되나요"), when they name enough to be read alone.
    marked = marked_asking(plain)
    if sum(n for _, n, _ in content_at(marked)) >= MIN_ASKED_WEIGHT:
        texts.add(marked)
    if not all(_unknown(text, vocabulary) for text in texts):
        return False
    # What the question is for ("… before we commit to RAG for submission drafts?") may be all
    # it names outside the knowledge base: covered when what it asks of that use is nearly all
    # in its words ("which embedding model works best for Korean RAG?" still asks the model).
    used = asked(unused(plain))
    if used == asked(plain):
        return True
    _, share, named = unknown_words(used, vocabulary)
    return named or share > MAX_USE_UNKNOWN_SHARE


def _by_the_ask(question: str, vocabulary: Vocabulary) -> bool | None:
    """Whether ``question`` is off the topic by what it asks alone, when a scene is told around
    it: not when every word of what it asks is in the knowledge base's words and one of them is
    an approach or a term it is about ("저희 마케팅팀이라 … 이런 팀도 도입할 만한가요?", "X says
    once we fine-tune we won't need RAG. is that right?"), and the scene names no product or
    name the knowledge base does not ("we use Pinecone"); yes when what it asks names nothing in
    the knowledge base, and nor does the scene ("explain kubernetes in one line. I'm a PM"), or
    when what it asks to confirm is about things the knowledge base does not name. Else None:
    the words of the whole question decide."""
    ask = asking_part(question) or Ask(text=without_form(question), scene="")
    thing = which_of(ask.text)
    if thing and _strange_thing(thing, vocabulary):
        # Asked which of a kind of thing the knowledge base does not name ("which oven").
        return True
    fit = _asks_fit(ask.text, vocabulary) or scene_needs(question)
    if (fit or symptoms(question)) and not _names_unknown(question, vocabulary):
        # Which approach fits the scene told ("어떤 방식이 맞을까요?", "Is this fine-tuning
        # territory now?", "our SOPs change every couple of weeks, which one fits?"), or a
        # trouble it explains, is what the knowledge base is for, whatever the scene's trade.
        return False
    if asks_proof(question.casefold()) and _names_any(question, vocabulary):
        # How to show that a change to an approach helped is what an evaluation set is for,
        # whatever was changed ("RAG 청킹 설정 바꿨더니 … 진짜 개선됐는지 어떻게 보여주죠?").
        return False
    words = content_at(ask.text)
    names = proper_names(ask.text)
    known = [w for w, _, _ in words if _approach(w) or vocabulary.knows(w, w not in names)]
    strange = [w for w, _, _ in words if w not in known and not chatter(w)]
    named = any(_approach(w) or vocabulary.term(w) for w in known) or about_us(ask.text)
    if not strange and named:
        return None if _names_unknown(ask.scene, vocabulary) else False
    if strange and not known and not _names_any(ask.scene, vocabulary):
        return True
    return _strange_claim(ask.claim, vocabulary)


def _asks_fit(ask: str, vocabulary: Vocabulary) -> bool:
    """``ask`` asks which approach fits, or whether one does: it names an approach or a way of
    doing things ("어떤 방식", "what approach") with words that ask for a pick or a fit, and
    nothing else the knowledge base does not name (the words of the fit are idiom: "territory")."""
    lowered = ask.casefold()
    if TIER_PICK.search(lowered):
        return True  # which model tier fits the task told ("Opus or Sonnet for …?")
    fit = ASKS_FIT.search(lowered) or ASKS_PICK.search(lowered)
    if fit is None:
        return False
    words = content_at(ask)
    if not any(_approach(w) for w, _, _ in words) and not METHOD.search(lowered):
        return False
    idiom = {w for w, _, _ in content_at(fit.group())}
    names = proper_names(ask)
    return all(
        _approach(w) or chatter(w) or w in idiom or vocabulary.knows(w, w not in names)
        for w, _, _ in words
    )


def _asks_what_an_approach_is(q: Question, plain: str, vocabulary: Vocabulary) -> bool:
    """``q`` asks what one of the approaches is ("explain RAG to me like I skipped the
    onboarding"), and the question without who asks (``plain``) names no product, name or
    version the knowledge base does not know."""
    return (
        q.what
        and bool(q.sides)
        and all(s in APPROACHES for s in q.sides)
        and not _names_unknown(plain, vocabulary)
    )


def _strange_thing(thing: str, vocabulary: Vocabulary) -> bool:
    """``thing`` names something the knowledge base does not, and no approach."""
    words = [(w, n) for w, n, _ in content_at(thing) if not chatter(w)]
    if any(_approach(w) for w, _ in words):
        return False
    names = proper_names(thing)
    return any(not vocabulary.knows(w, w not in names) for w, _ in words)


def _strange_claim(claim: str, vocabulary: Vocabulary) -> bool | None:
    """Yes when what the question asks to confirm is about things the knowledge base does not
    name ("my director says Kubernetes is overkill. is that true?"), at least half of it; no when
    it is about an approach and names no product the knowledge base does not know."""
    words = [(w, n) for w, n, _ in content_at(claim) if not chatter(w)]
    if not words:
        return None
    if any(_approach(w) for w, _ in words):
        return None if _names_unknown(claim, vocabulary) else False
    names = proper_names(claim)
    strange = sum(n for w, n in words if not vocabulary.knows(w, w not in names))
    return True if strange and 2 * strange >= sum(n for _, n in words) else None


def _names_unknown(text: str, vocabulary: Vocabulary) -> bool:
    """``text`` names something the knowledge base does not: a name, an acronym or a version
    ("Pinecone", "CRM", "GPT-4o"); a department or working group ("HR", "AI TF") is the scene."""
    names = proper_names(text)
    return any(
        (n > 1 or w in names)
        and not _approach(w)
        and not scene_word(w)
        and not vocabulary.knows(w, typos=False)
        for w, n, _ in content_at(text)
    )


def _names_any(text: str, vocabulary: Vocabulary) -> bool:
    """``text`` names an approach or a term the knowledge base is about."""
    return any(
        _approach(w) or (vocabulary.knows(w) and vocabulary.term(w)) for w, _, _ in content_at(text)
    )


def _unknown(text: str, vocabulary: Vocabulary) -> bool:
    count, share, named = unknown_words(text, vocabulary)
    return (
        share > MAX_UNKNOWN_SHARE
        or (named and share >= MAX_UNKNOWN_SHARE)
        or (count >= 2 and share >= MIN_UNKNOWN_SHARE)
    )


@functools.cache
def default_vocabulary() -> Vocabulary:
    return Vocabulary(load_sections())
