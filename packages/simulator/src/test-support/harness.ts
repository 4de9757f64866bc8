import { afterEach } from 'vitest';
import type { SimulatorOptions } from '../options.js';
import { startSimulator } from '../server.js';
import type { Simulator } from '../simulator.js';

const running: Simulator[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.close()));
});

/** Start a simulator that is closed after the current test. */
export async function simulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await startSimulator({ eventDelayMs: 10, ...options });
  running.push(sim);
  return sim;
}

export interface CallResult {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

async function asResult(response: Response): Promise<CallResult> {
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
  } catch {
    body = { text };
  }
  return { status: response.status, headers: response.headers, body };
}

/** Call a v2 endpoint with `Authorization: Bearer <token>` (GET without body, POST with JSON). */
export async function v2(
  sim: Simulator,
  path: string,
  init: { token?: string; method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<CallResult> {
  const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = {
    ...(init.token !== undefined ? { authorization: `Bearer ${init.token}` } : {}),
    ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...init.headers,
  };
  const body =
    init.body === undefined
      ? undefined
      : typeof init.body === 'string'
        ? init.body
        : JSON.stringify(init.body);
  return asResult(
    await fetch(`${sim.url}/mdm/v2/${path}`, { method, headers, ...(body !== undefined ? { body } : {}) }),
  );
}

/** Call a legacy service: POST JSON to /mdm/<service>. */
export async function legacy(sim: Simulator, service: string, body: unknown): Promise<CallResult> {
  return asResult(
    await fetch(`${sim.url}/mdm/${service}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

/** Poll v2 status until the event leaves PENDING. */
export async function settled(
  sim: Simulator,
  token: string,
  eventId: string,
): Promise<Record<string, unknown>> {
  for (let i = 0; i < 200; i++) {
    const res = await v2(sim, `status?eventId=${eventId}`, { token });
    if (res.body.eventStatus !== 'PENDING') return res.body;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`event ${eventId} stayed PENDING`);
}
