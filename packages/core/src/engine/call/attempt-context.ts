import type { AttemptContext } from './types.js';

/**
 * The context of an attempt nothing can abort (no caller signal, no deadline, no attempt timeout). Its signal is
 * made only if a transport asks for it, and it never fires: most attempts need no AbortController at all.
 */
export class UnabortableAttempt implements AttemptContext {
  readonly attempt: number;
  readonly abortable = false;
  #signal: AbortSignal | undefined;

  constructor(attempt: number) {
    this.attempt = attempt;
  }

  get signal(): AbortSignal {
    this.#signal ??= new AbortController().signal;
    return this.#signal;
  }
}
