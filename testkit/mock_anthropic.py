"""A local mock of the Anthropic Messages API that speaks its wire format.

The real ``anthropic`` SDK talks to it over HTTP on 127.0.0.1: pass ``base_url=mock.url`` (or set
``ANTHROPIC_BASE_URL``) and it posts to ``<url>/v1/messages`` exactly as it would to the API.

Two ways to run it::

    async with MockAnthropic() as mock:         # on the test's own event loop
        client = AsyncAnthropic(api_key="test", base_url=mock.url)

    mock = MockAnthropic()
    url = mock.start_in_thread()                 # own loop in a background thread, e.g. for a
    try:                                         # subprocess that reads ANTHROPIC_BASE_URL
        ...
    finally:
        mock.stop()

What it does, like the API:

* ``POST /v1/messages`` answers with a ``message`` JSON object, or with server-sent events when the
  body says ``"stream": true`` (``message_start``, ``ping``, ``content_block_start``,
  ``content_block_delta`` with ``text_delta`` / ``input_json_delta`` / ``citations_delta``,
  ``content_block_stop``, ``message_delta``, ``message_stop``); errors use the API's
  ``{"type": "error", "error": {"type", "message"}}`` body;
* needs ``Authorization: Bearer <key>`` or ``x-api-key`` (401 ``authentication_error`` otherwise)
  and rejects a request that enables citations together with a structured output format (400),
  as the API does;
* records every request (:attr:`MockAnthropic.requests`: body and headers);
* counts tokens **approximately**: :func:`estimate_tokens` (4 ASCII characters or 1.5 other
  characters, such as Hangul, per token), over every string in a block; no real tokenizer;
* simulates prompt caching: each ``cache_control`` breakpoint (on tools, system blocks or message
  blocks; a top-level ``cache_control`` marks the last block) closes a prefix; a prefix of at least
  the model's minimum cacheable length is written on first sight
  (``cache_creation_input_tokens``) and read on later identical prefixes
  (``cache_read_input_tokens``) until its TTL (5 min, or 1 h) lapses; ``input_tokens`` counts only
  the rest. The minimums follow Anthropic's prompt-caching docs (see :data:`MIN_CACHE_TOKENS`);
* plays scripted faults per request (:meth:`MockAnthropic.fail_next`).

The "brain" that writes the content is pluggable (:attr:`MockAnthropic.handler`,
:meth:`MockAnthropic.reply_next`, or a custom :class:`DefaultBrain`). The default brain is **not a
language model**, and it shares no code with the product's own reader of messages. For a request
that forces the ``extract_facts`` tool it takes the text between ``<user_message>`` tags
(HTML-unescaped; the pending question comes from a ``<pending_question fact="...">`` tag) and
answers with

* the tool input a test scripted for that message (:meth:`MockAnthropic.script_reading`, built
  with :func:`extraction` and :func:`cite`), returned verbatim; or else
* its own small keyword reader (:func:`keyword_reading`, English and Korean, deliberately plain),
  of which a configurable share (``disagreement``, seeded) is replaced by a reading that differs
  (a fact dropped, a value flipped, or one added); or, with ``reader="none"``, nothing at all.

Questions are phrased with the question texts in ``prompts/questions.<lang>.yaml``; rationales
quote and cite the ``search_result`` / ``document`` blocks the request provides. A side answer
(a request with search results and a question between ``<user_message>`` tags) takes the two or
three sentences of those results that share the most words with the question, each followed by
the ``[id]`` marker the answer prompt asks for (the id is the result's ``source`` without its
``kb:`` prefix), or says ``NOT_COVERED`` when no sentence shares a word; with ``answer_noise``
(a seeded share), an answer cites a made-up id or adds a sentence that cites nothing, so the
product's checking of citations is measured too. With ``answer_replies`` (question text ->
reply text, e.g. replies a model wrote beforehand for the very requests the product sends) a
question found there is answered with its reply, verbatim, and the rest as above. A request
with results and no question gets the first sentence of the first two results, cited through
the API's citations.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import functools
import hashlib
import html
import itertools
import json
import math
import random
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final

import yaml
from aiohttp import web

from testkit.loopback import ThreadedServer
from testkit.paths import ROOT

API_KEY: Final = "test"

#: Fault kinds for :meth:`MockAnthropic.fail_next`.
FAULT_KINDS: Final = frozenset(
    {"429", "529", "500", "stall", "midstream_error", "max_tokens", "refusal"}
)

#: Minimum cacheable prompt length by model family, from Anthropic's prompt-caching docs
#: (Opus 4.5/4.6 and Haiku 4.5: 4096; Sonnet 4.x and Opus 4/4.1: 1024; Haiku 3/3.5: 2048).
#: Matched by substring, first match wins; anything else gets :data:`DEFAULT_MIN_CACHE_TOKENS`.
MIN_CACHE_TOKENS: Final[tuple[tuple[str, int], ...]] = (
    ("haiku-4", 4096),
    ("opus-4-5", 4096),
    ("opus-4-6", 4096),
    ("haiku", 2048),
    ("sonnet", 1024),
    ("opus", 1024),
)
DEFAULT_MIN_CACHE_TOKENS: Final = 1024
MAX_BREAKPOINTS: Final = 4
TTL_SECONDS: Final = {"5m": 300.0, "1h": 3600.0}

EXTRACT_TOOL: Final = "extract_facts"
PHRASE_TOOL: Final = "phrase_question"
NOT_COVERED: Final = "NOT_COVERED"

_USER_MESSAGE = re.compile(r"<user_message>\n?(.*?)\n?</user_message>", re.DOTALL)
_PENDING = re.compile(r'<pending_question fact="([a-z_]+)"')
_QUESTION = re.compile(r'<question fact="([a-z_]+)" lang="(ko|en)"')
_REASONS = re.compile(r"<engine_reasons>\n?(.*?)</engine_reasons>", re.DOTALL)
_REASON_LINE = re.compile(r"^-\s*(.+?)\s*\[kb:\s*([^\]]*)\]\s*$")
_SENTENCE_END = re.compile(r"(?<=[.!?。])\s+")


@functools.lru_cache(maxsize=4096)  # the same long prefix comes back on every request
def estimate_tokens(text: str) -> int:
    """Rough token count: 4 ASCII characters, or 1.5 other characters (Hangul...), per token."""
    if not text:
        return 0
    ascii_chars = sum(1 for ch in text if ord(ch) < 128)
    return math.ceil(ascii_chars / 4 + (len(text) - ascii_chars) / 1.5)


def _strings(node: Any) -> Iterator[str]:
    """Every string (and number) in a block, leaving out type tags and cache markers."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, bool | int | float):
        yield str(node)
    elif isinstance(node, Mapping):
        for key, value in node.items():
            if key not in ("type", "cache_control"):
                yield from _strings(value)
    elif isinstance(node, list | tuple):
        for item in node:
            yield from _strings(item)


