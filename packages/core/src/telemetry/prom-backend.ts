import type {
  CounterPort,
  GaugePort,
  HistogramPort,
  Labels,
  MetricSpec,
  MetricsBackend,
} from './metrics-port.js';

/** The parts of prom-client the backend uses (structural, so core needs no prom-client types). */
interface PromMetric {
  inc?(labels: Record<string, string>, value?: number): void;
  observe?(labels: Record<string, string>, value: number): void;
  set?(value: number): void;
  dec?(): void;
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

function defined(labels: Labels): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) if (value !== undefined) out[key] = value;
  return out;
}

/** prom-client behind the {@link MetricsBackend} port; every metric is get-or-create, so engines share them. */
export function promBackend(prom: PromClientModule, registry: PromRegistry): MetricsBackend {
  const getOrCreate = (ctor: PromCtor, config: MetricSpec & Record<string, unknown>): PromMetric => {
    const existing = registry.getSingleMetric(config.name) as PromMetric | undefined;
    if (existing !== undefined) return existing;
    return new ctor({ ...config, labelNames: [...config.labelNames], registers: [registry] });
  };
  return {
    counter(spec): CounterPort {
      const metric = getOrCreate(prom.Counter, { ...spec });
      return { inc: (labels, value = 1) => metric.inc?.(defined(labels), value) };
    },
    histogram(spec): HistogramPort {
      const metric = getOrCreate(prom.Histogram, { ...spec, buckets: [...spec.buckets] });
      return { observe: (labels, value) => metric.observe?.(defined(labels), value) };
    },
    gauge(spec): GaugePort {
      const metric = getOrCreate(prom.Gauge, { ...spec });
      return {
        set: (value) => metric.set?.(value),
        inc: () => metric.inc?.({}, 1),
        dec: () => metric.dec?.(),
      };
    },
  };
}
