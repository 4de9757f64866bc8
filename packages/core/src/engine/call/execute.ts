import { VppError } from '../../errors/vpp-error.js';
import type { VppLogicalCall } from './logical-call.js';
import type { CallDecision, Transport } from './types.js';

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

/**
 * The full loop behind {@link VppEngine.execute}: wait for the tenant's turn, send inside the logical span,
 * decide, wait, and so on, until the call resolves or gives up. When the tenant may send now, the first attempt
 * leaves synchronously, before `execute` returns. One loop for every attempt: the whole engine costs less than
 * CPU time can resolve here (bench/README.md, "Findings"), so a second copy for the first attempt buys nothing.
 * A user's TenantStore that throws rejects the call.
 */
export function executeCall<T>(call: VppLogicalCall, transport: Transport<T>): Promise<T> {
  return call.runInSpan(() => attempts(call, transport));
}

async function attempts<T>(call: VppLogicalCall, transport: Transport<T>): Promise<T> {
  try {
    for (;;) {
      const ctx = call.tryAttemptNow() ?? (await call.beforeAttempt());
      let result: T;
      let step: Step<T>;
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
