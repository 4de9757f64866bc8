import { internalErrorFault, proxyFault, serviceFault, throttleFault } from '../faults/gate.js';
import { newCodeFault } from '../faults/new-code.js';
import type { IncomingCall, Services } from '../http/call.js';
import { parseJsonObject } from '../http/read-body.js';
import { legacyError, type Reply } from '../http/reply.js';
import { decodeSToken } from '../token/s-token.js';
import { legacyClientConfig, legacyServiceConfig } from './config.js';
import type { LegacyHandler } from './context.js';
import { manageLicenses } from './manage.js';
import { getAssets, getLicenses, getUser, getUsers } from './reads.js';
import type { StormGuard } from './storm-guard.js';
import { editUser, registerUser, retireUser } from './users.js';

const HANDLERS: Readonly<Record<string, LegacyHandler>> = {
  VPPClientConfigSrv: legacyClientConfig,
  getVPPAssetsSrv: getAssets,
  getVPPLicensesSrv: getLicenses,
  getVPPUsersSrv: getUsers,
  getVPPUserSrv: getUser,
  manageVPPLicensesByAdamIdSrv: manageLicenses,
  registerVPPUserSrv: registerUser,
  retireVPPUserSrv: retireUser,
  editVPPUserSrv: editUser,
};

export function isLegacyService(name: string): boolean {
  return name === 'VPPServiceConfigSrv' || name in HANDLERS;
}

/** A legacy request: every Apple error is HTTP 200 with `status: -1`; only load shedding uses HTTP 503. */
export function legacyPipeline(guard: StormGuard) {
  return async (call: IncomingCall, s: Services): Promise<Reply> => {
    const early = proxyFault(call.faults, s.chance) ?? serviceFault('legacy', call.faults, call.at, s.chance);
    if (early) return early;
    if (call.method !== 'POST') return { ...legacyError(9602), status: 405, headers: { allow: 'POST' } };
    const parsed = parseJsonObject(call.rawBody);
    if (!parsed.ok) return legacyError(9602);
    if (call.endpoint === 'VPPServiceConfigSrv') return legacyServiceConfig(s.baseUrl(), call.faults);
    const handler = HANDLERS[call.endpoint];
    if (!handler) return { status: 404, json: { status: -1, errorMessage: 'Not Found' } };

    if (call.sToken === null) return legacyError(9600);
    const throttled = throttleFault('legacy', call.faults, call.hash, call.at, s.limiter);
    if (throttled) return throttled;
    const token = decodeSToken(call.sToken);
    if (!token.ok) return legacyError(9622);
    if (token.expiresAt <= call.at) return legacyError(9621);
    if (call.faults.revoked) return legacyError(9625, {}, { fault: 'revoked' });
    const failed =
      internalErrorFault('legacy', call.faults, call.at, s.chance) ??
      newCodeFault('legacy', call.faults, s.chance);
    if (failed) return failed;

    const org = s.orgs.forToken(call.hash ?? '', token.fields.orgName, token.expiresAt);
    return handler({
      org,
      body: parsed.value,
      rawBody: call.rawBody,
      at: call.at,
      faults: call.faults,
      services: s,
      stormGuard: guard,
    });
  };
}
