import type { BeforeErrorHook } from 'got';
import { callStateOf } from '../call-state.js';
import { finalErrorOf } from '../final-error.js';

/** The final error of a call becomes the engine's VppError, with got's error as its `cause`. */
export const beforeError: BeforeErrorHook = (error) => {
  const state = callStateOf(error.options);
  if (state === null) return error;
  const final = finalErrorOf(state, error);
  return final instanceof Error ? final : error;
};
