import type { RetryClass } from '../../catalog/retry-class.js';
import type { DecodedResponse } from '../../decode/types.js';
import type { DelaySource, GiveUpReason } from '../../shared/call-outcome.js';
import { isRetryableClass } from '../../shared/retryable.js';
import { computeDelay, STORM_THRESHOLD } from './compute-delay.js';
import type { EnginePolicy } from './engine-policy.js';
import { isIdempotentMethod, isProvablyUnprocessed } from './idempotency.js';

/** Retry-After values are whole seconds: an announcement within 1 s of the known gate is the same one. */
const ECHO_TOLERANCE_MS = 1000;

/** The failure being decided on: a decoded answer (with its effective class), or no answer at all. */
export type FailureInput =
  | { readonly kind: 'response'; readonly decoded: DecodedResponse; readonly retryClass: RetryClass }
  | { readonly kind: 'network'; readonly notSent: boolean };

/** Everything the decision depends on besides the failure; time and randomness come in, nothing is read. */
export interface DecisionState {
  /** Attempts made so far, the failed one included. */
  readonly attempt: number;
  /**
   * Attempts that failed with a transient error, this one included: what `maxAttempts` bounds. Throttled and
   * retry_later answers are bounded by the deadline instead. Absent: every attempt counts.
   */
  readonly transientFailures?: number;
  readonly method: string;
  readonly idempotent: boolean;
  /** false when the request opted out of retries. */
  readonly retryEnabled: boolean;
  readonly aborted: boolean;
  readonly deadlineAt: number | null;
  /** 9603s in a row for the tenant, this failure counted. */
  readonly consecutive9603: number;
  /** Epoch ms until which the tenant must not send (0 when open). */
  readonly gateUntil: number;
  /** Retry budget tokens left for the tenant, or null without a budget. */
  readonly budgetTokens: number | null;
  readonly now: number;
}

export type RetryDecision =
  | {
      readonly retry: true;
      readonly delayMs: number;
      readonly delaySource: DelaySource;
      readonly retryClass: RetryClass;
      /** Budget tokens this retry costs. */
      readonly cost: number;
      /** When a server-announced wait ends (Retry-After, gate), else null. */
      readonly retryAt: number | null;
    }
  | {
      readonly retry: false;
      readonly reason: GiveUpReason;
      readonly retryClass: RetryClass;
      readonly retryAt: number | null;
    };

function giveUp(reason: GiveUpReason, retryClass: RetryClass, retryAt: number | null = null): RetryDecision {
  return { retry: false, reason, retryClass, retryAt };
}

function safeToResend(failure: FailureInput, state: DecisionState): boolean {
  if (state.idempotent || isIdempotentMethod(state.method)) return true;
  return failure.kind === 'network' ? failure.notSent : isProvablyUnprocessed(failure.decoded);
}

/**
 * Decides whether a failed attempt is retried and after how long. Pure: the same input gives the same answer.
 * Limits always win: attempts, Retry-After ceiling, budget and deadline cannot be overridden by a custom delay.
 */
export function decide(
  failure: FailureInput,
  state: DecisionState,
  policy: EnginePolicy,
  random: () => number,
): RetryDecision {
  const retryClass: RetryClass = failure.kind === 'network' ? 'transient' : failure.retryClass;
  const retryAfterMs = failure.kind === 'response' ? serverWaitMs(failure.decoded) : null;
  const announcedAt = retryAfterMs !== null ? state.now + retryAfterMs : null;
  const serverAt = Math.max(announcedAt ?? 0, state.gateUntil > state.now ? state.gateUntil : 0) || null;
  if (state.aborted) return giveUp('aborted', retryClass);
  if (!state.retryEnabled || !isRetryableClass(retryClass))
    return giveUp('not_retryable', retryClass, serverAt);
  if (!safeToResend(failure, state)) return giveUp('unsafe_method', retryClass, serverAt);
  if (retryClass === 'transient' && (state.transientFailures ?? state.attempt) >= policy.maxAttempts)
    return giveUp('attempts', retryClass, serverAt);
  if (serverAt !== null && serverAt - state.now > policy.maxRetryAfterMs) {
    return giveUp('retry_after_too_long', retryClass, serverAt);
  }
  const cost = budgetCost(retryClass, announcedAt, state.gateUntil, policy);
  if (state.budgetTokens !== null && state.budgetTokens < cost) return giveUp('budget', retryClass, serverAt);
  const storm =
    failure.kind === 'response' && is9603(failure.decoded) && state.consecutive9603 > STORM_THRESHOLD;
  const chosen = computeDelay(
    { retryClass, retries: state.attempt - 1, retryAfterMs, storm },
    policy,
    random,
  );
  const gateWait = state.gateUntil - state.now;
  const gated = gateWait > chosen.delayMs;
  const delayMs = gated ? gateWait : chosen.delayMs;
  if (state.deadlineAt !== null && state.now + delayMs >= state.deadlineAt) {
    return giveUp('deadline', retryClass, serverAt ?? state.now + delayMs);
  }
  const delaySource: DelaySource = gated ? 'gate' : chosen.delaySource;
  return { retry: true, delayMs, delaySource, retryClass, cost, retryAt: serverAt };
}

/**
 * Tokens a retry spends. A throttle the tenant already knows about (its gate covers this Retry-After) is free:
 * the request was in flight when the wait was announced, and charging every such echo would drain the budget
 * on one announcement.
 */
function budgetCost(
  retryClass: RetryClass,
  announcedAt: number | null,
  gateUntil: number,
  policy: EnginePolicy,
): number {
  if (policy.budget === null) return 0;
  // With the rate limit on, a throttled or maintenance retry waits for the tenant's gate and rate like any first
  // attempt: it cannot add load, so the budget (meant to stop retry storms) does not count it. A slower
  // organization must not turn into failures.
  if (retryClass !== 'transient' && policy.rateLimit !== null) return 0;
  if (retryClass !== 'throttled') return policy.budget.cost;
  const echo = announcedAt !== null && gateUntil >= announcedAt - ECHO_TOLERANCE_MS;
  return echo ? 0 : policy.budget.throttledCost;
}

/**
 * The wait the answer asks for: its Retry-After, raised to the least wait the documents ask for its failure
 * (riCloud's code-rate-limited: an hour), so neither a retry nor `retryAt` can come sooner.
 */
function serverWaitMs(decoded: DecodedResponse): number | null {
  const floor = decoded.minRetryAfterMs;
  if (floor === undefined) return decoded.retryAfterMs;
  return Math.max(decoded.retryAfterMs ?? 0, floor);
}

/** True when the deciding failure is Apple's 9603 "Internal error". */
export function is9603(decoded: DecodedResponse): boolean {
  const code = decoded.failures[0]?.code;
  return code === 9603 || code === '9603';
}
