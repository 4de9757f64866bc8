import type { AttemptResult } from '@vppwatch/core';
import type { Response } from 'got';

const utf8 = new TextDecoder();

/** Status, headers and body of one got response, in the shape the engine decodes. */
export function readAttempt(response: Response): AttemptResult {
  const { body } = response;
  return {
    status: response.statusCode,
    headers: response.headers,
    // `responseType: 'buffer'` leaves bytes; the decoder reads text or parsed JSON.
    body: body instanceof Uint8Array ? utf8.decode(body) : body,
  };
}
