import { luaScript } from './lua-script.js';

/**
 * One attempt's turn, in one round trip: refuses while the tenant's gate is closed, else books the next slot of
 * the one allowance all replicas share and answers how long to wait for it. The slot rule is the in-process
 * limiter's: GCRA pacing (tolerance `burst − 1` intervals) and never more than `limit = floor(rate)` bookings in
 * any `limit / rate` seconds plus a margin, so a server counting per second never sees an excess.
 *
 * KEYS[1] the tenant hash key. ARGV: rate/s, burst, window margin ms, ttl ms, heartbeat replica id or ''.
 * Reply: { verdict (0 go, 1 wait, 2 gated), wait ms, gate remaining ms, budget or '', 9603 streak, replicas }.
 */
export const ACQUIRE = luaScript(
  'acquire',
  `
local key = KEYS[1]
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local margin = tonumber(ARGV[3])
local ttl = tonumber(ARGV[4])
local f = redis.call('HMGET', key, 'gate', 'tat', 'ring', 'budget', 's9603')
local gate = tonumber(f[1]) or 0
local budget = f[4] or ''
local streak = tonumber(f[5]) or 0
local replicas = -1
if ARGV[5] ~= '' then
  local seen = key .. ':replicas'
  redis.call('ZADD', seen, now, ARGV[5])
  redis.call('ZREMRANGEBYSCORE', seen, '-inf', now - 15000)
  redis.call('PEXPIRE', seen, 60000)
  replicas = redis.call('ZCARD', seen)
end
if gate > now then
  return { 2, '0', ms(gate - now), budget, streak, replicas }
end
local interval = 1000 / rate
local limit = math.max(1, math.floor(rate))
local window = limit * interval + margin
local tolerance = (math.min(burst, limit) - 1) * interval
local tat = tonumber(f[2]) or now
local ring = {}
for v in string.gmatch(f[3] or '', '[^,]+') do ring[#ring + 1] = tonumber(v) end
local send = math.max(now, math.max(tat, now) - tolerance)
if #ring >= limit then send = math.max(send, ring[#ring - limit + 1] + window) end
ring[#ring + 1] = send
local kept = {}
for i = math.max(1, #ring - limit + 1), #ring do kept[#kept + 1] = ms(ring[i]) end
redis.call('HSET', key, 'tat', ms(math.max(tat, send) + interval), 'ring', table.concat(kept, ','))
keep(key, ttl, math.max(gate, send))
local wait = send - now
return { wait > 0 and 1 or 0, ms(wait), '0', budget, streak, replicas }
`,
);
