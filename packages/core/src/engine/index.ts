export type { VppEngineInstance } from './create-engine.js';
export { createVppEngine } from './create-engine.js';
export type { DecisionState, FailureInput, RetryDecision } from './decide.js';
export { decide } from './decide.js';
export type { EngineEventName, EngineEvents, EngineListeners } from './events.js';
export type { DelayContext, MetricsRegistryLike, VppEngineOptions } from './options.js';
export { getDecodedOutcome, getRetryInfo } from './retry-info.js';
export type { RetryableClass } from './retryable.js';
export { isRetryableClass, RETRYABLE_CLASSES } from './retryable.js';
export type { TenantStore } from './tenant-store.js';
export { MemoryTenantStore } from './tenant-store.js';
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
