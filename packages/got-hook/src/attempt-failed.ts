/**
 * Thrown from `afterResponse` when Apple answered 2xx with an error body (legacy `status: -1`, a v2 error object),
 * so that got's own retry and error path takes over exactly as it does for a 5xx. The message is static: the body
 * may echo identifiers.
 */
export class VppAttemptFailed extends Error {
  override readonly name = 'VppAttemptFailed';
  readonly code = 'ERR_VPP_ATTEMPT_FAILED';

  constructor(status: number) {
    super(`Apple answered HTTP ${status} with an error body`);
  }
}
