"""The one settings object; nothing else in the program reads the environment."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Literal
from urllib.parse import parse_qsl, urlencode

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

LlmMode = Literal["auto", "offline", "anthropic"]
RedisTopology = Literal["server", "cluster", "sentinel"]


def _default_data_dir() -> Path:
    return Path.home() / ".local" / "share" / "explainer"


def _default_cache_dir() -> Path:
    return Path.home() / ".cache" / "explainer"


class Settings(BaseSettings):
    """Read from the environment (and a ``.env`` file if present)."""

    # A variable set to "" is unset: EXPLAINER_DATA_DIR="" must not mean the current directory.
    model_config = SettingsConfigDict(
        env_file=".env", extra="ignore", populate_by_name=True, env_ignore_empty=True
    )

    slack_bot_token: SecretStr | None = Field(default=None, alias="SLACK_BOT_TOKEN")
    slack_signing_secret: SecretStr | None = Field(default=None, alias="SLACK_SIGNING_SECRET")
    slack_app_token: SecretStr | None = Field(default=None, alias="SLACK_APP_TOKEN")
    slack_api_url: str = Field(default="https://slack.com/api/", alias="SLACK_API_URL")
    # Set both to distribute the app to several workspaces (OAuth install flow); unset, the
    # single-workspace SLACK_BOT_TOKEN is used.
    slack_client_id: str | None = Field(default=None, alias="SLACK_CLIENT_ID")
    slack_client_secret: SecretStr | None = Field(default=None, alias="SLACK_CLIENT_SECRET")
    # One server (redis://, rediss://), a Redis Cluster (redis+cluster://) or the master Sentinel
    # names (redis+sentinel://); see parse_redis_url.
    redis_url: str | None = Field(default=None, alias="REDIS_URL")
    anthropic_api_key: SecretStr | None = Field(default=None, alias="ANTHROPIC_API_KEY")
    anthropic_base_url: str | None = Field(default=None, alias="ANTHROPIC_BASE_URL")
    llm: LlmMode = Field(default="auto", alias="EXPLAINER_LLM")
    port: int = Field(default=3000, ge=1, le=65535, alias="PORT")
    log_level: str = Field(default="INFO", alias="LOG_LEVEL")

    max_questions: int = Field(
        default=5, ge=0, le=9, validation_alias=AliasChoices("EXPLAINER_MAX_QUESTIONS")
    )
    retention_days: float = Field(
        default=30.0, gt=0, validation_alias=AliasChoices("EXPLAINER_RETENTION_DAYS")
    )
    data_dir: Path = Field(
        default_factory=_default_data_dir, validation_alias=AliasChoices("EXPLAINER_DATA_DIR")
    )
    # The reader's compiled patterns (``explainer warm`` writes them): a process without them
    # compiles each pattern on its first search, seconds for its first messages.
    cache_dir: Path = Field(
        default_factory=_default_cache_dir, validation_alias=AliasChoices("EXPLAINER_CACHE_DIR")
    )

    llm_fast_model: str = Field(
        default="claude-haiku-4-5", validation_alias=AliasChoices("EXPLAINER_LLM_FAST_MODEL")
    )
    llm_smart_model: str = Field(
        default="claude-sonnet-4-6", validation_alias=AliasChoices("EXPLAINER_LLM_SMART_MODEL")
    )
    # USD per million tokens: input, output, cache write, cache read.
    llm_prices: dict[str, tuple[float, float, float, float]] = Field(
        default_factory=lambda: {
            "claude-haiku-4-5": (1.0, 5.0, 1.25, 0.10),
            "claude-sonnet-4-6": (3.0, 15.0, 3.75, 0.30),
        },
        validation_alias=AliasChoices("EXPLAINER_LLM_PRICES"),
    )
    llm_timeout_seconds: float = Field(
        default=20.0, gt=0, le=600, validation_alias=AliasChoices("EXPLAINER_LLM_TIMEOUT")
    )
    llm_max_retries: int = Field(
        default=2, ge=0, le=10, validation_alias=AliasChoices("EXPLAINER_LLM_MAX_RETRIES")
    )
    llm_token_budget: int = Field(
        default=60_000, ge=0, validation_alias=AliasChoices("EXPLAINER_LLM_TOKEN_BUDGET")
    )

    # How long a turn runs before the thread shows "thinking…"; a quicker turn shows none.
    status_delay_seconds: float = Field(
        default=0.4, ge=0, le=10, validation_alias=AliasChoices("EXPLAINER_STATUS_DELAY")
    )

    # Workers under `serve` yield the CPU to the process that acks (and to Redis) whenever both
    # want it: an ack that waits for a core is late however idle its event loop is. On a host
    # where other busy processes share the scheduler, a high value starves the workers.
    worker_niceness: int = Field(
        default=19, ge=0, le=19, validation_alias=AliasChoices("EXPLAINER_WORKER_NICENESS")
    )

    inbox_claim_idle_ms: int = Field(
        default=60_000, ge=100, validation_alias=AliasChoices("EXPLAINER_INBOX_CLAIM_IDLE_MS")
    )
    # Past this many entries waiting, the ack path answers 503 (Slack delivers again later)
    # instead of queueing; nothing accepted is ever trimmed.
    inbox_backlog_limit: int = Field(
        default=100_000, ge=1, validation_alias=AliasChoices("EXPLAINER_INBOX_BACKLOG_LIMIT")
    )

    @field_validator("data_dir", "cache_dir")
    @classmethod
    def _home(cls, value: Path) -> Path:
        """``~/…`` is the home directory, as a shell would read it in deploy/.env.example."""
        return value.expanduser()

    @property
    def oauth_enabled(self) -> bool:
        return bool(self.slack_client_id and self.slack_client_secret)

    @property
    def retention_seconds(self) -> int:
        return int(self.retention_days * 86_400)

    def llm_mode(self) -> Literal["offline", "anthropic"]:
        """Which language layer to use: Claude when asked for, or when a key is set in auto mode."""
        if self.llm == "auto":
            return "anthropic" if self.anthropic_api_key else "offline"
        return self.llm


def env_names() -> list[str]:
    """Every environment variable the settings read, in declaration order."""
    names: list[str] = []
    for field in Settings.model_fields.values():
        if field.alias:
            names.append(field.alias)
        elif isinstance(field.validation_alias, AliasChoices):
            names.extend(str(c) for c in field.validation_alias.choices)
    return names


_TOPOLOGIES: dict[str, tuple[RedisTopology, str]] = {
    "redis+cluster": ("cluster", "redis"),
    "rediss+cluster": ("cluster", "rediss"),
    "redis+sentinel": ("sentinel", "redis"),
    "rediss+sentinel": ("sentinel", "rediss"),
}
_DEFAULT_PORTS: dict[RedisTopology, int] = {"server": 6379, "cluster": 6379, "sentinel": 26379}
# Query options that configure the connection to the sentinels, not to the data nodes.
_SENTINEL_OPTIONS = ("sentinel_username", "sentinel_password")


@dataclasses.dataclass(frozen=True)
class RedisTarget:
    """Where ``REDIS_URL`` points: one server, a Redis Cluster, or the master Sentinel names.

    ``url`` is a ``redis://`` (or ``rediss://``) URL with what every data node shares: the
    credentials, the database and the query options (for one server, ``REDIS_URL`` itself).
    """

    topology: RedisTopology
    url: str = dataclasses.field(repr=False)
    nodes: tuple[tuple[str, int], ...] = ()
    service: str = ""
    sentinel_username: str | None = None
    sentinel_password: str | None = dataclasses.field(default=None, repr=False)


def parse_redis_url(url: str) -> RedisTarget:
    """The topology ``REDIS_URL`` names; ``ValueError`` (never quoting the URL, which may hold
    a password) when it is not one of the supported forms:

    - ``redis://host:port/db``, ``rediss://…``, ``unix://…``: one server;
    - ``redis+cluster://h1:p1,h2:p2``: Redis Cluster from startup nodes (database 0 only);
    - ``redis+sentinel://h1:p1,h2:p2/service_name/db``: the master the sentinels name
      ``service_name``; ``?sentinel_password=…`` (and ``sentinel_username``) when the
      sentinels require their own credentials.

    ``rediss+cluster`` and ``rediss+sentinel`` use TLS (to the sentinels too).
    """
    scheme, sep, rest = url.partition("://")
    scheme = scheme.lower()
    if sep and scheme in ("redis", "rediss", "unix"):
        return RedisTarget("server", url)
    if not sep or scheme not in _TOPOLOGIES:
        raise ValueError(
            "REDIS_URL must start with redis://, rediss://, unix://, redis+cluster:// "
            "or redis+sentinel:// (rediss+… for TLS)"
        )
    topology, base = _TOPOLOGIES[scheme]
    rest = rest.partition("#")[0]
    rest, _, query = rest.partition("?")
    netloc, _, path = rest.partition("/")
    userinfo, at, hosts = netloc.rpartition("@")
    nodes = tuple(_host_port(h, _DEFAULT_PORTS[topology]) for h in hosts.split(","))
    parts = [p for p in path.split("/") if p]
    service, db = "", 0
    if topology == "cluster":
        if parts not in ([], ["0"]):
            raise ValueError("REDIS_URL: Redis Cluster has only database 0")
    else:
        if not parts or len(parts) > 2:
            raise ValueError("REDIS_URL: redis+sentinel:// needs /service_name or /service_name/db")
        service = parts[0]
        if len(parts) == 2:
            if not parts[1].isdigit():
                raise ValueError("REDIS_URL: the database must be a number")
            db = int(parts[1])
    options = parse_qsl(query, keep_blank_values=True)
    sentinel = {k: v for k, v in options if k in _SENTINEL_OPTIONS}
    shared = [(k, v) for k, v in options if k not in _SENTINEL_OPTIONS]
    host, port = nodes[0]
    shown = f"[{host}]" if ":" in host else host
    node_url = f"{base}://{userinfo}{at}{shown}:{port}/{db}"
    if shared:
        node_url += "?" + urlencode(shared)
    return RedisTarget(
        topology,
        node_url,
        nodes,
        service,
        sentinel.get("sentinel_username") or None,
        sentinel.get("sentinel_password") or None,
    )


def _host_port(text: str, default_port: int) -> tuple[str, int]:
    text = text.strip()
    if text.startswith("["):  # [IPv6]:port
        host, _, port = text[1:].partition("]")
        port = port.removeprefix(":")
    else:
        host, _, port = text.rpartition(":") if ":" in text else (text, "", "")
    if not host:
        raise ValueError("REDIS_URL: every node needs a host")
    if not port:
        return host, default_port
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError("REDIS_URL: a node's port is not a number between 1 and 65535")
    return host, int(port)
