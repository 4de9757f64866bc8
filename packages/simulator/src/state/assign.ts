import { bumpVersion, isFree, licensesOf } from './org.js';
import type { AssetRecord, OrgState } from './types.js';

/** Who holds a licence: a user (by clientUserId) or a device (by serial number). */
export type Holder = { readonly clientUserId: string } | { readonly serialNumber: string };

export type AssignOutcome = 'assigned' | 'already-assigned' | 'no-license';

function holds(
  license: { clientUserId: string | null; serialNumber: string | null },
  holder: Holder,
): boolean {
  return 'clientUserId' in holder
    ? license.clientUserId === holder.clientUserId
    : license.serialNumber === holder.serialNumber;
}

export function heldLicense(org: OrgState, asset: AssetRecord, holder: Holder) {
  return licensesOf(org, asset).find((l) => holds(l, holder));
}

/** Give the holder a free licence of the asset, unless it already has one. */
export function assignLicense(org: OrgState, asset: AssetRecord, holder: Holder): AssignOutcome {
  if (heldLicense(org, asset, holder)) return 'already-assigned';
  const free = licensesOf(org, asset).find(isFree);
  if (!free) return 'no-license';
  free.version = bumpVersion(org);
  if ('clientUserId' in holder) free.clientUserId = holder.clientUserId;
  else free.serialNumber = holder.serialNumber;
  return 'assigned';
}

export function unassignLicense(
  org: OrgState,
  asset: AssetRecord,
  holder: Holder,
): 'released' | 'not-associated' {
  const license = heldLicense(org, asset, holder);
  if (!license) return 'not-associated';
  license.clientUserId = null;
  license.serialNumber = null;
  license.version = bumpVersion(org);
  return 'released';
}
