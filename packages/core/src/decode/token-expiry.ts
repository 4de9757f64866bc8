import { asFiniteNumber, prop } from './fields.js';

/** Epoch ms of the token expiry a response announces (v2 `tokenExpirationDate`, legacy `tokenExpDate` / `expirationMillis`). */
export function readTokenExpiry(body: unknown): number | null {
  for (const key of ['tokenExpirationDate', 'tokenExpDate']) {
    const value = prop(body, key);
    if (typeof value === 'string' && value.length < 100) {
      const ms = Date.parse(value);
      if (Number.isFinite(ms)) return ms;
    }
  }
  return asFiniteNumber(prop(body, 'expirationMillis'));
}
