import type { AssetRecord, LicenseRecord, OrgState, UserRecord } from '../state/types.js';
import { PRODUCT_TYPE } from './context.js';

/** Apple omits null fields in legacy answers. */
function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, v]) => v !== null && v !== undefined),
  ) as Partial<T>;
}

export function legacyUser(user: UserRecord, baseUrl: string) {
  return defined({
    userId: user.userId,
    clientUserIdStr: user.clientUserId,
    email: user.email,
    status: user.status,
    itsIdHash: user.itsIdHash,
    inviteCode: user.status === 'Registered' ? user.inviteCode : null,
    inviteUrl: user.status === 'Registered' ? `${baseUrl}/invitation/${user.inviteCode}` : null,
  });
}

export function legacyLicense(org: OrgState, license: LicenseRecord, asset: AssetRecord | undefined) {
  const user =
    license.clientUserId === null
      ? undefined
      : org.users.find((u) => u.clientUserId === license.clientUserId && u.status !== 'Retired');
  return defined({
    licenseIdStr: license.licenseId,
    licenseId: Number(license.licenseId),
    adamIdStr: license.adamId,
    adamId: Number(license.adamId),
    ...PRODUCT_TYPE[asset?.productType ?? 'App'],
    pricingParam: license.pricingParam,
    isIrrevocable: asset ? !asset.revocable : false,
    status: license.clientUserId !== null || license.serialNumber !== null ? 'Associated' : 'Available',
    userId: user?.userId,
    clientUserIdStr: license.clientUserId,
    itsIdHash: user?.itsIdHash,
    serialNumber: license.serialNumber,
  });
}
