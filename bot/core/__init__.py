"""Pure consultation logic: no Slack, Redis, Anthropic or HTTP imports (a test enforces it)."""
