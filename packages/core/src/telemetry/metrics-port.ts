/** Label values by label name; a missing label is left off the series. */
export type Labels = Readonly<Record<string, string | undefined>>;

/** One series of a counter, its labels resolved once. */
export interface CounterSeries {
  inc(value?: number): void;
}

/** One series of a histogram, its labels resolved once. */
export interface HistogramSeries {
  observe(value: number): void;
}

export interface CounterPort {
  inc(labels: Labels, value?: number): void;
  /** Optional: a handle for one label set that the engine keeps and reuses on every request. */
  series?(labels: Labels): CounterSeries;
}

export interface HistogramPort {
  observe(labels: Labels, value: number): void;
  /** Optional: a handle for one label set that the engine keeps and reuses on every request. */
  series?(labels: Labels): HistogramSeries;
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
  /**
   * Optional: a gauge whose values are read from `read` only when the metric is collected (a scrape), so a value
   * that changes with time costs nothing between scrapes. Several readers on one metric: the lowest value per
   * label set wins. The backend holds `read` weakly: it goes when its owner (an engine) does.
   */
  sampledGauge?(spec: MetricSpec, read: GaugeReader): void;
}

/** Reports the current values of a sampled gauge, one call of `set` per label set. */
export type GaugeReader = (set: (labels: Labels, value: number) => void) => void;
