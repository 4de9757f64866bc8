import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer. `hang` never answers (timeouts, aborts); `reset` destroys the socket without answering. */
export interface ScriptedReply {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** An object is sent as JSON; a string as is (an HTML error page, say). */
  readonly body?: unknown;
  readonly hang?: boolean;
  readonly reset?: boolean;
  /** Answer after this long. */
  readonly delayMs?: number;
  /**
   * Sends the status, the headers (with the whole body's `content-length`) and only this many bytes of the body,
   * then resets the connection: a body lost in the middle.
   */
  readonly resetAfterBytes?: number;
}

/** What the server received, in arrival order: the server-side truth a test compares against. */
export interface ScriptedRequest {
  /** Epoch ms, fractional, at arrival. */
  readonly at: number;
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface ScriptedServer {
  readonly url: string;
  readonly requests: readonly ScriptedRequest[];
  close(): Promise<void>;
}

export type Script = readonly ScriptedReply[] | ((request: ScriptedRequest, index: number) => ScriptedReply);

/** Writes part of the body, then resets the socket once the client has had time to read the headers. */
function resetMidBody(res: ServerResponse, body: string, bytes: number): void {
  const whole = Buffer.from(body);
  res.write(whole.subarray(0, Math.max(0, Math.min(bytes, whole.byteLength - 1))), () => {
    // A reset drops what the kernel has not sent yet: give loopback a moment to deliver the head first.
    setTimeout(() => res.socket?.resetAndDestroy(), 20).unref();
  });
}

/**
 * A loopback server that answers each request with the next scripted reply (the last one repeats), or with what
 * a function computes. For tests that need exact answers in an exact order, where the simulator's model of
 * Apple would be in the way.
 *
 * @example
 * const server = await startScriptedServer([
 *   { status: 429, headers: { 'retry-after': '1' }, body: { errorNumber: 9646, errorMessage: 'busy' } },
 *   { status: 200, body: { assets: [] } },
 * ]);
 * // … call server.url; then inspect server.requests …
 * await server.close();
 */
export async function startScriptedServer(
  script: Script,
  onRequest?: (request: ScriptedRequest) => void,
): Promise<ScriptedServer> {
  const requests: ScriptedRequest[] = [];
  const hung = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const seen: ScriptedRequest = {
        at: performance.timeOrigin + performance.now(),
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const index = requests.length;
      requests.push(seen);
      onRequest?.(seen);
      const reply =
        typeof script === 'function'
          ? script(seen, index)
          : (script[index] ?? script[script.length - 1] ?? {});
      const send = () => {
        if (reply.reset) {
          req.socket.destroy();
          return;
        }
        if (reply.hang) {
          hung.add(res);
          return;
        }
        const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
        const length = Buffer.byteLength(body);
        res.writeHead(reply.status ?? 200, {
          'content-type': 'application/json',
          'content-length': String(length),
          ...reply.headers,
        });
        if (reply.resetAfterBytes === undefined) res.end(body);
        else resetMidBody(res, body, reply.resetAfterBytes);
      };
      if (reply.delayMs === undefined) send();
      else setTimeout(send, reply.delayMs).unref();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hung) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
