import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG_FIELDS } from '../catalog/index.js';
import { CATALOG } from '../catalog/lookup.js';
import { apple9616Examples } from '../catalog/test-support/seed-documents.js';
import { FIXTURE_DIR } from '../decode/test-support/fixtures.js';
import { run } from './test-support/run-cli.js';

describe('vppwatch explain', () => {
  it('prints the documented JSON shape', async () => {
    const r = await run(['explain', '9646', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      code: 9646,
      httpStatus: 429,
      retryClass: 'throttled',
      api: 'both',
      delivery: 'sync',
      message: expect.stringContaining('too many requests'),
      remediation: expect.any(String),
    });
  });

  it('shows null httpStatus for legacy codes and resolves riCloud codes and aliases', async () => {
    expect(JSON.parse((await run(['explain', '9616', '--json'])).out).httpStatus).toBeNull();
    expect(JSON.parse((await run(['explain', 'task-error', '--json'])).out).retryClass).toBe('transient');
    expect(JSON.parse((await run(['explain', '9805', '--json'])).out).code).toBe(9816);
  });

  it('marks remediations beyond the documents as vppwatch advice, in JSON and text', async () => {
    for (const code of ['9610', '9631', '9641', '9650']) {
      expect(JSON.parse((await run(['explain', code, '--json'])).out).remediationBy, code).toBe('vppwatch');
      expect((await run(['explain', code])).out, code).toMatch(
        /^Remediation \(vppwatch's advice, not Apple's\): /m,
      );
    }
    expect(JSON.parse((await run(['explain', '9603', '--json'])).out).remediationBy).toBe('document');
    const riCloud = (await run(['explain', 'invalid-parameter'])).out;
    expect(riCloud).toMatch(/^Remediation \(vppwatch's advice, not Reincubate's\): /m);
  });

  it('shows which fields are inferred, and why', async () => {
    const text = (await run(['explain', '9622'])).out;
    expect(text).toMatch(/^API: +both {2}\[inferred\]$/m);
    expect(text).toMatch(/^Source of api: +inferred: Only the legacy page lists 9622/m);
    expect(text).toMatch(/^Message: +Invalid authentication token\.$/m);
  });

  it('prints an aligned human view', async () => {
    const r = await run(['explain', '9621']);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Code: +9621$/);
    expect(lines).toContainEqual(expect.stringMatching(/^Retry class: +auth_fatal$/));
    const valueColumns = new Set(lines.map((line) => line.search(/(?<=: +)\S/)));
    expect(valueColumns.size).toBe(1);
    expect(() => JSON.parse(r.out)).toThrow();
  });

  it('exits 2 with one line for an unknown or missing code', async () => {
    for (const argv of [['explain', '1234'], ['explain']]) {
      const r = await run(argv);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('vppwatch decode', () => {
  it('decodes a file with --status and --header', async () => {
    const r = await run([
      'decode',
      join(FIXTURE_DIR, 'proxy-503.html'),
      '--status',
      '503',
      '--header',
      'Date: Sun, 22 Nov 2026 10:00:00 GMT',
      '--header=Retry-After: Sun, 22 Nov 2026 10:00:45 GMT',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.retryAfterMs).toBe(45_000);
    expect(json.failures).toEqual([
      expect.objectContaining({ code: null, retryClass: 'transient', httpStatus: 503, source: 'response' }),
    ]);
  });

  it('reads stdin when the file is - or absent, and prints no identifiers', async () => {
    const body = JSON.stringify({
      status: -3,
      associations: [{ clientUserIdStr: 'secret-user', errorNumber: 9610 }],
    });
    for (const argv of [
      ['decode', '-', '--json'],
      ['decode', '--json'],
    ]) {
      const r = await run(argv, body);
      expect(r.code).toBe(0);
      const json = JSON.parse(r.out);
      expect(json.failures[0]).toMatchObject({
        code: 9610,
        retryClass: 'state',
        httpStatus: null,
        source: 'item',
      });
      expect(json.retryAfterMs).toBeNull();
      expect(r.out).not.toContain('secret-user');
    }
  });

  it('prints a table for humans', async () => {
    const r = await run(['decode', join(FIXTURE_DIR, 'v2-status-9609.json')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^CODE +HTTP +RETRY CLASS +SOURCE +ENTITIES +MESSAGE$/m);
    expect(r.out).toMatch(/^9609 +- +state +event +2 +Unable to find/m);
  });

  it('exits 1 for a missing file and 2 for bad flags, one line, no stack', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vppwatch-'));
    writeFileSync(join(dir, 'ok.json'), '{}');
    const missing = await run(['decode', join(dir, 'nope.json')]);
    expect(missing.code).toBe(1);
    expect(missing.err).not.toMatch(/\n\s+at /);
    for (const argv of [
      ['decode', join(dir, 'ok.json'), '--status', 'abc'],
      ['decode', '--header', 'no-colon'],
      ['decode', '--status'],
      ['decode', '--bogus'],
    ]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe("vppwatch decode of Apple's second 9616 example", () => {
  // 000_1ba4363d19d7a289.txt: "In these cases, the VPP user specified by the user ID or the clientUserIdStr does
  // not have the item, but some other users in the organization associated with the same iTunes Store account have
  // the item."
  it('prints a failure of class state', async () => {
    const [, others] = apple9616Examples();
    const text = await run(['decode', '-', '--status', '200'], JSON.stringify(others));
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^Outcome: +failure$/m);
    expect(text.out).toMatch(/^Retry class: +state$/m);
    const json = JSON.parse((await run(['decode', '--json'], JSON.stringify(others))).out);
    expect(json).toMatchObject({ outcome: 'failure', retryClass: 'state' });
    expect(json.failures[0]).toMatchObject({
      code: 9616,
      retryClass: 'state',
      variant: 'other-users-hold-item',
    });
    expect(text.out + JSON.stringify(json)).not.toMatch(/@|jjjCXhHHee0e3c/);
  });
});

describe('vppwatch list and help', () => {
  it('lists the whole catalog as JSON', async () => {
    const r = await run(['list', '--json']);
    expect(JSON.parse(r.out)).toHaveLength(CATALOG.length);
  });

  it('list --json marks every field that no stored document supports', async () => {
    const entries = JSON.parse((await run(['list', '--json'])).out) as {
      code: number | string;
      unsupported: string[];
      basis: Record<string, { documents?: unknown[]; reported?: string; inferred?: string }>;
      [field: string]: unknown;
    }[];
    let marked = 0;
    for (const e of entries) {
      for (const field of CATALOG_FIELDS) {
        const claims =
          e[field] !== undefined &&
          e[field] !== null &&
          !(Array.isArray(e[field]) && (e[field] as unknown[]).length === 0);
        // Every claim has a basis; it is marked unsupported exactly when no stored document is cited for it.
        expect(e.basis[field] !== undefined, `${e.code}.${field}`).toBe(claims);
        if (!claims) continue;
        const documented = Array.isArray(e.basis[field]?.documents);
        expect(e.unsupported.includes(field), `${e.code}.${field}`).toBe(!documented);
        if (!documented) marked++;
      }
    }
    expect(marked).toBeGreaterThan(100);
    const byCode = new Map(entries.map((e) => [e.code, e]));
    // Claims only the legacy page could back (item 4): api both, a v2 HTTP status, async delivery.
    expect(byCode.get(9622)?.unsupported).toContain('api');
    expect(byCode.get(9623)?.unsupported).toEqual(expect.arrayContaining(['httpStatus', 'api']));
    expect(byCode.get(9635)?.unsupported).toEqual(expect.arrayContaining(['api', 'delivery']));
    expect(byCode.get(9637)?.unsupported).toEqual(expect.arrayContaining(['httpStatus', 'api']));
    expect(byCode.get(9644)?.unsupported).toEqual(expect.arrayContaining(['api', 'delivery']));
    expect(byCode.get(9621)?.unsupported).not.toContain('httpStatus');
  });

  it('lists the whole catalog as an aligned table', async () => {
    const lines = (await run(['list'])).out.trimEnd().split('\n');
    expect(lines).toHaveLength(CATALOG.length + 1);
    const messageColumn = lines[0]?.indexOf('MESSAGE');
    expect(lines.find((l) => l.startsWith('9646 '))?.indexOf('There are too many')).toBe(messageColumn);
  });

  it('prints help with exit 0, and exits 2 for no or an unknown command', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('explain <code>');
    expect((await run([])).code).toBe(2);
    const unknown = await run(['frobnicate']);
    expect(unknown).toMatchObject({ code: 2, out: '' });
  });
});
