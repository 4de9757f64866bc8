/** Apple's published v2 limits (service/config example). */
export const V2_LIMITS = {
  maxAssets: 25,
  maxUsers: 100,
  maxNotificationLength: 512,
  maxRevokeClientUserIds: 100,
  maxClientUserIds: 1000,
  maxSerialNumbers: 1000,
  maxRevokeSerialNumbers: 100,
  maxRequestPerSecond: 15,
  maxSubscriptions: 25,
  maxSubscriptionClientUserIds: 1000,
  maxMdmNameLength: 100,
  maxMdmMetadataLength: 255,
  maxMdmIdLength: 100,
} as const;

/** Every v2 error number the simulator lists in service/config. */
export const V2_ERROR_CODES: readonly number[] = [
  9601, 9602, 9603, 9609, 9621, 9625, 9634, 9635, 9641, 9644, 9646, 9650, 9700, 9701, 9702, 9703, 9704, 9705,
  9706, 9707, 9708, 9709, 9710, 9711, 9712, 9713, 9714, 9715, 9716, 9717, 9718, 9719, 9720, 9721, 9722, 9723,
  9724, 9725, 9726, 9727, 9728, 9729,
];

export const NOTIFICATION_TYPES = [
  'ASSET_MANAGEMENT',
  'ASSET_COUNT',
  'USER_MANAGEMENT',
  'USER_ASSOCIATED',
] as const;
