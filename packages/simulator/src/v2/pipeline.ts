import { internalErrorFault, proxyFault, serviceFault, throttleFault } from '../faults/gate.js';
import { newCodeFault } from '../faults/new-code.js';
import type { IncomingCall, Services } from '../http/call.js';
import { parseJsonObject } from '../http/read-body.js';
import { type Reply, v2Error } from '../http/reply.js';
import type { OrgState } from '../state/types.js';
import { decodeSToken } from '../token/s-token.js';
import { V2_ROUTES } from './routes.js';
import { serviceConfig } from './service-config.js';

const BEARER = /^Bearer [^\s]+$/;

/** A v2 request, checked in Apple's order; a synchronous failure never starts background work. */
export async function v2Pipeline(call: IncomingCall, s: Services): Promise<Reply> {
  // service/config answers without a token (Apple's example curl sends none).
  const tokenless = call.endpoint === 'service/config';
  const route = V2_ROUTES[call.endpoint];
  const methods: readonly string[] = route?.methods ?? ['GET'];
  if (!route && !tokenless) return { status: 404, json: { errorMessage: 'Not Found' } };
  const early = proxyFault(call.faults, s.chance) ?? serviceFault('v2', call.faults, call.at, s.chance);
  if (early) return early;

  const header = call.headers.authorization;
  if (!tokenless) {
    if (header === undefined || header === '') return v2Error(9601, 401);
    if (!BEARER.test(header)) return v2Error(9722, 401);
  }
  const throttled = throttleFault('v2', call.faults, call.hash, call.at, s.limiter);
  if (throttled) return throttled;

  let org: OrgState | null = null;
  if (call.sToken !== null) {
    const token = decodeSToken(call.sToken);
    if (!token.ok) return v2Error(9622, s.options.invalidTokenStatus);
    if (token.expiresAt <= call.at) return v2Error(9621, 401);
    if (call.faults.revoked) return v2Error(9625, 401, { fault: 'revoked' });
    org = s.orgs.forToken(call.hash ?? '', token.fields.orgName, token.expiresAt);
  }

  if (!methods.includes(call.method)) return v2Error(9726, 405);
  let body: Record<string, unknown> = {};
  if (call.method === 'POST') {
    const type = String(call.headers['content-type'] ?? '').toLowerCase();
    if (!type.startsWith('application/json')) return v2Error(9727, 415);
    const parsed = parseJsonObject(call.rawBody);
    if (!parsed.ok) return v2Error(9602, 400);
    body = parsed.value;
  }
  const failed = internalErrorFault('v2', call.faults, call.at, s.chance);
  if (failed) return failed;

  if (tokenless) return serviceConfig(s.baseUrl(), call.faults);
  const newCode = newCodeFault('v2', call.faults, s.chance);
  if (newCode) return newCode;
  if (!org || !route) return v2Error(9601, 401);
  return route.handler({
    org,
    method: call.method,
    query: call.query,
    body,
    baseUrl: s.baseUrl(),
    options: s.options,
    events: s.events,
    notifier: s.notifier,
    faults: call.faults,
    chance: s.chance,
    random: s.random,
  });
}
