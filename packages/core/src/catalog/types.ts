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
  /** The documents' wording, or Apple's newer wording where Apple changed it (the documents' is then in olderMessages). */
  readonly message: string;
  /** Other wordings of the same code (the documents' own where `message` is newer, older docs, service-config lists). */
  readonly olderMessages: readonly string[];
  /** The documented HTTP status, or null where the documents give none (legacy errors arrive as HTTP 200). */
  readonly httpStatus: number | null;
  readonly api: CatalogApi;
  readonly delivery: CatalogDelivery;
  readonly retryClass: RetryClass;
  /** One line a support engineer can act on; vppwatch's advice unless its basis (`catalogBasis(entry)`) cites a document. */
  readonly remediation: string;
  /** Other codes that mean the same thing (9805 is an older number for 9816). */
  readonly aliases?: readonly (number | string)[];
  /** Each known meaning with its source, where sources disagree or only one exists. */
  readonly meanings?: readonly CatalogMeaning[];
  /**
   * The least time the documents ask a caller to wait before sending the request again (riCloud's
   * `code-rate-limited`: "at least an hour"). The engine never resends sooner and puts it in `VppError.retryAt`.
   */
  readonly minRetryAfterMs?: number;
  /** Body shapes of the same code that mean something else (9616 when only other users hold the item). */
  readonly variants?: readonly CatalogVariant[];
}

/** A documented body shape that changes what a code means; the decoder names it in `VppFailure.variant`. */
export interface CatalogVariant {
  /** Stable id, e.g. `other-users-hold-item`. */
  readonly id: string;
  /** When it applies, in one line. */
  readonly when: string;
  readonly retryClass: RetryClass;
  readonly remediation: string;
  /** The document sentence that defines the variant. */
  readonly basis: Citation;
}

/** The catalog fields whose value needs a source. */
export const CATALOG_FIELDS = [
  'message',
  'olderMessages',
  'httpStatus',
  'api',
  'delivery',
  'retryClass',
  'remediation',
  'minRetryAfterMs',
] as const;

export type CatalogField = (typeof CATALOG_FIELDS)[number];

/** A stored source document (see SOURCE_DOCUMENTS). */
export type SourceDocumentId = 'apple-legacy-errors' | 'apple-v2-errors' | 'ricloud-errors';

/** A field stated by stored documents; `says` quotes the sentence when the field is a reading of one. */
export interface Citation {
  readonly from: readonly SourceDocumentId[];
  readonly says?: string;
}

/**
 * Where a field's value comes from: a stored document, a source vppwatch does not hold (`reported`: Apple's live
 * pages, service-config lists, a peer client), or vppwatch's own reading (`inferred`, with the reason).
 */
export type FieldBasis = Citation | { readonly reported: string } | { readonly inferred: string };
