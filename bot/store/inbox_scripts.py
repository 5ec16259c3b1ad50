"""The Lua scripts that admit work into the inbox, and what their answers mean."""

from __future__ import annotations

from typing import Any

__all__ = ["ACCEPT", "ACCEPT_COUNTED", "ACCEPT_MESSAGE", "InboxFull", "status"]


class InboxFull(Exception):
    """The backlog is at its limit: the work was not accepted (and not marked as seen)."""


# Every script starts here: a key seen before is a duplicate (false); a full backlog refuses
# ('full') without marking the key, so that the delivery Slack retries is accepted later.
# KEYS[1] seen key, KEYS[2] stream; ARGV[1] payload, ARGV[2] dedupe ttl, ARGV[3] backlog limit.
_ADMIT = """
if redis.call('EXISTS', KEYS[1]) == 1 then
  return false
end
if redis.call('XLEN', KEYS[2]) >= tonumber(ARGV[3]) then
  return 'full'
end
redis.call('SET', KEYS[1], '1', 'EX', ARGV[2])
"""

ACCEPT = (
    _ADMIT
    + """
return redis.call('XADD', KEYS[2], '*', 'p', ARGV[1])
"""
)

# Counts a command or button press against the user's window (KEYS[3]; ARGV[4] window ttl,
# ARGV[5] limit); over it, nothing is queued.
ACCEPT_COUNTED = (
    _ADMIT
    + """
local n = redis.call('INCR', KEYS[3])
if n == 1 then redis.call('EXPIRE', KEYS[3], ARGV[4]) end
if n > tonumber(ARGV[5]) then
  return 'limited:interactive'
end
return redis.call('XADD', KEYS[2], '*', 'p', ARGV[1])
"""
)

# Counts a message against per-user and per-thread windows. Only work for the bot counts
# (ARGV[8] = '1' or 'hint', or 'key' and the thread's binding KEYS[7] exists): a direct message
# or mention, or a reply in a thread the bot holds a consultation in, so chatter in other
# threads never uses anyone's budget. Over a limit the message is not queued; a "slow down"
# notice (ARGV[5]) is, at most once per user and once per thread per window (the markers
# KEYS[5], KEYS[6]). With 'key' or 'hint' the entry carries the binding's consultation id
# (field 'c'), so the worker that takes it need not look the thread up again.
# KEYS: seen, stream, user window, thread window, user notice, thread notice[, binding];
# ARGV: payload, ttl, backlog limit, window ttl, notice, user limit, thread limit, counts.
ACCEPT_MESSAGE = (
    _ADMIT
    + """
local counts = ARGV[8]
local bound = false
if counts == 'key' or counts == 'hint' then
  bound = redis.call('GET', KEYS[7])
  if counts == 'hint' or bound then counts = '1' else counts = '0' end
end
local function queue()
  if bound then return redis.call('XADD', KEYS[2], '*', 'p', ARGV[1], 'c', bound) end
  return redis.call('XADD', KEYS[2], '*', 'p', ARGV[1])
end
if counts ~= '1' then
  return queue()
end
local u = redis.call('INCR', KEYS[3])
local t = redis.call('INCR', KEYS[4])
if u == 1 then redis.call('EXPIRE', KEYS[3], ARGV[4]) end
if t == 1 then redis.call('EXPIRE', KEYS[4], ARGV[4]) end
local ulim, tlim = tonumber(ARGV[6]), tonumber(ARGV[7])
if u > ulim or t > tlim then
  if redis.call('EXISTS', KEYS[5]) == 0 and redis.call('EXISTS', KEYS[6]) == 0 then
    redis.call('SET', KEYS[5], '1', 'EX', ARGV[4])
    redis.call('SET', KEYS[6], '1', 'EX', ARGV[4])
    redis.call('XADD', KEYS[2], '*', 'p', ARGV[5])
  end
  if u > ulim then return 'limited:user' end
  return 'limited:thread'
end
return queue()
"""
)


def status(result: Any) -> str:
    """A script's answer: an entry id (accepted), nil (duplicate), or a status word."""
    if result is None:
        return "duplicate"
    text = result.decode() if isinstance(result, bytes) else str(result)
    if text == "full":
        raise InboxFull
    return text if text.startswith("limited") else "accepted"
