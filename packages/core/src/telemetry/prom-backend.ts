import type {
  CounterPort,
  GaugePort,
  GaugeReader,
  HistogramPort,
  Labels,
  MetricSpec,
  MetricsBackend,
} from './metrics-port.js';
import {
  definedLabels,
  type Flushable,
  PendingCounter,
  PendingHistogram,
  type PromSeriesTarget,
  seriesKey,
} from './pending-series.js';
import { lowestReadings } from './sampled-gauge.js';

/** The parts of prom-client the backend uses (structural, so core needs no prom-client types). */
interface PromMetric extends PromSeriesTarget {
  set?(labelsOrValue: Record<string, string> | number, value?: number): void;
  inc?(labels: Record<string, string>, value?: number): void;
  dec?(labels: Record<string, string>, value?: number): void;
}
type PromCtor = new (config: Record<string, unknown>) => PromMetric;
export interface PromClientModule {
  readonly Counter: PromCtor;
  readonly Histogram: PromCtor;
  readonly Gauge: PromCtor;
  readonly register: PromRegistry;
}
export interface PromRegistry {
  getSingleMetric(name: string): unknown;
}

/**
 * Per metric this package created: the series whose updates wait for the metric's `collect`, shared by every
 * engine on the registry. A metric someone else created has no entry, and is updated directly.
 */
const pendingByMetric = new WeakMap<object, Map<string, Flushable>>();

function pendingSeries<S extends Flushable>(
  metric: PromMetric,
  labels: Labels,
  make: (labels: Record<string, string>) => S,
): S | null {
  const pending = pendingByMetric.get(metric);
  if (pending === undefined) return null;
  const resolved = definedLabels(labels);
  const key = seriesKey(resolved);
  const known = pending.get(key);
  if (known !== undefined) return known as S;
  const created = make(resolved);
  pending.set(key, created);
  return created;
}

/** prom-client behind the {@link MetricsBackend} port; every metric is get-or-create, so engines share them. */
export function promBackend(prom: PromClientModule, registry: PromRegistry): MetricsBackend {
  const getOrCreate = (ctor: PromCtor, config: MetricSpec & Record<string, unknown>): PromMetric => {
    const existing = registry.getSingleMetric(config.name) as PromMetric | undefined;
    if (existing !== undefined) return existing;
    const pending = new Map<string, Flushable>();
    const metric = new ctor({
      ...config,
      labelNames: [...config.labelNames],
      registers: [registry],
      // prom-client calls this before every read of the metric (scrape, JSON, single-metric string).
      collect: () => {
        for (const series of pending.values()) series.flush();
      },
    });
    pendingByMetric.set(metric, pending);
    return metric;
  };
  return {
    counter(spec): CounterPort {
      const metric = getOrCreate(prom.Counter, { ...spec });
      return {
        inc: (labels, value = 1) => metric.inc?.(definedLabels(labels), value),
        series: (labels) =>
          pendingSeries(metric, labels, (resolved) => new PendingCounter(metric, resolved)) ?? {
            inc: (value = 1) => metric.inc?.(definedLabels(labels), value),
          },
      };
    },
    histogram(spec): HistogramPort {
      const metric = getOrCreate(prom.Histogram, { ...spec, buckets: [...spec.buckets] });
      return {
        observe: (labels, value) => metric.observe?.(definedLabels(labels), value),
        series: (labels) =>
          pendingSeries(metric, labels, (resolved) => new PendingHistogram(metric, resolved)) ?? {
            observe: (value) => metric.observe?.(definedLabels(labels), value),
          },
      };
    },
    gauge(spec): GaugePort {
      const metric = getOrCreate(prom.Gauge, { ...spec });
      return gaugePort(metric);
    },
    sampledGauge(spec, read) {
      const metric = getOrCreate(prom.Gauge, { ...spec });
      sampledReaders(metric)?.add(new WeakRef(read));
    },
  };
}

const readersByMetric = new WeakMap<object, Set<WeakRef<GaugeReader>>>();

/** The readers of a sampled gauge this package created (null for someone else's metric: nothing to hook). */
function sampledReaders(metric: PromMetric): Set<WeakRef<GaugeReader>> | null {
  const known = readersByMetric.get(metric);
  if (known !== undefined) return known;
  const pending = pendingByMetric.get(metric);
  if (pending === undefined) return null;
  const readers = new Set<WeakRef<GaugeReader>>();
  readersByMetric.set(metric, readers);
  pending.set('sampled', {
    flush() {
      for (const { labels, value } of lowestReadings(readers)) metric.set?.(labels, value);
    },
  });
  return readers;
}

/** A gauge whose inc/dec are summed until the metric is read; `set` replaces whatever was pending. */
function gaugePort(metric: PromMetric): GaugePort {
  const pending = pendingByMetric.get(metric);
  if (pending === undefined) {
    return {
      set: (value) => metric.set?.(value),
      inc: () => metric.inc?.({}, 1),
      dec: () => metric.dec?.({}, 1),
    };
  }
  let delta = 0;
  const flushDelta: Flushable = {
    flush() {
      if (delta > 0) metric.inc?.({}, delta);
      else if (delta < 0) metric.dec?.({}, -delta);
      delta = 0;
    },
  };
  pending.set(`gauge-${pending.size}`, flushDelta);
  return {
    set(value) {
      delta = 0;
      metric.set?.(value);
    },
    inc() {
      delta += 1;
    },
    dec() {
      delta -= 1;
    },
  };
}
