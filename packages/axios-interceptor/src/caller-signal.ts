import type { InternalAxiosRequestConfig } from 'axios';

/** The caller's cancellation as one AbortSignal, and how to stop listening once the request settles. */
export interface CallerSignal {
  readonly signal: AbortSignal | undefined;
  readonly dispose: (() => void) | null;
}

const none: CallerSignal = { signal: undefined, dispose: null };

/**
 * Merges `config.signal` and the legacy `config.cancelToken` into one AbortSignal for the engine,
 * so either one settles the request at once, even in the middle of a backoff wait.
 */
export function callerSignalOf(config: InternalAxiosRequestConfig): CallerSignal {
  const signal = config.signal instanceof AbortSignal ? config.signal : bridgeGeneric(config.signal);
  const token = config.cancelToken;
  if (token === undefined) return signal === undefined ? none : { signal, dispose: null };
  const controller = new AbortController();
  const onCancel = (reason: unknown) => controller.abort(reason);
  token.subscribe(onCancel);
  return {
    signal: signal === undefined ? controller.signal : AbortSignal.any([signal, controller.signal]),
    dispose: () => token.unsubscribe(onCancel),
  };
}

/** axios accepts any object shaped like an AbortSignal; the engine needs a real one. */
function bridgeGeneric(generic: InternalAxiosRequestConfig['signal']): AbortSignal | undefined {
  if (generic === undefined || generic === null) return undefined;
  if (generic.aborted) return AbortSignal.abort();
  const controller = new AbortController();
  if (typeof generic.addEventListener === 'function') {
    generic.addEventListener('abort', () => controller.abort(), { once: true });
  }
  return controller.signal;
}
