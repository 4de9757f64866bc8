import type { CatalogField, Citation, FieldBasis, SourceDocumentId } from './types.js';

/**
 * Where each catalog field comes from, per code. Data only: a cited field is stated by a stored document (tests
 * check every citation against test-support/seeds); `reported` names a source vppwatch does not hold; anything
 * not listed here is vppwatch's own reading (see `catalogBasis`).
 */
export type EntryBasis = Partial<Record<CatalogField, FieldBasis>>;

const LEGACY: SourceDocumentId = 'apple-legacy-errors';
const V2: SourceDocumentId = 'apple-v2-errors';
const RICLOUD: SourceDocumentId = 'ricloud-errors';

const cite = (from: SourceDocumentId | readonly SourceDocumentId[], says?: string): Citation => ({
  from: typeof from === 'string' ? [from] : from,
  ...(says === undefined ? {} : { says }),
});

/** The legacy page describes every error as part of the response to the request. */
const LEGACY_SYNC = cite(
  LEGACY,
  'When a service request results in error, there are normally two fields containing the error information in the response: an errorNumber field and an errorMessage field.',
);
const V2_SYNC = cite(V2, 'Error Codes for Synchronous Failures');
const V2_ASYNC = cite(
  V2,
  'The server may return these error codes in either StatusResponse or in background notifications.',
);
const BOTH_SYNC = cite([LEGACY, V2]);

/** A code in the legacy table only: wording, API and delivery all come from the legacy page. */
const legacyRow = (extra: EntryBasis = {}): EntryBasis => ({
  message: cite(LEGACY),
  api: cite(LEGACY),
  delivery: LEGACY_SYNC,
  ...extra,
});

/** A code in the v2 synchronous table: wording, HTTP status, API and delivery from the v2 page. */
const v2SyncRow = (extra: EntryBasis = {}): EntryBasis => ({
  message: cite(V2),
  httpStatus: cite(V2),
  api: cite(V2),
  delivery: V2_SYNC,
  ...extra,
});

/** A code in both Apple tables. */
const bothRow = (extra: EntryBasis = {}): EntryBasis => ({
  message: cite(V2),
  olderMessages: cite(LEGACY),
  httpStatus: cite(V2),
  api: cite([LEGACY, V2]),
  delivery: BOTH_SYNC,
  ...extra,
});

const RICLOUD_SYNC = cite(
  RICLOUD,
  'For errors, the response will include the corresponding error code, a short message describing the cause of the error, and optionally additional fields conveying information specific to that error.',
);

/**
 * A riCloud code: wording and API from the vendor's page (which maps no code to an HTTP status). Session and
 * task codes also arrive later, which the stored page does not say.
 */
const riCloudRow = (extra: EntryBasis = {}): EntryBasis => ({
  message: cite(RICLOUD),
  api: cite(RICLOUD),
  delivery: { reported: RICLOUD_ASYNC },
  ...extra,
});

const RICLOUD_ASYNC =
  "riCloud's sessions and tasks pages: a failed session or task carries the code in its error attribute";
const NEWEST_V2 =
  "Apple's newest Handling error responses page, per vppwatch's research notes; its tables are empty in the stored copy (003)";
const SERVICE_CONFIG = "Apple's legacy VPPServiceConfigSrv errorCodes list (not stored here)";
const ARCHIVED_REFERENCE =
  "Apple's archived MDM Protocol Reference, Web Service Protocol (VPP) (not stored here)";
const SUBSCRIPTIONS = "Apple's Managing subscriptions page and newest v2 error table (not stored here)";
const PEER_SERVICE_CONFIG =
  "a VPPServiceConfigSrv errorCodes list in petarov/apple-mdm-clients' legacy client tests (not stored here)";

/** Only the legacy page lists the code; vppwatch's research notes put it on v2 too. */
const onV2 = (code: number) => ({
  inferred: `Only the legacy page lists ${code}; v2 is attributed to ${NEWEST_V2}.`,
});
const asyncOnV2 = (code: number) => ({
  inferred: `The legacy page lists ${code} in a response; async delivery on v2 is attributed to ${NEWEST_V2}.`,
});

