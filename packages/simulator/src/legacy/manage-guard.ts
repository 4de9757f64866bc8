import { createHash } from 'node:crypto';
import type { Holder } from '../state/assign.js';
import { heldLicense } from '../state/assign.js';
import { isFree, licensesOf } from '../state/org.js';
import type { AssetRecord } from '../state/types.js';
import type { LegacyContext } from './context.js';

/** Apple's storm guards, checked before any change: 9630/9631 per org+user+item, then 9632 per identical body. */
export function checkStormGuard(
  ctx: LegacyContext,
  asset: AssetRecord,
  holders: readonly Holder[],
): number | null {
  const guard = ctx.faults.stormGuard;
  if (!guard) return null;
  const windowMs = guard.windowMs ?? 300_000;
  const threshold = guard.threshold ?? 2;
  for (const h of holders) {
    const key = `${ctx.org.hash}|${asset.adamId}|${asset.pricingParam}|${JSON.stringify(h)}`;
    const wouldRepeat = heldLicense(ctx.org, asset, h)
      ? 9616
      : licensesOf(ctx.org, asset).some(isFree)
        ? null
        : 9610;
    if (
      wouldRepeat !== null &&
      ctx.stormGuard.count(`${wouldRepeat}|${key}`, ctx.at, windowMs) >= threshold
    ) {
      return wouldRepeat === 9616 ? 9630 : 9631;
    }
  }
  const bodyKey = `9632|${ctx.org.hash}|${createHash('sha256').update(ctx.rawBody).digest('hex')}`;
  const identical = ctx.stormGuard.count(bodyKey, ctx.at, windowMs);
  ctx.stormGuard.record(bodyKey, ctx.at);
  return identical >= threshold ? 9632 : null;
}

export function rememberOutcomes(
  ctx: LegacyContext,
  asset: AssetRecord,
  holders: readonly Holder[],
  items: readonly { errorNumber?: number }[],
): void {
  holders.forEach((h, i) => {
    const code = items[i]?.errorNumber;
    if (code === 9616 || code === 9610) {
      ctx.stormGuard.record(
        `${code}|${ctx.org.hash}|${asset.adamId}|${asset.pricingParam}|${JSON.stringify(h)}`,
        ctx.at,
      );
    }
  });
}
