import { readBody } from '../../decode/body.js';
import type { DecodedResponse } from '../../decode/types.js';
import { MAX_CONFIG_BYTES } from '../../drift/listed-codes.js';
import { abortableWait } from '../../shared/abortable-wait.js';
import { decide, type FailureInput, type RetryDecision } from '../policy/decide.js';
import { GateRefusal, shareAnnouncedWait, tryTurnNow, waitForTurn } from '../tenant/tenant-gate.js';
import { UnabortableAttempt } from './attempt-context.js';
import type { CallParams } from './call-params.js';
import { CallRecord } from './call-record.js';
import { CallTelemetry } from './call-telemetry.js';
import type { EngineRuntime } from './engine-runtime.js';
import { count9603, effectiveClass } from './failure-facts.js';
import { attemptTimeoutError, deadlineError, giveUpError } from './give-up-error.js';
import { LinkedAbort } from './linked-abort.js';
import { errorTypeOf, isProvablyNotSent } from './network-error.js';
import { rememberOrigin } from './remember-origin.js';
import { attachOutcome } from './retry-info.js';
import type { AttemptContext, AttemptResult, CallDecision, LogicalCall } from './types.js';

/** One logical request: the state machine behind both `begin` (got) and `execute` (axios, fetch). */
export class VppLogicalCall implements LogicalCall {
  readonly #rt: EngineRuntime;
  readonly #params: CallParams;
  readonly #record = new CallRecord();
  readonly #telemetry: CallTelemetry;
  /** Null while nothing can abort the call (no caller signal, no deadline): no controller is made for it. */
  #call: LinkedAbort | null;
  readonly #startedAt: number;
  /** No retry or wait is scheduled past it; only a deadline the caller set also aborts an attempt in flight. */
  readonly #deadlineAt: number;
  #attempt: LinkedAbort | null = null;
  #attemptStartedAt = 0;
  #deadlineHit = false;
  #finished = false;

  constructor(runtime: EngineRuntime, params: CallParams) {
    this.#rt = runtime;
    this.#params = params;
    this.#startedAt = runtime.policy.now();
    this.#deadlineAt = this.#startedAt + params.retryDeadlineMs;
    this.#call =
      params.signal === undefined && params.deadlineMs === null
        ? null
        : new LinkedAbort(params.signal, params.deadlineMs, () => {
            this.#deadlineHit = true;
            return deadlineError(params.deadlineMs ?? 0, this.#record.info());
          });
    // The params carry operation and server address/port: what a span starts with.
    this.#telemetry = new CallTelemetry(runtime.sinks, params);
  }

  get signal(): AbortSignal {
    // Asked for without a caller signal or deadline: a signal that never fires, as the call can never abort.
    this.#call ??= new LinkedAbort(undefined, null, () => undefined);
    return this.#call.signal;
  }

  /** The call's signal if anything can abort it. */
  get #callSignal(): AbortSignal | undefined {
    return this.#call?.signal;
  }

