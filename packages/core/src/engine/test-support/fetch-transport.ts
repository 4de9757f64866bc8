import type { RequestDescriptor, Transport } from '../call/types.js';

export interface FetchResult {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

/** `fetch` as an engine transport, the way an adapter would wire its client. */
export function fetchTransport(request: RequestDescriptor): Transport<FetchResult> {
  return {
    async send({ signal }) {
      const init: RequestInit = {
        method: request.method,
        headers: request.headers as Record<string, string>,
        signal,
      };
      if (request.body !== undefined) init.body = JSON.stringify(request.body);
      const response = await fetch(request.url, init);
      return { status: response.status, headers: response.headers, body: await response.text() };
    },
    read: (result) => result,
    readError: () => null,
  };
}
