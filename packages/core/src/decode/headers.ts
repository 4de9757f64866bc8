import { asText } from './fields.js';

type HeaderBag = Readonly<Record<string, unknown>> | Headers | null | undefined;

/** First value of a header, matched case-insensitively; arrays (Node's set-cookie style) give their first item. */
export function getHeader(headers: HeaderBag, name: string): string | null {
  if (typeof headers !== 'object' || headers === null) return null;
  try {
    if (typeof Headers !== 'undefined' && headers instanceof Headers) return headers.get(name);
    const wanted = name.toLowerCase();
    for (const key of Object.keys(headers)) {
      if (key.length !== wanted.length || key.toLowerCase() !== wanted) continue;
      const value = (headers as Record<string, unknown>)[key];
      return asText(Array.isArray(value) ? value[0] : value);
    }
  } catch {
    // A hostile headers object (Proxy, throwing getter) reads as "no header".
  }
  return null;
}