  get #aborted(): boolean {
    return this.#call?.signal.aborted === true;
  }

  async beforeAttempt(): Promise<AttemptContext> {
    return this.tryAttemptNow() ?? this.#attemptAfterWait();
  }

  /** Starts the next attempt at once when the tenant may send now (the common case); null when it must wait. */
  tryAttemptNow(): AttemptContext | null {
    const now = this.#rt.policy.now();
    if (!tryTurnNow(this.#rt, this.#params.tenant, this.#callSignal, now)) return null;
    return this.#startAttempt(now);
  }

  async #attemptAfterWait(): Promise<AttemptContext> {
    const turn = await waitForTurn(this.#rt, this.#params.tenant, this.#deadlineAt, this.#callSignal).catch(
      (reason: unknown) => {
        throw this.#abortReason(reason);
      },
    );
    if (turn instanceof GateRefusal) throw this.#refuse(turn);
    this.#record.totalDelayMs += turn;
    return this.#startAttempt(this.#rt.policy.now());
  }

  #startAttempt(now: number): AttemptContext {
    const attempt = ++this.#record.attempts;
    this.#attemptStartedAt = now;
    const timeout = this.#params.attemptTimeoutMs;
    if (timeout === null && this.#call === null) return new UnabortableAttempt(attempt);
    this.#attempt = new LinkedAbort(this.#callSignal, timeout, () => attemptTimeoutError(timeout ?? 0));
    return { attempt, signal: this.#attempt.signal, abortable: true };
  }

  onResult(result: AttemptResult, cause?: unknown): CallDecision {
    const durationMs = this.#endAttempt();
    if (this.#aborted) return this.#rejectAborted(this.#callSignal?.reason);
    const decoded = this.#rt.drift.learned.apply(this.#rt.decode(result, this.#rt.decodeOptions));
    this.#record.lastDecoded = decoded;
    this.#record.lastHttpStatus = decoded.httpStatus;
    const retryClass = effectiveClass(decoded, this.#rt.policy.classify);
    count9603(this.#rt.store, this.#params.tenant, decoded);
    if (decoded.tokenExpiresAt !== null)
      this.#telemetry.tokenExpiry(this.#params.tenant, decoded.tokenExpiresAt);
    const errorNumber = decoded.failures[0]?.code ?? null;
    this.#telemetry.attempt(
      this.#record.attempts,
      decoded.httpStatus,
      retryClass ?? 'none',
      errorNumber,
      durationMs,
      decoded,
    );
    const resolvable = retryClass === 'idempotent_ok' && !this.#rt.policy.rejectIdempotentOk;
    if (decoded.outcome === 'success') this.#learnFromSuccess(result.body);
    if (decoded.outcome !== 'failure' || resolvable) return { action: 'resolve', decoded };
    if (retryClass === 'transient') this.#record.transientFailures += 1;
    const failure: FailureInput = { kind: 'response', decoded, retryClass: retryClass ?? 'unknown' };
    return this.#apply(this.#decide(failure), decoded, cause);
  }

  /** What a successful answer teaches beyond itself: an event's origin, Apple's rate limit and error list. */
  #learnFromSuccess(body: unknown): void {
    const { origins, rate } = this.#rt;
    const operation = this.#params.operation;
    if (origins !== null) rememberOrigin(origins, operation, body, this.#telemetry.spanContext());
    if (operation !== 'service_config' && operation !== 'VPPServiceConfigSrv') return;
    // Parsed once here; both readers accept the parsed object as it is.
    const config = readBody(body, MAX_CONFIG_BYTES);
    if (config.kind !== 'json') return;
    this.#rt.drift.observe(operation, config.value);
    if (operation !== 'service_config' || rate.settings === null) return;
    const before = rate.settings.ceiling;
    const ceiling = rate.observe(config.value);
    if (ceiling !== null) this.#telemetry.rateChange('announced', before, ceiling, ceiling);
  }

  /** A throttle answered the attempt: the closed loop lowers the tenant's rate (once per discovery). */
  #learnFromThrottle(): void {
    const settings = this.#rt.rate.settings;
    if (settings === null) return;
    const now = this.#rt.policy.now();
    const change = this.#rt.store.throttled(this.#params.tenant, this.#attemptStartedAt, now, settings);
    if (change === null) return;
    this.#rt.sinks.rates?.slowed(this.#params.tenant);
    this.#telemetry.rateChange('throttle', change.from, change.to, settings.ceiling);
  }

  onError(error: unknown): CallDecision {
    const durationMs = this.#endAttempt();
    if (this.#aborted) return this.#rejectAborted(this.#callSignal?.reason);
    this.#record.lastHttpStatus = null;
    this.#telemetry.attempt(this.#record.attempts, null, 'transient', null, durationMs, null);
    this.#record.transientFailures += 1;
    return this.#apply(this.#decide({ kind: 'network', notSent: isProvablyNotSent(error) }), null, error);
  }

  async wait(delayMs: number): Promise<void> {
    try {
      await abortableWait(delayMs, this.#callSignal);
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
    this.#attempt?.dispose();
    this.#attempt = null;
    this.#call?.dispose();
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
      httpStatus: record.lastHttpStatus,
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
        transientFailures: this.#record.transientFailures,
        method: this.#params.method,
        idempotent: this.#params.idempotent,
        retryEnabled: this.#params.retry,
        aborted: this.#aborted,
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
    // After the gate: the loop's growth restarts when the tenant may send again.
    if (decision.retryClass === 'throttled' && decoded !== null) this.#learnFromThrottle();
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
