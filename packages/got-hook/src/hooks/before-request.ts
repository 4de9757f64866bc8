import type { BeforeRequestHook } from 'got';
import { asError } from '../as-error.js';
import { callStateOf } from '../call-state.js';

/**
 * Every attempt, the first and each retry, waits for the tenant's gate (a shared Retry-After pause, the rate
 * limit). A refusal (abort, deadline) ends the call with the engine's error.
 */
export const beforeRequest: BeforeRequestHook = async (options) => {
  const state = callStateOf(options);
  if (state === null) return;
  try {
    await state.call.beforeAttempt();
  } catch (error) {
    state.refusal = asError(error);
    throw state.refusal;
  }
};
