import { BoundedCache } from '../shared/bounded-cache.js';

/** v2 endpoints (path after `/mdm/v2/`) → operation label. `METHOD path` keys win over plain paths. */
const V2_OPERATIONS: Readonly<Record<string, string>> = {
  assets: 'assets_get',
  'assets/associate': 'assets_associate',
  'assets/disassociate': 'assets_disassociate',
  'assets/revoke': 'assets_revoke',
  assignments: 'assignments_get',
  users: 'users_get',
  'users/create': 'users_create',
  'users/update': 'users_update',
  'users/retire': 'users_retire',
  'GET client/config': 'client_config_get',
  'POST client/config': 'client_config_update',
  'client/config': 'client_config_get',
  'service/config': 'service_config',
  status: 'status_get',
  subscriptions: 'subscriptions_get',
  'subscriptions/associate': 'subscriptions_associate',
  'subscriptions/disassociate': 'subscriptions_disassociate',
  'subscriptions/assignments': 'subscriptions_assignments_get',
};

/** Legacy services keep Apple's names, so a dashboard reads like the legacy docs. */
const LEGACY_OPERATIONS: readonly string[] = [
  'VPPServiceConfigSrv',
  'VPPClientConfigSrv',
  'registerVPPUserSrv',
  'getVPPUserSrv',
  'getVPPUsersSrv',
  'getVPPLicensesSrv',
  'getVPPAssetsSrv',
  'manageVPPLicensesByAdamIdSrv',
  'retireVPPUserSrv',
  'editVPPUserSrv',
];
const legacyByLowerName = new Map(LEGACY_OPERATIONS.map((name) => [name.toLowerCase(), name]));

/** Every value the `operation` label can take: a closed set. */
export const OPERATIONS: ReadonlySet<string> = new Set([
  ...Object.values(V2_OPERATIONS),
  ...LEGACY_OPERATIONS,
  'other',
]);

/** Operation per `METHOD url-without-query`: the same few endpoints are called over and over. */
const operations = new BoundedCache<string>(512);

function pathOf(url: string): string | null {
  try {
    return new URL(url, 'http://relative.invalid').pathname;
  } catch {
    return null;
  }
}

/**
 * The telemetry operation name of a request, from a closed vocabulary; anything unrecognised is `other`.
 * Only the endpoint part of the path is read: hosts, ids and query strings never reach a label.
 *
 * @example
 * ```ts
 * operationOf('POST', 'https://vpp.itunes.apple.com/mdm/v2/assets/associate'); // 'assets_associate'
 * operationOf('POST', 'https://vpp.itunes.apple.com/mdm/getVPPAssetsSrv'); // 'getVPPAssetsSrv'
 * ```
 */
export function operationOf(method: string, url: string): string {
  // Only the path decides, and the URL parser ends the path at the first `?` or `#`: queries share one entry.
  const cut = url.search(/[?#]/);
  const key = `${method} ${cut === -1 ? url : url.slice(0, cut)}`;
  return operations.get(key) ?? operations.set(key, operationOfUncached(method, url));
}

function operationOfUncached(method: string, url: string): string {
  const path = pathOf(url);
  if (path === null) return 'other';
  const segments = path.split('/').filter((s) => s.length > 0);
  const v2 = segments.lastIndexOf('v2');
  if (v2 >= 0) {
    const endpoint = segments.slice(v2 + 1).join('/');
    return V2_OPERATIONS[`${method.toUpperCase()} ${endpoint}`] ?? V2_OPERATIONS[endpoint] ?? 'other';
  }
  const last = segments[segments.length - 1];
  return (last !== undefined && legacyByLowerName.get(last.toLowerCase())) || 'other';
}

/** A caller-supplied operation name if it is in the vocabulary, else `other`. */
export function checkedOperation(name: string): string {
  return OPERATIONS.has(name) ? name : 'other';
}

/** `v2` or `legacy` for a known operation, null otherwise. */
export function apiOf(operation: string): 'v2' | 'legacy' | null {
  if (operation === 'other') return null;
  return legacyByLowerName.has(operation.toLowerCase()) ? 'legacy' : 'v2';
}
