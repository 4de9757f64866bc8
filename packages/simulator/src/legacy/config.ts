import { listedErrorCodes } from '../faults/new-code.js';
import type { FaultConfig } from '../faults/types.js';
import { errorBody, legacyError, type Reply } from '../http/reply.js';
import { type LegacyContext, legacyOk } from './context.js';

const SERVICES = {
  clientConfigSrvUrl: 'VPPClientConfigSrv',
  editUserSrvUrl: 'editVPPUserSrv',
  getLicensesSrvUrl: 'getVPPLicensesSrv',
  getUserSrvUrl: 'getVPPUserSrv',
  getUsersSrvUrl: 'getVPPUsersSrv',
  getVPPAssetsSrvUrl: 'getVPPAssetsSrv',
  manageVPPLicensesByAdamIdSrvUrl: 'manageVPPLicensesByAdamIdSrv',
  registerUserSrvUrl: 'registerVPPUserSrv',
  retireUserSrvUrl: 'retireVPPUserSrv',
} as const;

const LEGACY_CODES: readonly number[] = [
  9600, 9601, 9602, 9603, 9604, 9605, 9606, 9607, 9608, 9609, 9610, 9611, 9612, 9613, 9614, 9615, 9616, 9617,
  9618, 9619, 9620, 9621, 9622, 9623, 9624, 9625, 9626, 9627, 9628, 9629, 9630, 9631, 9632, 9633, 9634, 9635,
  9636, 9637, 9638, 9641, 9642, 9643, 9644, 9645, 9646,
];

export const MAX_BATCH_LICENSES = 20;

/** VPPServiceConfigSrv: needs no sToken. */
export function legacyServiceConfig(baseUrl: string, faults: FaultConfig): Reply {
  const urls: Record<string, string> = {};
  for (const [field, name] of Object.entries(SERVICES)) urls[field] = `${baseUrl}/mdm/${name}`;
  return {
    status: 200,
    json: {
      ...urls,
      contentMetadataLookupUrl: `${baseUrl}/lookup`,
      invitationEmailUrl: `${baseUrl}/invitation/%inviteCode%`,
      maxBatchAssociateLicenseCount: MAX_BATCH_LICENSES,
      maxBatchDisassociateLicenseCount: MAX_BATCH_LICENSES,
      errorCodes: listedErrorCodes(LEGACY_CODES.map(errorBody), faults),
      vppWebsiteUrl: 'https://business.apple.com',
      status: 0,
    },
  };
}

/** VPPClientConfigSrv: reads, or sets `clientContext` (under 256 bytes; "" clears). */
export function legacyClientConfig(ctx: LegacyContext): Reply {
  const context = ctx.body.clientContext;
  if (context !== undefined) {
    if (typeof context !== 'string' || Buffer.byteLength(context) >= 256) return legacyError(9602);
    ctx.org.clientContext = context;
  }
  return legacyOk(ctx, {
    clientContext: ctx.org.clientContext,
    countryCode: 'US',
    organizationId: ctx.org.uId,
    organizationIdHash: ctx.org.hash,
    uId: ctx.org.uId,
    location: { locationId: ctx.org.uId, locationName: ctx.org.orgName },
  });
}
