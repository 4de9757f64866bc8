import type { SourceDocumentId } from './types.js';

/** A document the catalog cites. The stored copies are in test-support/seeds, where tests check every citation. */
export interface SourceDocument {
  readonly title: string;
  readonly url: string;
  /** File names of the stored copies. */
  readonly stored: readonly string[];
}

/**
 * The stored source documents, by the id citations use.
 *
 * @example
 * ```ts
 * SOURCE_DOCUMENTS['ricloud-errors'].url; // 'https://reincubate.com/support/ricloud/errors/'
 * ```
 */
export const SOURCE_DOCUMENTS: Readonly<Record<SourceDocumentId, SourceDocument>> = {
  'apple-legacy-errors': {
    title: 'Apple, Interpreting Error Codes (VPP legacy)',
    url: 'https://developer.apple.com/documentation/devicemanagement/interpreting-error-codes',
    stored: ['000_1ba4363d19d7a289.txt', '001_62dd4157f7f452e9.txt'],
  },
  'apple-v2-errors': {
    title: 'Apple, Handling Error Responses (Apps and Books for Organizations)',
    url: 'https://developer.apple.com/documentation/devicemanagement/handling-error-responses',
    stored: ['002_98f2239b5d2c6bd4.txt', '003_a40490e58909f476.txt'],
  },
  'ricloud-errors': {
    title: 'Reincubate, riCloud API Errors',
    url: 'https://reincubate.com/support/ricloud/errors/',
    stored: ['004_c44bd972831b499b.txt'],
  },
};
