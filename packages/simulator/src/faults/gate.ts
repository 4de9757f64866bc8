import type { Reply } from '../http/reply.js';
import { errorBody, legacyError, v2Error } from '../http/reply.js';
import { retryAfter } from '../http/retry-after.js';
import type { RequestApi } from '../log/types.js';
import { capacityPlan } from './capacity-plan.js';
import type { RateLimiter } from './rate-limiter.js';
import type { EffectiveFaults, FaultConfig } from './types.js';

export type Chance = (probability: number) => boolean;

const HTML_PAGE = (status: number) =>
  `<!DOCTYPE html><html><head><title>${status} Error</title></head><body><h1>${status} ${
    status === 502 ? 'Bad Gateway' : 'Service Unavailable'
  }</h1><p>The proxy could not reach the upstream server.</p></body></html>`;

/** What a proxy in front of Apple might do: drop the connection, or answer with an HTML page. */
export function proxyFault(faults: FaultConfig, chance: Chance): Reply | null {
  if (faults.connectionReset && chance(faults.connectionReset.probability)) {
    return { status: 0, reset: true, fault: 'connection-reset' };
  }
  if (faults.htmlError && chance(faults.htmlError.probability)) {
    const status = faults.htmlError.status ?? 502;
    return {
      status,
      text: { contentType: 'text/html; charset=utf-8', body: HTML_PAGE(status) },
      fault: 'html-error',
    };
  }
  return null;
}

/** Service-wide trouble: maintenance (9644) and brownouts (v2 9729; legacy bare 503). */
export function serviceFault(
  api: RequestApi,
  faults: FaultConfig,
  now: number,
  chance: Chance,
): Reply | null {
  const m = faults.maintenance;
  if (m && (m.until === undefined || now < m.until)) {
    if (api === 'legacy') return legacyError(9644, {}, { fault: 'maintenance' });
    const waitMs = m.until === undefined ? (m.retryAfterSeconds ?? 120) * 1000 : m.until - now;
    const ra = retryAfter('seconds', waitMs, now);
    return v2Error(9644, 503, { ...ra, fault: 'maintenance' });
  }
  const b = faults.brownout;
  if (b && chance(b.probability)) {
    const ra = retryAfter('seconds', (b.retryAfterSeconds ?? 5) * 1000, now);
    if (api === 'legacy') return { status: 503, ...ra, errorNumber: null, fault: 'brownout' };
    return v2Error(9729, 503, { ...ra, fault: 'brownout' });
  }
  return null;
}

/** The per-token bucket: 9646, with an honest Retry-After in the configured style. */
export function throttleFault(
  api: RequestApi,
  faults: EffectiveFaults,
  hash: string | null,
  now: number,
  limiter: RateLimiter,
): Reply | null {
  const plan = hash === null ? null : capacityPlan(faults);
  if (plan === null || hash === null) return null;
  const decision = limiter.take(hash, plan, now);
  if (decision.allowed) return null;
  const ra = retryAfter(plan.retryAfter, decision.waitMs, now);
  const extra = { ...ra, fault: 'rate-limit' as const };
  if (api === 'v2') return v2Error(9646, 429, extra);
  if (plan.legacy === 'status-200') return legacyError(9646, {}, extra);
  return {
    status: plan.legacy === 'http-429' ? 429 : 503,
    json: { ...errorBody(9646), status: -1 },
    errorNumber: 9646,
    ...extra,
  };
}

/** A random 9603 (v2: HTTP 500, Retry-After only when configured). */
export function internalErrorFault(
  api: RequestApi,
  faults: FaultConfig,
  now: number,
  chance: Chance,
): Reply | null {
  const f = faults.internalError;
  if (!f || !chance(f.probability)) return null;
  if (api === 'legacy') return legacyError(9603, {}, { fault: 'internal-error' });
  const ra = f.retryAfterSeconds === undefined ? {} : retryAfter('seconds', f.retryAfterSeconds * 1000, now);
  return v2Error(9603, 500, { ...ra, fault: 'internal-error' });
}
