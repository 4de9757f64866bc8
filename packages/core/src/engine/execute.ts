import { VppError } from '../errors/vpp-error.js';
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

/** The attempt loop: one pass, no extra promise, when the first attempt succeeds (the path nearly every call takes). */
async function attempts<T>(call: VppLogicalCall, transport: Transport<T>): Promise<T> {
  for (;;) {
    const ctx = call.tryAttemptNow() ?? (await call.beforeAttempt());
    let result: T;
    try {
      result = await transport.send(ctx);
    } catch (error) {
      const read = transport.readError(error);
      const decision = read === null ? call.onError(error) : call.onResult(read, error);
      if (decision.action === 'reject') throw decision.error;
      if (decision.action === 'retry') {
        await call.wait(decision.delayMs);
        continue;
      }
      const recovered = transport.resultOf?.(error);
      if (recovered === undefined) throw unresolvable(decision, error);
      return recovered;
    }
    const decision = call.onResult(transport.read(result));
    if (decision.action === 'resolve') return result;
    if (decision.action === 'reject') throw decision.error;
    await call.wait(decision.delayMs);
  }
}

/**
 * The full loop behind {@link VppEngine.execute}: wait for the tenant's turn, send inside the logical span,
 * decide, wait, and so on, until the call resolves or gives up.
 */
export async function executeCall<T>(call: VppLogicalCall, transport: Transport<T>): Promise<T> {
  try {
    const value = await call.runInSpan(() => attempts(call, transport));
    call.finish({ result: value as object });
    return value;
  } catch (error) {
    call.finish({ error });
    throw error;
  }
}
