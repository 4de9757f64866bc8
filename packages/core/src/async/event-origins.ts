import { RecentKeys } from '../shared/recent-keys.js';
import { activeSpanContext, isLinkTarget, type SpanLinkTarget } from './span-link.js';

/** Remembers which span produced each `eventId`, so the span of its outcome can link back to it. */
export interface EventOrigins {
  /**
   * Records the producing span of `eventId`: the given span context, or the span active right now.
   * Returns false when there is nothing to record (no OTel, no active span).
   */
  remember(eventId: string, spanContext?: SpanLinkTarget): boolean;
  /** The producing span of `eventId`, if remembered. */
  get(eventId: string): SpanLinkTarget | undefined;
}

/**
 * A bounded, in-memory {@link EventOrigins} (the oldest entries are forgotten first). Pass it to
 * `waitForEvent({ origins })` and `createNotificationHandler({ origins })`: both link their span to the origin.
 *
 * @example
 * ```ts
 * const origins = createEventOrigins();
 * await tracer.startActiveSpan('assign licences', async (span) => {
 *   const { data } = await client.post('/assets/associate', body);
 *   origins.remember(data.eventId); // the active span: the one that made the call
 *   span.end();
 * });
 * ```
 */
export function createEventOrigins(options: { readonly max?: number } = {}): EventOrigins {
  const entries = new RecentKeys<SpanLinkTarget>(options.max ?? 10_000);
  return {
    remember(eventId, spanContext) {
      const target = spanContext === undefined ? activeSpanContext() : spanContext;
      if (typeof eventId !== 'string' || eventId === '' || !isLinkTarget(target)) return false;
      entries.set(eventId, target);
      return true;
    },
    get: (eventId) => entries.get(eventId),
  };
}
