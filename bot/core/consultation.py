"""The consultation's public face: replies, the turn, and the service that saves it.

The parts live in their own modules: :mod:`bot.core.replies`, :mod:`bot.core.turns`,
:mod:`bot.core.speculation`, :mod:`bot.core.metering`, :mod:`bot.core.provenance` and
:mod:`bot.core.service`.
"""

from bot.core.replies import (
    AnswerReply,
    DecisionReply,
    NoticeReply,
    QuestionReply,
    Reply,
    Result,
    SavedReplies,
    UnderstoodReply,
)
from bot.core.service import (
    MAX_SAVE_ATTEMPTS,
    PLACE_CACHE_SIZE,
    ConflictError,
    ConsultationService,
    NotFoundError,
    new_consultation,
)
from bot.core.turns import advance

__all__ = [
    "MAX_SAVE_ATTEMPTS",
    "PLACE_CACHE_SIZE",
    "AnswerReply",
    "ConflictError",
    "ConsultationService",
    "DecisionReply",
    "NotFoundError",
    "NoticeReply",
    "QuestionReply",
    "Reply",
    "Result",
    "SavedReplies",
    "UnderstoodReply",
    "advance",
    "new_consultation",
]
