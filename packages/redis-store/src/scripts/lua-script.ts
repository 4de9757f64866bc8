import { createHash } from 'node:crypto';
import { PROBE_GROWTH } from '@vppwatch/core';

/** A Lua script run with EVALSHA (EVAL once when the server does not know it yet, e.g. after a restart). */
export interface LuaScript {
  readonly name: string;
  readonly source: string;
  readonly sha1: string;
}

/**
 * Every script starts from Redis's own clock (`TIME`), never a replica's: replicas' clocks differ, so times cross
 * the wire only as durations relative to the script's `now`. `rate_at` is the closed loop's rate in force
 * (core's `rateAt`): `scale × (t − K)³ + lastMaxRate`, `K = ∛(lastMaxRate × (1 − beta) / scale)`, t the seconds
 * since the last throttle, `PROBE_GROWTH × scale` past K, kept within [minRate, ceiling]. The rate settings are
 * ARGV[1..5] of every script; ARGV[2] is `burst/firstBurst`.
 */
const PRELUDE = `
if redis.replicate_commands then pcall(redis.replicate_commands) end
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + tonumber(clock[2]) / 1000
local function ms(value) return string.format('%.3f', value) end
local function keep(key, ttl, gate)
  redis.call('PEXPIRE', key, math.ceil(math.max(ttl, gate - now + ttl)))
end
local ceiling = tonumber(ARGV[1])
local burst = tonumber(string.match(ARGV[2], '^[^/]*'))
local first_burst = tonumber(string.match(ARGV[2], '/(.*)$')) or burst
local beta = tonumber(ARGV[3])
local scale = tonumber(ARGV[4])
local min_rate = tonumber(ARGV[5])
local function rate_at(lmr, lta)
  if lmr == nil or lta == nil or beta == nil then return ceiling end
  local t = math.max(0, now - lta) / 1000
  local k = ((lmr * (1 - beta)) / scale) ^ (1 / 3)
  local growth = scale
  if t > k then growth = scale * ${PROBE_GROWTH} end
  return math.min(ceiling, math.max(min_rate, growth * (t - k) ^ 3 + lmr))
end
`;

export function luaScript(name: string, body: string): LuaScript {
  const source = `${PRELUDE}\n${body}`;
  return { name, source, sha1: createHash('sha1').update(source).digest('hex') };
}
