"""Explainer: a Slack consultation bot for choosing between prompting, RAG and fine-tuning."""

__version__ = "0.1.0"
