import type { CatalogEntry } from './types.js';

/**
 * Codes Apple lists in a live service-config `errorCodes` answer but documents nowhere else. Each one names the
 * list it was seen in; see `vppwatch catalog diff` for how to find more.
 */
export const OBSERVED_CODES = [
  {
    code: 9649,
    message: 'A page index is required when passing a request ID.',
    olderMessages: [],
    httpStatus: null,
    api: 'legacy',
    delivery: 'sync',
    retryClass: 'client_fatal',
    remediation:
      'A paging bug in the caller: Apple documents only this text, so fix the listing code to send a page index with the request ID; resending the same request fails the same way.',
    meanings: [
      {
        message: 'A page index is required when passing a request ID.',
        source:
          'petarov/apple-mdm-clients legacy-app-and-book-management-client/src/test/java/net/vexelon/mdm/aab/legacy/TestUtil.java (a VPPServiceConfigSrv errorCodes list, beside v2 paging code 9650)',
        remediation: 'Send the page index with the request id.',
      },
    ],
  },
] as const satisfies readonly CatalogEntry[];
