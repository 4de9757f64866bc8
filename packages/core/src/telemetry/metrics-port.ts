/** Label values by label name; a missing label is left off the series. */
export type Labels = Readonly<Record<string, string | undefined>>;

export interface CounterPort {
  inc(labels: Labels, value?: number): void;
}

export interface HistogramPort {
  observe(labels: Labels, value: number): void;
}

export interface GaugePort {
  set(value: number): void;
  inc(): void;
  dec(): void;
}

export interface MetricSpec {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
}

/**
 * The small surface the engine needs from a metrics library, so prom-client can be swapped for
 * `@prometheus-io/client` or an OTel Meter without touching the engine.
 */
export interface MetricsBackend {
  counter(spec: MetricSpec): CounterPort;
  histogram(spec: MetricSpec & { readonly buckets: readonly number[] }): HistogramPort;
  gauge(spec: MetricSpec & { readonly aggregator?: 'sum' | 'max' | 'min' }): GaugePort;
}
