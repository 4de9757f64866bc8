import type { AssetRecord, LicenseRecord, OrgState, UserRecord } from '../state/types.js';
import { PRODUCT_TYPE } from './context.js';

function regUser(u: UserRecord) {
  return {
    ...(u.itsIdHash !== null ? { itsIdHash: u.itsIdHash } : {}),
    clientUserIdStr: u.clientUserId,
    userId: u.userId,
    ...(u.email !== null ? { email: u.email } : {}),
    status: 'Associated',
  };
}

/**
 * The extra fields of a legacy 9616, shaped as Apple documents them: `licenseAlreadyAssigned` when this user
 * holds the licence, `regUsersAlreadyAssigned` for every user on the same Apple Account that holds the item.
 */
export function alreadyAssignedDetails(
  org: OrgState,
  asset: AssetRecord,
  user: UserRecord,
  own: LicenseRecord | undefined,
): Record<string, unknown> {
  const holders = org.users.filter(
    (u) =>
      u.status !== 'Retired' &&
      (u === user || (user.itsIdHash !== null && u.itsIdHash === user.itsIdHash)) &&
      org.licenses.some(
        (l) =>
          l.adamId === asset.adamId &&
          l.pricingParam === asset.pricingParam &&
          l.clientUserId === u.clientUserId,
      ),
  );
  const type = PRODUCT_TYPE[asset.productType];
  return {
    ...(own
      ? {
          licenseAlreadyAssigned: {
            pricingParam: asset.pricingParam,
            ...(user.itsIdHash !== null ? { itsIdHash: user.itsIdHash } : {}),
            userId: user.userId,
            productTypeId: type.productTypeId,
            isIrrevocable: !asset.revocable,
            adamIdStr: asset.adamId,
            userIdStr: String(user.userId),
            licenseIdStr: own.licenseId,
            productTypeName: type.productTypeName,
            clientUserIdStr: user.clientUserId,
            licenseId: Number(own.licenseId),
            adamId: Number(asset.adamId),
            status: 'Associated',
          },
        }
      : {}),
    regUsersAlreadyAssigned: holders.map(regUser),
  };
}

/** Another user on the same Apple Account already holds the item (the second 9616 variant). */
export function sharedAccountHolds(org: OrgState, asset: AssetRecord, user: UserRecord): boolean {
  if (user.itsIdHash === null) return false;
  return org.users.some(
    (u) =>
      u !== user &&
      u.status !== 'Retired' &&
      u.itsIdHash === user.itsIdHash &&
      org.licenses.some(
        (l) =>
          l.adamId === asset.adamId &&
          l.pricingParam === asset.pricingParam &&
          l.clientUserId === u.clientUserId,
      ),
  );
}
