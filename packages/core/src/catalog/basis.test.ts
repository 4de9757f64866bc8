import { describe, expect, it } from 'vitest';
import { catalogBasis, isCitation, isVppwatchAdvice, unsupportedFields } from './entry-basis.js';
import { CATALOG, lookupCode } from './lookup.js';
import { SOURCE_DOCUMENTS } from './sources.js';
import {
  documentSays,
  legacyTable,
  riCloudList,
  SEED_FILES,
  type SeedFile,
  type SeedRow,
  v2AsyncTable,
  v2SyncTable,
} from './test-support/seed-documents.js';
import type { CatalogEntry, Citation, SourceDocumentId } from './types.js';

const LEGACY = legacyTable();
const V2_SYNC = v2SyncTable();
const V2_ASYNC = v2AsyncTable();
const RICLOUD = riCloudList();

/** The rows each stored document gives a code (tables and lists only). */
const ROWS: Readonly<Record<SourceDocumentId, readonly SeedRow[]>> = {
  'apple-legacy-errors': LEGACY,
  'apple-v2-errors': [...V2_SYNC, ...V2_ASYNC],
  'ricloud-errors': RICLOUD,
};

/** Wordings compare with curly quotes straightened, code backticks dropped and white space folded. */
function fold(text: string): string {
  return text.replaceAll('’', "'").replaceAll('`', '').replace(/\s+/g, ' ').trim();
}

/** Same wording, allowing for the stored copies cutting a cell at a code span, or running on past the first sentences. */
function sameWording(documented: string, catalog: string): boolean {
  const a = fold(documented);
  const b = fold(catalog);
  return a !== '' && (a.startsWith(b) || b.startsWith(a));
}

function lists(doc: SourceDocumentId, code: number | string): boolean {
  return ROWS[doc].some((row) => row.code === code);
}

const citations = CATALOG.flatMap((entry) =>
  Object.entries(catalogBasis(entry))
    .filter((pair): pair is [string, Citation] => isCitation(pair[1]))
    .map(([field, citation]) => ({ entry, field, citation })),
);

describe('every citation in the catalog is true of the stored documents', () => {
  it('cites stored documents only, and there are many citations to check', () => {
    expect(citations.length).toBeGreaterThan(200);
    for (const { citation } of citations) {
      for (const doc of citation.from) expect(SOURCE_DOCUMENTS[doc].stored.length).toBeGreaterThan(0);
    }
  });

  it('a quoted sentence appears in a stored copy of every document cited for it', () => {
    for (const { entry, field, citation } of citations) {
      if (citation.says === undefined) continue;
      for (const doc of citation.from) {
        const files = SOURCE_DOCUMENTS[doc].stored as readonly SeedFile[];
        expect(
          files.some((file) => documentSays(file, citation.says ?? '')),
          `${entry.code}.${field}: ${doc} says "${citation.says}"`,
        ).toBe(true);
      }
    }
  });

  it('a cited message is the wording a cited document gives the code', () => {
    for (const { entry, field, citation } of citations) {
      if (field !== 'message') continue;
      const documented = citation.from.flatMap((doc) => ROWS[doc].filter((r) => r.code === entry.code));
      expect(documented.length, `${entry.code}`).toBeGreaterThan(0);
      // Every cited document gives this wording (9609's v2 page also has an older one in its async table).
      for (const doc of citation.from) {
        const rows = ROWS[doc].filter((r) => r.code === entry.code);
        expect(
          rows.some((row) => sameWording(row.message, entry.message)),
          `${entry.code}: ${doc} gives "${entry.message}"`,
        ).toBe(true);
      }
    }
  });

  it('cited other wordings are each the wording of a cited document', () => {
    for (const { entry, field, citation } of citations) {
      if (field !== 'olderMessages') continue;
      const documented = citation.from.flatMap((doc) => ROWS[doc].filter((r) => r.code === entry.code));
      for (const older of entry.olderMessages) {
        expect(
          documented.some((row) => sameWording(row.message, older)),
          `${entry.code}: "${older}"`,
        ).toBe(true);
      }
    }
  });

  it('a cited HTTP status is the one in the v2 synchronous table', () => {
    for (const { entry, field, citation } of citations) {
      if (field !== 'httpStatus') continue;
      expect(citation.from).toEqual(['apple-v2-errors']);
      expect(V2_SYNC.find((r) => r.code === entry.code)?.httpStatus, String(entry.code)).toBe(
        entry.httpStatus,
      );
    }
  });

  it('a cited API is backed by every document it names, and "both" names both Apple pages', () => {
    for (const { entry, field, citation } of citations) {
      if (field !== 'api') continue;
      for (const doc of citation.from) expect(lists(doc, entry.code), `${entry.code} in ${doc}`).toBe(true);
      const expected: Record<CatalogEntry['api'], SourceDocumentId[]> = {
        legacy: ['apple-legacy-errors'],
        v2: ['apple-v2-errors'],
        both: ['apple-legacy-errors', 'apple-v2-errors'],
        ricloud: ['ricloud-errors'],
      };
      expect([...citation.from].sort(), String(entry.code)).toEqual(expected[entry.api]);
    }
  });

  it('a cited v2 delivery matches the tables the code is in', () => {
    for (const { entry, field, citation } of citations) {
      if (field !== 'delivery' || !citation.from.includes('apple-v2-errors')) continue;
      const sync = V2_SYNC.some((r) => r.code === entry.code);
      const async = V2_ASYNC.some((r) => r.code === entry.code);
      expect(entry.delivery, String(entry.code)).toBe(sync && async ? 'sync+async' : sync ? 'sync' : 'async');
    }
  });
});

