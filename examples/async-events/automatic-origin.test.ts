import { waitForEvent } from '@vppwatch/core';
import { describe, expect, it } from 'vitest';
import { BIG_APP, type ClientKind, NOTIFICATION_TOKEN, setup, useRealOtel } from './support.js';

useRealOtel();

describe.each<ClientKind>(['axios', 'got'])(
  'the outcome links to its call with no code of the user (%s)',
  (kind) => {
    it('an engine given `origins` remembers the call span under the eventId Apple answered', async () => {
      const { sim, sToken, exporter, tracing, origins, events, receiver, apple } = await setup(kind);
      const users = ['pupil-1', 'pupil-2', 'pupil-3'];
      for (const clientUserId of users) sim.state.addUser(sToken, { clientUserId });
      await apple.post('client/config', {
        notificationUrl: receiver.url,
        notificationAuthToken: NOTIFICATION_TOKEN,
      });

      // No active span of the user's and no origins.remember: the engine's own span is the origin.
      const answer = await apple.post('assets/associate', { assets: [BIG_APP], clientUserIds: users });
      const eventId = String(answer.eventId);
      const outcome = await waitForEvent({ eventId, poll: apple.poll, intervalMs: 20, origins, tracing });
      expect(outcome).toMatchObject({ status: 'COMPLETE', failures: [] });
      await events.next((e) => e.type === 'ASSET_MANAGEMENT' && 'eventId' in e && e.eventId === eventId);

      const spans = exporter.getFinishedSpans();
      const call = spans.find((s) => s.name === 'apple_vpp assets_associate');
      expect(call).toBeDefined();
      const wait = spans.find((s) => s.name === 'apple_vpp event_wait');
      expect(wait?.links.map((l) => l.context.spanId)).toEqual([call?.spanContext().spanId]);
      const notice = spans.find(
        (s) => s.name === 'apple_vpp notification' && s.attributes['apple_vpp.event.id'] === eventId,
      );
      expect(notice?.links.map((l) => l.context.spanId)).toEqual([call?.spanContext().spanId]);
      // Calls that start no event (the config update, the status polls) are not remembered.
      expect(origins.get(eventId)?.spanId).toBe(call?.spanContext().spanId);
    });
  },
);
