import type { FailureEntities, VppFailure } from '../decode/types.js';
import { isRetryableClass } from '../shared/retryable.js';

/** What to send again after an asynchronous failure that is worth retrying (Apple's 9603 "Internal error"). */
export interface ResubmitEntities {
  readonly clientUserIds: readonly string[];
  readonly serialNumbers: readonly string[];
  readonly assets: readonly { readonly adamId: string; readonly pricingParam?: string }[];
}

/**
 * Collects the entities of every retryable failure (9603 is `transient`), deduplicated, or null when nothing is
 * worth resubmitting. State failures such as 9709 are left out: sending them again cannot succeed.
 *
 * @example
 * ```ts
 * const again = resubmitEntities(outcome.failures);
 * if (again) await client.post('/assets/associate', { assets, clientUserIds: again.clientUserIds });
 * ```
 */
export function resubmitEntities(failures: readonly VppFailure[]): ResubmitEntities | null {
  const retryable = failures.filter((f) => isRetryableClass(f.retryClass));
  if (retryable.length === 0) return null;
  const clientUserIds = new Set<string>();
  const serialNumbers = new Set<string>();
  const assets = new Map<string, { adamId: string; pricingParam?: string }>();
  for (const failure of retryable) collect(failure.entities, clientUserIds, serialNumbers, assets);
  return {
    clientUserIds: [...clientUserIds],
    serialNumbers: [...serialNumbers],
    assets: [...assets.values()],
  };
}

function collect(
  entities: FailureEntities | undefined,
  clientUserIds: Set<string>,
  serialNumbers: Set<string>,
  assets: Map<string, { adamId: string; pricingParam?: string }>,
): void {
  for (const id of entities?.clientUserIds ?? []) clientUserIds.add(id);
  for (const serial of entities?.serialNumbers ?? []) serialNumbers.add(serial);
  for (const asset of entities?.assets ?? [])
    assets.set(`${asset.adamId}\u0000${asset.pricingParam ?? ''}`, asset);
}
