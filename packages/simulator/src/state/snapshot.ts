import { assetCounts } from './org.js';
import type { OrgState, PricingParam, ProductType, UserStatus } from './types.js';

/** A read-only copy of one organization, for test assertions. */
export interface OrgSnapshot {
  readonly uId: string;
  readonly orgName: string;
  readonly versionId: string;
  readonly notificationUrl: string | null;
  readonly assets: readonly {
    readonly adamId: string;
    readonly pricingParam: PricingParam;
    readonly productType: ProductType;
    readonly totalCount: number;
    readonly assignedCount: number;
    readonly availableCount: number;
    readonly deviceAssignable: boolean;
    readonly revocable: boolean;
  }[];
  readonly users: readonly {
    readonly userId: number;
    readonly clientUserId: string;
    readonly email: string | null;
    readonly status: UserStatus;
  }[];
  readonly assignments: readonly {
    readonly adamId: string;
    readonly pricingParam: PricingParam;
    readonly clientUserId?: string;
    readonly serialNumber?: string;
  }[];
}

export function snapshotOf(org: OrgState): OrgSnapshot {
  return {
    uId: org.uId,
    orgName: org.orgName,
    versionId: String(org.version),
    notificationUrl: org.notification?.url ?? null,
    assets: [...org.assets.values()].map((a) => {
      const c = assetCounts(org, a);
      return {
        adamId: a.adamId,
        pricingParam: a.pricingParam,
        productType: a.productType,
        totalCount: c.total,
        assignedCount: c.assigned,
        availableCount: c.available,
        deviceAssignable: a.deviceAssignable,
        revocable: a.revocable,
      };
    }),
    users: org.users.map((u) => ({
      userId: u.userId,
      clientUserId: u.clientUserId,
      email: u.email,
      status: u.status,
    })),
    assignments: org.licenses
      .filter((l) => l.clientUserId !== null || l.serialNumber !== null)
      .map((l) => ({
        adamId: l.adamId,
        pricingParam: l.pricingParam,
        ...(l.clientUserId !== null
          ? { clientUserId: l.clientUserId }
          : { serialNumber: l.serialNumber ?? '' }),
      })),
  };
}
