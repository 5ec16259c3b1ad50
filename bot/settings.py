"""The one settings object; nothing else in the program reads the environment."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

LlmMode = Literal["auto", "offline", "anthropic"]


def _default_data_dir() -> Path:
    return Path.home() / ".local" / "share" / "explainer"


class Settings(BaseSettings):
    """Read from the environment (and a ``.env`` file if present)."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    slack_bot_token: SecretStr | None = Field(default=None, alias="SLACK_BOT_TOKEN")
    slack_signing_secret: SecretStr | None = Field(default=None, alias="SLACK_SIGNING_SECRET")
    slack_app_token: SecretStr | None = Field(default=None, alias="SLACK_APP_TOKEN")
    slack_api_url: str = Field(default="https://slack.com/api/", alias="SLACK_API_URL")
    # Set both to distribute the app to several workspaces (OAuth install flow); unset, the
    # single-workspace SLACK_BOT_TOKEN is used.
    slack_client_id: str | None = Field(default=None, alias="SLACK_CLIENT_ID")
    slack_client_secret: SecretStr | None = Field(default=None, alias="SLACK_CLIENT_SECRET")
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

    inbox_claim_idle_ms: int = Field(
        default=60_000, ge=100, validation_alias=AliasChoices("EXPLAINER_INBOX_CLAIM_IDLE_MS")
    )
    # Past this many entries waiting, the ack path answers 503 (Slack delivers again later)
    # instead of queueing; nothing accepted is ever trimmed.
    inbox_backlog_limit: int = Field(
        default=100_000, ge=1, validation_alias=AliasChoices("EXPLAINER_INBOX_BACKLOG_LIMIT")
    )

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
