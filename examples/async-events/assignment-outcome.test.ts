import { trace } from '@opentelemetry/api';
import { waitForEvent } from '@vppwatch/core';
import got from 'got';
import { describe, expect, it } from 'vitest';
import { APP, type ClientKind, errorCount, NOTIFICATION_TOKEN, setup, useRealOtel } from './support.js';

useRealOtel();

const USERS = Array.from({ length: 20 }, (_, i) => `student-${String(i).padStart(2, '0')}`);

describe.each<ClientKind>(['axios', 'got'])('20 users on 10 licences, through %s', (kind) => {
  it('ends FAILED/partial with 9709 in the status and in one counted notification, linked to its call', async () => {
    const { sim, sToken, registry, exporter, tracerProvider, tracing, origins, events, receiver, apple } =
      await setup(kind);
    for (const clientUserId of USERS) sim.state.addUser(sToken, { clientUserId });

    await apple.post('client/config', {
      notificationUrl: receiver.url,
      notificationAuthToken: NOTIFICATION_TOKEN,
    });
    expect((await events.next((e) => e.type === 'TEST_NOTIFICATION')).duplicate).toBe(false);

    const tracer = tracerProvider.getTracer('school-sync');
    const { eventId, spanContext } = await tracer.startActiveSpan('assign licences', async (span) => {
      const answer = await apple.post('assets/associate', { assets: [APP], clientUserIds: USERS });
      origins.remember(String(answer.eventId)); // the active span: the one that made the call
      span.end();
      return { eventId: String(answer.eventId), spanContext: span.spanContext() };
    });

    const outcome = await waitForEvent({ eventId, poll: apple.poll, intervalMs: 20, origins, tracing });
    expect(outcome).toMatchObject({
      status: 'FAILED',
      outcome: 'partial',
      eventType: 'ASSOCIATE',
      operation: 'assets_associate',
      numCompleted: 10,
      numRequested: 20,
      retryable: false,
      resubmit: null,
    });
    expect(outcome.failures).toHaveLength(1);
    expect(outcome.failures[0]).toMatchObject({ code: 9709, retryClass: 'state', source: 'event' });
    expect(outcome.failures[0]?.entities?.clientUserIds).toEqual(USERS.slice(10));

    const notified = await events.next((e) => e.type === 'ASSET_MANAGEMENT' && e.result === 'FAILURE');
    if (notified.type !== 'ASSET_MANAGEMENT') throw new Error('narrowing');
    expect(notified).toMatchObject({ eventId, action: 'ASSOCIATE', duplicate: false });
    expect(notified.failures.map((f) => f.code)).toEqual([9709]);
    expect(notified.assignments.map((a) => a.clientUserId)).toEqual(USERS.slice(10));
    // The waiter's status poll and the notification both saw the failure: it happened once, it counts once,
    // next to the call that caused it.
    const ofTheEvent = { error_number: '9709', source: 'event', operation: 'assets_associate' };
    expect(await errorCount(registry, ofTheEvent)).toBe(1);
    expect(await errorCount(registry, { error_number: '9709' })).toBe(1);

    // Apple redelivers (up to 3 times): same notificationId, answered 2xx, not counted again.
    const redelivery = await got.post(receiver.url, {
      headers: { authorization: `Bearer ${NOTIFICATION_TOKEN}` },
      json: {
        notification: notified.payload,
        notificationId: notified.notificationId,
        notificationType: notified.notificationType,
        uId: notified.uId,
      },
    });
    expect(redelivery.statusCode).toBe(200);
    const duplicate = await events.next((e) => e.duplicate);
    expect(duplicate.notificationId).toBe(notified.notificationId);
    expect(await errorCount(registry, { error_number: '9709' })).toBe(1);
    // Polling the finished event again (a user's own check) does not count it again either.
    await apple.poll(eventId, new AbortController().signal);
    expect(await errorCount(registry, { error_number: '9709' })).toBe(1);

    const spans = exporter.getFinishedSpans();
    const call = spans.find((s) => s.name === 'apple_vpp assets_associate');
    expect(call?.parentSpanContext?.spanId).toBe(spanContext.spanId);
    const wait = spans.find((s) => s.name === 'apple_vpp event_wait');
    expect(wait?.links.map((l) => l.context.spanId)).toEqual([spanContext.spanId]);
    expect(wait?.attributes).toMatchObject({
      'apple_vpp.event.status': 'FAILED',
      'apple_vpp.error.number': 9709,
    });
    const notice = spans.find(
      (s) => s.name === 'apple_vpp notification' && s.attributes['apple_vpp.error.number'] === 9709,
    );
    expect(notice?.links.map((l) => l.context.traceId)).toEqual([spanContext.traceId]);
    expect(trace.getActiveSpan()).toBeUndefined();

    const telemetryText =
      JSON.stringify(spans.map((s) => [s.attributes, s.events])) + (await registry.metrics());
    for (const secret of [NOTIFICATION_TOKEN, sToken, USERS[15] as string])
      expect(telemetryText).not.toContain(secret);
  });
});
