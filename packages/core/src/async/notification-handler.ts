import type { IncomingMessage, ServerResponse } from 'node:http';
import { RecentKeys } from '../shared/recent-keys.js';
import { bearerMatches, tokenDigest } from './bearer-check.js';
import { deliverNotification } from './deliver-notification.js';
import { type NotificationHandlerOptions, normalizeHandlerOptions } from './notification-options.js';
import { readEnvelope } from './read-envelope.js';

/**
 * A Node request handler; `body` is an already-parsed body when a framework read the stream first (Express's
 * `next`, passed third, is ignored; its `req.body` is read instead).
 */
export type NotificationRequestHandler = (req: IncomingMessage, res: ServerResponse, body?: unknown) => void;

/**
 * Receives Apple's notifications (POSTed to your `notificationUrl`): checks the bearer token in constant time,
 * limits the body, answers 2xx at once (TEST_NOTIFICATION included), then decodes the notification, counts its
 * failures like synchronous ones and hands a typed event to `onEvent`. Redeliveries of a `notificationId` are
 * answered 2xx, not counted again, and flagged `duplicate: true`. Nothing is ever logged.
 *
 * Answers: 200 accepted, 401 wrong or missing token, 405 not POST, 413 body too large, 408 body not complete
 * within `bodyTimeoutMs`, 400 not a JSON object. After a 401, 408 or 413 the connection is closed.
 *
 * @example
 * ```ts
 * const handler = createNotificationHandler({
 *   authToken: process.env.APPLE_NOTIFICATION_TOKEN,
 *   engine, // counts failures in apple_vpp_api_errors_total{source="event"}
 *   onEvent: async (event) => {
 *     if (event.type === 'ASSET_MANAGEMENT' && event.result === 'FAILURE' && !event.duplicate) await alert(event);
 *   },
 * });
 * http.createServer(handler).listen(8443); // Express: app.post('/apple', handler)
 * // Fastify: fastify.post('/apple', (req, reply) => { reply.hijack(); handler(req.raw, reply.raw, req.body); });
 * ```
 */
export function createNotificationHandler(options: NotificationHandlerOptions): NotificationRequestHandler {
  const settings = normalizeHandlerOptions(options);
  const expected = tokenDigest(settings.authToken);
  const seen = new RecentKeys<true>(settings.dedupeSize);

  async function respond(req: IncomingMessage, res: ServerResponse, body: unknown): Promise<void> {
    if (req.method !== 'POST') return reject(req, res, 405, { allow: 'POST' });
    if (!bearerMatches(req.headers.authorization, expected))
      return reject(req, res, 401, { 'www-authenticate': 'Bearer', connection: 'close' });
    // Express calls a handler with `next` third: a function is never a body.
    const given = typeof body === 'function' ? undefined : body;
    const preParsed = given !== undefined ? given : (req as { body?: unknown }).body;
    const read = await readEnvelope(req, settings.maxBodyBytes, preParsed, settings.bodyTimeoutMs);
    if (read.kind === 'too_large') return reject(req, res, 413, { connection: 'close' });
    if (read.kind === 'timeout') return reject(req, res, 408, { connection: 'close' });
    if (read.kind !== 'ok') return reject(req, res, 400, {});
    const id = read.envelope.notificationId;
    const key = typeof id === 'string' || typeof id === 'number' ? String(id) : null;
    const duplicate = key !== null && seen.has(key);
    if (key !== null) seen.set(key, true);
    answer(res, 200, {});
    // After the answer: Apple's delivery never waits for (or fails because of) the work below.
    setImmediate(() => deliverNotification(read.envelope, duplicate, settings));
  }

  return (req, res, body) => {
    respond(req, res, body).catch(() => {
      if (!res.headersSent) answer(res, 500, {});
    });
  };
}

function reject(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
): void {
  req.resume(); // drain what the client still sends; nothing is buffered
  answer(res, status, headers);
}

function answer(res: ServerResponse, status: number, headers: Record<string, string>): void {
  if (res.headersSent || res.writableEnded) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(status < 300 ? '{"ok":true}' : `{"status":${status}}`);
}
