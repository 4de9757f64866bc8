import type { CatalogEntry } from './types.js';

/**
 * Reincubate riCloud string codes (`{"error": "<code>", "message", "params"}`). The vendor maps no code to an HTTP
 * status, so httpStatus is null throughout; the session/task codes also arrive later as a resource's `error`.
 */
export const RICLOUD_CODES = [
  {
    code: 'invalid-body',
    message:
      'The API was unable to process the body of your request. Make sure the request body is valid JSON.',
    olderMessages: [],
    httpStatus: null,
    api: 'ricloud',
    delivery: 'sync',
    retryClass: 'client_fatal',
    remediation: 'Send a valid JSON body.',
  },
  {
    code: 'invalid-parameter',
    message: 'One or more parameters in your request body did not pass validation checks.',
    olderMessages: [],
    httpStatus: null,
    api: 'ricloud',
    delivery: 'sync',
    retryClass: 'client_fatal',
    remediation: 'Fix the parameters named in the response params.',
  },
  {
    code: 'unconfigured',
    message:
      'Your organisation does not have the configuration required for the API to complete this request.',
    olderMessages: [],
    httpStatus: null,
    api: 'ricloud',
    delivery: 'sync',
    retryClass: 'client_fatal',
    remediation: 'Add the missing organisation configuration named in the message.',
  },
  {
    code: 'missing-scope',
    message:
      'Your organisation, key or current user does not have the required permission scopes to perform this request.',
    olderMessages: [],
    httpStatus: null,
    api: 'ricloud',
    delivery: 'sync',
    retryClass: 'auth_fatal',
    remediation:
      'Grant the key or user the required scope; retrying with the same credentials cannot succeed.',
  },
  {
    code: 'limit-exceeded',
    message:
      'The request could not be completed as it would breach a limit imposed on your organisation, key or current user.',
    olderMessages: [],
    httpStatus: null,
    api: 'ricloud',
    delivery: 'sync',
    retryClass: 'client_fatal',
    remediation: 'Raise the limit with the vendor or stop the operation.',
  },
  {
    code: 'session-expired',
    message: 'The session you are trying to use for this request has been marked as expired by the API.',
    olderMessages: [],
    httpStatus: null,
    api: 'ricloud',
    delivery: 'sync+async',
    retryClass: 'auth_fatal',
    remediation: 'Create a new session; never retry with the expired one.',
  },
  {
    code: 'invalid-credentials',
    message: 'The provided credentials were rejected by the external service.',
    olderMessages: [],
    httpStatus: null,
    api: 'ricloud',
    delivery: 'sync+async',
    retryClass: 'auth_fatal',
    remediation: 'Ask the user for correct credentials.',
  },
  {
    code: 'source-locked',
    message:
      'The source has been locked by the external service and cannot be accessed by the API until unlocked by the user.',
    olderMessages: [],
    httpStatus: null,
    api: 'ricloud',
    delivery: 'sync+async',
    retryClass: 'state',
    remediation: 'The user must unlock the account following the instructions in the message.',
  },
  {
    code: 'code-required',
    message:
      'The source you are trying to create a session against has multi-factor authentication (MFA) enable.',
    olderMessages: [],
    httpStatus: null,
    api: 'ricloud',
    delivery: 'sync+async',
    retryClass: 'state',
    remediation: 'Collect the MFA code from the user and create the session again with it.',
  },
  {
    code: 'code-rate-limited',
    message:
      'The user has attempted to create a session using an invalid code to often and has been rate-limited by the service.',
    olderMessages: [],
    httpStatus: null,
    api: 'ricloud',
    delivery: 'sync+async',
    retryClass: 'state',
    remediation:
      'Never resend automatically: the user waits at least an hour (VppError.retryAt), then creates the session again with a correct code.',
    minRetryAfterMs: 3_600_000,
  },
  {
    code: 'choice-required',
    message:
      'The source you are trying is to access has 2-step verification (2SV) enabled, a subset of multi-factor authentication (MFA).',
    olderMessages: [],
    httpStatus: null,
    api: 'ricloud',
    delivery: 'sync+async',
    retryClass: 'state',
    remediation: 'Let the user pick a trusted device from the response, then continue the session flow.',
  },
  {
    code: 'task-error',
    message: 'A generic task error occurred. Retrying the poll or task might resolve the issue.',
    olderMessages: [],
    httpStatus: null,
    api: 'ricloud',
    delivery: 'sync+async',
    retryClass: 'transient',
    remediation: 'Retry the poll or task a few times, then contact vendor support.',
  },
  {
    code: 'icloud-terms-not-accepted',
    message: 'The user has not accepted the latest iCloud Terms of Service.',
    olderMessages: [],
    httpStatus: null,
    api: 'ricloud',
    delivery: 'sync+async',
    retryClass: 'state',
    remediation: 'The user must accept the terms in the App Store or on iCloud.com.',
  },
  {
    code: 'icloud-account-not-verified',
    message: 'The primary email address associated with the iCloud account has not yet been verified.',
    olderMessages: [],
    httpStatus: null,
    api: 'ricloud',
    delivery: 'sync+async',
    retryClass: 'state',
    remediation: 'The user must verify the email address at appleid.apple.com.',
  },
  {
    code: 'icloud-service-not-activated',
    message:
      'The iCloud service necessary to complete the operation has not been activated on the iCloud account in use.',
    olderMessages: [],
    httpStatus: null,
    api: 'ricloud',
    delivery: 'sync+async',
    retryClass: 'state',
    remediation: "The user must turn on the service's settings on the account.",
  },
  {
    code: 'icloud-service-outage',
    message: 'The operation could not be completed due to an iCloud outage.',
    olderMessages: [],
    httpStatus: null,
    api: 'ricloud',
    delivery: 'sync+async',
    retryClass: 'retry_later',
    remediation:
      'Retry within a few minutes (minutes, not seconds); check the iCloud status page if it persists.',
  },
] as const satisfies readonly CatalogEntry[];
