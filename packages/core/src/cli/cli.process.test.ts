import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

describe('the vppwatch bin as a real process', () => {
  beforeAll(async () => {
    await run('pnpm', ['--filter', '@vppwatch/core', 'build'], { cwd: ROOT });
  }, 120_000);

  it('explains 9646 as JSON, with the command the README gives at the repo root', async () => {
    const { stdout } = await run('pnpm', ['exec', 'vppwatch', 'explain', '9646', '--json'], { cwd: ROOT });
    expect(JSON.parse(stdout)).toMatchObject({ code: 9646, retryClass: 'throttled', httpStatus: 429 });
  });

  it('prints the version of the installed package.json with --version', async () => {
    const { version } = JSON.parse(readFileSync(`${ROOT}packages/core/package.json`, 'utf8')) as {
      version: string;
    };
    const { stdout } = await run(process.execPath, ['packages/core/bin/vppwatch.js', '--version'], {
      cwd: ROOT,
    });
    expect(stdout).toBe(`${version}\n`);
  });

  it("diffs Apple's v2 service/config example with the README's command: the README's output, exit 1", async () => {
    const file = 'packages/core/src/drift/test-support/apple-v2-service-config.json';
    const failure = await run('pnpm', ['exec', 'vppwatch', 'catalog', 'diff', file], { cwd: ROOT }).catch(
      (error: { code: number; stdout: string }) => error,
    );
    expect(failure).toMatchObject({ code: 1 });
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    expect(readme).toContain((failure as { stdout: string }).stdout);
  });

  it("decodes Apple's second 9616 example (regUsersAlreadyAssigned only) as a failure of class state", async () => {
    const { stdout } = await run(
      'pnpm',
      [
        'exec',
        'vppwatch',
        'decode',
        'packages/core/test-fixtures/legacy-9616-reg-users-only.json',
        '--status',
        '200',
      ],
      { cwd: ROOT },
    );
    expect(stdout).toMatch(/^Outcome: +failure$/m);
    expect(stdout).toMatch(/^Retry class: +state$/m);
  });

  it('exits 2 with one stderr line for an unknown code', async () => {
    const failure = await run(process.execPath, ['packages/core/bin/vppwatch.js', 'explain', '4242'], {
      cwd: ROOT,
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr.trim().split('\n')).toHaveLength(1);
  });
});
