import type { AttemptContext, AttemptResult, Transport } from '@vppwatch/core';
import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { isAxiosError } from 'axios';

/**
 * One physical attempt = one call of the original axios adapter, below every interceptor and transform,
 * so the body and headers axios already prepared are sent unchanged on every attempt.
 */
export function axiosTransport(
  adapter: AxiosAdapter,
  config: InternalAxiosRequestConfig,
): Transport<AxiosResponse> {
  return new AxiosAttempts(adapter, config);
}

/** A class rather than closures: one small object per request. */
class AxiosAttempts implements Transport<AxiosResponse> {
  readonly #adapter: AxiosAdapter;
  readonly #config: InternalAxiosRequestConfig;

  constructor(adapter: AxiosAdapter, config: InternalAxiosRequestConfig) {
    this.#adapter = adapter;
    this.#config = config;
  }

  send(ctx: AttemptContext): Promise<AxiosResponse> {
    // Nothing can abort the attempt: the config goes as it is, and axios wires no abort listener.
    if (ctx.abortable === false) return this.#adapter(this.#config);
    return this.#adapter(attemptConfig(this.#config, ctx));
  }

  read(response: AxiosResponse): AttemptResult {
    return readResponse(response);
  }

  readError(error: unknown): AttemptResult | null {
    const response = answeredResponse(error);
    return response === undefined ? null : readResponse(response);
  }

  /** An idempotent_ok answer axios rejected (a 4xx) still resolves, with the response it carried. */
  resultOf(error: unknown): AxiosResponse | undefined {
    return answeredResponse(error);
  }
}

/**
 * The attempt's signal already carries the caller's signal, the deadline and the per-attempt timeout,
 * so axios's own timer is switched off: one clock decides, and a timeout is never mistaken for a caller abort.
 */
function attemptConfig(config: InternalAxiosRequestConfig, ctx: AttemptContext): InternalAxiosRequestConfig {
  const timedByEngine = typeof config.timeout === 'number' && config.timeout > 0;
  return timedByEngine ? { ...config, signal: ctx.signal, timeout: 0 } : { ...config, signal: ctx.signal };
}

/**
 * The response of an error that is a whole answer (axios rejected its status), or undefined. axios also hands a
 * response with an error whose body was lost (a connection reset or a stream abort in the middle of it); such a
 * response has no `data`, and a lost body is a network failure, never an answer to decode.
 */
function answeredResponse(error: unknown): AxiosResponse | undefined {
  if (!isAxiosError(error) || error.response === undefined) return undefined;
  return 'data' in error.response ? error.response : undefined;
}

function readResponse(response: AxiosResponse): AttemptResult {
  return { status: response.status, headers: response.headers, body: response.data };
}
