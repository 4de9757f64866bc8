import { VppError } from '../errors/vpp-error.js';
import { eventLedgerFor } from './event-ledger.js';
import { loadOptional } from './optional-module.js';
import { type PromClientModule, type PromRegistry, promBackend } from './prom-backend.js';
import { VppMetrics } from './vpp-metrics.js';

/** Metrics option as {@link createVppEngine} takes it. */
export type MetricsOption = { readonly registry?: unknown; readonly prefix?: string } | false | undefined;

/**
 * The `apple_vpp_*` metrics on the given registry (default: prom-client's global `register`), or null when
 * metrics are off or prom-client is not installed.
 */
export function createVppMetrics(option: MetricsOption): VppMetrics | null {
  if (option === false) return null;
  const prefix = option?.prefix ?? 'apple_vpp_';
  if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(prefix)) {
    throw new VppError({
      code: 'ERR_VPP_INVALID_ARGUMENT',
      message: 'Invalid option metrics.prefix: not a metric name prefix',
    });
  }
  const prom = loadOptional<PromClientModule>('prom-client');
  if (prom === null) return null;
  const registry = (option?.registry as PromRegistry | undefined) ?? prom.register;
  if (typeof registry?.getSingleMetric !== 'function') {
    throw new VppError({
      code: 'ERR_VPP_INVALID_ARGUMENT',
      message: 'Invalid option metrics.registry: not a prom-client Registry',
    });
  }
  return new VppMetrics(promBackend(prom, registry), prefix, eventLedgerFor(registry));
}