describe('wording: each code carries the documents own words (item 3)', () => {
  // 000_1ba4363d19d7a289.txt: "The errorMessage field contains human-readable text explaining the error."
  // Every row of the legacy table, the v2 tables and the riCloud list must be the message or kept beside it.
  it.each([
    ['000_1ba4363d19d7a289.txt', LEGACY],
    ['002_98f2239b5d2c6bd4.txt (synchronous table)', V2_SYNC],
    ['002_98f2239b5d2c6bd4.txt (asynchronous table)', V2_ASYNC],
    ['004_c44bd972831b499b.txt', RICLOUD],
  ] as const)('%s', (_file, rows) => {
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) {
      const entry = lookupCode(row.code);
      if (row.message === '') continue; // 9637's row is empty in the stored copy
      const wordings = [entry?.message ?? '', ...(entry?.olderMessages ?? [])];
      expect(
        wordings.some((w) => sameWording(row.message, w)),
        `${row.code}: "${row.message}"`,
      ).toBe(true);
    }
  });

  it('where the message is not the stored wording, it is marked as reported from a newer page', () => {
    for (const row of [...LEGACY, ...V2_SYNC, ...V2_ASYNC, ...RICLOUD]) {
      const entry = lookupCode(row.code);
      if (entry === undefined || row.message === '' || sameWording(row.message, entry.message)) continue;
      // Only a newer wording from a page Apple changed may stay: the v2 page over the legacy one, or a page not stored.
      const basis = catalogBasis(entry).message;
      const newerStored = basis !== undefined && isCitation(basis) && basis.from.includes('apple-v2-errors');
      expect(newerStored || unsupportedFields(entry).includes('message'), `${row.code}`).toBe(true);
    }
  });

  it('9631 follows the document, which repeats 9630 text; the remediation says what vppwatch believes and why', () => {
    // 000_1ba4363d19d7a289.txt: "9631 | Too many recent already-assigned errors: If MDM gets the same 9616 error
    // from assignments for the same organization, user identifier, and item identifier (license ID, adam ID, or
    // pricing parameter) and does so within too short a time (generally several minutes), it may return this error code."
    const entry = lookupCode(9631);
    expect(entry?.message).toBe(LEGACY.find((r) => r.code === 9631)?.message);
    expect(entry?.message).toBe(lookupCode(9630)?.message);
    expect(entry?.remediation).toMatch(/same text as 9630/);
    expect(entry?.remediation).toMatch(/vppwatch believes 9631 is about repeated 9610/);
    expect(entry?.remediation).toMatch(/because/);
    expect(entry && isVppwatchAdvice(entry)).toBe(true);
  });

  it('9641 says only what the document says', () => {
    // 000_1ba4363d19d7a289.txt: "9641 | The Apple Account already associated to registered user."
    const entry = lookupCode(9641);
    expect(entry?.message).toBe('The Apple Account already associated to registered user.');
    expect(documentSays(SEED_FILES.appleLegacy, `9641 | ${entry?.message}`)).toBe(true);
    expect(entry?.olderMessages).toEqual([]);
    const text = [entry?.message, ...(entry?.olderMessages ?? []), entry?.remediation].join(' ');
    expect(text).not.toMatch(/another user|on v2 it is a conflict/);
  });

  it('remediations beyond the documents (9610, 9631, 9641, 9650) are vppwatch advice', () => {
    for (const code of [9610, 9631, 9641, 9650]) {
      const entry = lookupCode(code);
      expect(entry && isVppwatchAdvice(entry), String(code)).toBe(true);
    }
  });

  it('9650 remediation no longer contradicts its message', () => {
    // 002_98f2239b5d2c6bd4.txt: "9650 | The provided page index must be greater than | 400"
    const entry = lookupCode(9650);
    expect(entry?.message).toMatch(/must be greater than 0/);
    expect(entry?.remediation).not.toMatch(/page 0/);
  });

  it('a remediation cited to a document restates the quoted sentence (9603, 9616, code-rate-limited)', () => {
    // 000_1ba4363d19d7a289.txt: "If it continues to receive 9603 errors after more than five attempts, … further
    // retries should be scheduled for minutes later, instead of seconds."
    expect(lookupCode(9603)?.remediation).toMatch(/more than five .*minutes later instead of seconds/);
    // 000_1ba4363d19d7a289.txt: "… in which case there’s no need to retry the assignment."
    expect(lookupCode(9616)?.remediation).toMatch(/never resend/);
    // 004_c44bd972831b499b.txt: "We recommend the user wait at least an hour before retrying."
    expect(lookupCode('code-rate-limited')?.remediation).toMatch(/at least an hour/);
  });
});

