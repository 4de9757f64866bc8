import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { requirePromtoolInCi } from '../test-support/promtool.js';

const here = dirname(fileURLToPath(import.meta.url));
const promtool = requirePromtoolInCi();

describe.skipIf(!promtool)('Prometheus rules (promtool)', () => {
  const run = (...args: string[]) => spawnSync(promtool!, args, { cwd: here, encoding: 'utf8' });

  test('the alert and recording rules pass promtool check rules', () => {
    const out = run('check', 'rules', 'apple-vpp.rules.yml');
    expect(out.stdout + out.stderr).toContain('SUCCESS: 10 rules found');
    expect(out.status).toBe(0);
  });

  test('the scrape config is valid', () => {
    const out = run('check', 'config', 'prometheus.yml');
    expect(out.status, out.stdout + out.stderr).toBe(0);
  });

  test('the alert unit tests pass promtool test rules', () => {
    const out = run('test', 'rules', 'tests/apple-vpp.rules.test.yml');
    expect(out.stdout + out.stderr).toContain('SUCCESS');
    expect(out.status, out.stdout + out.stderr).toBe(0);
  });

  test('every alert has a severity, a summary, a description, a runbook_url into the operations guide, and a unit test that fires it', async () => {
    const { readFileSync } = await import('node:fs');
    const rules = readFileSync(join(here, 'apple-vpp.rules.yml'), 'utf8');
    const tests = readFileSync(join(here, 'tests/apple-vpp.rules.test.yml'), 'utf8');
    const readme = readFileSync(join(here, '../../README.md'), 'utf8');
    const alerts = [...rules.matchAll(/- alert: (\w+)/g)].map((m) => m[1]!);
    expect(alerts.length).toBeGreaterThanOrEqual(6);
    for (const alert of alerts) {
      const block = rules.slice(rules.indexOf(`- alert: ${alert}`)).split('- alert:')[1]!;
      expect(block, alert).toMatch(/severity: (critical|warning|info)/);
      expect(block, alert).toMatch(/summary:/);
      expect(block, alert).toMatch(/description:/);
      // The runbook is the alert's row of the operations guide, and that row exists.
      const runbook = /runbook_url: (\S+)/.exec(block)?.[1] ?? '';
      expect(runbook, alert).toBe(
        `https://github.com/vppwatch/vppwatch/blob/main/README.md#${alert.toLowerCase()}`,
      );
      expect(readme, alert).toContain(`<a id="${alert.toLowerCase()}"></a>\`${alert}\``);
      expect(tests, alert).toMatch(new RegExp(`alertname: ${alert}\\n\\s+exp_alerts:\\n\\s+- exp_labels`));
    }
  });
});
