import type { ErrorBody, Reply } from '../http/reply.js';
import type { RequestApi } from '../log/types.js';
import type { Chance } from './gate.js';
import type { FaultConfig } from './types.js';

/** The `errorCodes` of a service-config answer: the simulator's own list, plus the code Apple "just added". */
export function listedErrorCodes(own: readonly ErrorBody[], faults: FaultConfig): ErrorBody[] {
  const added = faults.newErrorCode;
  if (!added) return [...own];
  const entry = { errorNumber: added.errorNumber, errorMessage: added.errorMessage };
  return [...own.filter((e) => e.errorNumber !== added.errorNumber), entry];
}

/** A call answered with the newly listed code (v2: its HTTP status, default 400; legacy: HTTP 200, status -1). */
export function newCodeFault(api: RequestApi, faults: FaultConfig, chance: Chance): Reply | null {
  const added = faults.newErrorCode;
  if (!added || !chance(added.probability ?? 0)) return null;
  const body = { errorNumber: added.errorNumber, errorMessage: added.errorMessage };
  const extra = { errorNumber: added.errorNumber, fault: 'new-code' as const };
  if (api === 'legacy') return { status: 200, json: { ...body, status: -1 }, ...extra };
  return { status: added.status ?? 400, json: body, ...extra };
}
