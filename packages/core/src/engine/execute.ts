import { VppError } from '../errors/vpp-error.js';
import type { VppLogicalCall } from './logical-call.js';
import type { AttemptContext, CallDecision, Transport } from './types.js';

function unresolvable(decision: CallDecision, cause: unknown): VppError {
  const decoded = decision.action === 'resolve' ? decision.decoded : null;
  return new VppError({
    code: 'ERR_VPP_API',
    message:
      'Apple VPP answer means success, but the transport cannot turn the thrown response into a result',
    failures: decoded?.failures ?? [],
    decoded,
    cause,
  });
}

/** What one settled attempt leads to: the final value, a rejection, or a wait of `delayMs` and another attempt. */
type Step<T> =
  | { readonly done: true; readonly value: T }
  | { readonly done: false; readonly delayMs: number };

function stepAfterResult<T>(call: VppLogicalCall, transport: Transport<T>, result: T): Step<T> {
  // An answer that resolved yet means failure (HTTP 200 with an Apple error) has no client error behind it:
  // the response itself becomes the VppError's cause.
  const decision = call.onResult(transport.read(result), result);
  if (decision.action === 'resolve') return { done: true, value: result };
  if (decision.action === 'reject') throw decision.error;
  return { done: false, delayMs: decision.delayMs };
}

function stepAfterError<T>(call: VppLogicalCall, transport: Transport<T>, error: unknown): Step<T> {
  const read = transport.readError(error);
  const decision = read === null ? call.onError(error) : call.onResult(read, error);
  if (decision.action === 'reject') throw decision.error;
  if (decision.action === 'retry') return { done: false, delayMs: decision.delayMs };
  const recovered = transport.resultOf?.(error);
  if (recovered === undefined) throw unresolvable(decision, error);
  return { done: true, value: recovered };
}

function finished<T>(call: VppLogicalCall, value: T): T {
  call.finish({ result: value as object });
  return value;
}

function failed(call: VppLogicalCall, error: unknown): never {
  call.finish({ error });
  throw error;
}

/** Attempts after the first, or a first one that had to wait for its turn: an ordinary loop, inside the span. */
async function remainingAttempts<T>(
  call: VppLogicalCall,
  transport: Transport<T>,
  delayMs: number | null,
): Promise<T> {
  try {
    if (delayMs !== null) await call.wait(delayMs);
    for (;;) {
      const ctx = call.tryAttemptNow() ?? (await call.beforeAttempt());
      let step: Step<T>;
      let result: T;
      try {
        result = await transport.send(ctx);
      } catch (error) {
        step = stepAfterError(call, transport, error);
        if (step.done) return finished(call, step.value);
        await call.wait(step.delayMs);
        continue;
      }
      step = stepAfterResult(call, transport, result);
      if (step.done) return finished(call, step.value);
      await call.wait(step.delayMs);
    }
  } catch (error) {
    return failed(call, error);
  }
}

/**
 * The full loop behind {@link VppEngine.execute}: wait for the tenant's turn, send inside the logical span,
 * decide, wait, and so on, until the call resolves or gives up. The path nearly every call takes (the tenant
 * may send now and the first answer is final) is one `then` on the transport's promise: no async frame, no
 * extra promise hop between the HTTP client's answer and the caller.
 */
export function executeCall<T>(call: VppLogicalCall, transport: Transport<T>): Promise<T> {
  let ctx: AttemptContext | null;
  try {
    ctx = call.tryAttemptNow(); // a user's TenantStore may throw: the caller still gets a rejected promise
  } catch (error) {
    call.finish({ error });
    return Promise.reject(error);
  }
  if (ctx === null) return call.runInSpan(() => remainingAttempts(call, transport, null));
  let sent: Promise<T>;
  try {
    sent = call.runInSpan(() => transport.send(ctx));
  } catch (error) {
    sent = Promise.reject(error);
  }
  return sent.then(
    (result) => settle(call, transport, stepAfterResult, result),
    (error: unknown) => settle(call, transport, stepAfterError, error),
  );
}

/** Ends the call on a final step, or hands over to the loop for the wait and the next attempt. */
function settle<T, A>(
  call: VppLogicalCall,
  transport: Transport<T>,
  next: (call: VppLogicalCall, transport: Transport<T>, outcome: A) => Step<T>,
  outcome: A,
): T | Promise<T> {
  let step: Step<T>;
  try {
    step = next(call, transport, outcome);
  } catch (rejection) {
    return failed(call, rejection);
  }
  return step.done ? finished(call, step.value) : continueLater(call, transport, step.delayMs);
}

function continueLater<T>(call: VppLogicalCall, transport: Transport<T>, delayMs: number): Promise<T> {
  return call.runInSpan(() => remainingAttempts(call, transport, delayMs));
}
