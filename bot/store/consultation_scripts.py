"""The Lua scripts behind the consultation store: each state change is one atomic step."""

# Applies only when the stored version equals ARGV[1] (a missing key counts as version 0), so a
# lost race and a replayed save both return 0 instead of overwriting.
# The outbox (the replies this write produced) is stored in the same step, so a worker that
# dies before posting them leaves them for whoever picks the work up.
# KEYS[1] state, KEYS[2] outbox, KEYS[3] the set of outbox names; ARGV: expected version,
# blob, ttl, user, place key, outbox blob ('' for none), outbox ttl.
SAVE = """
local current = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
local expected = tonumber(ARGV[1])
if current ~= expected then
  return 0
end
redis.call('HSET', KEYS[1], 'v', expected + 1, 'b', ARGV[2], 'u', ARGV[4], 'p', ARGV[5])
redis.call('EXPIRE', KEYS[1], ARGV[3])
if ARGV[6] ~= '' then
  redis.call('SET', KEYS[2], ARGV[6], 'EX', ARGV[7])
  redis.call('SADD', KEYS[3], KEYS[2])
  redis.call('EXPIRE', KEYS[3], ARGV[7])
end
return 1
"""

# Returns the id bound to the place after the call: ours if we won, the earlier one otherwise.
# KEYS[1] place; ARGV: consultation id, ttl.
BIND = """
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', ARGV[2]) then
  return ARGV[1]
end
return redis.call('GET', KEYS[1])
"""

# Refreshes a place binding only while it still points at this consultation.
# KEYS[1] place; ARGV: consultation id, ttl.
TOUCH_PLACE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('EXPIRE', KEYS[1], ARGV[2])
end
return 0
"""

# Deletes a place binding only while it still points at this consultation.
# KEYS[1] place; ARGV: consultation id.
DELETE_PLACE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
"""

# Deletes one consultation (or bind stub) of the user; returns {1 if it was saved, place key,
# blob, outbox names...}, or false when there was nothing of this user. The user check keeps a
# stray index entry from deleting someone else's consultation. The outbox copies are deleted
# by the caller, as a script may only touch the keys it is given.
# KEYS[1] state, KEYS[2] its feedback, KEYS[3] its outbox names; ARGV: user.
FORGET_ONE = """
local fields = redis.call('HMGET', KEYS[1], 'u', 'p', 'b')
if fields[1] ~= ARGV[1] then
  return false
end
local outs = redis.call('SMEMBERS', KEYS[3])
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
return {fields[3] and 1 or 0, fields[2] or '', fields[3] or '', unpack(outs)}
"""

# Records a vote; returns everyone who has voted on the consultation, so that their vote
# indexes can be kept alive as long as this hash.
# KEYS[1] feedback; ARGV: user, vote, ttl.
VOTE = """
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return redis.call('HKEYS', KEYS[1])
"""

# Adds a member to an index and makes it live at least ARGV[2] seconds more (never less than
# an earlier member needs).
# KEYS[1] index; ARGV: member, ttl.
INDEX = """
redis.call('SADD', KEYS[1], ARGV[1])
if redis.call('TTL', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('EXPIRE', KEYS[1], ARGV[2])
end
return 1
"""