def block_tokens(block: Any) -> int:
    return estimate_tokens(" ".join(_strings(block)))


def min_cache_tokens(model: str, table: Mapping[str, int] | None = None) -> int:
    if table:
        for key, value in table.items():
            if key in model:
                return value
    for key, value in MIN_CACHE_TOKENS:
        if key in model:
            return value
    return DEFAULT_MIN_CACHE_TOKENS


# ---------------------------------------------------------------------------------------------
# Requests, replies, faults


@dataclass
class Recorded:
    """One request as received, and the message it was answered with (``None`` for errors)."""

    body: dict[str, Any]
    headers: dict[str, str]
    at: float
    response: dict[str, Any] | None = None

    @property
    def stream(self) -> bool:
        return bool(self.body.get("stream"))

    @property
    def model(self) -> str:
        return str(self.body.get("model", ""))

    def texts(self) -> list[str]:
        """All text of the request: system blocks and every text in every message block."""
        out: list[str] = []
        system = self.body.get("system")
        if isinstance(system, str):
            out.append(system)
        elif isinstance(system, list):
            out += [b.get("text", "") for b in system if isinstance(b, dict)]
        for message in self.body.get("messages", []):
            out += list(_strings(message.get("content")))
        return out


@dataclass
class Reply:
    """What the brain says: content blocks as the API returns them, and why it stopped."""

    content: list[dict[str, Any]]
    stop_reason: str = "end_turn"
    stop_details: dict[str, Any] | None = None


@dataclass
class Fault:
    kind: str
    seconds: float = 5.0
    retry_after: float = 1.0


Handler = Callable[[dict[str, Any]], Reply | None]
Brain = Callable[[dict[str, Any]], Reply]


# ---------------------------------------------------------------------------------------------
# The default brain


def _user_texts(body: Mapping[str, Any]) -> list[str]:
    out: list[str] = []
    for message in body.get("messages", []):
        if message.get("role") != "user":
            continue
        content = message.get("content")
        if isinstance(content, str):
            out.append(content)
        elif isinstance(content, list):
            out += [b["text"] for b in content if isinstance(b, dict) and b.get("type") == "text"]
    return out


def _forced_tool(body: Mapping[str, Any]) -> dict[str, Any] | None:
    choice = body.get("tool_choice") or {}
    tools = [t for t in body.get("tools") or [] if isinstance(t, dict)]
    if choice.get("type") == "tool":
        return next((t for t in tools if t.get("name") == choice.get("name")), None)
    if choice.get("type") == "any" and len(tools) == 1:
        return tools[0]
    return None


@dataclass
class Source:
    """A citable block of the request: a ``search_result`` or a ``document``."""

    kind: str  # "search_result" | "document"
    index: int  # among blocks of its kind, in request order
    source: str
    title: str
    blocks: list[str]


def _sources(body: Mapping[str, Any]) -> list[Source]:
    found: list[Source] = []
    counters = {"search_result": 0, "document": 0}
    for message in body.get("messages", []):
        content = message.get("content")
        if not isinstance(content, list):
            continue
        for block in content:
            kind = block.get("type") if isinstance(block, dict) else None
            if kind not in counters:
                continue
            index = counters[kind]
            counters[kind] += 1
            if not (block.get("citations") or {}).get("enabled"):
                continue
            if kind == "search_result":
                texts = [b.get("text", "") for b in block.get("content", [])]
                found.append(
                    Source(kind, index, block.get("source", ""), block.get("title", ""), texts)
                )
            else:
                src = block.get("source") or {}
                data = src.get("data", "") if src.get("type") == "text" else ""
                found.append(Source(kind, index, "", block.get("title", ""), [data]))
    return found


def _first_sentence(text: str) -> str:
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return _SENTENCE_END.split(line)[0].lstrip("-*# ").strip() or line


def _citation(src: Source, sentence: str) -> dict[str, Any]:
    if src.kind == "search_result":
        return {
            "type": "search_result_location",
            "cited_text": src.blocks[0] if src.blocks else "",
            "source": src.source,
            "title": src.title,
            "search_result_index": src.index,
            "start_block_index": 0,
            "end_block_index": 1,
        }
    doc = src.blocks[0] if src.blocks else ""
    start = max(0, doc.find(sentence))
    return {
        "type": "char_location",
        "cited_text": doc[start : start + len(sentence)],
        "document_index": src.index,
        "document_title": src.title,
        "start_char_index": start,
        "end_char_index": start + len(sentence),
    }


# ---------------------------------------------------------------------------------------------
# Readings for the extraction tool: scripted by a test, or the mock's own keyword reader

#: What the default brain does with an extraction nobody scripted: ``"independent"`` reads it
#: with :func:`keyword_reading`; ``"none"`` reads nothing (every flag false, no facts).
READERS: Final = ("independent", "none")
FLAG_FIELDS: Final = ("side_question", "skip", "decide_now")
EVIDENCE_FIELD: Final = "evidence"
ASKED_FIELD: Final = "question"
MAX_QUOTE: Final = 80
QUESTIONS_DIR: Final = ROOT / "prompts"


def cite(fact: str, value: str, quote: str, *, unsure: bool = False) -> dict[str, Any]:
    """One item of the extraction tool's ``evidence``: a fact, its value, the words it came from."""
    return {"fact": fact, "value": value, "quote": quote, "unsure": unsure}


def extraction(
    *,
    evidence: Iterable[Mapping[str, Any]] = (),
    side_question: bool = False,
    skip: bool = False,
    decide_now: bool = False,
    question: str = "",
    **facts: Any,
) -> dict[str, Any]:
    """A whole extraction tool input: fact fields as given, the three flags, the words that
    ask (when the message also informs), the evidence."""
    return {
        **facts,
        "side_question": side_question,
        "skip": skip,
        "decide_now": decide_now,
        ASKED_FIELD: question,
        EVIDENCE_FIELD: [dict(e) for e in evidence],
    }


