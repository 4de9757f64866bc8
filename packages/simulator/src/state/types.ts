export type PricingParam = 'STDQ' | 'PLUS';
export type ProductType = 'App' | 'Book' | 'Mac';
export type UserStatus = 'Registered' | 'Associated' | 'Retired';

/** An app or book the organization owns licences for. */
export interface AssetSeed {
  readonly adamId: string;
  /** @default 'STDQ' */
  readonly pricingParam?: PricingParam;
  /** @default 'App' */
  readonly productType?: ProductType;
  readonly totalCount: number;
  /** @default true */
  readonly deviceAssignable?: boolean;
  /** @default true */
  readonly revocable?: boolean;
}

export interface UserSeed {
  readonly clientUserId: string;
  readonly email?: string;
  /** The Apple Account hash once the user accepted the invitation; makes the user `Associated`. */
  readonly itsIdHash?: string;
}

export interface AssetRecord {
  readonly adamId: string;
  readonly pricingParam: PricingParam;
  readonly productType: ProductType;
  readonly deviceAssignable: boolean;
  readonly revocable: boolean;
  retiredCount: number;
}

export interface LicenseRecord {
  readonly licenseId: string;
  readonly adamId: string;
  readonly pricingParam: PricingParam;
  clientUserId: string | null;
  serialNumber: string | null;
  version: number;
}

export interface UserRecord {
  readonly userId: number;
  readonly clientUserId: string;
  email: string | null;
  managedAppleId: string | null;
  status: UserStatus;
  readonly inviteCode: string;
  itsIdHash: string | null;
  version: number;
}

export interface NotificationTarget {
  readonly url: string;
  readonly authToken: string;
  readonly types: readonly string[];
}

/** One organization: everything one sToken can see and change. */
export interface OrgState {
  readonly hash: string;
  readonly uId: string;
  readonly orgName: string;
  readonly expiresAt: number;
  readonly assets: Map<string, AssetRecord>;
  readonly licenses: LicenseRecord[];
  readonly users: UserRecord[];
  version: number;
  notification: NotificationTarget | null;
  mdmInfo: { id: string; name: string; metadata: string } | null;
  clientContext: string;
  licenseSequence: number;
}
