import { luaScript } from './lua-script.js';

/**
 * What one attempt's answer changes, in one round trip: raises the gate (the later of the current one and the
 * new one, and tells the other replicas on the gate channel when it moved), spends or earns retry-budget tokens
 * within [0, capacity], and counts or resets the 9603 streak.
 *
 * KEYS[1] the tenant hash key. ARGV: gate ms from now or '' , budget delta or '' (negative spends), budget
 * capacity, streak op ('inc' | 'reset' | ''), ttl ms, gate channel, tenant.
 * Reply: { gate remaining ms, budget or '', 9603 streak }.
 */
export const REPORT = luaScript(
  'report',
  `
local key = KEYS[1]
local ttl = tonumber(ARGV[5])
local f = redis.call('HMGET', key, 'gate', 'budget', 's9603')
local gate = tonumber(f[1]) or 0
local budget = f[2] or ''
local streak = tonumber(f[3]) or 0
if ARGV[1] ~= '' then
  local until_ = now + tonumber(ARGV[1])
  if until_ > gate then
    gate = until_
    redis.call('HSET', key, 'gate', ms(gate))
    redis.call('PUBLISH', ARGV[6], ARGV[7] .. ' ' .. ARGV[1])
  end
end
if ARGV[2] ~= '' then
  local capacity = tonumber(ARGV[3])
  local left = tonumber(budget) or capacity
  budget = ms(math.max(0, math.min(capacity, left + tonumber(ARGV[2]))))
  redis.call('HSET', key, 'budget', budget)
end
if ARGV[4] == 'inc' then
  streak = redis.call('HINCRBY', key, 's9603', 1)
elseif ARGV[4] == 'reset' and streak ~= 0 then
  streak = 0
  redis.call('HSET', key, 's9603', 0)
end
keep(key, ttl, gate)
return { ms(math.max(0, gate - now)), budget, streak }
`,
);
