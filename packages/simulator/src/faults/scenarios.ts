import type { FaultConfig, ScenarioName } from './types.js';

/** Named fault sets, for the CLI and for tests that want a ready-made kind of bad day. */
export function scenarioFaults(name: ScenarioName, now: number): FaultConfig {
  switch (name) {
    case 'none':
      return {};
    case 'throttle':
      return { rateLimit: { perSecond: 15, burst: 15, retryAfter: 'seconds' } };
    case 'maintenance':
      return { maintenance: { until: now + 10_000 } };
    case 'flaky':
      return {
        internalError: { probability: 0.2, retryAfterSeconds: 1 },
        asyncInternalError: { probability: 0.2 },
        connectionReset: { probability: 0.02 },
        latency: { minMs: 5, maxMs: 50 },
      };
    case 'brownout':
      return {
        brownout: { probability: 0.5, retryAfterSeconds: 2 },
        htmlError: { probability: 0.05, status: 503 },
      };
    case 'storm-guard':
      return { stormGuard: { windowMs: 300_000, threshold: 2 } };
    case 'mixed':
      return {
        rateLimit: { perSecond: 15, burst: 15, retryAfter: 'seconds' },
        internalError: { probability: 0.05 },
        asyncInternalError: { probability: 0.05 },
        brownout: { probability: 0.05, retryAfterSeconds: 1 },
        htmlError: { probability: 0.01 },
        latency: { minMs: 1, maxMs: 20 },
        stormGuard: { windowMs: 300_000, threshold: 2 },
      };
  }
}

/** Every named scenario, for CLIs and test tables. */
export const SCENARIO_NAMES: readonly ScenarioName[] = [
  'none',
  'throttle',
  'maintenance',
  'flaky',
  'brownout',
  'storm-guard',
  'mixed',
];

/**
 * @example
 * isScenarioName('throttle'); // true
 */
export function isScenarioName(value: string): value is ScenarioName {
  return (SCENARIO_NAMES as readonly string[]).includes(value);
}
