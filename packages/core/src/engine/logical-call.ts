import type { DecodedResponse } from '../decode/types.js';
import { apiOf } from '../telemetry/operation.js';
import { abortableWait } from './abortable-wait.js';
import type { CallParams } from './call-params.js';
import { CallRecord } from './call-record.js';
import { CallTelemetry } from './call-telemetry.js';
import { decide, type FailureInput, type RetryDecision } from './decide.js';
import type { EngineRuntime } from './engine-runtime.js';
import { count9603, effectiveClass } from './failure-facts.js';
import { attemptTimeoutError, deadlineError, giveUpError } from './give-up-error.js';
import { LinkedAbort } from './linked-abort.js';
import { errorTypeOf, isProvablyNotSent } from './network-error.js';
import { attachOutcome } from './retry-info.js';
import { GateRefusal, shareAnnouncedWait, waitForTurn } from './tenant-gate.js';
import type { AttemptContext, AttemptResult, CallDecision, LogicalCall } from './types.js';

/** One logical request: the state machine behind both `begin` (got) and `execute` (axios, fetch). */
export class VppLogicalCall implements LogicalCall {
  readonly #rt: EngineRuntime;
  readonly #params: CallParams;
  readonly #record = new CallRecord();
  readonly #telemetry: CallTelemetry;
  readonly #call: LinkedAbort;
  readonly #startedAt: number;
  readonly #deadlineAt: number | null;
  #attempt: LinkedAbort | null = null;
  #attemptStartedAt = 0;
  #deadlineHit = false;
  #finished = false;

