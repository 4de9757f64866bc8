import { type Reply, v2Error } from '../http/reply.js';
import { assignLicense, type Holder, unassignLicense } from '../state/assign.js';
import { activeUser, assetKey, bumpVersion } from '../state/org.js';
import { type AssetWorkItem, type Assignment, startAssetEvent } from './asset-event.js';
import { type AssetRequest, isReply, parseAssetRequest, parseRevokeRequest } from './asset-requests.js';
import type { V2Context } from './context.js';

function holdersOf(req: AssetRequest): Holder[] {
  return [
    ...req.clientUserIds.map((clientUserId) => ({ clientUserId })),
    ...req.serialNumbers.map((serialNumber) => ({ serialNumber })),
  ];
}

/** POST assets/associate. Licences are counted: once they run out, the rest fail with 9709. */
export function associate(ctx: V2Context): Reply {
  const req = parseAssetRequest(ctx.body);
  if (isReply(req)) return req;
  if (req.serialNumbers.length > 0) {
    const notAssignable = req.assets.some(
      (a) => ctx.org.assets.get(assetKey(a.adamId, a.pricingParam))?.deviceAssignable === false,
    );
    if (notAssignable) return v2Error(9707, 400);
  }
  const items: AssetWorkItem[] = [];
  for (const ref of req.assets) {
    for (const holder of holdersOf(req)) {
      const assignment: Assignment = { adamId: ref.adamId, pricingParam: ref.pricingParam, ...holder };
      items.push({
        holder,
        asset: ref,
        run: () => {
          if ('clientUserId' in holder && !activeUser(ctx.org, holder.clientUserId)) {
            return { code: 9609, failed: assignment };
          }
          const asset = ctx.org.assets.get(assetKey(ref.adamId, ref.pricingParam));
          const outcome = asset ? assignLicense(ctx.org, asset, holder) : 'no-license';
          return outcome === 'no-license' ? { code: 9709, failed: assignment } : { done: [assignment] };
        },
      });
    }
  }
  return startAssetEvent(ctx, 'ASSOCIATE', items);
}

/** POST assets/disassociate. Removing a licence that is not there counts as done. */
export function disassociate(ctx: V2Context): Reply {
  const req = parseAssetRequest(ctx.body);
  if (isReply(req)) return req;
  const items: AssetWorkItem[] = [];
  for (const ref of req.assets) {
    for (const holder of holdersOf(req)) {
      const assignment: Assignment = { adamId: ref.adamId, pricingParam: ref.pricingParam, ...holder };
      items.push({
        holder,
        asset: ref,
        run: () => {
          const asset = ctx.org.assets.get(assetKey(ref.adamId, ref.pricingParam));
          if (asset) unassignLicense(ctx.org, asset, holder);
          return { done: [assignment] };
        },
      });
    }
  }
  return startAssetEvent(ctx, 'DISASSOCIATE', items);
}

/** POST assets/revoke: take every revocable licence from the given users and devices. */
export function revoke(ctx: V2Context): Reply {
  const req = parseRevokeRequest(ctx.body);
  if (isReply(req)) return req;
  const items: AssetWorkItem[] = holdersOf(req).map((holder) => ({
    holder,
    run: () => {
      if ('clientUserId' in holder && !activeUser(ctx.org, holder.clientUserId)) {
        return { code: 9609, failed: { adamId: '', pricingParam: '', ...holder } };
      }
      const released: Assignment[] = [];
      const version = bumpVersion(ctx.org);
      for (const license of ctx.org.licenses) {
        const asset = ctx.org.assets.get(assetKey(license.adamId, license.pricingParam));
        const held =
          'clientUserId' in holder
            ? license.clientUserId === holder.clientUserId
            : license.serialNumber === holder.serialNumber;
        if (!held || !asset?.revocable) continue;
        license.clientUserId = null;
        license.serialNumber = null;
        license.version = version;
        released.push({ adamId: license.adamId, pricingParam: license.pricingParam, ...holder });
      }
      return { done: released };
    },
  }));
  return startAssetEvent(ctx, 'REVOKE', items);
}
