export type { DelaySource, GiveUpReason, RetryInfo } from '../shared/call-outcome.js';
export type { RetryableClass } from '../shared/retryable.js';
export { isRetryableClass, RETRYABLE_CLASSES } from '../shared/retryable.js';
export type { EngineEventName, EngineEvents, EngineListeners } from './call/events.js';
export { getDecodedOutcome, getRetryInfo } from './call/retry-info.js';
export type {
  AttemptContext,
  AttemptResult,
  CallDecision,
  LogicalCall,
  RequestDescriptor,
  Transport,
  VppEngine,
} from './call/types.js';
export type { VppEngineInstance } from './create-engine.js';
export { createVppEngine } from './create-engine.js';
export type { VppLogger } from './drift/drift-log.js';
export type { CatalogDriftEvent } from './drift/drift-watch.js';
export type { DelayContext, MetricsRegistryLike, RateLimitOptions, VppEngineOptions } from './options.js';
export type { DecisionState, FailureInput, RetryDecision } from './policy/decide.js';
export { decide } from './policy/decide.js';
export { FIRST_CONTACT_MS, FIRST_CONTACT_PACE } from './policy/rate-settings.js';
export { MemoryTenantStore } from './tenant/memory-tenant-store.js';
export type { ControllerSettings, RateSettings, RateState } from './tenant/rate-controller.js';
export {
  afterThrottle,
  firstContactRate,
  PLATEAU_TOLERANCE,
  PROBE_GROWTH,
  rateAt,
} from './tenant/rate-controller.js';
export type {
  RateChange,
  StoreErrorReport,
  StoreOperation,
  TenantStore,
  Turn,
} from './tenant/tenant-store.js';
