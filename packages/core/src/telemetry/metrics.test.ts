import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { Transport } from '../engine/call/types.js';
import { createVppEngine } from '../engine/create-engine.js';

type Reply = { status: number; headers?: Record<string, string>; body?: unknown };
const instant = (reply: (i: number) => Reply): Transport<Reply> => {
  let i = 0;
  return { send: async () => reply(i++), read: (r) => r, readError: () => null };
};
const url = 'https://vpp.itunes.apple.com/mdm/v2/assets/associate';

async function seriesCount(registry: Registry): Promise<number> {
  const metrics = await registry.getMetricsAsJSON();
  return metrics.reduce((n, m) => n + (m.values as unknown[]).length, 0);
}

describe('Prometheus metrics', () => {
  it('counts logical calls, attempts, errors, retries and give-ups with closed-set labels', async () => {
    const registry = new Registry();
    const engine = createVppEngine({ metrics: { registry }, tracing: false, baseDelayMs: { throttled: 1 } });
    const script = instant((i) =>
      i === 0
        ? { status: 429, body: { errorNumber: 9646, errorMessage: 'busy' } }
        : { status: 200, body: {} },
    );
    await engine.execute({ method: 'POST', url, body: {} }, script);
    await engine
      .execute(
        { method: 'GET', url: 'https://vpp.itunes.apple.com/mdm/v2/assets' },
        instant(() => ({ status: 401, body: { errorNumber: 9621, errorMessage: 'expired' } })),
      )
      .catch(() => undefined);
    const text = await registry.metrics();
    expect(text).toContain('apple_vpp_requests_total{operation="assets_associate",outcome="success"} 1');
    expect(text).toContain(
      'apple_vpp_requests_total{operation="assets_get",outcome="error",retry_class="auth_fatal"} 1',
    );
    expect(text).toContain(
      'apple_vpp_attempts_total{operation="assets_associate",http_response_status_code="429",retry_class="throttled"} 1',
    );
    expect(text).toContain(
      'apple_vpp_api_errors_total{operation="assets_associate",error_number="9646",source="response",http_response_status_code="429",retry_class="throttled"} 1',
    );
    expect(text).toContain('apple_vpp_retries_total{operation="assets_associate",retry_class="throttled"} 1');
    expect(text).toContain('apple_vpp_retry_give_ups_total{operation="assets_get",reason="not_retryable"} 1');
    expect(text).toContain(
      'apple_vpp_retry_delay_seconds_count{operation="assets_associate",retry_class="throttled",delay_source="backoff"} 1',
    );
    expect(text).toContain('apple_vpp_requests_in_flight 0');
  });

  it('exports the earliest token expiry Apple announced, and a renewed token replaces its old date', async () => {
    const registry = new Registry();
    const engine = createVppEngine({ metrics: { registry }, tracing: false, rateLimit: false });
    const call = (token: string, expiry: string) =>
      engine.execute(
        { method: 'GET', url, headers: { authorization: `Bearer ${token}` } },
        instant(() => ({ status: 200, body: { tokenExpirationDate: expiry } })),
      );
    const gauge = async () =>
      (await registry.getSingleMetricAsString('apple_vpp_token_expiry_timestamp_seconds')).split('\n').at(-1);
    await call('token-a', '2030-01-01T00:00:00+0000');
    await call('token-b', '2031-01-01T00:00:00+0000');
    expect(await gauge()).toBe(`apple_vpp_token_expiry_timestamp_seconds ${Date.UTC(2030, 0, 1) / 1000}`);
    await call('token-a', '2032-01-01T00:00:00+0000');
    expect(await gauge()).toBe(`apple_vpp_token_expiry_timestamp_seconds ${Date.UTC(2031, 0, 1) / 1000}`);
    expect(await registry.metrics()).not.toContain('token-a');
  });

  it('two engines on one registry share the metrics instead of colliding', async () => {
    const registry = new Registry();
    const a = createVppEngine({ metrics: { registry }, tracing: false });
    const b = createVppEngine({ metrics: { registry }, tracing: false });
    await a.execute(
      { method: 'GET', url },
      instant(() => ({ status: 200, body: {} })),
    );
    await b.execute(
      { method: 'GET', url },
      instant(() => ({ status: 200, body: {} })),
    );
    expect(await registry.metrics()).toContain(
      'apple_vpp_requests_total{operation="assets_associate",outcome="success"} 2',
    );
  });

  it('10,000 distinct unknown error numbers and paths yield a bounded number of series', async () => {
    const registry = new Registry();
    const engine = createVppEngine({ metrics: { registry }, tracing: false, rateLimit: false });
    const run = (code: number, path: string) =>
      engine
        .execute(
          { method: 'POST', url: `https://vpp.itunes.apple.com/mdm/v2/${path}` },
          instant(() => ({
            status: 400,
            body: { errorNumber: code, errorMessage: `user ${code}@example.com` },
          })),
        )
        .catch(() => undefined);
    await run(10_000_001, 'assets/associate');
    const baseline = await seriesCount(registry);
    for (let i = 0; i < 10_000; i++)
      await run(20_000_000 + i, i % 2 === 0 ? `users/${i}` : 'assets/associate');
    const after = await seriesCount(registry);
    expect(after - baseline).toBeLessThanOrEqual(30); // one extra operation ('other') worth of series, not 10,000
    const text = await registry.metrics();
    expect(text).not.toMatch(/error_number="\d{8}"/);
    expect(text).not.toMatch(/users\/\d/);
    expect(text).toContain('error_number="other"');
  });

  it('records failures from other sources (notifications) with the same metric', async () => {
    const registry = new Registry();
    const engine = createVppEngine({ metrics: { registry }, tracing: false });
    engine.recordFailures(
      {
        outcome: 'failure',
        format: 'notification',
        failures: [
          {
            code: 9709,
            known: true,
            message: 'm',
            serverMessage: 's',
            retryClass: 'state',
            httpStatus: null,
            source: 'event',
          },
        ],
        retryClass: 'state',
        retryAfterMs: null,
        tokenExpiresAt: null,
        httpStatus: null,
      },
      { operation: 'assets_associate' },
    );
    expect(await registry.metrics()).toContain(
      'apple_vpp_api_errors_total{operation="assets_associate",error_number="9709",source="event",retry_class="state"} 1',
    );
  });

  it("counts a FAILED event's failures once per registry: polls, waiters and notifications alike", async () => {
    const registry = new Registry();
    const pollers = [1, 2].map(() => createVppEngine({ metrics: { registry }, tracing: false }));
    const status = {
      eventStatus: 'FAILED',
      eventType: 'ASSOCIATE',
      numCompleted: 10,
      numRequested: 20,
      failures: [
        { errorNumber: 9709, errorMessage: 'not enough', errorInfo: { clientUserIds: ['u-1'] } },
        { errorNumber: 9609, errorMessage: 'no user', errorInfo: { clientUserIds: ['u-2'] } },
      ],
    };
    const poll = (engine: (typeof pollers)[number], query: string, eventId?: string) =>
      engine.execute(
        { method: 'GET', url: `https://vpp.itunes.apple.com/mdm/v2/status${query}`, eventId },
        instant(() => ({ status: 200, body: status })),
      );
    await poll(pollers[0]!, '?eventId=ev%2D1');
    await poll(pollers[1]!, '?eventId=ev-1'); // another engine, the same registry
    await poll(pollers[1]!, '', 'ev-1'); // eventId given apart from the URL (axios params)
    await poll(pollers[0]!, '?eventId=ev-2'); // another event: counted
    await poll(pollers[0]!, ''); // no eventId known: counted, nothing to match it with
    const text = await registry.metrics();
    for (const code of [9709, 9609])
      expect(text).toContain(
        `apple_vpp_api_errors_total{operation="assets_associate",error_number="${code}",source="event",retry_class="state"} 3`,
      );
    expect(text).not.toMatch(/apple_vpp_api_errors_total\{operation="status_get"/);
  });
});
