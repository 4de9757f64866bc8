import type { IncomingMessage } from 'node:http';

type Json = Readonly<Record<string, unknown>>;

/** What reading a notification request gave. */
export type EnvelopeResult =
  | { readonly kind: 'ok'; readonly envelope: Json }
  | { readonly kind: 'too_large' }
  | { readonly kind: 'bad_json' }
  | { readonly kind: 'broken' }
  | { readonly kind: 'timeout' };

/**
 * The notification envelope: from a body a framework already parsed (Express `req.body`, Fastify's `request.body`)
 * or from the request stream, never buffering more than `maxBytes` nor waiting more than `timeoutMs` for the end.
 */
export function readEnvelope(
  req: IncomingMessage,
  maxBytes: number,
  preParsed: unknown,
  timeoutMs: number,
): Promise<EnvelopeResult> {
  if (preParsed !== undefined && preParsed !== null) return Promise.resolve(fromValue(preParsed, maxBytes));
  // A framework consumed the stream without leaving a parsed body: nothing left to read.
  if (req.readableEnded) return Promise.resolve({ kind: 'bad_json' });
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve({ kind: 'too_large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    // A sender that trickles (or stops) holds a socket until Node's 300 s requestTimeout otherwise.
    const timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
    const finish = (result: EnvelopeResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(result);
    };
    req.on('data', (chunk: Buffer | string) => {
      if (done) return; // past the limit: keep draining, drop the bytes
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += bytes.byteLength;
      if (size > maxBytes) finish({ kind: 'too_large' });
      else chunks.push(bytes);
    });
    req.on('end', () => finish(parse(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', () => finish({ kind: 'broken' }));
    req.on('close', () => finish({ kind: 'broken' }));
  });
}

function fromValue(value: unknown, maxBytes: number): EnvelopeResult {
  if (typeof value === 'string' || Buffer.isBuffer(value)) {
    const bytes = typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : value.byteLength;
    return bytes > maxBytes ? { kind: 'too_large' } : parse(value.toString('utf8'));
  }
  return asEnvelope(value);
}

function parse(text: string): EnvelopeResult {
  try {
    return asEnvelope(JSON.parse(text) as unknown);
  } catch {
    return { kind: 'bad_json' };
  }
}

function asEnvelope(value: unknown): EnvelopeResult {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? { kind: 'ok', envelope: value as Json }
    : { kind: 'bad_json' };
}
