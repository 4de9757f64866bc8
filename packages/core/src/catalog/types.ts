import type { CatalogMeaning } from './meaning.js';
import type { RetryClass } from './retry-class.js';

/** Which API documents a code. */
export type CatalogApi = 'legacy' | 'v2' | 'both' | 'ricloud';

/** How a code reaches the client: in the response to the call, or later (status endpoint, notification). */
export type CatalogDelivery = 'sync' | 'async' | 'sync+async';

/** One documented error code. Entries are plain data; nothing in the catalog imports anything. */
export interface CatalogEntry {
  /** Apple's numeric `errorNumber`, or riCloud's string code (`session-expired`). */
  readonly code: number | string;
  /** The newest documented wording. */
  readonly message: string;
  /** Other wordings Apple has used for the same code (older docs, service-config lists). */
  readonly olderMessages: readonly string[];
  /** The documented HTTP status, or null where the documents give none (legacy errors arrive as HTTP 200). */
  readonly httpStatus: number | null;
  readonly api: CatalogApi;
  readonly delivery: CatalogDelivery;
  readonly retryClass: RetryClass;
  /** One line a support engineer can act on. */
  readonly remediation: string;
  /** Other codes that mean the same thing (9805 is an older number for 9816). */
  readonly aliases?: readonly (number | string)[];
  /** Each known meaning with its source, where sources disagree or only one exists. */
  readonly meanings?: readonly CatalogMeaning[];
}
