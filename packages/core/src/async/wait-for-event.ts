import { decodeResponse } from '../decode/decode-response.js';
import type { DecodedResponse } from '../decode/types.js';
import { vppErrorFromDecoded } from '../errors/from-decoded.js';
import { isVppError, VppError } from '../errors/vpp-error.js';
import { abortableWait as sleep } from '../shared/abortable-wait.js';
import { isRetryableClass } from '../shared/retryable.js';
import { type EventOutcome, eventOutcome } from './event-outcome.js';
import { startEventSpan } from './event-span.js';
import {
  type NormalizedWaitOptions,
  normalizeWaitOptions,
  type WaitForEventOptions,
} from './wait-options.js';

type Json = Readonly<Record<string, unknown>>;

/**
 * Polls Apple's status endpoint for `eventId` until the event is COMPLETE or FAILED, waiting `intervalMs`
 * (30 s by default, Apple's minimum) and longer each time while PENDING. Resolves with the decoded outcome
 * (partial failures included: a FAILED event is an answer, not an error). Rejects with a VppError
 * `ERR_VPP_DEADLINE` (reason `deadline`) when the deadline passes, with the signal's reason when aborted.
 * Leaves no timer behind. Its `apple_vpp event_wait` span links to the span that produced the eventId.
 *
 * @example
 * ```ts
 * const { data } = await client.post('/assets/associate', body);
 * const outcome = await waitForEvent({ eventId: data.eventId, poll: axiosStatusPoller(client) });
 * if (outcome.failures.some((f) => f.code === 9709)) alert('buy licences');
 * if (outcome.resubmit) await client.post('/assets/associate', { assets, clientUserIds: outcome.resubmit.clientUserIds });
 * ```
 */
export async function waitForEvent(options: WaitForEventOptions): Promise<EventOutcome> {
  const settings = normalizeWaitOptions(options);
  const span = startEventSpan(
    settings.tracing,
    'apple_vpp event_wait',
    { 'apple_vpp.event.id': settings.eventId },
    settings.link,
  );
  const stop = new AbortController();
  const onCallerAbort = (): void => stop.abort(settings.signal?.reason);
  const deadline = setTimeout(() => stop.abort(deadlineError()), settings.deadlineMs);
  settings.signal?.addEventListener('abort', onCallerAbort, { once: true });
  if (settings.signal?.aborted) onCallerAbort();
  let polls = 0;
  try {
    const outcome = await pollUntilDone(settings, stop.signal, () => ++polls);
    if (outcome.failures.length > 0)
      settings.engine?.recordFailures(outcome.decoded, {
        operation: outcome.operation,
        eventId: settings.eventId,
      });
    span.end(
      outcomeAttributes(outcome),
      outcome.status === 'FAILED' ? { errorNumber: outcome.failures[0]?.code ?? null } : null,
    );
    return outcome;
  } catch (error) {
    const reason = isVppError(error) && error.reason === 'deadline' ? 'deadline' : 'aborted';
    span.end({ 'apple_vpp.event.polls': polls, 'apple_vpp.give_up.reason': reason }, { errorNumber: null });
    throw error;
  } finally {
    clearTimeout(deadline);
    settings.signal?.removeEventListener('abort', onCallerAbort);
  }
}

async function pollUntilDone(
  settings: NormalizedWaitOptions,
  signal: AbortSignal,
  counted: () => number,
): Promise<EventOutcome> {
  let interval = settings.intervalMs;
  for (;;) {
    signal.throwIfAborted();
    const body = await pollOnce(settings, signal);
    if (body !== null) {
      const polls = counted();
      const decoded = decodeResponse({ status: 200, body });
      const status = decoded.eventStatus;
      if (status === 'COMPLETE' || status === 'FAILED')
        return eventOutcome(settings.eventId, status, body, decoded, polls);
      if (status !== 'PENDING') throw notAStatus(decoded);
    }
    await sleep(interval, signal);
    interval = Math.min(interval * settings.backoffFactor, settings.maxIntervalMs);
  }
}

/** One status request: the body, or null after a failure worth polling again (the engine already retried it). */
async function pollOnce(settings: NormalizedWaitOptions, signal: AbortSignal): Promise<Json | null> {
  try {
    return asBody(await settings.poll(settings.eventId, signal));
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    if (isVppError(error) && (error.code === 'ERR_VPP_NETWORK' || isRetryableClass(error.retryClass)))
      return null;
    throw error;
  }
}

function asBody(value: unknown): Json {
  let body = value;
  if (typeof value === 'string') {
    try {
      body = JSON.parse(value) as unknown;
    } catch {
      body = null;
    }
  }
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Json) : {};
}

function notAStatus(decoded: DecodedResponse): VppError {
  if (decoded.failures.length > 0) return vppErrorFromDecoded(decoded);
  return new VppError({
    code: 'ERR_VPP_API',
    message: 'waitForEvent: the status answer has no eventStatus',
    decoded,
  });
}

function deadlineError(): VppError {
  return new VppError({
    code: 'ERR_VPP_DEADLINE',
    reason: 'deadline',
    message: 'waitForEvent: the event was still PENDING at the deadline',
  });
}

function outcomeAttributes(outcome: EventOutcome) {
  return {
    'apple_vpp.event.status': outcome.status,
    'apple_vpp.event.type': outcome.eventType ?? undefined,
    'apple_vpp.operation': outcome.operation,
    'apple_vpp.event.polls': outcome.polls,
    'apple_vpp.event.num_completed': outcome.numCompleted ?? undefined,
    'apple_vpp.event.num_requested': outcome.numRequested ?? undefined,
    'apple_vpp.event.failures': outcome.failures.length,
  };
}
