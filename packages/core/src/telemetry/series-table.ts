import type { CounterPort, CounterSeries, HistogramPort, HistogramSeries, Labels } from './metrics-port.js';

type Key = string | number | null | undefined;

/**
 * Series handles by up to three raw label inputs, found with three map lookups and no key string to build:
 * the request path asks for the same few series over and over. Inputs come from closed sets, so it stays small.
 */
export class SeriesTable<V> {
  readonly #root = new Map<Key, Map<Key, Map<Key, V>>>();

  get(a: Key, b: Key, c: Key): V | undefined {
    return this.#root.get(a)?.get(b)?.get(c);
  }

  set(a: Key, b: Key, c: Key, value: V): V {
    let level1 = this.#root.get(a);
    if (level1 === undefined) {
      level1 = new Map();
      this.#root.set(a, level1);
    }
    let level2 = level1.get(b);
    if (level2 === undefined) {
      level2 = new Map();
      level1.set(b, level2);
    }
    level2.set(c, value);
    return value;
  }
}

/** The backend's own handle for one label set, or one that passes the labels on every call. */
export function counterSeries(port: CounterPort, labels: Labels): CounterSeries {
  return port.series?.(labels) ?? { inc: (value) => port.inc(labels, value) };
}

export function histogramSeries(port: HistogramPort, labels: Labels): HistogramSeries {
  return port.series?.(labels) ?? { observe: (value) => port.observe(labels, value) };
}
