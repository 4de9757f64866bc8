import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

// The child entry runs as plain JavaScript, so this test uses the built package, as a user would.
const pkg = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('startSimulatorProcess', () => {
  let api: typeof import('../index.js');
  beforeAll(async () => {
    const built = spawnSync(
      'pnpm',
      ['--filter', '@vppwatch/core', '--filter', '@vppwatch/simulator', 'build'],
      {
        cwd: pkg,
        encoding: 'utf8',
      },
    );
    expect(built.status, built.stderr).toBe(0);
    api = (await import(join(pkg, 'dist', 'index.js'))) as typeof import('../index.js');
  }, 120_000);

  it('serves from another process and answers the same controls, asynchronously', async () => {
    const sim = await api.startSimulatorProcess({ seed: 3 });
    try {
      const sToken = await sim.token({ orgName: 'Remote Org' });
      await sim.faults.setForToken(sToken, { rateLimit: { perSecond: 1, burst: 1, retryAfter: 'seconds' } });
      await sim.state.addUser(sToken, { clientUserId: 'u1' });
      const headers = { authorization: `Bearer ${sToken}` };
      const first = await fetch(`${sim.url}/mdm/v2/assets`, { headers });
      const second = await fetch(`${sim.url}/mdm/v2/assets`, { headers });
      expect([first.status, second.status]).toEqual([200, 429]);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const third = await fetch(`${sim.url}/mdm/v2/assets`, { headers });
      expect(third.status).toBe(429);

      const hash = sim.tokenHash(sToken);
      expect(await sim.requests.count()).toBe(3);
      expect((await sim.requests.forToken(hash)).map((r) => r.status)).toEqual([200, 429, 429]);
      // The third request came 20 ms after the announced window opened: a violation, even with a 10 ms grace.
      expect(await sim.requests.violations(undefined, { graceMs: 10 })).toHaveLength(1);
      expect(
        (await sim.requests.throughput(hash, { windowMs: 60_000 })).map((w) => [w.served, w.throttled]),
      ).toEqual([[1, 2]]);
      expect((await sim.state.org(sToken))?.users.length).toBe(1);
      await expect(sim.state.assign(sToken, '778658393', { clientUserId: 'u1' })).resolves.toBe('assigned');
      await sim.requests.clear();
      expect(await sim.requests.count()).toBe(0);
    } finally {
      await sim.close();
    }
    await expect(fetch(`${sim.url}/mdm/v2/assets`)).rejects.toThrow();
  });

  it('sets capacity faults in the child, reports their anchors and the foreign client, and relays a bad one as an error', async () => {
    const sim = await api.startSimulatorProcess();
    try {
      const sToken = await sim.token();
      await sim.faults.setForToken(sToken, {
        capacitySchedule: [
          { atMs: 0, perSecond: 5 },
          { atMs: 60_000, perSecond: 15 },
        ],
        foreignLoad: { perSecond: 0.01 }, // one request now, the next in 100 s
      });
      const steps = (await sim.faults.effective(sim.tokenHash(sToken))).capacitySchedule || [];
      expect(steps.map((s) => s.startsAt - (steps[0]?.startsAt ?? 0))).toEqual([0, 60_000]);
      const snapshot = await sim.capacity(sToken);
      expect(snapshot).toMatchObject({ perSecond: 5, burst: 5, foreign: { sent: 1, served: 1, refused: 0 } });
      await expect(sim.faults.setForToken(sToken, { foreignLoad: { perSecond: 0 } })).rejects.toThrow(
        /faults\.foreignLoad\.perSecond must be a finite number above 0/,
      );
    } finally {
      await sim.close();
    }
  });

  it('rejects a start that cannot listen with a clear error', async () => {
    const first = await api.startSimulatorProcess();
    try {
      await expect(api.startSimulatorProcess({ port: first.port })).rejects.toThrow(/simulator process/);
    } finally {
      await first.close();
    }
  });
});
