import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SEEDS = fileURLToPath(new URL('./seeds/', import.meta.url));

/** The stored source documents, by file name (see seeds/README.md). */
export const SEED_FILES = {
  appleLegacy: '000_1ba4363d19d7a289.txt',
  appleLegacyMarkdown: '001_62dd4157f7f452e9.txt',
  appleV2: '002_98f2239b5d2c6bd4.txt',
  appleV2Newest: '003_a40490e58909f476.txt',
  riCloud: '004_c44bd972831b499b.txt',
} as const;

export type SeedFile = (typeof SEED_FILES)[keyof typeof SEED_FILES];

const cache = new Map<string, string>();

/** A stored document's text. */
export function seedText(file: SeedFile): string {
  let text = cache.get(file);
  if (text === undefined) {
    text = readFileSync(SEEDS + file, 'utf8');
    cache.set(file, text);
  }
  return text;
}

/**
 * True when `sentence` appears in the document, compared with runs of white space folded and markdown code
 * backticks dropped, so a quote from the plain or the markdown copy of a page matches either.
 */
export function documentSays(file: SeedFile, sentence: string): boolean {
  return fold(seedText(file)).includes(fold(sentence));
}

function fold(text: string): string {
  return text.replaceAll('`', '').replace(/\s+/g, ' ').trim();
}

/** One row of a document's code table: the code, its wording (cells end where the stored copy cut them) and status. */
export interface SeedRow {
  readonly code: number | string;
  readonly message: string;
  readonly httpStatus: number | null;
}

function section(text: string, start: string, end?: string): string {
  const from = text.indexOf(start);
  if (from === -1) throw new Error(`section "${start}" not found`);
  const to = end === undefined ? -1 : text.indexOf(end, from + start.length);
  return text.slice(from + start.length, to === -1 ? undefined : to);
}

function tableRows(text: string): SeedRow[] {
  const rows: SeedRow[] = [];
  for (const match of text.matchAll(/^(9\d\d\d) \|(.*?)\|(?: (\d{3}) \|)?\s*$/gm)) {
    rows.push({
      code: Number(match[1]),
      message: (match[2] ?? '').trim(),
      httpStatus: match[3] === undefined ? null : Number(match[3]),
    });
  }
  return rows;
}

/** Apple legacy "Interpreting Error Codes": the ErrorNumber | ErrorMessage table (9600–9646). */
export function legacyTable(): SeedRow[] {
  return tableRows(
    section(seedText(SEED_FILES.appleLegacy), 'Error codes and descriptions', 'Additional error codes'),
  );
}

/** Apple v2 "Handling Error Responses": the synchronous table, with Apple's HTTP status per code. */
export function v2SyncTable(): SeedRow[] {
  return tableRows(
    section(
      seedText(SEED_FILES.appleV2),
      'Error Codes for Synchronous Failures',
      'Error Codes for Asynchronous Failures',
    ),
  );
}

/** Apple v2 "Handling Error Responses": the asynchronous table (StatusResponse and notifications). */
export function v2AsyncTable(): SeedRow[] {
  return tableRows(section(seedText(SEED_FILES.appleV2), 'Error Codes for Asynchronous Failures'));
}

/** Reincubate riCloud "Errors": each code on its own line, its description on the next. */
export function riCloudList(): SeedRow[] {
  const lines = section(seedText(SEED_FILES.riCloud), 'Error codes\n').split('\n');
  const rows: SeedRow[] = [];
  lines.forEach((line, index) => {
    if (/^[a-z]+(?:-[a-z]+)+$|^unconfigured$/.test(line.trim())) {
      rows.push({ code: line.trim(), message: (lines[index + 1] ?? '').trim(), httpStatus: null });
    }
  });
  return rows;
}

/** The JSON examples a document shows, parsed, in order (top-level `{…}` blocks that parse as JSON). */
export function jsonExamples(file: SeedFile): unknown[] {
  const text = seedText(file);
  const found: unknown[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (text[i] === '}' && depth > 0) {
      depth--;
      if (depth === 0) {
        try {
          found.push(JSON.parse(text.slice(start, i + 1)));
        } catch {
          // prose in braces, not an example
        }
      }
    }
  }
  return found;
}

/** Apple's two documented 9616 bodies: [license already assigned to this user, other users hold the item]. */
export function apple9616Examples(): [Record<string, unknown>, Record<string, unknown>] {
  const examples = jsonExamples(SEED_FILES.appleLegacy).filter(
    (e): e is Record<string, unknown> => (e as { errorNumber?: unknown }).errorNumber === 9616,
  );
  const [own, others] = examples;
  if (own === undefined || others === undefined) throw new Error('Apple 9616 examples not found');
  return [own, others];
}
