export type {
  AlreadyAssignedDetails,
  DecodedResponse,
  DecodeInput,
  DecodeOptions,
  FailureEntities,
  FailureSource,
  ResponseFormat,
  VppFailure,
} from './types.js';
