import type { EventOrigins } from '../../async/event-origins.js';
import type { DecodedResponse, DecodeInput, DecodeOptions } from '../../decode/types.js';
import type { DriftWatch } from '../drift/drift-watch.js';
import type { RetryBudget } from '../tenant/retry-budget.js';
import type { TenantRuntime } from '../tenant/tenant-runtime.js';
import type { TelemetrySinks } from './call-telemetry.js';

/** Everything one engine shares across its logical calls. */
export interface EngineRuntime extends TenantRuntime {
  readonly budget: RetryBudget;
  readonly sinks: TelemetrySinks;
  /** Apple's live error list: codes learned for decoding, drift counted and reported. */
  readonly drift: DriftWatch;
  readonly decode: (input: DecodeInput, options: DecodeOptions) => DecodedResponse;
  /** Built once: the options every decode of this engine gets. */
  readonly decodeOptions: DecodeOptions;
  /** Where the spans of event-starting calls are remembered, if the user asked for it. */
  readonly origins: EventOrigins | null;
}
