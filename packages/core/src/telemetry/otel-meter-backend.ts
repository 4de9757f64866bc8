import type {
  CounterPort,
  CounterSeries,
  GaugePort,
  GaugeReader,
  HistogramPort,
  HistogramSeries,
  Labels,
  MetricSpec,
  MetricsBackend,
} from './metrics-port.js';
import { definedLabels, seriesKey } from './pending-series.js';
import { lowestReadings } from './sampled-gauge.js';

type Attributes = Record<string, string>;

/** What core calls on an OpenTelemetry `Meter` (structural, so core needs no `@opentelemetry/api` types). */
export interface OtelMeterLike {
  createHistogram(
    name: string,
    options?: {
      description?: string;
      unit?: string;
      advice?: { explicitBucketBoundaries?: number[] };
    },
  ): { record(value: number, attributes?: Attributes): void };
  createObservableCounter(name: string, options?: { description?: string; unit?: string }): OtelObservable;
  createObservableGauge(name: string, options?: { description?: string; unit?: string }): OtelObservable;
}

interface OtelObservable {
  addCallback(callback: (result: { observe(value: number, attributes?: Attributes): void }) => void): void;
}

/** One counter series: a running total that the instrument's callback reports at each collection. */
interface CounterTotal extends CounterSeries {
  readonly attributes: Attributes;
  total: number;
}

/** One gauge port's value; null until it was set or moved. */
interface GaugeState {
  value: number | null;
}

/** Per meter, per instrument name: what every engine on that meter shares, so two engines never collide. */
const shared = new WeakMap<object, Map<string, unknown>>();

function sharedOf<T>(meter: object, name: string, make: () => T): T {
  let byName = shared.get(meter);
  if (byName === undefined) {
    byName = new Map();
    shared.set(meter, byName);
  }
  if (!byName.has(name)) byName.set(name, make());
  return byName.get(name) as T;
}

const unitOf = (name: string): string | undefined => (name.endsWith('_seconds') ? 's' : undefined);

const AGGREGATE = {
  sum: (values: number[]) => values.reduce((a, b) => a + b, 0),
  max: (values: number[]) => Math.max(...values),
  min: (values: number[]) => Math.min(...values),
} as const;

/**
 * An OpenTelemetry Meter behind the {@link MetricsBackend} port: the same instrument names, label names and
 * bucket boundaries as the prom-client backend, so OTLP users get the series Prometheus users get.
 *
 * Counters and gauges are observable instruments: a request only adds to a number, and the SDK reads the totals
 * when it collects (the meter counterpart of the prom-client backend's pending series). Histograms record each
 * value, with the boundaries given as advice (`explicitBucketBoundaries`; an SDK that ignores advice keeps its
 * own defaults unless a View sets them).
 */
export function otelMeterBackend(meter: OtelMeterLike): MetricsBackend {
  return {
    counter(spec: MetricSpec): CounterPort {
      const series = sharedOf(meter, spec.name, () => {
        const totals = new Map<string, CounterTotal>();
        meter
          .createObservableCounter(spec.name, { description: spec.help, unit: unitOf(spec.name) })
          .addCallback((result) => {
            for (const { total, attributes } of totals.values()) result.observe(total, attributes);
          });
        return (labels: Labels): CounterTotal => {
          const attributes = definedLabels(labels);
          const key = seriesKey(attributes);
          let known = totals.get(key);
          if (known === undefined) {
            const created: CounterTotal = {
              attributes,
              total: 0,
              inc(value = 1) {
                created.total += value;
              },
            };
            known = created;
            totals.set(key, known);
          }
          return known;
        };
      });
      return { inc: (labels, value = 1) => series(labels).inc(value), series };
    },
    histogram(spec): HistogramPort {
      const histogram = sharedOf(meter, spec.name, () =>
        meter.createHistogram(spec.name, {
          description: spec.help,
          unit: unitOf(spec.name),
          advice: { explicitBucketBoundaries: [...spec.buckets] },
        }),
      );
      const series = (labels: Labels): HistogramSeries => {
        const attributes = definedLabels(labels);
        return { observe: (value) => histogram.record(value, attributes) };
      };
      return { observe: (labels, value) => series(labels).observe(value), series };
    },
    gauge(spec): GaugePort {
      const aggregate = AGGREGATE[spec.aggregator ?? 'max'];
      const states = sharedOf(meter, spec.name, () => {
        const all = new Set<GaugeState>();
        meter
          .createObservableGauge(spec.name, { description: spec.help, unit: unitOf(spec.name) })
          .addCallback((result) => {
            const values: number[] = [];
            for (const state of all) if (state.value !== null) values.push(state.value);
            // Like a prom-client gauge, 0 until something was set.
            result.observe(values.length === 0 ? 0 : aggregate(values));
          });
        return all;
      });
      const state: GaugeState = { value: null };
      states.add(state);
      return {
        set: (value) => {
          state.value = value;
        },
        inc: () => {
          state.value = (state.value ?? 0) + 1;
        },
        dec: () => {
          state.value = (state.value ?? 0) - 1;
        },
      };
    },
    sampledGauge(spec, read) {
      const readers = sharedOf(meter, spec.name, () => {
        const all = new Set<WeakRef<GaugeReader>>();
        meter
          .createObservableGauge(spec.name, { description: spec.help, unit: unitOf(spec.name) })
          .addCallback((result) => {
            for (const { labels, value } of lowestReadings(all)) result.observe(value, labels);
          });
        return all;
      });
      readers.add(new WeakRef(read));
    },
  };
}