describe('claims without a source are marked (item 4)', () => {
  // Only 000_1ba4363d19d7a289.txt lists these; 002_98f2239b5d2c6bd4.txt's tables do not:
  // "Error Codes for Synchronous Failures" and "The server may return these error codes in either StatusResponse
  // or in background notifications." name none of 9622, 9623, 9635, 9637, 9641, 9644.
  it.each([9622, 9623, 9635, 9637, 9641, 9644])(
    '%i: api both, a v2 HTTP status and async delivery are inferred',
    (code) => {
      expect(lists('apple-v2-errors', code)).toBe(false);
      const entry = lookupCode(code);
      if (entry === undefined) throw new Error(String(code));
      const basis = catalogBasis(entry);
      const unsupported = unsupportedFields(entry);
      if (entry.api === 'both') {
        expect(unsupported).toContain('api');
        expect(JSON.stringify(basis.api)).toMatch(/inferred/);
      }
      if (entry.httpStatus !== null) expect(unsupported).toContain('httpStatus');
      if (entry.delivery !== 'sync') expect(unsupported).toContain('delivery');
    },
  );

  it('every field no stored document supports is listed, and only those', () => {
    for (const entry of CATALOG) {
      const basis = catalogBasis(entry);
      for (const [field, b] of Object.entries(basis)) {
        expect(unsupportedFields(entry).includes(field as never), `${entry.code}.${field}`).toBe(
          !isCitation(b),
        );
      }
    }
  });

  it('a retry class is vppwatch reading unless a document sentence is quoted for it', () => {
    for (const entry of CATALOG) {
      const basis = catalogBasis(entry).retryClass;
      if (basis !== undefined && isCitation(basis)) expect(basis.says, String(entry.code)).toBeDefined();
    }
    expect(unsupportedFields(lookupCode(9610) as CatalogEntry)).toContain('retryClass');
  });
});
