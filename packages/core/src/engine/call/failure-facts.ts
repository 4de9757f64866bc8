import type { RetryClass } from '../../catalog/retry-class.js';
import type { DecodedResponse } from '../../decode/types.js';
import { is9603 } from '../policy/decide.js';
import type { TenantStore } from '../tenant/tenant-store.js';

/** The class that decides: the user's per-code override of the deciding failure, else the decoder's class. */
export function effectiveClass(
  decoded: DecodedResponse,
  overrides: ReadonlyMap<string, RetryClass>,
): RetryClass | null {
  const code = decoded.failures[0]?.code;
  const override = code === undefined || code === null ? undefined : overrides.get(String(code));
  return override ?? decoded.retryClass;
}

/** Keeps the tenant's streak of 9603s in a row: any other answer ends it. */
export function count9603(store: TenantStore, tenant: string, decoded: DecodedResponse): void {
  if (is9603(decoded)) store.add9603(tenant);
  else if (store.getConsecutive9603(tenant) !== 0) store.reset9603(tenant);
}
