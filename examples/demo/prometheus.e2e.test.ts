import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { requirePromtoolInCi } from '../test-support/promtool.js';

// A real Prometheus on 127.0.0.1 scrapes `demo.mjs --serve` (the built packages, as `pnpm demo --serve` runs
// them), then every dashboard panel query, with its variables filled in, must return at least one series.
const here = dirname(fileURLToPath(import.meta.url));
const examples = join(here, '..');
const promtool = requirePromtoolInCi();
const hasPrometheus = spawnSync('sh', ['-c', 'command -v prometheus']).status === 0;
const builtPackages = spawnSync('sh', [
  '-c',
  `test -f ${join(examples, '..', 'packages/got-hook/dist/index.js')}`,
]);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${pattern}; got:\n${seen}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve(seen);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ${pattern}:\n${seen}`));
    });
  });
}

async function query(promPort: number, expr: string): Promise<unknown[]> {
  const url = `http://127.0.0.1:${promPort}/api/v1/query?query=${encodeURIComponent(expr)}`;
  const body = (await (await fetch(url)).json()) as {
    status: string;
    data?: { result: unknown[] };
    error?: string;
  };
  if (body.status !== 'success') throw new Error(`${expr}: ${body.error}`);
  return body.data?.result ?? [];
}

/** Grafana's variables, as a user with job "vppwatch-demo" and all operations selected would have them. */
function fillVariables(expr: string): string {
  return expr
    .replaceAll('$__rate_interval', '30s')
    .replaceAll('$__range', '5m')
    .replaceAll('$job', 'vppwatch-demo')
    .replaceAll('$operation', '.*');
}

describe.skipIf(!promtool || !hasPrometheus || builtPackages.status !== 0)(
  'the demo under a real Prometheus',
  () => {
    let demo: ChildProcess;
    let prometheus: ChildProcess;
    let demoOutput = '';
    let demoPort = 0;
    let promPort = 0;
    const dir = mkdtempSync(join(tmpdir(), 'vppwatch-prom-'));

    beforeAll(async () => {
      demoPort = await freePort();
      promPort = await freePort();
      demo = spawn(
        process.execPath,
        [join(here, 'demo.mjs'), '--serve', '--ops', '300', '--seed', '3', '--port', String(demoPort)],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      demo.stdout?.on('data', (chunk: Buffer) => {
        demoOutput += chunk.toString();
      });
      await waitForOutput(demo, /serving metrics on/, 90_000);

      writeFileSync(
        join(dir, 'prometheus.yml'),
        [
          'global: { scrape_interval: 1s, evaluation_interval: 1s }',
          `rule_files: ['${join(examples, 'prometheus', 'apple-vpp.rules.yml')}']`,
          'scrape_configs:',
          '  - job_name: vppwatch-demo',
          `    static_configs: [{ targets: ['127.0.0.1:${demoPort}'] }]`,
        ].join('\n'),
      );
      prometheus = spawn(
        'prometheus',
        [
          `--config.file=${join(dir, 'prometheus.yml')}`,
          `--storage.tsdb.path=${join(dir, 'data')}`,
          `--web.listen-address=127.0.0.1:${promPort}`,
          '--log.level=error',
        ],
        { stdio: 'ignore' },
      );
      // Wait until several scrapes are stored, so rate() windows hold at least two samples.
      const until = Date.now() + 60_000;
      while (Date.now() < until) {
        const samples = await query(promPort, 'count_over_time(apple_vpp_requests_in_flight[1m])').catch(
          () => [],
        );
        const count = Number((samples[0] as { value?: [number, string] } | undefined)?.value?.[1] ?? 0);
        if (count >= 6) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }, 180_000);

    afterAll(async () => {
      prometheus?.kill('SIGTERM');
      if (demo && demo.exitCode === null) {
        const exited = new Promise((resolve) => demo.once('exit', resolve));
        demo.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    });

    test('promtool check metrics accepts what the demo serves', async () => {
      const exposition = await (await fetch(`http://127.0.0.1:${demoPort}/metrics`)).text();
      const out = spawnSync(promtool!, ['check', 'metrics'], { input: exposition, encoding: 'utf8' });
      expect(out.stdout + out.stderr).toBe('');
      expect(out.status).toBe(0);
      expect(exposition).toContain('apple_vpp_api_errors_total{');
    });

    test('every dashboard panel query returns at least one series', async () => {
      const dashboard = JSON.parse(
        readFileSync(join(examples, 'grafana', 'apple-vpp-dashboard.json'), 'utf8'),
      );
      const empty: string[] = [];
      let queried = 0;
      for (const panel of dashboard.panels) {
        for (const target of panel.targets ?? []) {
          queried += 1;
          const result = await query(promPort, fillVariables(target.expr));
          if (result.length === 0) empty.push(`${panel.title}: ${target.expr}`);
        }
      }
      expect(queried).toBeGreaterThanOrEqual(16);
      expect(empty).toEqual([]);
    });

    test('the rate in force is scraped: one series per limit, in force never above the ceiling', async () => {
      const series = await query(promPort, 'apple_vpp_rate_limit_requests_per_second{job="vppwatch-demo"}');
      const byLimit = Object.fromEntries(
        series.map((s) => {
          const sample = s as { metric: { limit: string }; value: [number, string] };
          return [sample.metric.limit, Number(sample.value[1])];
        }),
      );
      expect(Object.keys(byLimit).sort()).toEqual(['ceiling', 'in_force']);
      expect(byLimit.ceiling).toBe(15);
      expect(byLimit.in_force).toBeGreaterThan(0);
      expect(byLimit.in_force).toBeLessThanOrEqual(15);
    });

    test('the template variables resolve to the demo job and its operations', async () => {
      const jobs = await fetch(
        `http://127.0.0.1:${promPort}/api/v1/label/job/values?match[]=apple_vpp_requests_total`,
      );
      expect(((await jobs.json()) as { data: string[] }).data).toContain('vppwatch-demo');
      const operations = await query(
        promPort,
        'count by (operation) (apple_vpp_requests_total{job="vppwatch-demo"})',
      );
      expect(operations.length).toBeGreaterThanOrEqual(5);
    });

    test("Prometheus's numbers agree with the demo's own summary and the simulator's record", async () => {
      expect(demoOutput).toMatch(/requests served (\d+), attempts made \1: agree/);
      // The window count is reported; the throttle bench and its test hold the zero-violation claim under a quiet load.
      expect(demoOutput).toMatch(/requests sent inside a Retry-After window the server had announced: \d+ /);
      const match = /logical requests\s+(\d+)/.exec(demoOutput);
      const [sample] = await query(promPort, 'sum(apple_vpp_requests_total{job="vppwatch-demo"})');
      const scraped = Number((sample as { value: [number, string] }).value[1]);
      // The scrape happens later than the summary, while a light load keeps running: never fewer.
      expect(scraped).toBeGreaterThanOrEqual(Number(match?.[1]));
    });

    test('the alert rules are loaded and evaluated by Prometheus', async () => {
      const rules = (await (await fetch(`http://127.0.0.1:${promPort}/api/v1/rules`)).json()) as {
        data: { groups: { rules: { name: string; health: string }[] }[] };
      };
      const all = rules.data.groups.flatMap((g) => g.rules);
      expect(all.map((r) => r.name)).toContain('AppleVppTokenExpiredOrRevoked');
      expect(all.every((r) => r.health !== 'err')).toBe(true);
    });
  },
);
