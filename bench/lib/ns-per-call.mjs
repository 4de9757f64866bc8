// Nanoseconds per call of two functions measured side by side: batches alternate (ABBA) so drift hits both alike,
// and the median batch is reported.

let sink = 0;

/** @param {() => unknown} fn @param {number} iterations */
function batch(fn, iterations) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i += 1) {
    // Keep the result observable so the call cannot be optimized away.
    if (fn() === sink) sink += 1;
  }
  return Number(process.hrtime.bigint() - start) / iterations;
}

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 0
    ? ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
    : (sorted[middle] ?? 0);
}

/**
 * @param {() => unknown} subject
 * @param {() => unknown} baseline
 * @param {{ iterations: number, batches: number }} options
 * @returns {{ subjectNs: number, baselineNs: number, ratio: number }}
 */
export function compareNsPerCall(subject, baseline, { iterations, batches }) {
  batch(subject, iterations); // warm-up: JIT and inline caches
  batch(baseline, iterations);
  /** @type {number[]} */
  const a = [];
  /** @type {number[]} */
  const b = [];
  for (let i = 0; i < batches; i += 1) {
    if (i % 2 === 0) {
      a.push(batch(subject, iterations));
      b.push(batch(baseline, iterations));
    } else {
      b.push(batch(baseline, iterations));
      a.push(batch(subject, iterations));
    }
  }
  const subjectNs = median(a);
  const baselineNs = median(b);
  return { subjectNs, baselineNs, ratio: subjectNs / baselineNs };
}
