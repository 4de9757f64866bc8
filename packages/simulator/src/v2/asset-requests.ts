import { type Reply, v2Error } from '../http/reply.js';
import { hasDuplicates, isStringArray } from './common.js';
import { V2_LIMITS } from './limits.js';

export interface AssetRef {
  readonly adamId: string;
  readonly pricingParam: string;
}

export interface AssetRequest {
  readonly assets: readonly AssetRef[];
  readonly clientUserIds: readonly string[];
  readonly serialNumbers: readonly string[];
}

function holders(body: Record<string, unknown>): { clientUserIds: string[]; serialNumbers: string[] } | null {
  const { clientUserIds = [], serialNumbers = [] } = body;
  if (!isStringArray(clientUserIds) || !isStringArray(serialNumbers)) return null;
  return { clientUserIds, serialNumbers };
}

/** Validate associate/disassociate bodies in Apple's order: presence, limits, duplicates. */
export function parseAssetRequest(body: Record<string, unknown>): AssetRequest | Reply {
  const raw = body.assets;
  if (raw === undefined || (Array.isArray(raw) && raw.length === 0)) return v2Error(9718, 400);
  if (!Array.isArray(raw)) return v2Error(9602, 400);
  const assets: AssetRef[] = [];
  for (const item of raw as unknown[]) {
    const { adamId, pricingParam = 'STDQ' } = (item ?? {}) as Record<string, unknown>;
    if (typeof adamId !== 'string' || typeof pricingParam !== 'string') return v2Error(9602, 400);
    assets.push({ adamId, pricingParam });
  }
  const h = holders(body);
  if (!h) return v2Error(9602, 400);
  if (h.clientUserIds.length === 0 && h.serialNumbers.length === 0) return v2Error(9719, 400);
  if (assets.length > V2_LIMITS.maxAssets) return v2Error(9700, 400);
  if (h.clientUserIds.length > V2_LIMITS.maxClientUserIds) return v2Error(9701, 400);
  if (h.serialNumbers.length > V2_LIMITS.maxSerialNumbers) return v2Error(9702, 400);
  if (hasDuplicates(assets.map((a) => `${a.adamId}:${a.pricingParam}`))) return v2Error(9703, 400);
  if (hasDuplicates(h.clientUserIds)) return v2Error(9704, 400);
  if (hasDuplicates(h.serialNumbers)) return v2Error(9705, 400);
  return { assets, ...h };
}

/** Validate a revoke body: holders only, with the smaller revoke limits. */
export function parseRevokeRequest(body: Record<string, unknown>): AssetRequest | Reply {
  const h = holders(body);
  if (!h) return v2Error(9602, 400);
  if (h.clientUserIds.length === 0 && h.serialNumbers.length === 0) return v2Error(9719, 400);
  if (h.clientUserIds.length > V2_LIMITS.maxRevokeClientUserIds) return v2Error(9701, 400);
  if (h.serialNumbers.length > V2_LIMITS.maxRevokeSerialNumbers) return v2Error(9702, 400);
  if (hasDuplicates(h.clientUserIds)) return v2Error(9704, 400);
  if (hasDuplicates(h.serialNumbers)) return v2Error(9705, 400);
  return { assets: [], ...h };
}

export function isReply(value: unknown): value is Reply {
  return typeof value === 'object' && value !== null && 'status' in value;
}