def _spaced(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class ScriptedReading:
    """A tool input to return, verbatim, when a user message matches.

    ``match`` is a substring of the message (spacing aside), the whole message with
    ``exact=True``, or a compiled regex (searched); ``pending`` limits it to replies to that
    question.
    """

    match: str | re.Pattern[str]
    tool_input: dict[str, Any]
    pending: str | None = None
    exact: bool = False

    def matches(self, text: str, pending: str | None) -> bool:
        if self.pending is not None and self.pending != pending:
            return False
        if isinstance(self.match, re.Pattern):
            return self.match.search(text) is not None
        said, want = _spaced(text), _spaced(self.match)
        return said == want if self.exact else want in said


@dataclass(frozen=True)
class _Cue:
    pattern: re.Pattern[str]
    fact: str
    value: str | None  # None: the value comes from the matched words (a count, a label)


def _cue(pattern: str, fact: str, value: str | None = None) -> _Cue:
    return _Cue(re.compile(pattern, re.IGNORECASE), fact, value)


_COUNT_EN = (
    r"(\d[\d,]*(?:\.\d+)?)\s*(k|thousand)?\s+(?:[\w&-]+\s+){0,3}?"
    r"(?:examples|pairs|samples|conversations|transcripts|records)\b"
)
_COUNT_KO = r"(\d[\d,]*(?:\.\d+)?)\s*(천|만)?\s*(?:건|개)"
_BARE_COUNT = re.compile(r"^\D{0,12}?(\d[\d,]*(?:\.\d+)?)\s*(k|천|만)?\D{0,12}$", re.IGNORECASE)
_MULTIPLIER = {"k": 1_000, "thousand": 1_000, "천": 1_000, "만": 10_000}

# Deliberately plain, and written apart from the product: a few dozen cues, the first match
# per fact wins (goals add up), no negation, no clauses. It is a stand-in that reads roughly
# what a message says, so that tests and benchmarks see a reader that can disagree.
_CUES: Final = (
    _cue(r"\bconsisten(?:t|cy)\b|\bbrand voice\b|\bsame (?:format|tone)\b", "goals", "consistency"),
    _cue(r"일관|통일|말투|톤", "goals", "consistency"),
    _cue(r"\baccura(?:te|cy)\b|\bcorrect answers?\b", "goals", "accuracy"),
    _cue(r"정확", "goals", "accuracy"),
    _cue(
        r"\blatest\b|\bup[- ]to[- ]date\b|\bcurrent (?:version|docs|prices)\b", "goals", "freshness"
    ),
    _cue(r"최신", "goals", "freshness"),
    _cue(
        r"\bno (?:docs|documents)\b|(?:문서|자료)(?:는|가)? (?:필요 없|따로 없)",
        "docs_change",
        "none",
    ),
    _cue(
        r"\b(?:docs|documents|polic(?:y|ies)|prices?|manuals?|catalog(?:ue)?)\b[^.?!]{0,40}?"
        r"\b(?:change|update|rebuilt)",
        "docs_change",
        "often",
    ),
    _cue(
        r"(?:문서|규정|약관|가격|매뉴얼|정책|요금표)[^.?!]{0,15}?(?:바뀌|바뀝|개정|업데이트)",
        "docs_change",
        "often",
    ),
    _cue(r"\b(?:stable|settled)\b|거의 안 바뀌|안정적", "change_rate", "rarely"),
    _cue(
        r"\b(?:use case|requirements?|scope)\b[^.?!]{0,30}?\b(?:chang|shift|mov)",
        "change_rate",
        "often",
    ),
    _cue(r"요구사항[^.?!]{0,10}?(?:바뀌|바뀝|변경)", "change_rate", "often"),
    _cue(r"\bno rush\b|급하(?:진|지) 않|여유", "urgency", "normal"),
    _cue(r"\b(?:asap|urgent|this week|next week)\b|이번 주|다음 주까지", "urgency", "fast"),
    _cue(
        r"\bno (?:labell?ed |training )?data\b|데이터(?:는|가)? (?:전혀 )?없", "data_amount", "none"
    ),
    _cue(_COUNT_EN, "data_examples"),
    _cue(_COUNT_KO, "data_examples"),
    _cue(r"\b(?:reviewed|curated|clean)\b|검수|정제", "data_quality", "high"),
    _cue(r"\b(?:noisy|messy)\b|노이즈|엉망", "data_quality", "low"),
    _cue(r"\b(?:thousands|millions) of\b|\bhigh volume\b|대량|수천 건|수만 건", "volume", "high"),
    _cue(r"\bceiling\b|\bplateau|한계|더 이상 안 올라", "prompting", "ceiling"),
    _cue(
        r"\bprompting (?:alone )?(?:works|is working)\b|프롬프트만으로도 잘", "prompting", "working"
    ),
    _cue(r"\bno eval(?:uation)? set\b|평가셋(?:은|이)? 없", "eval_set", "false"),
    _cue(r"\beval(?:uation)? set\b|평가셋", "eval_set", "true"),
    _cue(
        r"\b(?:track|measure)\w* (?:the )?(?:cost|latency)\b|비용[^.?!]{0,8}?측정",
        "cost_tracked",
        "true",
    ),
    _cue(
        r"\b(?:(?:customer|support|hr|sales|internal|faq|policy)\s+)*(?:bot|assistant|chatbot)\b",
        "use_case",
    ),
    _cue(r"(?:[가-힣A-Za-z&]+ )?[가-힣A-Za-z]*(?:챗봇|봇|어시스턴트)", "use_case"),
)
_SKIP = re.compile(r"^\s*(?:skip|pass|i don'?t know|not sure|no idea)\b|모르겠|패스|건너", re.I)
_DECIDE = re.compile(r"\b(?:decide now|just decide|recommend now)\b|바로 결정|결정해 ?주", re.I)
_ASKING = re.compile(
    r"\?\s*$|^\s*(?:what|how|why|when|which|is|are|does|do|can|should)\b|뭐예요|인가요", re.I
)
_YES = re.compile(r"^\s*(?:yes|yep|yeah|we do|네|예|있어요)", re.I)
_NO = re.compile(r"^\s*(?:no|nope|not yet|아니|아직|없어요)", re.I)


def _count(match: re.Match[str]) -> int | None:
    try:
        number = float(match.group(1).replace(",", ""))
    except ValueError:
        return None
    unit = (match.group(2) or "").lower()
    return int(number * _MULTIPLIER.get(unit, 1))


def _choices(schema: Mapping[str, Any]) -> list[Any]:
    """The values a tool field takes, as far as its schema says (enum members or booleans)."""
    if "enum" in schema:
        return list(schema["enum"])
    if schema.get("type") == "boolean":
        return [True, False]
    return []


def _typed(fact: str, value: str) -> Any:
    if value in ("true", "false"):
        return value == "true"
    return [value] if fact == "goals" else value


def keyword_reading(
    text: str, pending: str | None, props: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The mock's own reading of ``text`` as an extraction tool input (see :data:`_CUES`)."""
    props = props or {}
    facts: dict[str, Any] = {}
    cited: list[dict[str, Any]] = []

    def put(fact: str, value: Any, quote: str) -> None:
        if fact == "goals":
            goals = facts.setdefault("goals", [])
            if value[0] in goals:
                return
            goals.extend(value)
            shown = value[0]
        elif fact in facts:
            return
        else:
            facts[fact] = value
            shown = str(value).lower() if isinstance(value, bool) else str(value)
        cited.append(cite(fact, shown, quote.strip()[:MAX_QUOTE]))

    if pending in ("eval_set", "cost_tracked"):
        if m := _YES.search(text):
            put(pending, True, m.group(0))
        elif m := _NO.search(text):
            put(pending, False, m.group(0))
    elif pending in ("data_amount", "data_examples"):
        m = _BARE_COUNT.search(text)
        count = _count(m) if m else None
        if m and count is not None:
            put("data_examples", count, m.group(0))
    elif pending is not None:
        for choice in _choices(props.get(pending) or {}):
            m = re.search(rf"\b{re.escape(str(choice))}\b", text, re.I)
            if m:
                put(pending, choice, m.group(0))
                break
    for c in _CUES:
        m = c.pattern.search(text)
        if m is None:
            continue
        if c.value is not None:
            put(c.fact, _typed(c.fact, c.value), m.group(0))
        elif c.fact == "data_examples":
            count = _count(m)
            if count is not None:
                put(c.fact, count, m.group(0))
        else:
            put(c.fact, _spaced(m.group(0)), m.group(0))
    informative = {k for k in facts if k != "use_case"}
    return extraction(
        evidence=cited,
        side_question=not informative and bool(_ASKING.search(text)),
        skip=bool(_SKIP.search(text)) and not informative,
        decide_now=bool(_DECIDE.search(text)),
        **facts,
    )


def _differ(values: dict[str, Any], props: Mapping[str, Any], rng: random.Random) -> dict[str, Any]:
    """A reading that is not ``values``: one fact dropped, one value flipped, or one added."""
    out = copy.deepcopy(values)
    facts = sorted(k for k in out if k not in (*FLAG_FIELDS, ASKED_FIELD, EVIDENCE_FIELD))

    def alternatives(name: str) -> list[Any]:
        schema = props.get(name) or {}
        if schema.get("type") == "array":
            members = _choices(schema.get("items") or {})
            return [[m] for m in members if [m] != out[name]]
        return [c for c in _choices(schema) if c != out[name]]

    def replace_evidence(name: str, value: Any | None) -> None:
        kept = [e for e in out.get(EVIDENCE_FIELD, []) if e.get("fact") != name]
        if value is not None:
            old = [e for e in out.get(EVIDENCE_FIELD, []) if e.get("fact") == name]
            quote = old[0]["quote"] if old else ""
            shown = value[0] if isinstance(value, list) else value
            shown = str(shown).lower() if isinstance(shown, bool) else str(shown)
            kept.append(cite(name, shown, quote))
        if EVIDENCE_FIELD in out:
            out[EVIDENCE_FIELD] = kept

    flippable = [k for k in facts if alternatives(k)]
    if facts and (not flippable or rng.random() < 0.5):
        name = rng.choice(facts)
        del out[name]
        replace_evidence(name, None)
    elif flippable:
        name = rng.choice(flippable)
        out[name] = rng.choice(alternatives(name))
        replace_evidence(name, out[name])
    else:
        # Nothing read: a model that disagrees reads something into it.
        open_facts = sorted(
            k
            for k, s in props.items()
            if k not in (*FLAG_FIELDS, ASKED_FIELD) and _choices(s) and k not in out
        )
        if open_facts:
            name = rng.choice(open_facts)
            out[name] = rng.choice(_choices(props[name]))
        else:
            out["side_question"] = not out.get("side_question", False)
    return out


@functools.cache
def _question_texts(lang: str) -> dict[str, Any]:
    """The question wording the product ships (prompts/questions.<lang>.yaml), read as data."""
    data = yaml.safe_load((QUESTIONS_DIR / f"questions.{lang}.yaml").read_text(encoding="utf-8"))
    questions: dict[str, Any] = data["questions"]
    return questions


class DefaultBrain:
    """Stand-ins for the model's jobs (see the module docstring); no language model.

    ``reader`` is what an unscripted extraction gets (:data:`READERS`); ``disagreement`` is
    the share (0.0 to 1.0) of the independent reader's readings that are replaced by a
    different reading, drawn from a ``random.Random(seed)``.
    """

    def __init__(
        self,
        *,
        reader: str = "independent",
        disagreement: float = 0.0,
        seed: int = 0,
        answer_noise: float = 0.0,
        answer_replies: Mapping[str, str] | None = None,
    ) -> None:
        if reader not in READERS:
            raise ValueError(f"unknown reader {reader!r}; expected one of {READERS}")
        if not 0.0 <= disagreement <= 1.0:
            raise ValueError("disagreement is a share between 0.0 and 1.0")
        if not 0.0 <= answer_noise <= 1.0:
            raise ValueError("answer_noise is a share between 0.0 and 1.0")
        self.reader = reader
        self.disagreement = disagreement
        self.answer_noise = answer_noise
        self._rng = random.Random(seed)
        self._answer_rng = random.Random(seed)
        #: Side answers made from a question, and how many of them were made noisy.
        self.answers = 0
        self.noisy_answers = 0
        #: Replies written beforehand for a side question, by its text (see ``answer_question``),
        #: and how many questions were answered from them.
        self.answer_replies = {_question_key(q): r for q, r in (answer_replies or {}).items()}
        self.replayed_answers = 0
        self._lock = threading.Lock()
        self._scripts: list[ScriptedReading] = []
        #: Unscripted readings made, and how many of them were made to disagree.
        self.readings = 0
        self.disagreements = 0

    def script_reading(
        self,
        match: str | re.Pattern[str],
        tool_input: Mapping[str, Any],
        *,
        pending: str | None = None,
        exact: bool = False,
    ) -> None:
        """Answer extractions of matching messages with ``tool_input`` (the newest script wins)."""
        script = ScriptedReading(match, copy.deepcopy(dict(tool_input)), pending, exact)
        with self._lock:
            self._scripts.insert(0, script)

    def clear_readings(self) -> None:
        with self._lock:
            self._scripts.clear()

    def reseed(self, seed: int) -> None:
        """Start the disagreement draws over from ``seed``, and the counts from zero."""
        with self._lock:
            self._rng = random.Random(seed)
            self.readings = self.disagreements = 0

    def __call__(self, body: dict[str, Any]) -> Reply:
        tool = _forced_tool(body)
        if tool is not None and tool.get("name") == EXTRACT_TOOL:
            return self.extract(body, tool)
        if tool is not None and tool.get("name") == PHRASE_TOOL:
            return self.phrase(body, tool)
        if tool is not None:
            return _tool_reply(tool, {})
        sources = _sources(body)
        if sources:
            text = "\n".join(_user_texts(body))
            if _REASONS.search(text):
                return self.rationale(text, sources)
            asked = _USER_MESSAGE.findall(text)
            if asked:
                return self.answer_question(html.unescape(asked[-1]), _language(text), sources)
            return self.answer(sources)
        return Reply([{"type": "text", "text": "OK"}])

    def extract(self, body: Mapping[str, Any], tool: Mapping[str, Any]) -> Reply:
        joined = "\n".join(_user_texts(body))
        found = _USER_MESSAGE.findall(joined)
        user_text = html.unescape(found[-1]) if found else ""
        pending_match = _PENDING.findall(joined)
        pending = pending_match[-1] if pending_match else None
        with self._lock:
            script = next((s for s in self._scripts if s.matches(user_text, pending)), None)
        if script is not None:
            # Verbatim, even fields the schema has no room for: tests script bad output too.
            return _tool_reply(tool, copy.deepcopy(script.tool_input))
        props: Mapping[str, Any] = (tool.get("input_schema") or {}).get("properties") or {}
        if self.reader == "none":
            values = extraction()
        else:
            values = self._maybe_differ(keyword_reading(user_text, pending, props), props)
        # Only what the tool's schema has room for, in the schema's own order.
        return _tool_reply(tool, {k: values[k] for k in props if k in values})

    def _maybe_differ(self, values: dict[str, Any], props: Mapping[str, Any]) -> dict[str, Any]:
        with self._lock:
            self.readings += 1
            if self.disagreement <= 0.0 or self._rng.random() >= self.disagreement:
                return values
            self.disagreements += 1
            return _differ(values, props, self._rng)

    def phrase(self, body: Mapping[str, Any], tool: Mapping[str, Any]) -> Reply:
        found = _QUESTION.findall("\n".join(_user_texts(body)))
        if not found:
            return _tool_reply(tool, {"text": "?", "why": "?", "kb": []})
        fact, lang = found[-1][0], found[-1][1]
        template = _question_texts("ko" if lang == "ko" else "en")[fact]
        schema = (tool.get("input_schema") or {}).get("properties") or {}
        wanted = [str(k) for k in template["kb"]]
        allowed = set(((schema.get("kb") or {}).get("items") or {}).get("enum") or wanted)
        kb = [k for k in wanted if k in allowed]
        return _tool_reply(tool, {"text": template["text"], "why": template["why"], "kb": kb})

    def answer(self, sources: list[Source]) -> Reply:
        blocks: list[dict[str, Any]] = []
        for src in sources[:2]:
            sentence = _first_sentence(src.blocks[0] if src.blocks else "")
            if sentence:
                blocks.append(
                    {"type": "text", "text": sentence, "citations": [_citation(src, sentence)]}
                )
        for block in blocks[:-1]:
            block["text"] += " "  # as the API does: the spacing lives inside the blocks
        return Reply(blocks or [{"type": "text", "text": NOT_COVERED}])

    def answer_question(self, question: str, lang: str, sources: list[Source]) -> Reply:
        """The reply written beforehand for ``question``, verbatim, if there is one; else the
        sentences of ``sources`` that share the most words with ``question``, each with its
        ``[id]`` marker, and ``NOT_COVERED`` when none shares a word."""
        replay = self.answer_replies.get(_question_key(question))
        if replay is not None:
            with self._lock:
                self.replayed_answers += 1
            return Reply([{"type": "text", "text": replay}])
        wanted = _words(question)
        scored: list[tuple[int, int, str, str]] = []
        for src in sources:
            sid = src.source.removeprefix("kb:") or f"doc-{src.index}"
            for sentence in _source_sentences(src):
                overlap = len(wanted & _words(sentence))
                if overlap:
                    scored.append((overlap, len(scored), sentence, sid))
        if not scored:
            return Reply([{"type": "text", "text": NOT_COVERED}])
        best = sorted(scored, key=lambda x: (-x[0], x[1]))[:MAX_ANSWER_SENTENCES]
        best.sort(key=lambda x: x[1])
        cited = [[sentence, sid] for _, _, sentence, sid in best]
        with self._lock:
            self.answers += 1
            noisy = self.answer_noise > 0.0 and self._answer_rng.random() < self.answer_noise
            made_up = noisy and self._answer_rng.random() < 0.5
            if noisy:
                self.noisy_answers += 1
        if made_up:
            cited[-1][1] = MADE_UP_ID
        text = " ".join(_with_marker(sentence, sid) for sentence, sid in cited)
        if noisy and not made_up:
            text += " " + UNCITED[lang]
        return Reply([{"type": "text", "text": text}])

    def rationale(self, text: str, sources: list[Source]) -> Reply:
        match = _REASONS.search(text)
        lines = match.group(1).splitlines() if match else []
        by_source = {s.source: s for s in sources}
        blocks: list[dict[str, Any]] = []
        for line in lines:
            m = _REASON_LINE.match(line.strip())
            if not m:
                continue
            sentence, ids = m.group(1), [i.strip() for i in m.group(2).split(",") if i.strip()]
            src = next((by_source[f"kb:{i}"] for i in ids if f"kb:{i}" in by_source), None)
            block: dict[str, Any] = {"type": "text", "text": sentence}
            if src is not None:
                block["citations"] = [_citation(src, sentence)]
            blocks.append(block)
            if len(blocks) == 4:
                break
        # Separate blocks read as one paragraph only with a space between them.
        for block in blocks[1:]:
            block["text"] = " " + block["text"]
        return Reply(blocks or [{"type": "text", "text": "OK"}])


#: The most sentences a side answer quotes, an id no knowledge base has, and what a noisy
#: answer adds without a citation.
MAX_ANSWER_SENTENCES: Final = 3
MADE_UP_ID: Final = "industry-survey-2024"
UNCITED: Final = {
    "ko": "대부분의 팀이 이 방식으로 비용을 절반으로 줄였습니다.",
    "en": "Most teams cut their costs in half this way.",
}
_LANGUAGE_TAG = re.compile(r"<language>(Korean|English)</language>")
_WORD = re.compile(r"[a-z][a-z0-9]{2,}|[\uac00-\ud7a3]{2,}")
# Words too common to tie a sentence to a question.
_COMMON: Final = frozenset(
    [
        "the",
        "and",
        "for",
        "are",
        "what",
        "how",
        "why",
        "when",
        "which",
        "does",
        "with",
        "this",
        "that",
        "you",
        "your",
        "our",
        "can",
        "should",
        "have",
        "has",
        "not",
        "but",
        "from",
        "they",
        "them",
        "its",
        "into",
        "any",
        "all",
        "more",
        "most",
        "than",
        "then",
    ]
)


def _question_key(text: str) -> str:
    """A side question as the replies are keyed: whitespace runs as one space."""
    return " ".join(text.split())


def _language(text: str) -> str:
    found = _LANGUAGE_TAG.findall(text)
    return "ko" if found and found[-1] == "Korean" else "en"


def _words(text: str) -> set[str]:
    """Lower-case English words, and Korean words by their first two syllables (a crude stem:
    파인튜닝은 and 파인튜닝을 meet as 파인)."""
    out: set[str] = set()
    for w in _WORD.findall(text.casefold()):
        if w in _COMMON:
            continue
        out.add(w[:2] if "\uac00" <= w[0] <= "\ud7a3" else w)
    return out


def _source_sentences(src: Source) -> list[str]:
    out: list[str] = []
    for block in src.blocks:
        for line in block.splitlines():
            line = line.strip().lstrip("-*0123456789.) ").replace("**", "").strip()
            out += [x.strip() for x in _SENTENCE_END.split(line) if x.strip()]
    return out


def _with_marker(sentence: str, sid: str) -> str:
    """``sentence`` with ``[sid]`` before its full stop, as the answer prompt asks."""
    body = sentence.rstrip()
    end = body[-1] if body and body[-1] in ".!?" else "."
    return f"{body.rstrip('.!?')} [{sid}]{end}"


def _tool_reply(tool: Mapping[str, Any], tool_input: dict[str, Any]) -> Reply:
    return Reply(
        [{"type": "tool_use", "id": "", "name": tool.get("name", ""), "input": tool_input}],
        stop_reason="tool_use",
    )


# ---------------------------------------------------------------------------------------------
# Prompt caching


@dataclass
class _Breakpoint:
    key: str
    tokens: int
    ttl: float


@dataclass
class _Segment:
    block: Any
    role: str  # "" for tools and system blocks
    marked: bool
    ttl: str


def _segments(body: Mapping[str, Any]) -> list[_Segment]:
    """The prefix blocks in cache order: tools, system, then every message's blocks."""
    out: list[_Segment] = []

    def add(block: Any, role: str = "") -> None:
        cc = block.get("cache_control") if isinstance(block, dict) else None
        out.append(_Segment(block, role, bool(cc), (cc or {}).get("ttl", "5m")))

    for tool in body.get("tools") or []:
        add(tool)
    system = body.get("system")
    if isinstance(system, str):
        add({"type": "text", "text": system})
    elif isinstance(system, list):
        for block in system:
            add(block)
    for message in body.get("messages") or []:
        content = message.get("content")
        blocks = [{"type": "text", "text": content}] if isinstance(content, str) else content or []
        for block in blocks:
            add(block, str(message.get("role", "")))
    top = body.get("cache_control")
    if top and out:
        out[-1].marked, out[-1].ttl = True, top.get("ttl", "5m")
    return out


def _canonical(block: Any) -> str:
    def strip(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: strip(v) for k, v in node.items() if k != "cache_control"}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    return json.dumps(strip(block), sort_keys=True, ensure_ascii=False)


# ---------------------------------------------------------------------------------------------
# The server


class MockAnthropic(ThreadedServer):
    """The Messages API on 127.0.0.1; see the module docstring."""

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        api_key: str | None = API_KEY,
        brain: Brain | None = None,
        reader: str = "independent",
        disagreement: float = 0.0,
        seed: int = 0,
        answer_noise: float = 0.0,
        answer_replies: Mapping[str, str] | None = None,
        min_cache_tokens: Mapping[str, int] | None = None,
        chunk_chars: int = 24,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """``reader``, ``disagreement``, ``seed``, ``answer_noise`` and ``answer_replies``
        configure the :class:`DefaultBrain`; they do not apply to a custom ``brain``."""
        self._host = host
        self._want_port = port
        self._port: int | None = None
        self.api_key = api_key
        self.brain: Brain = brain or DefaultBrain(
            reader=reader,
            disagreement=disagreement,
            seed=seed,
            answer_noise=answer_noise,
            answer_replies=answer_replies,
        )
        #: Consulted before the brain; return ``None`` to let the brain answer.
        self.handler: Handler | None = None
        self.min_cache_tokens = dict(min_cache_tokens or {})
        self.chunk_chars = chunk_chars
        self.clock = clock
        self._lock = threading.RLock()
        self._requests: list[Recorded] = []
        self._faults: deque[Fault] = deque()
        self._replies: deque[Reply] = deque()
        self._cache: dict[str, float] = {}  # prefix key -> expiry
        self._ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self._closing: asyncio.Event | None = None
        self._thread: threading.Thread | None = None
        self._thread_loop: asyncio.AbstractEventLoop | None = None

    # -- lifecycle ------------------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("MockAnthropic is not running")
        return self._port

    @property
    def url(self) -> str:
        """The base URL for the SDK: ``http://127.0.0.1:<port>`` (it adds ``/v1/messages``)."""
        return f"http://{self._host}:{self.port}"

    async def start(self) -> str:
        if self._runner is not None:
            raise RuntimeError("MockAnthropic is already running")
        app = web.Application(client_max_size=32 * 1024 * 1024)
        app.router.add_post("/v1/messages", self._handle)
        runner = web.AppRunner(
            app, access_log=None, handler_cancellation=True, shutdown_timeout=0.5
        )
        await runner.setup()
        site = web.TCPSite(runner, self._host, self._want_port)
        await site.start()
        self._runner = runner
        self._closing = asyncio.Event()
        self._port = int(runner.addresses[0][1])
        return self.url

    async def aclose(self) -> None:
        runner, self._runner = self._runner, None
        if self._closing is not None:
            self._closing.set()  # ends any stall at once
        if runner is not None:
            await runner.cleanup()

    # -- scripting ------------------------------------------------------------------------------

    @property
    def requests(self) -> list[Recorded]:
        with self._lock:
            return list(self._requests)

    def clear(self) -> None:
        """Forget recorded requests (the cache stays)."""
        with self._lock:
            self._requests.clear()

    def reset_cache(self) -> None:
        with self._lock:
            self._cache.clear()

    def fail_next(
        self, kind: str, count: int = 1, *, seconds: float = 5.0, retry_after: float = 1.0
    ) -> None:
        """Play ``kind`` on the next ``count`` requests.

        ``"429"`` (with ``retry-after: <retry_after>``), ``"529"``, ``"500"``: the API's error
        bodies. ``"stall"``: hold the request ``seconds`` before answering normally.
        ``"midstream_error"``: on the next *streaming* request, an ``event: error`` after a few
        deltas (non-streaming requests leave it queued). ``"max_tokens"``: the normal reply cut
        in half (text or tool input), ``stop_reason: "max_tokens"``. ``"refusal"``: no content,
        ``stop_reason: "refusal"``.
        """
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault {kind!r}; expected one of {sorted(FAULT_KINDS)}")
        with self._lock:
            self._faults.extend(Fault(kind, seconds, retry_after) for _ in range(count))

    def script_reading(
        self,
        match: str | re.Pattern[str],
        tool_input: Mapping[str, Any],
        *,
        pending: str | None = None,
        exact: bool = False,
    ) -> None:
        """Answer the extraction of a matching user message with ``tool_input``, verbatim.

        ``match``: a substring of the message (spacing aside), the whole message with
        ``exact=True``, or a compiled regex; ``pending``: only replies to that question. The
        newest matching script wins; scripts stay until :meth:`clear_readings`.
        """
        self.default_brain.script_reading(match, tool_input, pending=pending, exact=exact)

    def clear_readings(self) -> None:
        self.default_brain.clear_readings()

    @property
    def default_brain(self) -> DefaultBrain:
        if not isinstance(self.brain, DefaultBrain):
            raise TypeError("scripted readings need the default brain")
        return self.brain

    def reply_next(self, *replies: Reply) -> None:
        """Answer the next requests with these replies, in order, before the brain is asked."""
        with self._lock:
            self._replies.extend(replies)

    # -- handling -------------------------------------------------------------------------------

    def _next_fault(self, stream: bool) -> Fault | None:
        with self._lock:
            for i, fault in enumerate(self._faults):
                if fault.kind == "midstream_error" and not stream:
                    continue
                del self._faults[i]
                return fault
        return None

    def _reply_for(self, body: dict[str, Any]) -> Reply:
        with self._lock:
            queued = self._replies.popleft() if self._replies else None
        if queued is not None:
            return copy.deepcopy(queued)
        if self.handler is not None:
            handled = self.handler(body)
            if handled is not None:
                return handled
        return self.brain(body)

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        raw = await request.read()
        try:
            body = json.loads(raw)
        except ValueError:
            return _error(400, "invalid_request_error", "The request body is not valid JSON.")
        if not isinstance(body, dict):
            return _error(400, "invalid_request_error", "The request body must be an object.")
        recorded = Recorded(body, dict(request.headers), self.clock())
        with self._lock:
            self._requests.append(recorded)
        auth = request.headers.get("Authorization", "")
        key = auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else None
        key = key or request.headers.get("x-api-key")
        if not key or (self.api_key is not None and key != self.api_key):
            return _error(401, "authentication_error", "invalid x-api-key")
        problem = _validate(body)
        if problem:
            return _error(400, "invalid_request_error", problem)
        stream = bool(body.get("stream"))
        fault = self._next_fault(stream)
        if fault is not None:
            if fault.kind == "429":
                return _error(
                    429,
                    "rate_limit_error",
                    "Number of request tokens has exceeded your per-minute rate limit.",
                    {"retry-after": _num(fault.retry_after)},
                )
            if fault.kind == "529":
                return _error(529, "overloaded_error", "Overloaded")
            if fault.kind == "500":
                return _error(500, "api_error", "Internal server error")
            if fault.kind == "stall":
                assert self._closing is not None
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._closing.wait(), fault.seconds)
        reply = self._reply_for(body)
        kind = fault.kind if fault is not None else None
        limit = int(body.get("max_tokens", 0))
        if kind == "refusal":
            reply = Reply(
                [],
                stop_reason="refusal",
                stop_details={"type": "refusal", "category": None, "explanation": None},
            )
        elif kind == "max_tokens" or _output_tokens(reply.content) > limit:
            reply = _truncate(reply, limit, halve=kind == "max_tokens")
        message, partials = self._message(body, reply)
        recorded.response = copy.deepcopy(message)
        if not stream:
            return web.json_response(message, headers={"request-id": _request_id(message)})
        return await self._stream(request, message, partials, fail=kind == "midstream_error")

    def _message(
        self, body: Mapping[str, Any], reply: Reply
    ) -> tuple[dict[str, Any], dict[int, str]]:
        """The message object, and the cut-off tool-input JSON a truncated stream would send."""
        n = next(self._ids)
        content = copy.deepcopy(reply.content)
        partials: dict[int, str] = {}
        for i, block in enumerate(content):
            if "_partial_json" in block:
                partials[i] = block.pop("_partial_json")
            if block.get("type") == "tool_use" and not block.get("id"):
                block["id"] = f"toolu_mock_{n:06d}_{i}"
        usage = self._usage(body)
        usage["output_tokens"] = _output_tokens(content)
        if reply.stop_reason == "max_tokens":
            usage["output_tokens"] = max(1, min(usage["output_tokens"], int(body["max_tokens"])))
        return {
            "id": f"msg_mock_{n:06d}",
            "type": "message",
            "role": "assistant",
            "model": body.get("model"),
            "content": content,
            "stop_reason": reply.stop_reason,
            "stop_sequence": None,
            "stop_details": reply.stop_details,
            "usage": usage,
        }, partials

    def _usage(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """Input tokens split into cache reads, cache writes and the uncached rest."""
        model = str(body.get("model", ""))
        minimum = min_cache_tokens(model, self.min_cache_tokens)
        digest = hashlib.sha256(model.encode())
        total = 0
        points: list[_Breakpoint] = []
        for seg in _segments(body):
            digest.update(f"{seg.role}:{_canonical(seg.block)}".encode())
            total += block_tokens(seg.block)
            if seg.marked:
                ttl = TTL_SECONDS.get(seg.ttl, 300.0)
                points.append(_Breakpoint(digest.hexdigest(), total, ttl))
        now = self.clock()
        read = written = 0
        with self._lock:
            hit = -1
            for i in range(len(points) - 1, -1, -1):
                expiry = self._cache.get(points[i].key)
                if expiry is not None and expiry > now:
                    hit, read = i, points[i].tokens
                    self._cache[points[i].key] = now + points[i].ttl  # a hit refreshes the TTL
                    break
            for point in points[hit + 1 :]:
                if point.tokens >= minimum:
                    self._cache[point.key] = now + point.ttl
                    written = point.tokens - read
        return {
            "input_tokens": total - read - written,
            "cache_creation_input_tokens": written,
            "cache_read_input_tokens": read,
            "output_tokens": 0,
        }

    async def _stream(
        self,
        request: web.Request,
        message: dict[str, Any],
        partials: dict[int, str],
        *,
        fail: bool,
    ) -> web.StreamResponse:
        response = web.StreamResponse(
            headers={
                "Content-Type": "text/event-stream; charset=utf-8",
                "Cache-Control": "no-cache",
                "request-id": _request_id(message),
            }
        )
        await response.prepare(request)
        for event, data in self._events(message, partials, fail=fail):
            payload = json.dumps(data, ensure_ascii=False)
            await response.write(f"event: {event}\ndata: {payload}\n\n".encode())
        await response.write_eof()
        return response

    def _events(
        self, message: dict[str, Any], partials: dict[int, str], *, fail: bool
    ) -> Iterator[tuple[str, Any]]:
        usage = message["usage"]
        start = {**message, "content": [], "stop_reason": None, "stop_details": None}
        start["usage"] = {**usage, "output_tokens": 1}
        yield "message_start", {"type": "message_start", "message": start}
        yield "ping", {"type": "ping"}
        deltas = 0
        for index, block in enumerate(message["content"]):
            kind = block.get("type")
            if kind == "tool_use":
                first = {**block, "input": {}}
                pieces = [
                    {"type": "input_json_delta", "partial_json": p}
                    for p in self._chunks(partials.get(index) or _json(block["input"]))
                ]
            elif kind == "text":
                first = {"type": "text", "text": ""}
                if block.get("citations"):
                    first["citations"] = []
                pieces = [
                    {"type": "citations_delta", "citation": c} for c in block.get("citations") or []
                ]
                pieces += [{"type": "text_delta", "text": t} for t in self._chunks(block["text"])]
            else:
                first, pieces = block, []
            yield (
                "content_block_start",
                {"type": "content_block_start", "index": index, "content_block": first},
            )
            for delta in pieces:
                yield (
                    "content_block_delta",
                    {"type": "content_block_delta", "index": index, "delta": delta},
                )
                deltas += 1
                if fail and deltas >= 2:
                    yield "error", _error_body("overloaded_error", "Overloaded")
                    return
            yield "content_block_stop", {"type": "content_block_stop", "index": index}
        if fail:
            yield "error", _error_body("overloaded_error", "Overloaded")
            return
        yield (
            "message_delta",
            {
                "type": "message_delta",
                "delta": {
                    "stop_reason": message["stop_reason"],
                    "stop_sequence": None,
                    "stop_details": message.get("stop_details"),
                },
                "usage": {"output_tokens": usage["output_tokens"]},
            },
        )
        yield "message_stop", {"type": "message_stop"}

    def _chunks(self, text: str) -> list[str]:
        size = max(1, self.chunk_chars)
        return [text[i : i + size] for i in range(0, len(text), size)] or [""]


def _validate(body: Mapping[str, Any]) -> str | None:
    """The API's own checks that matter for the adapter's requests."""
    if not body.get("model"):
        return "model: Field required"
    if not isinstance(body.get("max_tokens"), int):
        return "max_tokens: Field required"
    if not body.get("messages"):
        return "messages: at least one message is required"
    marks = sum(seg.marked for seg in _segments(body))
    if marks > MAX_BREAKPOINTS:
        return f"A maximum of {MAX_BREAKPOINTS} blocks with cache_control may be provided."
    fmt = (body.get("output_config") or {}).get("format")
    if fmt and _sources(body):
        return (
            "Citations cannot be enabled together with structured outputs (output_config.format)."
        )
    return None


def _output_tokens(content: list[dict[str, Any]]) -> int:
    # Even an empty reply bills one output token, as the API's does; cited text is not billed.
    return max(
        1,
        sum(
            estimate_tokens(_json(b["input"]) if b.get("type") == "tool_use" else b.get("text", ""))
            for b in content
        ),
    )


def _truncate(reply: Reply, max_tokens: int, *, halve: bool) -> Reply:
    """Cut the reply where ``max_tokens`` (or, for the scripted fault, half of it) runs out."""
    content = copy.deepcopy(reply.content)
    for block in content:
        if block.get("type") == "text":
            text = block["text"]
            keep = len(text) // 2 if halve else min(len(text), max(1, max_tokens) * 4)
            block["text"] = text[:keep]
        elif block.get("type") == "tool_use":
            raw = _json(block["input"])
            cut = raw[: len(raw) // 2] if halve else raw[: max(1, max_tokens) * 4]
            block["_partial_json"] = cut
            # The non-streaming body holds what the partial JSON had completed.
            items = list(block["input"].items())
            block["input"] = dict(items[: len(items) // 2])
    return Reply(content, stop_reason="max_tokens")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _request_id(message: Mapping[str, Any]) -> str:
    return "req_" + str(message["id"]).removeprefix("msg_")


def _error_body(kind: str, message: str) -> dict[str, Any]:
    return {"type": "error", "error": {"type": kind, "message": message}}


def _error(
    status: int, kind: str, message: str, headers: Mapping[str, str] | None = None
) -> web.Response:
    body = {**_error_body(kind, message), "request_id": "req_mock_error"}
    return web.json_response(
        body, status=status, headers={"request-id": "req_mock_error", **(headers or {})}
    )


__all__ = [
    "API_KEY",
    "EXTRACT_TOOL",
    "FAULT_KINDS",
    "NOT_COVERED",
    "PHRASE_TOOL",
    "READERS",
    "Brain",
    "DefaultBrain",
    "Fault",
    "Handler",
    "MockAnthropic",
    "Recorded",
    "Reply",
    "ScriptedReading",
    "Source",
    "block_tokens",
    "cite",
    "estimate_tokens",
    "extraction",
    "keyword_reading",
    "min_cache_tokens",
]
