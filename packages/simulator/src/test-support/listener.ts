import { createServer, type Server } from 'node:http';
import { afterEach } from 'vitest';

export interface Received {
  readonly authorization: string | undefined;
  readonly body: {
    notification: Record<string, unknown>;
    notificationId: string;
    notificationType: string;
    uId: string;
  };
}

export interface Listener {
  readonly url: string;
  readonly received: Received[];
  /** Resolves with the first notification matching `predicate` (waiting for it if needed). */
  waitFor(predicate: (r: Received) => boolean): Promise<Received>;
}

const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A real notification endpoint on 127.0.0.1 that only accepts `Authorization: Bearer <authToken>`. */
export async function notificationListener(authToken: string, status = 200): Promise<Listener> {
  const received: Received[] = [];
  const waiters: { predicate: (r: Received) => boolean; resolve: (r: Received) => void }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.headers.authorization !== `Bearer ${authToken}`) {
        res.writeHead(401).end();
        return;
      }
      const entry: Received = {
        authorization: req.headers.authorization,
        body: JSON.parse(Buffer.concat(chunks).toString()),
      };
      received.push(entry);
      for (const w of [...waiters]) {
        if (w.predicate(entry)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(entry);
        }
      }
      res.writeHead(status).end();
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    waitFor: (predicate) => {
      const found = received.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => waiters.push({ predicate, resolve }));
    },
  };
}
