import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../catalog/lookup.js';
import { LEGACY_EXAMPLE_FILE, V2_EXAMPLE_FILE } from '../drift/test-support/apple-examples.js';
import { run } from './test-support/run-cli.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

describe('vppwatch catalog diff', () => {
  it("prints exactly the differences in Apple's v2 example and exits 1", async () => {
    const r = await run(['catalog', 'diff', V2_EXAMPLE_FILE]);
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    const lines = r.out.split('\n');
    expect(lines[0]).toBe("Apple's v2 service/config lists 38 codes.");
    expect(lines).toContain('Missing from the catalog (0):');
    expect(lines).toContain(
      '  9622, 9623, 9635, 9637, 9641, 9644, 9647, 9729, 9811, 9812, 9813, 9814, 9815, 9816, 9817, 9818',
    );
    expect(lines).toContain('Worded differently (8):');
    expect(lines).toContain('  9708  Apple:   EventId could not be found.');
    expect(lines).toContain('        catalog: Unable to find eventId.');
    expect(lines.at(-2)).toBe('The catalog and the list differ.');
  });

  it("is what the root README's CLI section shows", async () => {
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    const command =
      'pnpm exec vppwatch catalog diff packages/core/src/drift/test-support/apple-v2-service-config.json';
    const at = readme.indexOf(command);
    expect(at).toBeGreaterThan(0);
    const block = /```text\n([\s\S]*?)```/.exec(readme.slice(at))?.[1];
    expect(block).toBe((await run(['catalog', 'diff', V2_EXAMPLE_FILE])).out);
  });

  it("reads stdin with -, and --json gives the legacy example's lists", async () => {
    const r = await run(['catalog', 'diff', '-', '--json'], readFileSync(LEGACY_EXAMPLE_FILE, 'utf8'));
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ api: 'legacy', listed: 43, skipped: 0, same: false, missing: [] });
    expect(json.extra).toEqual([9638, 9639, 9640, 9645, 9649]);
    expect(json.wording).toHaveLength(14);
    expect(json.wording[0]).toEqual({
      errorNumber: 9621,
      appleMessage:
        "The token has expired. You need to generate a new token online using your organization's account at https://vpp.itunes.apple.com.",
      catalogMessage: expect.stringContaining('school.apple.com'),
    });
  });

  it('lists a code the catalog lacks, and exits 0 when the list matches the catalog', async () => {
    const v2 = CATALOG.filter((e) => typeof e.code === 'number' && (e.api === 'v2' || e.api === 'both'));
    const errorCodes = v2.map((e) => ({ errorNumber: e.code, errorMessage: e.message }));
    const same = await run(['catalog', 'diff', '-'], JSON.stringify({ urls: {}, errorCodes }));
    expect([same.code, same.out.trimEnd().split('\n').at(-1)]).toEqual([0, 'The catalog matches the list.']);

    const body = {
      urls: {},
      errorCodes: [...errorCodes, { errorNumber: 9990, errorMessage: 'A code from the future.' }],
    };
    const more = await run(['catalog', 'diff', '-', '--json'], JSON.stringify(body));
    expect(more.code).toBe(1);
    expect(JSON.parse(more.out)).toMatchObject({
      same: false,
      missing: [{ errorNumber: 9990, errorMessage: 'A code from the future.' }],
      extra: [],
      wording: [],
    });
  });

  it.each([
    [['catalog', 'diff', '-'], 'not json'],
    [['catalog', 'diff', '-'], '{"errorCodes": "all"}'],
    [['catalog', 'diff', '-'], '[1, 2]'],
    [['catalog', 'diff', '/nonexistent/service-config.json'], ''],
    [['catalog', 'diff'], ''],
    [['catalog', 'list'], ''],
    [['catalog', 'diff', 'a.json', 'b.json'], ''],
  ])('exits 2 with one line on bad input: %j', async (argv, stdin) => {
    const r = await run(argv, stdin);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});
