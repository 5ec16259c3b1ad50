"""The one Anthropic client and the adapter's configuration, both read from the settings."""

from __future__ import annotations

from dataclasses import dataclass

from anthropic import AsyncAnthropic, DefaultAioHttpClient, Timeout

from bot.settings import Settings

# The SDK's longest backoff between retries; the per-call deadline leaves room for it.
MAX_RETRY_WAIT = 8.0


@dataclass(frozen=True)
class ClaudeConfig:
    """Which models answer which jobs, what they cost, and how long one job may take."""

    fast_model: str
    smart_model: str
    prices: dict[str, tuple[float, float, float, float]]
    deadline_seconds: float

    @classmethod
    def from_settings(
        cls, settings: Settings, deadline_seconds: float | None = None
    ) -> ClaudeConfig:
        timeout, retries = settings.llm_timeout_seconds, settings.llm_max_retries
        # Bounds a whole job (retries, retry-after waits and streams that trickle) in one number.
        deadline = deadline_seconds or timeout * (retries + 1) + MAX_RETRY_WAIT * retries
        return cls(
            fast_model=settings.llm_fast_model,
            smart_model=settings.llm_smart_model,
            prices=dict(settings.llm_prices),
            deadline_seconds=deadline,
        )


def claude_client(settings: Settings) -> AsyncAnthropic:
    """The SDK client: its own retries and a chat-sized timeout, never the environment."""
    if settings.anthropic_api_key is None:
        raise ValueError("the Claude layer needs ANTHROPIC_API_KEY")
    timeout = settings.llm_timeout_seconds
    return AsyncAnthropic(
        api_key=settings.anthropic_api_key.get_secret_value(),
        # Given explicitly so the SDK never falls back to reading the environment itself.
        base_url=settings.anthropic_base_url or "https://api.anthropic.com",
        # The SDK's default is ten minutes; a chat turn cannot wait that long.
        timeout=Timeout(timeout, connect=min(timeout, 5.0)),
        max_retries=settings.llm_max_retries,
        # aiohttp's pool stays cheap with hundreds of calls in flight; httpx's default pool
        # scans every waiting request against every connection on each change.
        http_client=DefaultAioHttpClient(),
        # No OpenTelemetry SDK is set up here (metrics go to Prometheus), so spans would be
        # no-ops whose attributes the SDK still reads out of every request.
        open_telemetry=False,
    )
