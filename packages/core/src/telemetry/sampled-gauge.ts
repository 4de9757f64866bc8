import type { GaugeReader } from './metrics-port.js';
import { definedLabels, seriesKey } from './pending-series.js';

/** One series of a sampled gauge: its labels and the value to report. */
export interface Reading {
  readonly labels: Record<string, string>;
  readonly value: number;
}

/**
 * Asks every live reader of a sampled gauge for its values and keeps the lowest per label set. Readers whose owner
 * is gone are dropped; one that throws is skipped, so a broken reader never fails a collection.
 */
export function lowestReadings(readers: Set<WeakRef<GaugeReader>>): Reading[] {
  const lowest = new Map<string, Reading>();
  for (const ref of readers) {
    const read = ref.deref();
    if (read === undefined) {
      readers.delete(ref);
      continue;
    }
    try {
      read((labels, value) => {
        const resolved = definedLabels(labels);
        const key = seriesKey(resolved);
        const seen = lowest.get(key);
        if (Number.isFinite(value) && (seen === undefined || value < seen.value))
          lowest.set(key, { labels: resolved, value });
      });
    } catch {
      // A reader that fails (a broken custom store) must not fail the whole collection.
    }
  }
  return [...lowest.values()];
}
