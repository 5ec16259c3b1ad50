"""A consultation's stored form: compact JSON without defaults, the schema version always in,
the same bytes as the plain ``json`` dump of its fields, read back to the same consultation."""

from __future__ import annotations

import json

from bot.core.decision import Outcome
from bot.core.facts import DataAmount, FactName, Facts, Goal
from bot.core.state import SCHEMA_VERSION, Consultation, Place, Revision, Usage


def _plain_blob(c: Consultation) -> bytes:
    data = c.model_dump(mode="json", exclude_defaults=True)
    data["schema_version"] = c.schema_version
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


CONSULTATION = Consultation(
    id="c1",
    version=3,
    place=Place(surface="slash", team="T1", channel="C1", thread_ts="1.2"),
    user="U1",
    lang="ko",
    facts=Facts(goals=frozenset({Goal.FRESHNESS, Goal.CONSISTENCY}), data_examples=20000),
    evidence={FactName.DATA_EXAMPLES: '리뷰된 Q&A 2만 쌍 "정도"\n\\ \x01'},
    hints={FactName.DATA_AMOUNT: (DataAmount.SOME.value, "some")},
    asked=(FactName.TOP_GOAL,),
    revisions=(Revision(outcome=Outcome.RAG, turn=2, changed=(FactName.GOALS,)),),
    usage=Usage(calls=2, input_tokens=1200, cost_usd=0.0125),
    created_at=1764957696.25,
    updated_at=1764957699.0,
)


def test_the_blob_is_the_plain_json_dump_with_the_schema_version_last() -> None:
    blob = CONSULTATION.to_blob()
    assert blob == _plain_blob(CONSULTATION)
    assert blob.endswith(b',"schema_version":%d}' % SCHEMA_VERSION)
    assert Consultation.from_blob(blob) == CONSULTATION


def test_an_older_schema_version_stays_where_its_field_is() -> None:
    old = CONSULTATION.model_copy(update={"schema_version": SCHEMA_VERSION - 1})
    blob = old.to_blob()
    assert blob == _plain_blob(old)
    assert blob.startswith(b'{"schema_version":%d,' % (SCHEMA_VERSION - 1))


def test_a_bare_consultation_keeps_only_what_it_must() -> None:
    bare = Consultation(id="c2", place=Place(surface="terminal"), user="u")
    assert bare.to_blob() == _plain_blob(bare)
    assert json.loads(bare.to_blob()) == {
        "id": "c2",
        "place": {"surface": "terminal"},
        "user": "u",
        "schema_version": SCHEMA_VERSION,
    }
