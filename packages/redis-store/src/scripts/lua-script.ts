import { createHash } from 'node:crypto';

/** A Lua script run with EVALSHA (EVAL once when the server does not know it yet, e.g. after a restart). */
export interface LuaScript {
  readonly name: string;
  readonly source: string;
  readonly sha1: string;
}

/**
 * Every script starts from Redis's own clock (`TIME`), never a replica's: replicas' clocks differ, so times cross
 * the wire only as durations relative to the script's `now`.
 */
const PRELUDE = `
if redis.replicate_commands then pcall(redis.replicate_commands) end
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + tonumber(clock[2]) / 1000
local function ms(value) return string.format('%.3f', value) end
local function keep(key, ttl, gate)
  redis.call('PEXPIRE', key, math.ceil(math.max(ttl, gate - now + ttl)))
end
`;

export function luaScript(name: string, body: string): LuaScript {
  const source = `${PRELUDE}\n${body}`;
  return { name, source, sha1: createHash('sha1').update(source).digest('hex') };
}
