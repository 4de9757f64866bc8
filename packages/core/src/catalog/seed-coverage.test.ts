import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lookupCode } from './lookup.js';

const SEEDS = fileURLToPath(new URL('./test-support/seeds/', import.meta.url));
const seedTexts = readdirSync(SEEDS)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => ({ file: f, text: readFileSync(SEEDS + f, 'utf8') }));

/** Apple error numbers: four digits in the 96xx–98xx range, standing alone (not inside an id like 9918783273). */
function appleCodes(text: string): number[] {
  return [...text.matchAll(/(?<![\w.])(9[6-8]\d\d)(?!\w|\.\d)/g)].map((m) => Number(m[1]));
}

/** riCloud codes: a line that is only a lower-case (kebab-case) word (how the vendor page lists them). */
function riCloudCodes(text: string): string[] {
  return [...text.matchAll(/^([a-z]+(?:-[a-z]+)*)\s*$/gm)].map((m) => m[1] ?? '');
}

describe('every code in the five source documents has a catalog entry', () => {
  it('reads five documents', () => {
    expect(seedTexts).toHaveLength(5);
  });

  it('Apple numeric codes', () => {
    const codes = new Set(seedTexts.flatMap((s) => appleCodes(s.text)));
    // The legacy article alone lists more than 40; a broken extraction must not pass vacuously.
    expect(codes.size).toBeGreaterThan(70);
    const missing = [...codes].filter((code) => lookupCode(code) === undefined);
    expect(missing).toEqual([]);
  });

  it('riCloud string codes', () => {
    const codes = new Set(seedTexts.flatMap((s) => riCloudCodes(s.text)));
    expect(codes.size).toBeGreaterThanOrEqual(16);
    const missing = [...codes].filter((code) => lookupCode(code) === undefined);
    expect(missing).toEqual([]);
  });
});
