export type {
  AttemptContext,
  AttemptResult,
  CallDecision,
  DelaySource,
  GiveUpReason,
  RequestDescriptor,
  RetryInfo,
} from './types.js';
