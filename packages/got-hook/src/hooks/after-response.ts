import type { AfterResponseHook } from 'got';
import { VppAttemptFailed } from '../attempt-failed.js';
import { callStateOf } from '../call-state.js';
import { readAttempt } from '../read-attempt.js';

/**
 * Decodes a 2xx response, which got would resolve. When it carries an Apple error (legacy `status: -1`, a v2
 * error body), this hook throws, so got's retry and error path takes it like a 5xx; `calculateDelay` then
 * carries out the decision recorded here. Other statuses are decoded in `calculateDelay`, with got's HTTPError
 * as the cause.
 */
export const afterResponse: AfterResponseHook = (response) => {
  if (response.statusCode < 200 || response.statusCode > 299) return response;
  const state = callStateOf(response.request.options);
  if (state === null) return response;
  const decision = state.call.onResult(readAttempt(response), response);
  state.pending = decision;
  if (decision.action !== 'resolve') throw new VppAttemptFailed(response.statusCode);
  return response;
};