/** A legacy code that Apple's newest v2 page reportedly rewords and lists as asynchronous (9635, 9644). */
const legacyRewordedOnV2 = (code: number, extra: EntryBasis = {}): EntryBasis => ({
  message: { reported: NEWEST_V2 },
  olderMessages: cite(LEGACY),
  api: onV2(code),
  delivery: asyncOnV2(code),
  ...extra,
});

/** Remediations that restate a document sentence. */
const V2_CHANGE_REQUEST: Readonly<Record<number, string>> = {
  9706: 'Change the request to send revocable assets.',
  9707: 'Change the request to send device-assignable assets.',
  9715: 'Change the request to send unique users.',
  9717: 'Change the request to send valid email addresses.',
  9718: 'Change the request to provide an asset.',
  9720: 'Change the request to provide a user.',
};

const V2_SYNC_CODES = [
  9650, 9700, 9701, 9702, 9703, 9704, 9705, 9706, 9707, 9708, 9710, 9711, 9712, 9714, 9715, 9717, 9718, 9719,
  9720, 9721, 9722, 9726, 9727, 9728,
];
/** v2 codes whose newer "device management" wording replaced the stored page's "MDM" wording. */
const V2_RENAMED_CODES = [9713, 9723, 9724, 9725];
const LEGACY_ONLY_CODES = [
  9600, 9604, 9605, 9606, 9607, 9608, 9611, 9612, 9613, 9614, 9615, 9618, 9619, 9620, 9624, 9628, 9633, 9636,
  9638, 9642, 9645,
];

