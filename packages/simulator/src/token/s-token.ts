import { randomUUID } from 'node:crypto';
import { formatAppleDate } from '../util/apple-date.js';

/** What Apple packs into an sToken (base64 of this JSON). */
export interface STokenFields {
  readonly token: string;
  readonly expDate: string;
  readonly orgName: string;
}

export interface MakeSTokenOptions {
  /** @default 'Simulated Organization' */
  readonly orgName?: string;
  /** When the token expires. @default one year from now */
  readonly expDate?: Date | string | number;
  /** The opaque secret inside the token. @default a random UUID */
  readonly token?: string;
}

const YEAR_MS = 365 * 24 * 3600 * 1000;

/**
 * Build a well-formed sToken, shaped like the ones Apple Business/School Manager hands out.
 *
 * @example
 * const expired = makeSToken({ expDate: '2020-01-01T00:00:00+0000' });
 * await fetch(`${sim.url}/mdm/v2/assets`, { headers: { authorization: `Bearer ${expired}` } }); // 401, 9621
 */
export function makeSToken(options: MakeSTokenOptions = {}): string {
  const exp = options.expDate ?? Date.now() + YEAR_MS;
  const fields: STokenFields = {
    token: options.token ?? randomUUID(),
    expDate: typeof exp === 'string' ? exp : formatAppleDate(new Date(exp).getTime()),
    orgName: options.orgName ?? 'Simulated Organization',
  };
  return Buffer.from(JSON.stringify(fields)).toString('base64');
}

export type DecodedSToken =
  | { readonly ok: true; readonly fields: STokenFields; readonly expiresAt: number }
  | { readonly ok: false };

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** Decode an sToken the way a server would; anything that is not base64 JSON with a token and a date fails. */
export function decodeSToken(raw: string): DecodedSToken {
  if (!BASE64.test(raw)) return { ok: false };
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return { ok: false };
    const { token, expDate, orgName } = parsed as Record<string, unknown>;
    if (typeof token !== 'string' || token === '' || typeof expDate !== 'string') return { ok: false };
    const expiresAt = Date.parse(expDate);
    if (Number.isNaN(expiresAt)) return { ok: false };
    const name = typeof orgName === 'string' ? orgName : '';
    return { ok: true, fields: { token, expDate, orgName: name }, expiresAt };
  } catch {
    return { ok: false };
  }
}
