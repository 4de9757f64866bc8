import type { EventOutcome, EventType } from '../events/event-store.js';
import { errorBody, ok, type Reply } from '../http/reply.js';
import type { Holder } from '../state/assign.js';
import { chunk, v2Envelope } from './common.js';
import type { V2Context } from './context.js';
import { FailureCollector } from './failure-collector.js';

export interface Assignment {
  readonly adamId: string;
  readonly pricingParam: string;
  readonly clientUserId?: string;
  readonly serialNumber?: string;
}

/** One unit of background work: returns the assignments it completed, or the error number it failed with. */
export type AssetWork = () =>
  | { readonly done: readonly Assignment[] }
  | { readonly code: number; readonly failed: Assignment };

export interface AssetWorkItem {
  readonly holder: Holder;
  readonly asset?: { readonly adamId: string; readonly pricingParam: string };
  readonly run: AssetWork;
}

/**
 * Start an ASSET_MANAGEMENT event: answer EventResponse now; later run each item, record the outcome for
 * `status`, and notify (successes in one notification, each error number in its own, ≤100 elements each).
 */
export function startAssetEvent(
  ctx: V2Context,
  type: EventType & ('ASSOCIATE' | 'DISASSOCIATE' | 'REVOKE'),
  items: readonly AssetWorkItem[],
): Reply {
  const asyncFault = ctx.faults.asyncInternalError;
  const failAll = asyncFault ? ctx.chance(asyncFault.probability) : false;
  const event = ctx.events.create(ctx.org.hash, type, items.length, (): EventOutcome => {
    const collector = new FailureCollector();
    const done: Assignment[] = [];
    const failed = new Map<number, Assignment[]>();
    for (const item of items) {
      const result = failAll
        ? {
            code: 9603,
            failed: {
              ...item.holder,
              adamId: item.asset?.adamId ?? '',
              pricingParam: item.asset?.pricingParam ?? '',
            },
          }
        : item.run();
      if ('done' in result) {
        done.push(...result.done);
        continue;
      }
      collector.add(result.code, { ...item.holder, ...(item.asset ? { asset: item.asset } : {}) });
      failed.set(result.code, [...(failed.get(result.code) ?? []), result.failed]);
    }
    const base = { eventId: event.eventId, type };
    for (const part of chunk(done, 100)) {
      ctx.notifier.publish(ctx.org, 'ASSET_MANAGEMENT', { assignments: part, ...base, result: 'SUCCESS' });
    }
    for (const [code, assignments] of failed) {
      for (const part of chunk(assignments, 100)) {
        ctx.notifier.publish(ctx.org, 'ASSET_MANAGEMENT', {
          assignments: part,
          error: errorBody(code),
          ...base,
          result: 'FAILURE',
        });
      }
    }
    return {
      numCompleted: items.length - [...failed.values()].reduce((n, a) => n + a.length, 0),
      failures: collector.failures(),
    };
  });
  return ok({ eventId: event.eventId, ...v2Envelope(ctx.org) });
}
