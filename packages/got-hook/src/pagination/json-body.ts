const utf8 = new TextDecoder();

/** A response body as a JSON object, whatever `responseType` the request used; `{}` when it is not one. */
export function jsonBody(body: unknown): Record<string, unknown> {
  let value: unknown = body;
  if (value instanceof Uint8Array) value = utf8.decode(value);
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return {};
    }
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** The array under `key`, or an empty one. */
export function itemsOf<T>(body: Record<string, unknown>, key: string): T[] {
  const items = body[key];
  return Array.isArray(items) ? (items as T[]) : [];
}
