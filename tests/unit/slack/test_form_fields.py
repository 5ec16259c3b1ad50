"""Form bodies are read field for field as the standard library reads them."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlencode

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.slack.admission import form_fields

# The characters that make form decoding go wrong: separators, escapes (whole, cut short or
# not hex), '+', and text beyond ASCII.
_TRICKY = st.text(alphabet=st.sampled_from(list("ab=&;+%2FE8Cz#?/ \x00\n가é")), max_size=40)


@settings(max_examples=3000)
@given(st.one_of(_TRICKY, st.text(max_size=40)))
def test_any_body_reads_as_parse_qsl_reads_it(text: str) -> None:
    assert form_fields(text) == dict(parse_qsl(text, keep_blank_values=True))


def test_a_button_payload_comes_back_whole() -> None:
    payload = {
        "type": "block_actions",
        "actions": [{"action_id": "decide_now", "value": "a+b c & 100%"}],
        "message": {"text": '정확도가 중요해요 *bold* <b> "q" ;=?', "blocks": []},
    }
    body = urlencode({"payload": json.dumps(payload, ensure_ascii=False), "x": "", "y": "1"})
    fields = form_fields(body)
    assert json.loads(fields["payload"]) == payload
    assert (fields["x"], fields["y"]) == ("", "1")
    assert form_fields("a=1&a=2") == {"a": "2"}
