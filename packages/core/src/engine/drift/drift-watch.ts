import { type CatalogDiff, diffWithCatalog, type WordingDifference } from '../../drift/catalog-diff.js';
import { type ListedCode, readListedCodes, type ServiceConfigApi } from '../../drift/listed-codes.js';
import type { VppMetrics } from '../../telemetry/vpp-metrics.js';
import type { DriftLog } from './drift-log.js';
import { LearnedCodes } from './learned-codes.js';

/** What the `catalogDrift` engine event carries: Apple's texts (not secrets; never metric labels) and numbers. */
export interface CatalogDriftEvent {
  /** `service_config` (v2) or `VPPServiceConfigSrv` (legacy). */
  readonly operation: string;
  readonly api: ServiceConfigApi;
  /** Codes Apple lists that the catalog lacks; the engine decodes them from now on. */
  readonly missing: readonly ListedCode[];
  /** Codes Apple words in a way the catalog has never recorded. */
  readonly wording: readonly WordingDifference[];
  /** How many codes this engine has learned so far. */
  readonly learned: number;
}

export interface DriftSinks {
  readonly metrics: VppMetrics | null;
  readonly log: DriftLog | null;
  /** Hands the event to the engine's listeners (which can never throw back). */
  readonly emit: (event: CatalogDriftEvent) => void;
}

/**
 * Each (kind, code) is counted and logged once, for at most this many: Apple's lists hold about 50 codes, and a
 * list that keeps inventing codes must not flood the log or the counter.
 */
export const MAX_REPORTED_DIFFERENCES = 128;

/**
 * Reads Apple's live error list from every successful service-config answer an engine sees: codes the catalog
 * lacks are learned for decoding, and each difference is counted, logged and announced once.
 */
export class DriftWatch {
  readonly learned = new LearnedCodes();
  readonly #reported = new Set<string>();
  #full = false;
  readonly #sinks: DriftSinks;

  constructor(sinks: DriftSinks) {
    this.#sinks = sinks;
  }

  /** Never throws: whatever the body holds, the call it came with goes on. */
  observe(operation: string, body: unknown): void {
    try {
      const listed = readListedCodes(body);
      if (listed !== null) this.#report(operation, diffWithCatalog(listed));
    } catch {
      // Drift is a side view of a successful answer; it must never turn it into a failure.
    }
  }

  #report(operation: string, diff: CatalogDiff): void {
    const { metrics, log } = this.#sinks;
    const where = operation === 'service_config' ? 'service/config' : operation;
    let fresh = false;
    for (const code of diff.missing) {
      this.learned.learn(code);
      if (!this.#firstTime('missing', code.errorNumber)) continue;
      fresh = true;
      metrics?.catalogDrift(diff.api, 'missing', code.errorNumber);
      log?.(
        `vppwatch: Apple's ${where} lists error ${code.errorNumber}, which the catalog lacks: ${quoted(code.errorMessage)}. ` +
          `This engine decodes it from now on; options.classify can give it a retry class.`,
      );
    }
    for (const difference of diff.wording) {
      if (!this.#firstTime('wording', difference.errorNumber)) continue;
      fresh = true;
      metrics?.catalogDrift(diff.api, 'wording', difference.errorNumber);
      log?.(
        `vppwatch: Apple's ${where} words error ${difference.errorNumber} as ${quoted(difference.appleMessage)}; ` +
          `the catalog says ${quoted(difference.catalogMessage)}.`,
      );
    }
    if (!fresh) return;
    const { api, missing, wording } = diff;
    this.#sinks.emit({ operation, api, missing, wording, learned: this.learned.size });
  }

  #firstTime(kind: 'missing' | 'wording', errorNumber: number): boolean {
    const key = `${kind} ${errorNumber}`;
    if (this.#reported.has(key) || this.#full) return false;
    if (this.#reported.size >= MAX_REPORTED_DIFFERENCES) {
      this.#full = true;
      this.#sinks.log?.(
        `vppwatch: more than ${MAX_REPORTED_DIFFERENCES} differences from the catalog; further ones are not logged or counted. Save the answer and run: vppwatch catalog diff <file>`,
      );
      return false;
    }
    this.#reported.add(key);
    return true;
  }
}

function quoted(text: string | null): string {
  return text === null ? '(no text)' : JSON.stringify(text);
}
