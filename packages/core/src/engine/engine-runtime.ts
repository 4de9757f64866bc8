import type { EventOrigins } from '../async/event-origins.js';
import type { DecodedResponse, DecodeInput, DecodeOptions } from '../decode/types.js';
import type { AppleRateFollower } from './apple-rate.js';
import type { TelemetrySinks } from './call-telemetry.js';
import type { EnginePolicy } from './normalize-options.js';
import type { TenantRateLimiter } from './rate-limiter.js';
import type { RetryBudget } from './retry-budget.js';
import type { TenantStore } from './tenant-store.js';

/** Everything one engine shares across its logical calls. */
export interface EngineRuntime {
  readonly policy: EnginePolicy;
  readonly store: TenantStore;
  readonly budget: RetryBudget;
  readonly limiter: TenantRateLimiter | null;
  /** Follows Apple's announced `maxRequestPerSecond`; null without a limiter. */
  readonly appleRate: AppleRateFollower | null;
  readonly sinks: TelemetrySinks;
  readonly decode: (input: DecodeInput, options: DecodeOptions) => DecodedResponse;
  /** Built once: the options every decode of this engine gets. */
  readonly decodeOptions: DecodeOptions;
  /** Where the spans of event-starting calls are remembered, if the user asked for it. */
  readonly origins: EventOrigins | null;
}
