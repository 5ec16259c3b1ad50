"""Prometheus metrics, on a registry owned by the composition root (nothing registers at import)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.metrics_core import Metric
from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.registry import Collector

from bot.core.replies import DecisionReply, NoticeReply, Result
from bot.core.state import Usage

CONTENT_TYPE = CONTENT_TYPE_LATEST


class Metrics:
    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        r = self.registry
        self.started = Counter(
            "explainer_consultations_started", "Consultations started", registry=r
        )
        self.completed = Counter(
            "explainer_consultations_completed",
            "Consultations that reached a first decision",
            registry=r,
        )
        self.abandoned = Counter(
            "explainer_consultations_abandoned",
            "Consultations restarted or forgotten before a decision",
            registry=r,
        )
        self.decisions = Counter(
            "explainer_decisions", "Decision cards posted, by outcome", ["outcome"], registry=r
        )
        self.questions = Histogram(
            "explainer_questions_per_consultation",
            "Questions asked before the first decision",
            buckets=(0, 1, 2, 3, 4, 5, 7, 9),
            registry=r,
        )
        self.ack_seconds = Histogram(
            "explainer_ack_seconds",
            "Time from request to HTTP response on /slack/events",
            ["kind"],
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 3),
            registry=r,
        )
        self.turn_seconds = Histogram(
            "explainer_turn_seconds",
            "Time to process one persisted unit of work",
            buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30),
            registry=r,
        )
        self.llm_seconds = Histogram(
            "explainer_llm_seconds",
            "Language-model call latency",
            ["job"],
            buckets=(0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 60),
            registry=r,
        )
        self.llm_calls = Counter("explainer_llm_calls", "Language-model calls", registry=r)
        self.llm_tokens = Counter(
            "explainer_llm_tokens", "Language-model tokens", ["kind"], registry=r
        )
        self.llm_cost = Counter(
            "explainer_llm_cost_usd", "Estimated language-model cost (USD)", registry=r
        )
        self.fallbacks = Counter(
            "explainer_llm_fallbacks",
            "Turns where the offline layer stood in for the model",
            registry=r,
        )
        self.slack_errors = Counter(
            "explainer_slack_api_errors", "Slack Web API errors", ["method", "error"], registry=r
        )
        self.dedupe_hits = Counter(
            "explainer_dedupe_hits", "Duplicate deliveries ignored", ["kind"], registry=r
        )
        self.speculation = Counter(
            "explainer_llm_speculation",
            "Questions phrased while the model read the message: used (hit) or wasted (miss)",
            ["result"],
            registry=r,
        )
        self.rate_limited = Counter(
            "explainer_rate_limited",
            "Messages, commands and presses refused by rate limits",
            ["scope"],
            registry=r,
        )
        self.refused = Counter(
            "explainer_refused",
            "Presses refused because the presser does not own the consultation",
            ["reason"],
            registry=r,
        )
        self.unhandled = Counter(
            "explainer_slack_unhandled",
            "Slack deliveries answered without work (event types the app does not act on), by type",
            ["type"],
            registry=r,
        )
        self.rejected = Counter(
            "explainer_slack_rejected",
            "Slack deliveries refused or dropped: bad signature, too deep, malformed, bad ids",
            ["reason"],
            registry=r,
        )
        self.backlog_full = Counter(
            "explainer_inbox_backlog_full",
            "Deliveries answered 503 because the inbox backlog is at its limit",
            ["kind"],
            registry=r,
        )

    def observe_result(self, before: Usage, result: Result, *, started: bool) -> None:
        """Count what one consultation turn did."""
        if started:
            self.started.inc()
        for r in result.replies:
            if isinstance(r, DecisionReply):
                self.decisions.labels(r.decision.outcome.value).inc()
                if r.previous is None:
                    self.completed.inc()
                    self.questions.observe(len(result.consultation.asked))
            elif isinstance(r, NoticeReply) and r.key == "llm_fallback":
                self.fallbacks.inc()
        if result.speculation is not None:
            self.speculation.labels(result.speculation).inc()
        after = result.consultation.usage
        self.llm_calls.inc(max(0, after.calls - before.calls))
        for kind, a, b in (
            ("input", after.input_tokens, before.input_tokens),
            ("output", after.output_tokens, before.output_tokens),
            ("cache_read", after.cache_read_tokens, before.cache_read_tokens),
            ("cache_write", after.cache_write_tokens, before.cache_write_tokens),
        ):
            self.llm_tokens.labels(kind).inc(max(0, a - b))
        self.llm_cost.inc(max(0.0, after.cost_usd - before.cost_usd))

    def render(self) -> bytes:
        return generate_latest(self.registry)


def merge_expositions(texts: Iterable[bytes]) -> bytes:
    """Several processes' ``/metrics`` texts as one process's: counters, histogram buckets,
    sums and counts add up; a ``_created`` time is the earliest. Families and samples keep the
    order in which they first appear."""
    families: dict[str, Metric] = {}
    values: dict[str, dict[tuple[str, tuple[tuple[str, str], ...]], float]] = {}
    for text in texts:
        for family in text_string_to_metric_families(text.decode("utf-8")):
            merged = families.setdefault(
                family.name, Metric(family.name, family.documentation, family.type)
            )
            samples = values.setdefault(merged.name, {})
            for s in family.samples:
                key = (s.name, tuple(s.labels.items()))
                if key not in samples:
                    samples[key] = s.value
                elif s.name.endswith("_created"):
                    samples[key] = min(samples[key], s.value)
                else:
                    samples[key] += s.value
    for name, family in families.items():
        for (sample, labels), value in values[name].items():
            family.add_sample(sample, dict(labels), value)
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_Fixed(list(families.values())))
    return generate_latest(registry)


class _Fixed(Collector):
    def __init__(self, families: list[Metric]) -> None:
        self._families = families

    def collect(self) -> Iterator[Metric]:
        return iter(self._families)
