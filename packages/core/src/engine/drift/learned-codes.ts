import type { DecodedResponse, VppFailure } from '../../decode/types.js';
import type { ListedCode } from '../../drift/listed-codes.js';

/** Apple lists about 50 codes; a list that would teach more than this is not Apple's, and memory stays flat. */
export const MAX_LEARNED_CODES = 256;

/**
 * Codes one engine learned from Apple's live `errorCodes` lists, with Apple's text. Per engine on purpose: the
 * catalog stays immutable data, and two engines never see each other's answers.
 */
export class LearnedCodes {
  readonly #codes = new Map<number, string | null>();

  get size(): number {
    return this.#codes.size;
  }

  /** Remembers a code the catalog lacks; a known code or a full list changes nothing. */
  learn(code: ListedCode): void {
    if (this.#codes.has(code.errorNumber) || this.#codes.size >= MAX_LEARNED_CODES) return;
    this.#codes.set(code.errorNumber, code.errorMessage);
  }

  /**
   * The decoded answer with every failure whose code this engine learned marked `learned` and worded as Apple
   * lists it. The class is left as decoded (the HTTP status, `unknown` on HTTP 200): a list gives a code's text,
   * not what to do about it; `options.classify` sets that. Costs one size check while nothing is learned.
   */
  apply(decoded: DecodedResponse): DecodedResponse {
    if (this.#codes.size === 0 || decoded.failures.length === 0) return decoded;
    let changed = false;
    const failures = decoded.failures.map((failure) => {
      const learned = this.#learnedFailure(failure);
      if (learned !== failure) changed = true;
      return learned;
    });
    return changed ? { ...decoded, failures } : decoded;
  }

  #learnedFailure(failure: VppFailure): VppFailure {
    if (failure.known || typeof failure.code !== 'number' || !this.#codes.has(failure.code)) return failure;
    const text = this.#codes.get(failure.code) ?? null;
    return { ...failure, known: true, learned: true, ...(text === null ? {} : { message: text }) };
  }
}
