import type { CounterSeries, HistogramSeries, Labels } from './metrics-port.js';

/** The prom-client calls a pending series replays (structural: core has no prom-client types). */
export interface PromSeriesTarget {
  inc?(labels: Record<string, string>, value?: number): void;
  observe?(labels: Record<string, string>, value: number): void;
}

/** Something holding updates back until the metric is read. */
export interface Flushable {
  flush(): void;
}

/** Distinct values held back per series before they are replayed even without a scrape, so memory stays bounded. */
const MAX_PENDING_VALUES = 256;

/** One string per label set, whatever the order its labels were given in. */
export function seriesKey(labels: Record<string, string>): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export function definedLabels(labels: Labels): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) if (value !== undefined) out[key] = value;
  return out;
}

/**
 * A counter series that adds up increments in one number and hands the sum to prom-client when the metric is
 * collected: prom-client hashes and validates the labels on every `inc`, which costs more than the request path
 * can afford, while a scrape can.
 */
export class PendingCounter implements CounterSeries, Flushable {
  readonly #metric: PromSeriesTarget;
  readonly #labels: Record<string, string>;
  #pending = 0;

  constructor(metric: PromSeriesTarget, labels: Record<string, string>) {
    this.#metric = metric;
    this.#labels = labels;
  }

  inc(value = 1): void {
    this.#pending += value;
  }

  flush(): void {
    if (this.#pending === 0) return;
    const value = this.#pending;
    this.#pending = 0;
    this.#metric.inc?.(this.#labels, value);
  }
}

/**
 * A histogram series that keeps its observations until the metric is collected, counted per distinct value:
 * durations are whole milliseconds, so a handful of values repeat and memory stays small. A bounded number of
 * distinct values is replayed early, without a scrape.
 */
export class PendingHistogram implements HistogramSeries, Flushable {
  readonly #metric: PromSeriesTarget;
  readonly #labels: Record<string, string>;
  #pending = new Map<number, number>();

  constructor(metric: PromSeriesTarget, labels: Record<string, string>) {
    this.#metric = metric;
    this.#labels = labels;
  }

  observe(value: number): void {
    // prom-client would throw on it at scrape time, failing the whole scrape.
    if (!Number.isFinite(value)) return;
    this.#pending.set(value, (this.#pending.get(value) ?? 0) + 1);
    if (this.#pending.size >= MAX_PENDING_VALUES) this.flush();
  }

  flush(): void {
    if (this.#pending.size === 0) return;
    const pending = this.#pending;
    this.#pending = new Map();
    for (const [value, count] of pending) {
      for (let i = 0; i < count; i++) this.#metric.observe?.(this.#labels, value);
    }
  }
}
