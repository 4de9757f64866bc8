/** Apple's event `type` (status `eventType`, notification `type`) → the telemetry operation that produced it. */
const ASSET_OPERATIONS: Readonly<Record<string, string>> = {
  ASSOCIATE: 'assets_associate',
  DISASSOCIATE: 'assets_disassociate',
  REVOKE: 'assets_revoke',
};

const USER_OPERATIONS: Readonly<Record<string, string>> = {
  CREATE: 'users_create',
  UPDATE: 'users_update',
  RETIRE: 'users_retire',
};

/**
 * The operation label an asynchronous failure is counted under: the call that started the event, so a 9709
 * from a notification lands next to the `assets_associate` calls that caused it. Unknown types become `other`.
 */
export function operationOfEvent(eventType: unknown): string {
  if (typeof eventType !== 'string') return 'other';
  return ASSET_OPERATIONS[eventType] ?? USER_OPERATIONS[eventType] ?? 'other';
}

/** The operations whose answer is an `eventId` for work Apple finishes later. */
export const EVENT_OPERATIONS: ReadonlySet<string> = new Set([
  ...Object.values(ASSET_OPERATIONS),
  ...Object.values(USER_OPERATIONS),
]);
