import type { BeforeRequestHook } from 'got';
import { asError } from '../as-error.js';
import { type CallState, callStateOf } from '../call-state.js';

/**
 * Every attempt, the first and each retry, waits for the tenant's gate (a shared Retry-After pause, the rate
 * limit). A refusal (abort, deadline) ends the call with the engine's error.
 */
export const beforeRequest: BeforeRequestHook = (options) => {
  const state = callStateOf(options);
  if (state === null) return;
  // The tenant may send now (the common case): no promise, got goes straight on.
  if (state.call.tryAttemptNow?.() != null) return;
  return waitForTurn(state);
};

async function waitForTurn(state: CallState): Promise<void> {
  try {
    await state.call.beforeAttempt();
  } catch (error) {
    state.refusal = asError(error);
    throw state.refusal;
  }
}
