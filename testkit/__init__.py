"""Test doubles and harnesses for Explainer: fakes of the ports, mock Slack and Anthropic servers
speaking the real wire formats, bot processes, and local Redis servers, clusters and sentinels."""
