import type { IncomingMessage } from 'node:http';

const MAX_BODY = 1024 * 1024;

/** Read the whole request body (capped, so a runaway client cannot exhaust memory). */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export type JsonResult =
  | { readonly ok: true; readonly value: Record<string, unknown> }
  | { readonly ok: false };

/** Parse a JSON object body; an empty body is an empty object. */
export function parseJsonObject(body: Buffer): JsonResult {
  if (body.length === 0) return { ok: true, value: {} };
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false };
    return { ok: true, value: value as Record<string, unknown> };
  } catch {
    return { ok: false };
  }
}
