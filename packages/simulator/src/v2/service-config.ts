import { listedErrorCodes } from '../faults/new-code.js';
import type { FaultConfig } from '../faults/types.js';
import { errorBody, ok, type Reply } from '../http/reply.js';
import { NOTIFICATION_TYPES, V2_ERROR_CODES, V2_LIMITS } from './limits.js';

const URL_PATHS = {
  clientConfig: 'client/config',
  createUsers: 'users/create',
  getAssignments: 'assignments',
  revokeAssets: 'assets/revoke',
  getUsers: 'users',
  eventStatus: 'status',
  associateAssets: 'assets/associate',
  disassociateAssets: 'assets/disassociate',
  updateUsers: 'users/update',
  getAssets: 'assets',
  retireUsers: 'users/retire',
} as const;

/** GET service/config: error codes (with a newly added one), limits (maxRequestPerSecond follows the rate limit in force) and URLs. */
export function serviceConfig(baseUrl: string, faults: FaultConfig): Reply {
  const urls: Record<string, string> = {
    invitationEmail: `${baseUrl}/invitation/%inviteCode%`,
    contentMetadataLookup: `${baseUrl}/lookup`,
  };
  for (const [name, path] of Object.entries(URL_PATHS)) urls[name] = `${baseUrl}/mdm/v2/${path}`;
  const perSecond = faults.rateLimit
    ? (faults.rateLimit.perSecond ?? V2_LIMITS.maxRequestPerSecond)
    : V2_LIMITS.maxRequestPerSecond;
  return ok({
    errorCodes: listedErrorCodes(V2_ERROR_CODES.map(errorBody), faults),
    limits: { ...V2_LIMITS, maxRequestPerSecond: perSecond },
    notificationTypes: [...NOTIFICATION_TYPES, 'TEST_NOTIFICATION'],
    urls,
  });
}
