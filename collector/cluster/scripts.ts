/**
 * The Lua scripts that make the lease and fencing atomic in Redis. A fencing token is
 * an INCR counter bumped on every new lease; a write carries the writer's token and is
 * refused unless it is still the newest, so a leader that was paused past its TTL
 * (SIGSTOP, a GC pause, a network stall) cannot write after another replica took over.
 */

/** KEYS: lease, fence · ARGV: replica, ttl ms → the new fencing token, or 0 when the lease is held. */
export const ACQUIRE = `
if redis.call('SET', KEYS[1], 'taking', 'NX', 'PX', ARGV[2]) then
  local fence = redis.call('INCR', KEYS[2])
  redis.call('SET', KEYS[1], fence .. ':' .. ARGV[1], 'PX', ARGV[2])
  return fence
end
return 0`;

/** KEYS: lease · ARGV: token ("<fence>:<replica>"), ttl ms → 1 extended, 0 not ours any more. */
export const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;

/** KEYS: lease · ARGV: token → drop the lease only if it is still ours (a clean shutdown). */
export const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

/**
 * A fenced write of one patch and its relay frame, in one step. Refused unless the lease is
 * still this writer's token and its fence is the newest: the token alone survives a Redis that
 * restarted empty (the counter starts again at 1, but "1:b" is not "1:a").
 * KEYS: lease, fence, tiles, meta, relay channel
 * ARGV: token, fence, rev, writer, full ("1" replaces every tile), frame, n, then n × (id, json), then removed ids
 * → 1 written and published, 0 refused (stale token).
 */
export const WRITE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] or redis.call('GET', KEYS[2]) ~= ARGV[2] then return 0 end
if ARGV[5] == '1' then redis.call('DEL', KEYS[3]) end
local n = tonumber(ARGV[7])
local i = 8
for _ = 1, n do
  redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 1])
  i = i + 2
end
while i <= #ARGV do
  redis.call('HDEL', KEYS[3], ARGV[i])
  i = i + 1
end
redis.call('HSET', KEYS[4], 'rev', ARGV[3], 'writer', ARGV[4], 'fence', ARGV[2])
redis.call('PUBLISH', KEYS[5], ARGV[6])
return 1`;
