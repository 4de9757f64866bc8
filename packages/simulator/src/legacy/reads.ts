import { legacyError, type Reply } from '../http/reply.js';
import { assetCounts, assetKey } from '../state/org.js';
import { batch, sinceVersion } from './batch.js';
import { flag, type LegacyContext, legacyOk, PRODUCT_TYPE, str } from './context.js';
import { legacyLicense, legacyUser } from './shapes.js';

/** getVPPAssetsSrv */
export function getAssets(ctx: LegacyContext): Reply {
  const counts = flag(ctx.body.includeLicenseCounts);
  const pricing = str(ctx.body.pricingParam);
  const assets = [...ctx.org.assets.values()]
    .filter((a) => pricing === undefined || a.pricingParam === pricing)
    .map((a) => {
      const c = assetCounts(ctx.org, a);
      return {
        adamIdStr: a.adamId,
        deviceAssignable: a.deviceAssignable,
        isIrrevocable: !a.revocable,
        pricingParam: a.pricingParam,
        ...PRODUCT_TYPE[a.productType],
        ...(counts
          ? {
              assignedCount: c.assigned,
              availableCount: c.available,
              retiredCount: a.retiredCount,
              totalCount: c.total,
            }
          : {}),
      };
    });
  return legacyOk(ctx, {
    assets,
    totalCount: assets.length,
    location: { locationId: ctx.org.uId, locationName: ctx.org.orgName },
  });
}

/** getVPPLicensesSrv, batched. */
export function getLicenses(ctx: LegacyContext): Reply {
  const b = ctx.body;
  const since = sinceVersion(b.sinceModifiedToken);
  if (since === null) return legacyError(9602);
  const adamId = str(b.adamId);
  const pricing = str(b.pricingParam);
  const serial = str(b.serialNumber);
  const licenses = ctx.org.licenses.filter((l) => {
    const assigned = l.clientUserId !== null || l.serialNumber !== null;
    return (
      l.version > (since ?? 0) &&
      (adamId === undefined || l.adamId === adamId) &&
      (pricing === undefined || l.pricingParam === pricing) &&
      (serial === undefined || l.serialNumber === serial) &&
      (!flag(b.assignedOnly) || assigned) &&
      (!flag(b.userAssignedOnly) || l.clientUserId !== null) &&
      (!flag(b.deviceAssignedOnly) || l.serialNumber !== null)
    );
  });
  const page = batch(licenses, b, ctx.services.options.legacyBatchSize, ctx.org.version);
  if (!page.ok) return legacyError(page.code);
  return legacyOk(ctx, {
    licenses: page.items.map((l) =>
      legacyLicense(ctx.org, l, ctx.org.assets.get(assetKey(l.adamId, l.pricingParam))),
    ),
    ...page.fields,
  });
}

/** getVPPUsersSrv, batched. */
export function getUsers(ctx: LegacyContext): Reply {
  const b = ctx.body;
  const since = sinceVersion(b.sinceModifiedToken);
  if (since === null) return legacyError(9602);
  const users = ctx.org.users.filter((u) => {
    const retired = u.status === 'Retired';
    if (flag(b.includeRetiredOnly)) return retired && u.version > (since ?? 0);
    return (!retired || flag(b.includeRetired)) && u.version > (since ?? 0);
  });
  const page = batch(users, b, ctx.services.options.legacyBatchSize, ctx.org.version);
  if (!page.ok) return legacyError(page.code);
  const baseUrl = ctx.services.baseUrl();
  return legacyOk(ctx, { users: page.items.map((u) => legacyUser(u, baseUrl)), ...page.fields });
}

/** getVPPUserSrv: 9604 when no active user matches. */
export function getUser(ctx: LegacyContext): Reply {
  const clientUserId = str(ctx.body.clientUserIdStr);
  const userId = str(ctx.body.userId);
  const user = ctx.org.users.find(
    (u) =>
      u.status !== 'Retired' &&
      ((clientUserId !== undefined && u.clientUserId === clientUserId) ||
        (userId !== undefined && String(u.userId) === userId)),
  );
  if (!user) return legacyError(9604);
  const licenses = ctx.org.licenses
    .filter((l) => l.clientUserId === user.clientUserId)
    .map((l) => legacyLicense(ctx.org, l, ctx.org.assets.get(assetKey(l.adamId, l.pricingParam))));
  return legacyOk(ctx, { user: { ...legacyUser(user, ctx.services.baseUrl()), licenses } });
}
