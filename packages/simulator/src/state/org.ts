import { type Random, randomDigits, randomHex } from '../util/prng.js';
import type {
  AssetRecord,
  AssetSeed,
  LicenseRecord,
  OrgState,
  PricingParam,
  UserRecord,
  UserSeed,
} from './types.js';

export function assetKey(adamId: string, pricingParam: string): string {
  return `${adamId}:${pricingParam}`;
}

export function createOrg(hash: string, orgName: string, expiresAt: number, random: Random): OrgState {
  return {
    hash,
    uId: randomDigits(random, 16),
    orgName,
    expiresAt,
    assets: new Map(),
    licenses: [],
    users: [],
    version: 1,
    notification: null,
    mdmInfo: null,
    clientContext: '',
    licenseSequence: 0,
  };
}

/** Mark a change: every record touched in it carries the new version, so `sinceVersionId` can filter. */
export function bumpVersion(org: OrgState): number {
  org.version += 1;
  return org.version;
}

export function putAsset(org: OrgState, seed: AssetSeed): AssetRecord {
  const pricingParam: PricingParam = seed.pricingParam ?? 'STDQ';
  const record: AssetRecord = {
    adamId: seed.adamId,
    pricingParam,
    productType: seed.productType ?? 'App',
    deviceAssignable: seed.deviceAssignable ?? true,
    revocable: seed.revocable ?? true,
    retiredCount: 0,
  };
  org.assets.set(assetKey(seed.adamId, pricingParam), record);
  changeLicenseCount(org, record, seed.totalCount - licensesOf(org, record).length);
  return record;
}

export function licensesOf(org: OrgState, asset: { adamId: string; pricingParam: string }): LicenseRecord[] {
  return org.licenses.filter((l) => l.adamId === asset.adamId && l.pricingParam === asset.pricingParam);
}

/** Add (delta > 0) or remove free (delta < 0) licences. Returns the change actually made. */
export function changeLicenseCount(org: OrgState, asset: AssetRecord, delta: number): number {
  const version = bumpVersion(org);
  if (delta >= 0) {
    for (let i = 0; i < delta; i++) {
      org.licenseSequence += 1;
      org.licenses.push({
        licenseId: String(90_000_000_000 + org.licenseSequence),
        adamId: asset.adamId,
        pricingParam: asset.pricingParam,
        clientUserId: null,
        serialNumber: null,
        version,
      });
    }
    return delta;
  }
  let removed = 0;
  for (let i = org.licenses.length - 1; i >= 0 && removed < -delta; i--) {
    const l = org.licenses[i]!;
    if (l.adamId === asset.adamId && l.pricingParam === asset.pricingParam && isFree(l)) {
      org.licenses.splice(i, 1);
      removed += 1;
    }
  }
  return -removed;
}

export function isFree(license: LicenseRecord): boolean {
  return license.clientUserId === null && license.serialNumber === null;
}

export function assetCounts(
  org: OrgState,
  asset: AssetRecord,
): { total: number; assigned: number; available: number } {
  const all = licensesOf(org, asset);
  const assigned = all.filter((l) => !isFree(l)).length;
  return { total: all.length, assigned, available: all.length - assigned };
}

/** The active (not retired) user with this clientUserId, if any. */
export function activeUser(org: OrgState, clientUserId: string): UserRecord | undefined {
  return org.users.find((u) => u.clientUserId === clientUserId && u.status !== 'Retired');
}

export function addUser(org: OrgState, seed: UserSeed, random: Random): UserRecord {
  const user: UserRecord = {
    userId: 9_900_000_000 + org.users.length + 1,
    clientUserId: seed.clientUserId,
    email: seed.email ?? null,
    managedAppleId: null,
    status: seed.itsIdHash ? 'Associated' : 'Registered',
    inviteCode: randomHex(random, 32),
    itsIdHash: seed.itsIdHash ?? null,
    version: bumpVersion(org),
  };
  org.users.push(user);
  return user;
}

/** Release every licence a user or device holds (Apple does this when a user is retired). */
export function releaseHolder(
  org: OrgState,
  holder: { clientUserId?: string; serialNumber?: string },
): number {
  const version = bumpVersion(org);
  let released = 0;
  for (const l of org.licenses) {
    const match =
      (holder.clientUserId !== undefined && l.clientUserId === holder.clientUserId) ||
      (holder.serialNumber !== undefined && l.serialNumber === holder.serialNumber);
    if (match) {
      l.clientUserId = null;
      l.serialNumber = null;
      l.version = version;
      released += 1;
    }
  }
  return released;
}
