import type { AttemptContext, AttemptResult, Transport } from '@vppwatch/core';
import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { isAxiosError } from 'axios';

/**
 * One physical attempt = one call of the original axios adapter, below every interceptor and transform,
 * so the body and headers axios already prepared are sent unchanged on every attempt.
 */
export function axiosTransport(adapter: AxiosAdapter, config: InternalAxiosRequestConfig): AxiosTransport {
  const timedByEngine = typeof config.timeout === 'number' && config.timeout > 0;
  const transport: AxiosTransport = {
    lastResponse: undefined,
    send: (ctx: AttemptContext) => adapter(attemptConfig(config, ctx, timedByEngine)),
    read: (response: AxiosResponse) => {
      transport.lastResponse = response;
      return readResponse(response);
    },
    readError: (error: unknown) =>
      isAxiosError(error) && error.response ? readResponse(error.response) : null,
    // An idempotent_ok answer axios rejected (a 4xx) still resolves, with the response it carried.
    resultOf: (error: unknown) => (isAxiosError(error) ? error.response : undefined),
  };
  return transport;
}

/** The transport, plus the last response axios resolved with (an error that came with HTTP 200 has no AxiosError). */
export interface AxiosTransport extends Transport<AxiosResponse> {
  lastResponse: AxiosResponse | undefined;
}

/**
 * The attempt's signal already carries the caller's signal, the deadline and the per-attempt timeout,
 * so axios's own timer is switched off: one clock decides, and a timeout is never mistaken for a caller abort.
 */
function attemptConfig(
  config: InternalAxiosRequestConfig,
  ctx: AttemptContext,
  timedByEngine: boolean,
): InternalAxiosRequestConfig {
  return timedByEngine ? { ...config, signal: ctx.signal, timeout: 0 } : { ...config, signal: ctx.signal };
}

function readResponse(response: AxiosResponse): AttemptResult {
  return { status: response.status, headers: response.headers, body: response.data };
}
