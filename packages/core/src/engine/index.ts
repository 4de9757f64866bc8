export type {
  AttemptContext,
  AttemptResult,
  CallDecision,
  DelaySource,
  GiveUpReason,
  LogicalCall,
  RequestDescriptor,
  RetryInfo,
  Transport,
  VppEngine,
} from './types.js';
