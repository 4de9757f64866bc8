export { closedCode } from './closed-code.js';
export { decodeResponse } from './decode-response.js';
export { getHeader } from './headers.js';
export { parseHttpDate, parseRetryAfter } from './retry-after.js';
export { mostSevereRetryClass, RETRY_CLASS_SEVERITY } from './severity.js';
export { MAX_RETRY_AFTER_MS } from './time-bounds.js';
export type {
  AlreadyAssignedDetails,
  AlreadyAssignedUser,
  DecodedResponse,
  DecodeInput,
  DecodeOptions,
  FailureEntities,
  FailureSource,
  ResponseFormat,
  VppFailure,
} from './types.js';
