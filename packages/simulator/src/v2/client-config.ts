import { ok, type Reply, v2Error } from '../http/reply.js';
import type { OrgState } from '../state/types.js';
import { v2Envelope } from './common.js';
import type { V2Context } from './context.js';
import { NOTIFICATION_TYPES, V2_LIMITS } from './limits.js';

function configBody(org: OrgState) {
  return {
    countryISO2ACode: 'US',
    defaultPlatform: 'volumestore',
    locationName: org.orgName,
    ...(org.mdmInfo ? { mdmInfo: org.mdmInfo } : {}),
    ...(org.notification
      ? { notificationAuthToken: org.notification.authToken, notificationUrl: org.notification.url }
      : {}),
    subscribedNotificationTypes: org.notification?.types ?? [],
    ...v2Envelope(org),
    websiteURL: 'https://business.apple.com',
  };
}

// Apple demands HTTPS; a local fake must also reach a listener on 127.0.0.1 over plain HTTP.
function acceptableUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

function validateMdmInfo(value: unknown): Reply | null {
  if (value === undefined) return null;
  const info = value as Record<string, unknown>;
  if (typeof info !== 'object' || info === null) return v2Error(9723, 400);
  const { id, name, metadata } = info;
  if (typeof id !== 'string' || typeof name !== 'string' || typeof metadata !== 'string')
    return v2Error(9723, 400);
  if (id.length > V2_LIMITS.maxMdmIdLength) return v2Error(9724, 400);
  if (name.length > V2_LIMITS.maxMdmNameLength) return v2Error(9725, 400);
  if (metadata.length > V2_LIMITS.maxMdmMetadataLength) return v2Error(9713, 400);
  return null;
}

/** GET and POST client/config. A POST with a notification URL is accepted only after TEST_NOTIFICATION lands. */
export async function clientConfig(ctx: V2Context): Promise<Reply> {
  const { org, body } = ctx;
  if (ctx.method === 'GET') return ok(configBody(org));
  const mdmError = validateMdmInfo(body.mdmInfo);
  if (mdmError) return mdmError;
  const { notificationUrl: url, notificationAuthToken: authToken, notificationTypes } = body;
  if (url !== undefined || authToken !== undefined) {
    if (typeof url !== 'string' || typeof authToken !== 'string' || url === '' || authToken === '') {
      return v2Error(9710, 400);
    }
    const max = V2_LIMITS.maxNotificationLength;
    if (url.length > max || authToken.length > max) return v2Error(9711, 400);
    if (!acceptableUrl(url)) return v2Error(9712, 400);
    const types = Array.isArray(notificationTypes)
      ? notificationTypes.filter((t): t is string => typeof t === 'string')
      : [...NOTIFICATION_TYPES];
    const target = { url, authToken, types };
    if (!(await ctx.notifier.test(target, org.uId))) return v2Error(9728, 400);
    org.notification = target;
  }
  if (body.mdmInfo !== undefined) org.mdmInfo = body.mdmInfo as OrgState['mdmInfo'];
  return ok(configBody(org));
}
