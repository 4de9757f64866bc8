import { invalid } from '../policy/check-option.js';

/** Where the engine writes its few log lines: anything with a `warn(message)` (console, pino, winston…). */
export interface VppLogger {
  warn(message: string): void;
}

/** A logger that never throws into the call that logs. */
export type DriftLog = (message: string) => void;

const emitWarning: DriftLog = (message) => process.emitWarning(message, { type: 'VppCatalogDrift' });

/**
 * The `logger` option, normalized once: the caller's logger, nothing for `false`, and Node's process warnings
 * (`process.on('warning')`, silenced by `--no-warnings`) by default.
 */
export function normalizeLogger(option: VppLogger | false | undefined): DriftLog | null {
  if (option === false) return null;
  if (option === undefined) return guarded(emitWarning);
  if (typeof (option as Partial<VppLogger> | null)?.warn !== 'function') {
    throw invalid('logger', option, 'an object with a warn(message) method, or false');
  }
  return guarded((message) => option.warn(message));
}

function guarded(log: DriftLog): DriftLog {
  return (message) => {
    try {
      log(message);
    } catch {
      // A logger that throws must never break the request whose answer is being logged.
    }
  };
}
