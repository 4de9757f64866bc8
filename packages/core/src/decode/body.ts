/** What the decoder could make of a body before recognizing any format. */
export type BodyContent =
  | { readonly kind: 'empty' }
  | { readonly kind: 'truncated' }
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'text'; readonly text: string };

const decoder = new TextDecoder('utf-8', { fatal: false });

/**
 * Turns whatever the HTTP client handed over (parsed JSON, string, Buffer, Uint8Array, ArrayBuffer) into JSON or text,
 * refusing to parse anything larger than `maxBytes`.
 */
export function readBody(body: unknown, maxBytes: number): BodyContent {
  if (body === undefined || body === null) return { kind: 'empty' };
  if (typeof body === 'string') return readText(body, maxBytes);
  if (body instanceof ArrayBuffer) return readBytes(new Uint8Array(body), maxBytes);
  if (ArrayBuffer.isView(body)) {
    return readBytes(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), maxBytes);
  }
  // Parsed JSON (or a bare number/boolean an HTTP client already parsed): the recognizers decide.
  return { kind: 'json', value: body };
}

function readBytes(bytes: Uint8Array, maxBytes: number): BodyContent {
  if (bytes.byteLength > maxBytes) return { kind: 'truncated' };
  return readText(decoder.decode(bytes), maxBytes);
}

function readText(text: string, maxBytes: number): BodyContent {
  // A UTF-16 length over the limit is over it in UTF-8 too; only near the limit is the exact count needed.
  if (text.length > maxBytes) return { kind: 'truncated' };
  if (text.length * 3 > maxBytes && Buffer.byteLength(text, 'utf8') > maxBytes) return { kind: 'truncated' };
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  const first = trimmed[0];
  if (first === '{' || first === '[') {
    try {
      return { kind: 'json', value: JSON.parse(trimmed) as unknown };
    } catch {
      return { kind: 'text', text: trimmed };
    }
  }
  return { kind: 'text', text: trimmed };
}
