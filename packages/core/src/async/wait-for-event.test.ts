import { describe, expect, it } from 'vitest';
import { isVppError, VppError } from '../errors/vpp-error.js';
import { errorCount, listen, telemetry, useContextManager } from '../test-support/async-harness.js';
import { createEventOrigins } from './event-origins.js';
import { waitForEvent } from './wait-for-event.js';

useContextManager();

const FAILED = {
  eventStatus: 'FAILED',
  eventType: 'ASSOCIATE',
  failures: [
    { errorNumber: 9709, errorMessage: 'x', errorInfo: { clientUserIds: ['u-8', 'u-9'] } },
    { errorNumber: 9603, errorMessage: 'y', errorInfo: { clientUserIds: ['u-7'], serialNumbers: ['SER-1'] } },
  ],
  numCompleted: 7,
  numRequested: 10,
};

/** A status endpoint answering the given bodies in turn (the last one forever); counts requests. */
async function statusServer(answers: readonly { status?: number; body: unknown }[]) {
  const seen: string[] = [];
  const url = await listen((req, res) => {
    seen.push(new URL(req.url ?? '/', 'http://x').searchParams.get('eventId') ?? '');
    const answer = answers[Math.min(seen.length - 1, answers.length - 1)];
    res.writeHead(answer?.status ?? 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer?.body));
  });
  const poll = async (eventId: string, signal: AbortSignal) => {
    const res = await fetch(`${url}/status?eventId=${encodeURIComponent(eventId)}`, { signal });
    return res.json() as Promise<unknown>;
  };
  return { seen, poll };
}

const pending = {
  body: { eventStatus: 'PENDING', eventType: 'ASSOCIATE', numCompleted: 0, numRequested: 10 },
};

function timers(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
}

describe('waitForEvent', () => {
  it('polls while PENDING and decodes a partial failure, with what to resubmit', async () => {
    const { seen, poll } = await statusServer([pending, pending, { body: FAILED }]);
    const { engine, registry } = telemetry();
    const outcome = await waitForEvent({ eventId: 'ev-1', poll, intervalMs: 1, engine, tracing: false });
    expect(seen).toEqual(['ev-1', 'ev-1', 'ev-1']);
    expect(outcome).toMatchObject({
      eventId: 'ev-1',
      status: 'FAILED',
      outcome: 'partial',
      eventType: 'ASSOCIATE',
      operation: 'assets_associate',
      numCompleted: 7,
      numRequested: 10,
      polls: 3,
      retryable: true,
      resubmit: { clientUserIds: ['u-7'], serialNumbers: ['SER-1'], assets: [] },
    });
    expect(outcome.failures.map((f) => [f.code, f.retryClass, f.source])).toEqual([
      [9709, 'state', 'event'],
      [9603, 'transient', 'event'],
    ]);
    expect(outcome.failures[0]?.entities?.clientUserIds).toEqual(['u-8', 'u-9']);
    expect(
      await errorCount(registry, { error_number: '9709', source: 'event', operation: 'assets_associate' }),
    ).toBe(1);
  });

  it('resolves a COMPLETE event as a success without resubmission', async () => {
    const { poll } = await statusServer([
      { body: { eventStatus: 'COMPLETE', eventType: 'CREATE', numCompleted: 2, numRequested: 2 } },
    ]);
    const outcome = await waitForEvent({ eventId: 'ev-2', poll, tracing: false });
    expect(outcome).toMatchObject({
      status: 'COMPLETE',
      outcome: 'success',
      operation: 'users_create',
      failures: [],
      retryable: false,
      resubmit: null,
      polls: 1,
    });
  });

  it('gives up at the deadline with a typed error and leaves no timer', async () => {
    const { poll } = await statusServer([pending]);
    const before = timers();
    const error = await waitForEvent({
      eventId: 'ev-3',
      poll,
      intervalMs: 5,
      deadlineMs: 40,
      tracing: false,
    }).catch((e: unknown) => e);
    expect(isVppError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'ERR_VPP_DEADLINE', reason: 'deadline' });
    // Unrelated timers may end meanwhile; a leaked one would push the count above where it started.
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it('stops at once when aborted, the in-flight poll included', async () => {
    const controller = new AbortController();
    let polls = 0;
    const poll = (_id: string, signal: AbortSignal) =>
      new Promise<unknown>((_resolve, reject) => {
        polls += 1;
        signal.addEventListener('abort', () => reject(signal.reason));
        controller.abort(new Error('caller gave up'));
      });
    const before = timers();
    await expect(
      waitForEvent({ eventId: 'ev-4', poll, signal: controller.signal, tracing: false }),
    ).rejects.toThrow('caller gave up');
    expect(polls).toBe(1);
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it('polls again after a retryable error and stops on a fatal one', async () => {
    const { poll } = await statusServer([pending, { body: FAILED }]);
    let calls = 0;
    const flaky = async (id: string, signal: AbortSignal) => {
      calls += 1;
      if (calls === 1) throw new VppError({ code: 'ERR_VPP_NETWORK', message: 'network' });
      return poll(id, signal);
    };
    expect((await waitForEvent({ eventId: 'ev-5', poll: flaky, intervalMs: 1, tracing: false })).status).toBe(
      'FAILED',
    );
    expect(calls).toBe(3);

    const { poll: notFound } = await statusServer([
      { body: { errorNumber: 9708, errorMessage: 'Unable to find eventId.' } },
    ]);
    await expect(waitForEvent({ eventId: 'ev-6', poll: notFound, tracing: false })).rejects.toMatchObject({
      code: 'ERR_VPP_API',
      errorNumber: 9708,
    });
  });

  it('links its span to the producing span remembered for the eventId', async () => {
    const { exporter, tracerProvider } = telemetry();
    const origins = createEventOrigins();
    const producer = tracerProvider.getTracer('test').startSpan('assets/associate');
    expect(origins.remember('ev-7', producer.spanContext())).toBe(true);
    producer.end();
    const { poll } = await statusServer([{ body: FAILED }]);
    await waitForEvent({ eventId: 'ev-7', poll, origins, tracing: { tracerProvider } });
    const span = exporter.getFinishedSpans().find((s) => s.name === 'apple_vpp event_wait');
    expect(span?.links.map((l) => l.context.spanId)).toEqual([producer.spanContext().spanId]);
    expect(span?.attributes).toMatchObject({
      'apple_vpp.event.id': 'ev-7',
      'apple_vpp.event.status': 'FAILED',
      'apple_vpp.error.number': 9709,
    });
    expect(span?.status.code).toBe(2);
    expect(JSON.stringify(span?.attributes)).not.toMatch(/u-7|u-8|SER-1/);
  });

  it('rejects bad options', async () => {
    const poll = async () => ({});
    await expect(waitForEvent({ eventId: '', poll })).rejects.toMatchObject({
      code: 'ERR_VPP_INVALID_ARGUMENT',
    });
    await expect(waitForEvent({ eventId: 'e', poll, backoffFactor: 0.5 })).rejects.toThrow(/backoffFactor/);
  });
});
