import { VppError } from '../errors/vpp-error.js';
import type { CallDecision, LogicalCall, Transport } from './types.js';

type Settled<T> = { readonly decision: CallDecision; readonly result?: T; readonly error?: unknown };

async function attemptOnce<T>(call: LogicalCall, transport: Transport<T>): Promise<Settled<T>> {
  const ctx = await call.beforeAttempt();
  let result: T;
  try {
    result = await transport.send(ctx);
  } catch (error) {
    const read = transport.readError(error);
    return { decision: read === null ? call.onError(error) : call.onResult(read, error), error };
  }
  return { decision: call.onResult(transport.read(result)), result };
}

function unresolvable(settled: Settled<unknown>): VppError {
  const decoded = settled.decision.action === 'resolve' ? settled.decision.decoded : null;
  return new VppError({
    code: 'ERR_VPP_API',
    message:
      'Apple VPP answer means success, but the transport cannot turn the thrown response into a result',
    failures: decoded?.failures ?? [],
    decoded,
    cause: settled.error,
  });
}

/**
 * The full loop behind {@link VppEngine.execute}: wait for the tenant's turn, send inside the logical span,
 * decide, wait, and so on, until the call resolves or gives up.
 */
export async function executeCall<T>(call: LogicalCall, transport: Transport<T>): Promise<T> {
  try {
    const value = await call.runInSpan(async () => {
      for (;;) {
        const settled = await attemptOnce(call, transport);
        const { decision } = settled;
        if (decision.action === 'reject') throw decision.error;
        if (decision.action === 'retry') {
          await call.wait(decision.delayMs);
          continue;
        }
        if ('result' in settled) return settled.result as T;
        const recovered = transport.resultOf?.(settled.error);
        if (recovered === undefined) throw unresolvable(settled);
        return recovered;
      }
    });
    call.finish({ result: value as object });
    return value;
  } catch (error) {
    call.finish({ error });
    throw error;
  }
}