  constructor(runtime: EngineRuntime, params: CallParams) {
    this.#rt = runtime;
    this.#params = params;
    this.#startedAt = runtime.policy.now();
    this.#deadlineAt = params.deadlineMs === null ? null : this.#startedAt + params.deadlineMs;
    this.#call = new LinkedAbort(params.signal, params.deadlineMs, () => {
      this.#deadlineHit = true;
      return deadlineError(params.deadlineMs ?? 0, this.#record.info());
    });
    this.#telemetry = new CallTelemetry(runtime.sinks, {
      operation: params.operation,
      serverAddress: params.serverAddress,
      serverPort: params.serverPort,
      api: apiOf(params.operation),
    });
  }

  get signal(): AbortSignal {
    return this.#call.signal;
  }

  async beforeAttempt(): Promise<AttemptContext> {
    const turn = await waitForTurn(this.#rt, this.#params.tenant, this.#deadlineAt, this.signal).catch(
      (reason: unknown) => {
        throw this.#abortReason(reason);
      },
    );
    if (turn instanceof GateRefusal) throw this.#refuse(turn);
    this.#record.totalDelayMs += turn;
    this.#record.attempts += 1;
    this.#attemptStartedAt = this.#rt.policy.now();
    const timeout = this.#params.attemptTimeoutMs;
    this.#attempt = new LinkedAbort(this.signal, timeout, () => attemptTimeoutError(timeout ?? 0));
    return { attempt: this.#record.attempts, signal: this.#attempt.signal };
  }

  onResult(result: AttemptResult, cause?: unknown): CallDecision {
    const durationMs = this.#endAttempt();
    if (this.signal.aborted) return this.#rejectAborted(this.signal.reason);
    const decoded = this.#rt.decode(result, { now: this.#rt.policy.now });
    this.#record.lastDecoded = decoded;
    const retryClass = effectiveClass(decoded, this.#rt.policy.classify);
    count9603(this.#rt.store, this.#params.tenant, decoded);
    if (decoded.tokenExpiresAt !== null)
      this.#telemetry.tokenExpiry(this.#params.tenant, decoded.tokenExpiresAt);
    const errorNumber = decoded.failures[0]?.code ?? null;
    this.#telemetry.attempt(
      {
        attempt: this.#record.attempts,
        httpStatus: decoded.httpStatus,
        retryClass: retryClass ?? 'none',
        errorNumber,
        durationMs,
      },
      decoded,
    );
    const resolvable = retryClass === 'idempotent_ok' && !this.#rt.policy.rejectIdempotentOk;
    if (decoded.outcome !== 'failure' || resolvable) return { action: 'resolve', decoded };
    const failure: FailureInput = { kind: 'response', decoded, retryClass: retryClass ?? 'unknown' };
    return this.#apply(this.#decide(failure), decoded, cause);
  }

  onError(error: unknown): CallDecision {
    const durationMs = this.#endAttempt();
    if (this.signal.aborted) return this.#rejectAborted(this.signal.reason);
    this.#telemetry.attempt(
      {
        attempt: this.#record.attempts,
        httpStatus: null,
        retryClass: 'transient',
        errorNumber: null,
        durationMs,
      },
      null,
    );
    return this.#apply(this.#decide({ kind: 'network', notSent: isProvablyNotSent(error) }), null, error);
  }

  async wait(delayMs: number): Promise<void> {
    try {
      await abortableWait(delayMs, this.signal);
    } catch (reason) {
      throw this.#abortReason(reason);
    }
    this.#record.totalDelayMs += Math.max(0, delayMs);
  }

  runInSpan<T>(fn: () => T): T {
    return this.#telemetry.run(fn);
  }

  finish(outcome: { readonly result?: object; readonly error?: unknown }): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#endAttempt();
    this.#call.dispose();
    const record = this.#record;
    const failed = outcome.error !== undefined && outcome.result === undefined;
    const cancelled = failed && record.giveUpReason === 'aborted';
    if (!failed) this.#rt.budget.succeeded(this.#params.tenant, record.lastRetryCost);
    if (failed && record.failureClass === null) record.failureType = errorTypeOf(outcome.error);
    const info = record.info();
    attachOutcome(failed ? outcome.error : outcome.result, info, record.lastDecoded);
    this.#telemetry.end({
      outcome: cancelled ? 'cancelled' : failed ? 'error' : 'success',
      durationMs: Math.max(0, this.#rt.policy.now() - this.#startedAt),
      attempts: record.attempts,
      totalDelayMs: record.totalDelayMs,
      failure: failed
        ? {
            errorType: record.failureType,
            errorNumber: record.failureNumber,
            retryClass: record.failureClass,
          }
        : null,
      resolvedErrorNumber: failed ? null : (record.lastDecoded?.failures[0]?.code ?? null),
    });
  }

  #decide(failure: FailureInput): RetryDecision {
    const { policy, store, budget } = this.#rt;
    const tenant = this.#params.tenant;
    return decide(
      failure,
      {
        attempt: this.#record.attempts,
        method: this.#params.method,
        idempotent: this.#params.idempotent,
        retryEnabled: this.#params.retry,
        aborted: this.signal.aborted,
        deadlineAt: this.#deadlineAt,
        consecutive9603: store.getConsecutive9603(tenant),
        gateUntil: store.getGateUntil(tenant),
        budgetTokens: budget.tokens(tenant),
        now: policy.now(),
      },
      policy,
      policy.random,
    );
  }

  #apply(decision: RetryDecision, decoded: DecodedResponse | null, cause: unknown): CallDecision {
    const record = this.#record;
    const tenant = this.#params.tenant;
    const retryAfterMs = decoded?.retryAfterMs ?? null;
    if (retryAfterMs !== null) record.lastRetryAfterMs = retryAfterMs;
    const errorNumber = decoded?.failures[0]?.code ?? null;
    const gate = shareAnnouncedWait(this.#rt, this.#params.tenant, decision, decoded);
    if (gate !== null) this.#telemetry.gate(gate);
    if (decision.retry) {
      this.#rt.budget.spend(tenant, decision.cost);
      record.lastRetryCost = decision.cost;
      record.retryReasons.push(decision.retryClass);
      const { delayMs, delaySource, retryClass } = decision;
      const resendCount = record.attempts;
      const budgetRemaining = this.#rt.budget.tokens(tenant);
      const event = {
        resendCount,
        delayMs,
        delaySource,
        retryClass,
        retryAfterMs,
        errorNumber,
        budgetRemaining,
      };
      this.#telemetry.retry(event, decoded?.httpStatus ?? null);
      return { action: 'retry', decoded, delayMs, delaySource, retryClass };
    }
    record.recordFailure(decision.retryClass, decoded, cause);
    record.giveUpReason = decision.reason;
    this.#telemetry.giveUp({
      reason: decision.reason,
      attempts: record.attempts,
      retryClass: decision.retryClass,
      errorNumber,
      retryAt: decision.retryAt,
    });
    const serverWait = decision.retryAt !== null;
    const error = giveUpError({ ...decision, decoded, retryInfo: record.info(), cause, serverWait });
    return { action: 'reject', error };
  }

  #endAttempt(): number {
    this.#attempt?.dispose();
    this.#attempt = null;
    return Math.max(0, this.#rt.policy.now() - this.#attemptStartedAt);
  }

  /** A wait or attempt ended by the call signal: a caller abort is never retried; a deadline is a failure. */
  #abortReason(reason: unknown): unknown {
    this.#markAborted();
    return reason;
  }

  #rejectAborted(reason: unknown): CallDecision {
    this.#markAborted();
    return {
      action: 'reject',
      error: reason instanceof Error ? reason : new Error('Aborted', { cause: reason }),
    };
  }

  #markAborted(): void {
    if (this.#record.giveUpReason !== null) return;
    const reason = this.#deadlineHit ? 'deadline' : 'aborted';
    this.#record.giveUpReason = reason;
    this.#telemetry.giveUp({
      reason,
      attempts: this.#record.attempts,
      retryClass: null,
      errorNumber: null,
      retryAt: null,
    });
  }

  #refuse(refusal: GateRefusal): Error {
    const record = this.#record;
    record.giveUpReason = refusal.reason;
    this.#telemetry.giveUp({
      reason: refusal.reason,
      attempts: record.attempts,
      retryClass: null,
      errorNumber: null,
      retryAt: refusal.retryAt,
    });
    const decoded = record.lastDecoded;
    const details = { reason: refusal.reason, decoded, retryClass: decoded?.retryClass ?? null };
    return giveUpError({
      ...details,
      retryAt: refusal.retryAt,
      retryInfo: record.info(),
      cause: undefined,
      serverWait: true,
    });
  }
}
