import { describe, expect, it } from 'vitest';
import { OPERATIONS, operationOf } from './operation.js';

describe('operationOf', () => {
  it.each([
    ['GET', 'https://vpp.itunes.apple.com/mdm/v2/assets?pageIndex=2', 'assets_get'],
    ['POST', 'https://vpp.itunes.apple.com/mdm/v2/assets/associate', 'assets_associate'],
    ['POST', 'https://vpp.itunes.apple.com/mdm/v2/users/retire', 'users_retire'],
    ['GET', 'https://vpp.itunes.apple.com/mdm/v2/status?eventId=123', 'status_get'],
    ['GET', 'https://vpp.itunes.apple.com/mdm/v2/client/config', 'client_config_get'],
    ['POST', 'https://vpp.itunes.apple.com/mdm/v2/client/config', 'client_config_update'],
    ['POST', 'http://127.0.0.1:8080/mdm/v2/service/config', 'service_config'],
    ['POST', 'https://vpp.itunes.apple.com/mdm/getVPPAssetsSrv', 'getVPPAssetsSrv'],
    [
      'POST',
      'https://vpp.itunes.apple.com/WebObjects/MZFinance.woa/wa/manageVPPLicensesByAdamIdSrv',
      'manageVPPLicensesByAdamIdSrv',
    ],
    ['GET', 'https://vpp.itunes.apple.com/mdm/v2/users/jane@example.com', 'other'],
    ['GET', 'not a url at all %%%', 'other'],
  ])('%s %s → %s', (method, url, expected) => {
    expect(operationOf(method, url)).toBe(expected);
    expect(OPERATIONS.has(expected)).toBe(true);
  });

  it('keeps the vocabulary within the 24-operation cardinality budget', () => {
    expect(OPERATIONS.size).toBeLessThanOrEqual(30);
  });
});
