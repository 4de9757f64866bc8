// Reading other scripts' JSON reports without depending on their exact shape: the overhead benches belong to
// their packages and may rename fields, so look for the CPU ratio by meaning.

/**
 * The JSON object a script printed, even with text around it (the last parseable `{...}` block wins).
 * @param {string} stdout
 * @returns {Record<string, unknown> | null}
 */
export function extractJson(stdout) {
  const end = stdout.lastIndexOf('}');
  if (end === -1) return null;
  for (let start = stdout.indexOf('{'); start !== -1 && start < end; start = stdout.indexOf('{', start + 1)) {
    try {
      const value = JSON.parse(stdout.slice(start, end + 1));
      if (typeof value === 'object' && value !== null) return value;
    } catch {
      // not a complete object from here; try the next brace
    }
  }
  return null;
}

/**
 * The first finite number whose key path mentions every word (case-insensitive), depth first, e.g.
 * `findNumber(report, ['ratio', 'cpu'])` finds `ratio.cpu` and `ratios.cpuPerRequest` alike.
 * @param {unknown} value
 * @param {readonly string[]} words
 * @param {string} [path]
 * @returns {{ path: string, value: number } | null}
 */
export function findNumber(value, words, path = '') {
  if (typeof value === 'number') {
    const lower = path.toLowerCase();
    return Number.isFinite(value) && words.every((w) => lower.includes(w)) ? { path, value } : null;
  }
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, child] of Object.entries(value)) {
    const found = findNumber(child, words, path === '' ? key : `${path}.${key}`);
    if (found !== null) return found;
  }
  return null;
}
