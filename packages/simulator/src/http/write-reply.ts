import type { ServerResponse } from 'node:http';
import type { Reply } from './reply.js';

/** Send a Reply. The Date header comes from the simulator's clock, so an injected clock stays consistent. */
export function writeReply(res: ServerResponse, reply: Reply, now: number): void {
  if (reply.reset) {
    res.socket?.destroy();
    return;
  }
  const headers: Record<string, string> = { date: new Date(now).toUTCString(), ...reply.headers };
  let body = '';
  if (reply.text) {
    headers['content-type'] = reply.text.contentType;
    body = reply.text.body;
  } else if (reply.json !== undefined) {
    headers['content-type'] = 'application/json;charset=UTF-8';
    body = JSON.stringify(reply.json);
  }
  headers['content-length'] = String(Buffer.byteLength(body));
  res.writeHead(reply.status, headers);
  res.end(body);
}
