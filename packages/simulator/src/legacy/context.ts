import type { FaultConfig } from '../faults/types.js';
import type { Services } from '../http/call.js';
import type { Reply } from '../http/reply.js';
import type { OrgState } from '../state/types.js';
import { formatAppleDate } from '../util/apple-date.js';
import type { StormGuard } from './storm-guard.js';

export interface LegacyContext {
  readonly org: OrgState;
  readonly body: Record<string, unknown>;
  readonly rawBody: Buffer;
  readonly at: number;
  readonly faults: FaultConfig;
  readonly services: Services;
  readonly stormGuard: StormGuard;
}

export type LegacyHandler = (ctx: LegacyContext) => Reply;

const FIFTEEN_DAYS_MS = 15 * 24 * 3600 * 1000;

/** A legacy success: `status: 0`, plus Apple's expiry warning in the last 15 days of a token's life. */
export function legacyOk(ctx: LegacyContext, fields: Record<string, unknown>): Reply {
  const warn = ctx.org.expiresAt - ctx.at < FIFTEEN_DAYS_MS;
  return {
    status: 200,
    json: { ...fields, ...(warn ? { tokenExpDate: formatAppleDate(ctx.org.expiresAt) } : {}), status: 0 },
  };
}

/** Legacy accepts primitives as strings: `true`, `"true"`, `1`, `"1"`. */
export function flag(value: unknown): boolean {
  return value === true || value === 'true' || value === 1 || value === '1';
}

export function str(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

export const PRODUCT_TYPE = {
  App: { productTypeId: 8, productTypeName: 'Application' },
  Book: { productTypeId: 10, productTypeName: 'Publication' },
  Mac: { productTypeId: 7, productTypeName: 'Mac Software' },
} as const;
