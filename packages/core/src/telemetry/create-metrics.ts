import { VppError } from '../errors/vpp-error.js';
import { eventLedgerFor } from './event-ledger.js';
import { loadOptional } from './optional-module.js';
import { type OtelMeterLike, otelMeterBackend } from './otel-meter-backend.js';
import { type PromClientModule, type PromRegistry, promBackend } from './prom-backend.js';
import { VppMetrics } from './vpp-metrics.js';

/** Metrics option as {@link createVppEngine} takes it. */
export type MetricsOption =
  | { readonly registry?: unknown; readonly meter?: unknown; readonly prefix?: string }
  | false
  | undefined;

const invalid = (message: string): VppError => new VppError({ code: 'ERR_VPP_INVALID_ARGUMENT', message });

/**
 * The `apple_vpp_*` metrics through an OpenTelemetry Meter when one is given, else on the given prom-client
 * registry (default: prom-client's global `register`); null when metrics are off or prom-client is not installed.
 */
export function createVppMetrics(option: MetricsOption): VppMetrics | null {
  if (option === false) return null;
  const prefix = option?.prefix ?? 'apple_vpp_';
  if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(prefix)) {
    throw invalid('Invalid option metrics.prefix: not a metric name prefix');
  }
  if (option?.meter !== undefined) {
    if (option.registry !== undefined) {
      throw invalid('Invalid option metrics: give either registry (prom-client) or meter (OpenTelemetry)');
    }
    const meter = option.meter as OtelMeterLike | null;
    if (
      typeof meter?.createHistogram !== 'function' ||
      typeof meter.createObservableCounter !== 'function' ||
      typeof meter.createObservableGauge !== 'function'
    ) {
      throw invalid('Invalid option metrics.meter: not an OpenTelemetry Meter');
    }
    return new VppMetrics(otelMeterBackend(meter), prefix, eventLedgerFor(meter));
  }
  const prom = loadOptional<PromClientModule>('prom-client');
  if (prom === null) return null;
  const registry = (option?.registry as PromRegistry | undefined) ?? prom.register;
  if (typeof registry?.getSingleMetric !== 'function') {
    throw invalid('Invalid option metrics.registry: not a prom-client Registry');
  }
  return new VppMetrics(promBackend(prom, registry), prefix, eventLedgerFor(registry));
}
