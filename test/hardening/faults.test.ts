import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module shared with the child process, without declarations
import { FAULT_CASES } from './fault-cases.mjs';

interface Outcome {
  readonly kind: 'resolved' | 'rejected';
  readonly complete?: boolean;
  readonly typed?: boolean;
  readonly code?: string;
  readonly reason?: string | null;
  readonly retryAtHours?: number | null;
  readonly serializable?: boolean;
  readonly terminalEvents: number;
}
interface Report {
  readonly results: { id: string; first: Outcome; next: Outcome; nextReachedServer: boolean }[];
  readonly unhandled: string[];
  readonly series: number;
}
type FaultCase = { id: string; expect: 'resolved' | { code: string; reason: string } };

const gotMajor = Number(process.versions.node.split('.')[0]) >= 22 ? 16 : 14;
const cwd = fileURLToPath(new URL('.', import.meta.url));

/**
 * Each adapter runs the whole fault list in its own process, on the built packages (as a user has them). The
 * child never calls process.exit: it has to end by itself once its server is closed, so a timer, socket or
 * promise left behind shows up as a child killed at the timeout.
 */
function runFaults(adapter: string): { report: Report | null; status: number | null; stderr: string } {
  const run = spawnSync(process.execPath, ['fault-run.mjs', adapter], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
  });
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  return {
    report: line.startsWith('{') ? (JSON.parse(line) as Report) : null,
    status: run.status,
    stderr: run.stderr,
  };
}

describe.each([
  ['axios', 'axios'],
  ['got', `got ${gotMajor}`],
])('faults through %s (%s)', (adapter) => {
  const { report, status, stderr } = runFaults(adapter);

  it('the process ends by itself, with no unhandled rejection', () => {
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(report?.unhandled).toEqual([]);
    expect(report?.results).toHaveLength(FAULT_CASES.length);
  });

  it.each((FAULT_CASES as FaultCase[]).map((c) => [c.id, c] as const))('%s', (id, fault) => {
    const result = report?.results.find((r) => r.id === id);
    expect(result).toBeDefined();
    if (result === undefined) return;
    const { first, next } = result;
    // Exactly one outcome: one settlement, one success or give-up in the engine.
    expect(first.terminalEvents).toBe(1);
    if (fault.expect === 'resolved') {
      expect(first).toMatchObject({ kind: 'resolved', complete: true });
    } else {
      expect(first).toMatchObject({ kind: 'rejected', typed: true, serializable: true, ...fault.expect });
      if (first.retryAtHours !== null && first.retryAtHours !== undefined)
        expect(first.retryAtHours).toBeLessThanOrEqual(24);
    }
    // The token is still usable: the next call reaches the server and gets the whole answer.
    expect(result.nextReachedServer).toBe(true);
    expect(next).toMatchObject({ kind: 'resolved', complete: true, terminalEvents: 1 });
  });
});
