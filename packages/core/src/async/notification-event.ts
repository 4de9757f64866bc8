import type { DecodedResponse, VppFailure } from '../decode/types.js';

/** The notification types vppwatch decodes; anything else arrives as `unknown` with its raw payload. */
export type VppNotificationType =
  | 'ASSET_MANAGEMENT'
  | 'ASSET_COUNT'
  | 'USER_MANAGEMENT'
  | 'USER_ASSOCIATED'
  | 'TEST_NOTIFICATION'
  | 'unknown';

/** One entry of an ASSET_MANAGEMENT notification's `assignments`. */
export interface NotificationAssignment {
  readonly adamId: string | null;
  readonly pricingParam: string | null;
  readonly clientUserId?: string;
  readonly serialNumber?: string;
}

/** What every notification event carries. Contains identifiers: hand it to your code, not to logs. */
export interface NotificationBase {
  /** Apple's `notificationType` verbatim (null when absent). */
  readonly notificationType: string | null;
  readonly notificationId: string | null;
  readonly uId: string | null;
  /** True when this `notificationId` was already received (Apple retries up to 3 times); it was not counted again. */
  readonly duplicate: boolean;
  /** The decoded failure view, as for a synchronous response (`source: 'event'`). */
  readonly decoded: DecodedResponse;
  readonly failures: readonly VppFailure[];
  /** The telemetry operation the failures were counted under (e.g. `assets_associate`). */
  readonly operation: string;
  /** The `notification` object as received. */
  readonly payload: Readonly<Record<string, unknown>>;
}

/** The outcome of a background event, as in ASSET_MANAGEMENT and USER_MANAGEMENT. */
export interface EventNotificationFields {
  readonly eventId: string | null;
  /** `ASSOCIATE`, `DISASSOCIATE`, `REVOKE`, `CREATE`, `UPDATE`, `RETIRE`, … */
  readonly action: string | null;
  readonly result: 'SUCCESS' | 'FAILURE' | null;
}

/** A decoded notification, discriminated by `type`. */
export type VppNotificationEvent =
  | (NotificationBase &
      EventNotificationFields & {
        readonly type: 'ASSET_MANAGEMENT';
        readonly assignments: readonly NotificationAssignment[];
      })
  | (NotificationBase & {
      readonly type: 'ASSET_COUNT';
      readonly adamId: string | null;
      readonly pricingParam: string | null;
      readonly countDelta: number | null;
    })
  | (NotificationBase &
      EventNotificationFields & {
        readonly type: 'USER_MANAGEMENT';
        readonly users: readonly Readonly<Record<string, unknown>>[];
      })
  | (NotificationBase & {
      readonly type: 'USER_ASSOCIATED';
      readonly associatedUsers: readonly Readonly<Record<string, unknown>>[];
    })
  | (NotificationBase & { readonly type: 'TEST_NOTIFICATION' })
  | (NotificationBase & { readonly type: 'unknown' });
