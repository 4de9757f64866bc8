import { FIRST_CONTACT_MS, FIRST_CONTACT_PACE, PLATEAU_TOLERANCE } from '@vppwatch/core';
import { luaScript } from './lua-script.js';

/**
 * What one attempt's answer changes, in one round trip: raises the gate (the later of the current one and the
 * new one, and tells the other replicas on the gate channel when it moved), lowers the closed loop's rate after a
 * throttle as core's `afterThrottle` does (unless the attempt left before the last decrease: an echo of a
 * throttle already counted; fast convergence; the first-contact estimate; the cubic's clock starts when the gate
 * opens), adds to or spends the retry budget within [0, capacity], and counts or resets the 9603 streak.
 *
 * Late moves (ARGV[14]) with a negative delay release a booking that was never used (a gate closed first).
 *
 * KEYS[1] the tenant hash key. ARGV[1..5] the rate settings (as in acquire); then gate ms from now or '',
 * throttled attempt sent this many ms ago or '', budget delta or '', budget capacity, 9603 op ('inc:N' |
 * 'reset' | ''), ttl ms, gate channel, tenant.
 * Reply: { gate ms, budget or '', 9603 streak, last max rate or '', ms since the last throttle or '',
 * rate before the throttle or '' (when this call lowered it) }.
 */
export const REPORT = luaScript(
  'report',
  `
local key = KEYS[1]
local ttl = tonumber(ARGV[11])
local f = redis.call('HMGET', key, 'gate', 'budget', 's9603', 'lmr', 'lta', 'since')
local gate = tonumber(f[1]) or 0
local budget = f[2] or ''
local streak = tonumber(f[3]) or 0
local lmr = tonumber(f[4])
local lta = tonumber(f[5])
local lowered_from = ''
if ARGV[6] ~= '' then
  local until_ = now + tonumber(ARGV[6])
  if until_ > gate then
    gate = until_
    redis.call('HSET', key, 'gate', ms(gate))
    redis.call('PUBLISH', ARGV[12], ARGV[13] .. ' ' .. ARGV[6])
  end
end
if ARGV[7] ~= '' and beta ~= nil then
  local sent_at = now - tonumber(ARGV[7])
  if lta == nil or sent_at >= lta then
    local from = rate_at(lmr, lta)
    local first_contact = lmr == nil
    -- Fast convergence (RFC 8312), with core's PLATEAU_TOLERANCE: throttled again before the rate got well past
    -- the last maximum aims the plateau lower still.
    if lmr ~= nil and from < lmr * ${PLATEAU_TOLERANCE} then lmr = from * (1 + beta) / 2 else lmr = from end
    -- A throttle in the tenant's first second restarts at most at what that second admitted (core's
    -- firstContactRate): the first-contact burst, then the ceiling at FIRST_CONTACT_PACE, per second and a bit.
    local since = tonumber(f[6])
    local elapsed = since and sent_at - since or -1
    local paced = elapsed * ${FIRST_CONTACT_PACE} * ceiling / 1000
    -- A refusal within the burst itself says nothing of what a second admits.
    if first_contact and first_burst < burst and paced >= 0.5 and elapsed < ${FIRST_CONTACT_MS} then
      local before = first_burst + math.floor(paced + 1e-9)
      lmr = math.min(lmr, math.max(min_rate, before / (1 + elapsed / 1000)) / beta)
    end
    -- The cubic's clock starts when sending resumes: after the gate this report (or another replica) raised.
    lta = math.max(now, gate)
    lowered_from = ms(from)
    redis.call('HSET', key, 'lmr', ms(lmr), 'lta', ms(lta))
  end
end
if ARGV[8] ~= '' then
  local capacity = tonumber(ARGV[9])
  local left = tonumber(budget) or capacity
  budget = ms(math.max(0, math.min(capacity, left + tonumber(ARGV[8]))))
  redis.call('HSET', key, 'budget', budget)
end
if ARGV[14] ~= '' then
  local ring = {}
  for v in string.gmatch(redis.call('HGET', key, 'ring') or '', '[^,]+') do ring[#ring + 1] = v end
  local newest_before = -math.huge
  for i = 1, #ring do newest_before = math.max(newest_before, tonumber(ring[i])) end
  local released = false
  for booked, late in string.gmatch(ARGV[14], '([^:,]+):([^,]+)') do
    for i = 1, #ring do
      if ring[i] == booked then ring[i] = ms(tonumber(booked) + tonumber(late)) end
    end
    -- A booking moved before itself was never used (released): it leaves the window as the oldest entry.
    if tonumber(late) < 0 then released = true end
  end
  local sorted = {}
  for i = 1, #ring do sorted[i] = tonumber(ring[i]) end
  table.sort(sorted)
  local newest_after = sorted[#sorted]
  for i = 1, #sorted do sorted[i] = ms(sorted[i]) end
  if #sorted > 0 then redis.call('HSET', key, 'ring', table.concat(sorted, ',')) end
  if released and newest_after ~= nil and newest_after < newest_before then
    -- The newest booking went unused: pacing counts from the one now newest, at the same interval.
    local tat = tonumber(redis.call('HGET', key, 'tat'))
    if tat ~= nil then
      redis.call('HSET', key, 'tat', ms(math.min(tat, newest_after + math.max(0, tat - newest_before))))
    end
  end
end
local op = ARGV[10]
if string.sub(op, 1, 4) == 'inc:' then
  streak = redis.call('HINCRBY', key, 's9603', tonumber(string.sub(op, 5)))
elseif op == 'reset' and streak ~= 0 then
  streak = 0
  redis.call('HSET', key, 's9603', 0)
end
keep(key, ttl, gate)
return { ms(math.max(0, gate - now)), budget, streak, lmr and ms(lmr) or '', lta and ms(now - lta) or '',
  lowered_from }
`,
);
