// Apple's asynchronous failures, end to end against the local simulator: an assignment that runs out of licences,
// seen through the status endpoint (axios and got) and through a notification, decoded, counted once and traced.
// Run: pnpm build && node examples/async-events/index.mjs
import { createServer } from 'node:http';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { attachVppInterceptor, axiosStatusPoller } from '@vppwatch/axios-interceptor';
import { createEventOrigins, createNotificationHandler, createVppEngine, waitForEvent } from '@vppwatch/core';
import { gotStatusPoller, vppHooks } from '@vppwatch/got-hook';
import { startSimulator } from '@vppwatch/simulator';
import axios from 'axios';
import got from 'got';
import { Registry } from 'prom-client';

context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const exporter = new InMemorySpanExporter();
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const tracing = { tracerProvider };
const registry = new Registry();
const engine = createVppEngine({ metrics: { registry }, tracing });
const origins = createEventOrigins();

const sim = await startSimulator({ eventDelayMs: 200 });
const sToken = sim.token();
const notificationToken = 'example-notification-token';
const received = [];
let onNotification = () => {};
const receiver = createServer(
  createNotificationHandler({
    authToken: notificationToken,
    engine,
    origins,
    tracing,
    onEvent: (event) => {
      received.push(event);
      onNotification();
    },
  }),
);
await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const notificationUrl = `http://127.0.0.1:${receiver.address().port}/apple`;
const nextNotification = (match) =>
  new Promise((resolve) => {
    const check = () => {
      const found = received.find(match);
      if (found) resolve(found);
    };
    onNotification = check;
    check();
  });

try {
  const baseURL = `${sim.url}/mdm/v2/`;
  const client = axios.create({ baseURL, headers: { authorization: `Bearer ${sToken}` } });
  attachVppInterceptor(client, { engine });
  const gotClient = got.extend(
    { prefixUrl: baseURL, headers: { authorization: `Bearer ${sToken}` } },
    vppHooks({ engine }),
  );

  console.log('1. Register the notification URL (Apple sends TEST_NOTIFICATION first and needs a 2xx):');
  await client.post('client/config', { notificationUrl, notificationAuthToken: notificationToken });
  console.log(`   received: ${(await nextNotification((e) => e.type === 'TEST_NOTIFICATION')).type}`);

  console.log('2. Associate an app with 10 licences to 20 users:');
  const users = Array.from({ length: 20 }, (_, i) => `student-${i}`);
  for (const clientUserId of users) sim.state.addUser(sToken, { clientUserId });
  const eventId = await tracerProvider
    .getTracer('example')
    .startActiveSpan('assign licences', async (span) => {
      const { data } = await client.post('assets/associate', {
        assets: [{ adamId: '361309726', pricingParam: 'STDQ' }],
        clientUserIds: users,
      });
      origins.remember(data.eventId); // the span active now produced this eventId
      span.end();
      return data.eventId;
    });
  console.log('   Apple answered with an eventId; the work happens in the background.');

  console.log('3. Wait for the outcome on the status endpoint (production default: 30 s between polls):');
  const outcome = await waitForEvent({
    eventId,
    poll: axiosStatusPoller(client),
    intervalMs: 100,
    origins,
    tracing,
  });
  console.log(
    `   ${outcome.status} (${outcome.outcome}): ${outcome.numCompleted}/${outcome.numRequested} completed after ${outcome.polls} polls`,
  );
  for (const f of outcome.failures)
    console.log(
      `   ${f.code} [${f.retryClass}] ${f.message} -> ${f.entities?.clientUserIds?.length ?? 0} users`,
    );
  console.log(`   retryable: ${outcome.retryable}; resubmit: ${JSON.stringify(outcome.resubmit)}`);
  const viaGot = await waitForEvent({
    eventId,
    poll: gotStatusPoller(gotClient),
    intervalMs: 100,
    tracing: false,
  });
  console.log(`   the same through got: ${viaGot.status}, ${viaGot.failures.map((f) => f.code).join(', ')}`);

  console.log('4. The same failure arrives as a notification, then Apple redelivers it:');
  const failure = await nextNotification((e) => e.type === 'ASSET_MANAGEMENT' && e.result === 'FAILURE');
  console.log(
    `   ${failure.type} ${failure.action} ${failure.result}: ${failure.failures.map((f) => f.code)} for ${failure.assignments.length} assignments`,
  );
  await got.post(notificationUrl, {
    headers: { authorization: `Bearer ${notificationToken}` },
    json: {
      notification: failure.payload,
      notificationId: failure.notificationId,
      notificationType: failure.notificationType,
      uId: failure.uId,
    },
  });
  const again = await nextNotification((e) => e.duplicate);
  console.log(`   redelivery answered 2xx, duplicate: ${again.duplicate} (not counted again)`);
  const forged = await got.post(notificationUrl, {
    json: {},
    headers: { authorization: 'Bearer guess' },
    throwHttpErrors: false,
  });
  console.log(`   a notification with a wrong token: HTTP ${forged.statusCode}`);

  console.log(
    '5. Prometheus: the failure, counted once however many polls and deliveries reported it (source="event"):',
  );
  const errors = (await registry.getMetricsAsJSON()).find((m) => m.name === 'apple_vpp_api_errors_total');
  for (const s of errors?.values ?? [])
    if (s.labels.source === 'event') console.log('  ', JSON.stringify(s.labels), s.value);

  console.log('6. Traces: the outcome spans link back to the call that produced the eventId:');
  const spans = exporter.getFinishedSpans();
  const byId = new Map(spans.map((s) => [s.spanContext().spanId, s.name]));
  for (const s of spans.filter((x) => x.links.length > 0))
    console.log(`   ${s.name} -> link to "${byId.get(s.links[0].context.spanId)}"`);
} finally {
  await new Promise((resolve) => receiver.close(resolve));
  await sim.close();
}
