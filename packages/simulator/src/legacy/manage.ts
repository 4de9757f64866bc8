import { errorBody, legacyError, type Reply } from '../http/reply.js';
import { assignLicense, type Holder, heldLicense, unassignLicense } from '../state/assign.js';
import { activeUser, assetKey, isFree, licensesOf } from '../state/org.js';
import type { AssetRecord } from '../state/types.js';
import { alreadyAssignedDetails, sharedAccountHolds } from './already-assigned.js';
import { MAX_BATCH_LICENSES } from './config.js';
import { type LegacyContext, legacyOk, PRODUCT_TYPE, str } from './context.js';
import { checkStormGuard, rememberOutcomes } from './manage-guard.js';

type Item = Record<string, unknown> & { errorNumber?: number };

function list(value: unknown): string[] | null {
  if (value === undefined) return [];
  return Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')
    ? value.map(String)
    : null;
}

function holderField(h: Holder): Record<string, string> {
  return 'clientUserId' in h ? { clientUserIdStr: h.clientUserId } : { serialNumber: h.serialNumber };
}

/** What associating would answer for one holder (9609, 9616 + details, 9610, or success). */
function associateOne(
  ctx: LegacyContext,
  asset: AssetRecord,
  h: Holder,
): { item: Item; details?: Record<string, unknown> } {
  const field = holderField(h);
  if ('clientUserId' in h) {
    const user = activeUser(ctx.org, h.clientUserId);
    if (!user) return { item: { ...field, ...errorBody(9609) } };
    const own = heldLicense(ctx.org, asset, h);
    if (own || sharedAccountHolds(ctx.org, asset, user)) {
      return {
        item: { ...field, ...errorBody(9616) },
        details: alreadyAssignedDetails(ctx.org, asset, user, own),
      };
    }
  } else if (heldLicense(ctx.org, asset, h)) {
    return { item: { ...field, ...errorBody(9616) } };
  }
  if (assignLicense(ctx.org, asset, h) === 'no-license') return { item: { ...field, ...errorBody(9610) } };
  return { item: { ...field, licenseIdStr: heldLicense(ctx.org, asset, h)?.licenseId } };
}

/** manageVPPLicensesByAdamIdSrv: synchronous; `status: -3` with per-item errors when only some items fail. */
export function manageLicenses(ctx: LegacyContext): Reply {
  const b = ctx.body;
  const adamId = str(b.adamIdStr) ?? str(b.adamId);
  if (adamId === undefined) return legacyError(9600);
  const pricingParam = str(b.pricingParam) ?? 'STDQ';
  const assoc = [list(b.associateClientUserIdStrs), list(b.associateSerialNumbers)];
  const dis = [
    list(b.disassociateClientUserIdStrs),
    list(b.disassociateSerialNumbers),
    list(b.disassociateLicenseIdStrs),
  ];
  if ([...assoc, ...dis].some((l) => l === null)) return legacyError(9602);
  const [aUsers = [], aSerials = []] = assoc as string[][];
  const [dUsers = [], dSerials = [], dLicenses = []] = dis as string[][];
  if (aUsers.length > 0 && aSerials.length > 0) return legacyError(9602);
  if ([dUsers, dSerials, dLicenses].filter((l) => l.length > 0).length > 1) return legacyError(9602);
  const total = aUsers.length + aSerials.length + dUsers.length + dSerials.length + dLicenses.length;
  if (total === 0) return legacyError(9600);
  if (aUsers.length + aSerials.length > MAX_BATCH_LICENSES) return legacyError(9602);
  if (dUsers.length + dSerials.length + dLicenses.length > MAX_BATCH_LICENSES) return legacyError(9602);
  const asset = ctx.org.assets.get(assetKey(adamId, pricingParam));
  if (!asset) return legacyError(9610);
  if (aSerials.length > 0 && !asset.deviceAssignable) return legacyError(9628);

  const toAssociate: Holder[] = [
    ...aUsers.map((clientUserId) => ({ clientUserId })),
    ...aSerials.map((serialNumber) => ({ serialNumber })),
  ];
  const guarded = checkStormGuard(ctx, asset, toAssociate);
  if (guarded !== null) return legacyError(guarded, {}, { fault: 'storm-guard' });

  const results = toAssociate.map((h) => associateOne(ctx, asset, h));
  const associations = results.map((r) => r.item);
  rememberOutcomes(ctx, asset, toAssociate, associations);
  const disassociations: Item[] = [
    ...dUsers.map((clientUserId) => ({ clientUserId })),
    ...dSerials.map((serialNumber) => ({ serialNumber })),
  ].map((h) => {
    const license = heldLicense(ctx.org, asset, h);
    if (unassignLicense(ctx.org, asset, h) === 'not-associated')
      return { ...holderField(h), ...errorBody(9619) };
    return { ...holderField(h), licenseIdStr: license?.licenseId };
  });
  for (const id of dLicenses) {
    const license = licensesOf(ctx.org, asset).find((l) => l.licenseId === id);
    if (!license || isFree(license)) disassociations.push({ licenseIdStr: id, ...errorBody(9619) });
    else {
      const holder: Holder =
        license.clientUserId !== null
          ? { clientUserId: license.clientUserId }
          : { serialNumber: license.serialNumber ?? '' };
      unassignLicense(ctx.org, asset, holder);
      disassociations.push({ licenseIdStr: id });
    }
  }

  const all = [...associations, ...disassociations];
  const failedCount = all.filter((i) => i.errorNumber !== undefined).length;
  if (all.length === 1 && failedCount === 1) {
    const only = all[0]!;
    return legacyError(only.errorNumber ?? 9603, results[0]?.details ?? {});
  }
  const reply = legacyOk(ctx, {
    adamIdStr: asset.adamId,
    pricingParam: asset.pricingParam,
    ...PRODUCT_TYPE[asset.productType],
    isIrrevocable: !asset.revocable,
    ...(associations.length > 0 ? { associations } : {}),
    ...(disassociations.length > 0 ? { disassociations } : {}),
  });
  if (failedCount === 0) return reply;
  return { ...reply, json: { ...(reply.json as object), status: -3 } };
}
