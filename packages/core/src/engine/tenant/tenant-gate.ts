import type { DecodedResponse } from '../../decode/types.js';
import { abortableWait } from '../../shared/abortable-wait.js';
import type { GiveUpReason } from '../../shared/call-outcome.js';
import { retryAfterJitterMax, STORM_THRESHOLD } from '../policy/compute-delay.js';
import { is9603, type RetryDecision } from '../policy/decide.js';
import type { TenantRuntime } from './tenant-runtime.js';

/** Why a call could not pass the gate; the caller turns it into telemetry and a rejection. */
export class GateRefusal {
  constructor(
    readonly reason: GiveUpReason,
    readonly retryAt: number,
  ) {}
}

/**
 * Waits until the tenant may send: past the shared gate (an announced Retry-After, a throttling pause), then a
 * rate slot, both asked of the store in one step. Returns the time waited. A gate beyond `maxRetryAfterMs` or the
 * deadline is refused at once.
 */
export async function waitForTurn(
  runtime: TenantRuntime,
  tenant: string,
  deadlineAt: number | null,
  signal: AbortSignal | undefined,
): Promise<number | GateRefusal> {
  const { policy, store } = runtime;
  let waited = 0;
  const sleep = async (ms: number): Promise<void> => {
    await abortableWait(ms, signal);
    waited += ms;
  };
  // Bounded: each pass either sends or sleeps until a gate that someone raised in the meantime. A `later` answer
  // is not a pass (it always sleeps first, so it cannot spin): a deep queue at a low rate asks many times.
  for (let pass = 0; pass < 100; ) {
    if (signal?.aborted) throw signal.reason;
    const now = policy.now();
    const asked = store.acquire(tenant, now, runtime.rate.settings);
    const turn = asked instanceof Promise ? await asked : asked;
    if (turn.kind === 'go') return waited;
    if (turn.kind === 'later') {
      await sleep(Math.max(1, turn.ms));
      continue;
    }
    pass += 1;
    if (turn.kind === 'gate') {
      const gate = turn.until;
      if (gate - now > policy.maxRetryAfterMs) return new GateRefusal('retry_after_too_long', gate);
      if (deadlineAt !== null && gate >= deadlineAt) return new GateRefusal('deadline', gate);
      // Waiters spread out a little past the gate instead of all sending in the same millisecond.
      await sleep(gate - now + policy.random() * retryAfterJitterMax(gate - now));
      continue;
    }
    await sleep(turn.ms);
    const sentAt = policy.now();
    if (store.getGateUntil(tenant) <= sentAt) {
      store.sentLate?.(tenant, now + turn.ms, sentAt);
      return waited;
    }
    // A gate closed while this request waited for its slot: the slot goes unused, the request waits for the gate.
    store.released?.(tenant, now + turn.ms);
  }
  return waited;
}

/**
 * The common case, decided without a promise: the gate is open and a rate slot is free now (the store books it).
 * False means nothing was booked and {@link waitForTurn} must run.
 */
export function tryTurnNow(
  runtime: TenantRuntime,
  tenant: string,
  signal: AbortSignal | undefined,
  now: number,
): boolean {
  if (signal?.aborted) return false;
  return runtime.store.tryAcquireNow(tenant, now, runtime.rate.settings);
}

/**
 * Tells every other request of the tenant about a wait the server announced (Retry-After, a throttle, a
 * maintenance window, a 9603 storm) so they wait too instead of each rediscovering it. Returns the new gate.
 */
export function shareAnnouncedWait(
  runtime: TenantRuntime,
  tenant: string,
  decision: RetryDecision,
  decoded: DecodedResponse | null,
): number | null {
  const now = runtime.policy.now();
  let until: number | null = null;
  if (decoded !== null && decoded.retryAfterMs !== null) until = now + decoded.retryAfterMs;
  else if (decision.retry && decision.delaySource !== 'gate') {
    const storm =
      decoded !== null && is9603(decoded) && runtime.store.getConsecutive9603(tenant) > STORM_THRESHOLD;
    if (decision.retryClass !== 'transient' || storm) until = now + decision.delayMs;
  }
  if (until === null) return null;
  // One absurd announcement must not lock the tenant longer than any wait the policy would honor.
  const capped = Math.min(until, now + runtime.policy.maxRetryAfterMs);
  return runtime.store.raiseGate(tenant, capped) ? capped : null;
}
