"""The knowledge base and the offline answerer, loaded once per module that asks."""

from __future__ import annotations

import pytest

from bot.knowledge.base import KnowledgeBase
from bot.llm.offline import OfflineLanguageModel


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


@pytest.fixture(scope="module")
def lm() -> OfflineLanguageModel:
    return OfflineLanguageModel()