const rows: [number | string, EntryBasis][] = [
  ...LEGACY_ONLY_CODES.map((code): [number, EntryBasis] => [code, legacyRow()]),
  ...V2_SYNC_CODES.map((code): [number, EntryBasis] => {
    const says = V2_CHANGE_REQUEST[code];
    return [code, v2SyncRow(says === undefined ? {} : { remediation: cite(V2, says) })];
  }),
  ...V2_RENAMED_CODES.map((code): [number, EntryBasis] => [
    code,
    v2SyncRow({ message: { reported: NEWEST_V2 }, olderMessages: cite(V2) }),
  ]),
  ...[9811, 9812, 9813, 9814, 9815, 9816, 9817, 9818].map((code): [number, EntryBasis] => [
    code,
    {
      message: { reported: SUBSCRIPTIONS },
      httpStatus: { reported: SUBSCRIPTIONS },
      api: { reported: SUBSCRIPTIONS },
      delivery: { reported: SUBSCRIPTIONS },
    },
  ]),
  [9601, bothRow({ message: cite([LEGACY, V2]) })],
  [9602, bothRow({ message: cite([LEGACY, V2]) })],
  [
    9603,
    bothRow({
      message: cite([LEGACY, V2]),
      olderMessages: { reported: 'earlier wording seen in Apple answers, per vppwatch research notes' },
      delivery: cite(V2, 'Error Codes for Asynchronous Failures'),
      retryClass: cite(
        LEGACY,
        'When the MDM server receives this response, it should send the current request again.',
      ),
      remediation: cite(
        LEGACY,
        'If it continues to receive 9603 errors after more than five attempts, it may mean that the VPP service is unexpectedly down and further retries should be scheduled for minutes later, instead of seconds.',
      ),
    }),
  ],
  [
    9609,
    bothRow({
      olderMessages: cite([LEGACY, V2]),
      delivery: cite(V2, 'Error Codes for Asynchronous Failures'),
    }),
  ],
  [9610, legacyRow()],
  [
    9616,
    legacyRow({
      olderMessages: cite(LEGACY),
      retryClass: cite(
        LEGACY,
        'Error number 9616 is returned when an attempt is made to assign a license to a user or device that already has a license for the specified app or book, in which case there’s no need to retry the assignment.',
      ),
      remediation: cite(LEGACY, 'in which case there’s no need to retry the assignment.'),
    }),
  ],
  [9617, { message: { reported: SERVICE_CONFIG }, api: { reported: SERVICE_CONFIG } }],
  [
    9621,
    bothRow({
      retryClass: cite(LEGACY, 'The token has expired. Generate a new token in Apple School Manager.'),
      remediation: cite(LEGACY, 'The token has expired. Generate a new token in Apple School Manager.'),
    }),
  ],
  [
    9622,
    legacyRow({
      olderMessages: { reported: 'the wording without a final period, seen in Apple answers' },
      api: {
        inferred:
          "Only the legacy page lists 9622; v2 is vppwatch's reading of a peer client (fleetdm/fleet), which reports v2 client/config answering 9622 with HTTP 200.",
      },
      remediation: {
        inferred: 'The HTTP 200 remark comes from a peer client (fleetdm/fleet), not from an Apple document.',
      },
    }),
  ],
  [
    9623,
    {
      message: { reported: NEWEST_V2 },
      olderMessages: cite(LEGACY),
      httpStatus: {
        inferred: `No stored document gives 9623 an HTTP status; 400 is attributed to ${NEWEST_V2}.`,
      },
      api: onV2(9623),
      delivery: LEGACY_SYNC,
    },
  ],
  [9625, bothRow()],
  [
    9626,
    legacyRow({
      remediation: cite(LEGACY, 'The MDM server should retry the assignment with a different license.'),
    }),
  ],
  [9627, { message: { reported: SERVICE_CONFIG }, api: { reported: SERVICE_CONFIG } }],
  [9629, { message: { reported: SERVICE_CONFIG }, api: { reported: SERVICE_CONFIG } }],
  [9630, legacyRow({ olderMessages: { reported: SERVICE_CONFIG } })],
  [
    9631,
    legacyRow({
      remediation: {
        inferred: `The stored page repeats 9630's text for 9631; the repeated-9610 meaning comes from ${ARCHIVED_REFERENCE} and ${SERVICE_CONFIG}.`,
      },
    }),
  ],
  [
    9632,
    legacyRow({
      message: {
        reported: `the stored legacy page cuts the text at a code span; the rest follows ${ARCHIVED_REFERENCE}`,
      },
    }),
  ],
  [
    9634,
    bothRow({
      olderMessages: {
        reported: `the legacy page's wording and "Service removed." from Apple's v2 service/config errorCodes example`,
      },
    }),
  ],
  [9635, legacyRewordedOnV2(9635)],
  [
    9637,
    {
      message: { reported: `${NEWEST_V2}; the stored legacy page lists 9637 with an empty message` },
      olderMessages: { reported: SERVICE_CONFIG },
      httpStatus: {
        inferred: `No stored document gives 9637 an HTTP status; 403 is attributed to ${NEWEST_V2}.`,
      },
      api: onV2(9637),
      delivery: LEGACY_SYNC,
    },
  ],
  [9639, { message: { reported: ARCHIVED_REFERENCE }, api: { reported: ARCHIVED_REFERENCE } }],
  [9640, { message: { reported: ARCHIVED_REFERENCE }, api: { reported: ARCHIVED_REFERENCE } }],
  [
    9641,
    legacyRow({
      api: onV2(9641),
      delivery: asyncOnV2(9641),
    }),
  ],
  [
    9643,
    legacyRow({
      retryClass: cite(
        LEGACY,
        'The license is currently locked for a pending transfer. Please try again later.',
      ),
    }),
  ],
  [
    9644,
    legacyRewordedOnV2(9644, {
      retryClass: cite(
        LEGACY,
        'Volume Purchase Program is currently in maintenance mode. Please try again later.',
      ),
    }),
  ],
  [
    9646,
    bothRow({
      message: { reported: NEWEST_V2 },
      olderMessages: {
        reported:
          "the stored pages' wording, plus two from Apple's service/config and VPPServiceConfigSrv errorCodes examples (not stored here)",
      },
      retryClass: cite(
        [LEGACY, V2],
        'Use an incremental/exponential backoff strategy to retry the request until successful.',
      ),
    }),
  ],
  [
    9647,
    { message: { reported: NEWEST_V2 }, httpStatus: { reported: NEWEST_V2 }, api: { reported: NEWEST_V2 } },
  ],
  [9649, { message: { reported: PEER_SERVICE_CONFIG }, api: { reported: PEER_SERVICE_CONFIG } }],
  [
    9729,
    {
      message: { reported: NEWEST_V2 },
      olderMessages: { reported: PEER_SERVICE_CONFIG },
      httpStatus: { reported: NEWEST_V2 },
      api: { reported: NEWEST_V2 },
    },
  ],
  [9709, { message: cite(V2), api: cite(V2), delivery: V2_ASYNC }],
  [9716, { message: cite(V2), api: cite(V2), delivery: V2_ASYNC }],
  [
    'invalid-body',
    riCloudRow({
      delivery: RICLOUD_SYNC,
      remediation: cite(RICLOUD, 'Make sure the request body is valid JSON.'),
    }),
  ],
  ['invalid-parameter', riCloudRow({ delivery: RICLOUD_SYNC })],
  ['unconfigured', riCloudRow({ delivery: RICLOUD_SYNC })],
  ['missing-scope', riCloudRow({ delivery: RICLOUD_SYNC })],
  ['limit-exceeded', riCloudRow({ delivery: RICLOUD_SYNC })],
  [
    'session-expired',
    riCloudRow({
      remediation: cite(RICLOUD, 'You must create a new, valid session before proceeding.'),
    }),
  ],
  ['invalid-credentials', riCloudRow()],
  [
    'source-locked',
    riCloudRow({
      remediation: cite(
        RICLOUD,
        'The source has been locked by the external service and cannot be accessed by the API until unlocked by the user.',
      ),
    }),
  ],
  [
    'code-required',
    riCloudRow({
      remediation: cite(
        RICLOUD,
        'you must provide the code presented during this process on your next session creation attempt.',
      ),
    }),
  ],
  [
    'code-rate-limited',
    riCloudRow({
      retryClass: cite(RICLOUD, 'We recommend the user wait at least an hour before retrying.'),
      remediation: cite(RICLOUD, 'We recommend the user wait at least an hour before retrying.'),
      minRetryAfterMs: cite(RICLOUD, 'We recommend the user wait at least an hour before retrying.'),
    }),
  ],
  ['choice-required', riCloudRow()],
  [
    'task-error',
    riCloudRow({
      retryClass: cite(RICLOUD, 'Retrying the poll or task might resolve the issue.'),
      remediation: cite(RICLOUD, 'Please contact support if the issue persists.'),
    }),
  ],
  [
    'icloud-terms-not-accepted',
    riCloudRow({
      remediation: cite(
        RICLOUD,
        'They can accept the terms by signing into the App Store on an iOS or macOS device using their account, or by going to iCloud.com.',
      ),
    }),
  ],
  [
    'icloud-account-not-verified',
    riCloudRow({
      remediation: cite(
        RICLOUD,
        'The verification process can be managed by signing into appleid.apple.com.',
      ),
    }),
  ],
  [
    'icloud-service-not-activated',
    riCloudRow({
      remediation: cite(
        RICLOUD,
        "Make sure the user has toggled on a service's associated settings to ensure it is activated.",
      ),
    }),
  ],
  [
    'icloud-service-outage',
    riCloudRow({
      retryClass: cite(RICLOUD, 'retrying within a few minutes should succeed.'),
      remediation: cite(
        RICLOUD,
        'However, if the issue persists look for more information on the iCloud status page and the API status page, and contact support.',
      ),
    }),
  ],
];

/** Field sources by catalog code. */
export const CATALOG_BASIS: ReadonlyMap<number | string, EntryBasis> = new Map(rows);
