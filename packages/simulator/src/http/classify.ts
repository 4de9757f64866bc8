import { isLegacyService } from '../legacy/pipeline.js';
import type { RequestApi } from '../log/types.js';
import { V2_ROUTES } from '../v2/routes.js';

const V2_PREFIX = '/mdm/v2/';
const LEGACY = /^\/(?:mdm|WebObjects\/MZFinance\.woa\/wa)\/([A-Za-z]+)$/;

/** Which API and endpoint a path names. Unknown paths log as `unknown`, so a path never leaks data into the log. */
export function classify(pathname: string): { api: RequestApi; endpoint: string } {
  if (pathname.startsWith(V2_PREFIX)) {
    const endpoint = pathname.slice(V2_PREFIX.length).replace(/\/+$/, '');
    const known = endpoint === 'service/config' || endpoint in V2_ROUTES;
    return { api: 'v2', endpoint: known ? endpoint : 'unknown' };
  }
  const legacy = LEGACY.exec(pathname);
  if (legacy?.[1] && isLegacyService(legacy[1])) return { api: 'legacy', endpoint: legacy[1] };
  return { api: 'unknown', endpoint: 'unknown' };
}

/** The sToken a request carries: the Bearer value (v2) or the `sToken` body field (legacy). */
export function sTokenOf(api: RequestApi, authorization: string | undefined, body: Buffer): string | null {
  if (api === 'v2') {
    const match = /^Bearer ([^\s]+)$/.exec(authorization ?? '');
    return match?.[1] ?? null;
  }
  if (api !== 'legacy' || body.length === 0) return null;
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { sToken?: unknown };
    return typeof parsed.sToken === 'string' && parsed.sToken !== '' ? parsed.sToken : null;
  } catch {
    return null;
  }
}
