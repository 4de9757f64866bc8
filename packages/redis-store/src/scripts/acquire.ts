import { FIRST_CONTACT_MS, FIRST_CONTACT_PACE } from '@vppwatch/core';
import { luaScript } from './lua-script.js';

/**
 * One attempt's turn, in one round trip: refuses while the tenant's gate is closed, else books the next slot of
 * the one allowance all replicas share, at the closed loop's rate in force, and answers how long to wait for it.
 * The slot rule is core's in-process limiter's: GCRA pacing (tolerance `burst − 1` intervals) and never more
 * than `limit = floor(rate)` (at most 64) bookings in any `limit / rate` seconds plus a margin, so a server
 * counting per second never sees an excess. The tenant's first second (from its first booking while the key
 * lives) sends at most the first-contact burst at once and the rest at twice the pace, as core's memory store does.
 *
 * KEYS[1] the tenant hash key. ARGV: ceiling/s ('' = no rate limit, gate only), burst, beta, scale, min rate
 * ('' when the loop is off), window margin ms, ttl ms, heartbeat replica id or ''.
 * Reply: { verdict (0 go, 1 wait, 2 gated), wait ms, gate ms, budget or '', 9603 streak, replicas or -1,
 * last max rate or '', ms since the last throttle or '', the booked send time (Redis ms, the booking's id) or '' }.
 */
export const ACQUIRE = luaScript(
  'acquire',
  `
local key = KEYS[1]
local margin = tonumber(ARGV[6])
local ttl = tonumber(ARGV[7])
local f = redis.call('HMGET', key, 'gate', 'tat', 'ring', 'budget', 's9603', 'lmr', 'lta', 'since')
local gate = tonumber(f[1]) or 0
local lmr = tonumber(f[6])
local lta = tonumber(f[7])
local replicas = -1
if ARGV[8] ~= '' then
  local seen = key .. ':replicas'
  redis.call('ZADD', seen, now, ARGV[8])
  redis.call('ZREMRANGEBYSCORE', seen, '-inf', now - 15000)
  redis.call('PEXPIRE', seen, 60000)
  replicas = redis.call('ZCARD', seen)
end
local function reply(verdict, wait, booked)
  return { verdict, ms(wait), ms(math.max(0, gate - now)), f[4] or '', tonumber(f[5]) or 0, replicas,
    lmr and ms(lmr) or '', lta and ms(now - lta) or '', booked or '' }
end
if gate > now then return reply(2, 0) end
if ceiling == nil then return reply(0, 0) end
local rate = rate_at(lmr, lta)
if lmr ~= nil and rate >= ceiling then
  -- Back at the ceiling: the record no longer matters.
  lmr = nil
  lta = nil
  redis.call('HDEL', key, 'lmr', 'lta')
end
-- Below the ceiling the organization admits less than announced: evenly spaced, one throttle finds its limit.
-- In the tenant's first second (its first booking since the key was made) nothing is known yet.
local since = tonumber(f[8])
if since == nil then
  since = now
  redis.call('HSET', key, 'since', ms(now))
end
-- Its rest goes faster (core's FIRST_CONTACT_PACE); the window still holds the rate's allowance.
local pace = 1
if lmr ~= nil then
  burst = 1
elseif first_burst < burst and now - since < ${FIRST_CONTACT_MS} then
  burst = first_burst
  pace = ${FIRST_CONTACT_PACE}
end
local limit = math.min(64, math.max(1, math.floor(rate)))
local window = limit * 1000 / rate + margin
local interval = 1000 / rate / pace
local tolerance = (math.min(burst, limit) - 1) * interval
local tat = tonumber(f[2]) or now
local ring = {}
for v in string.gmatch(f[3] or '', '[^,]+') do ring[#ring + 1] = tonumber(v) end
local remembered = math.min(64, math.max(limit, #ring))
local send = math.max(now, math.max(tat, now) - tolerance)
if #ring >= limit then send = math.max(send, ring[#ring - limit + 1] + window) end
ring[#ring + 1] = tonumber(ms(send))
local kept = {}
for i = math.max(1, #ring - remembered + 1), #ring do kept[#kept + 1] = ms(ring[i]) end
redis.call('HSET', key, 'tat', ms(math.max(tat, send) + interval), 'ring', table.concat(kept, ','))
keep(key, ttl, math.max(gate, send))
return reply(send > now and 1 or 0, send - now, ms(send))
`,
);
