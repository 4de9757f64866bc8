// Plain-text tables for the bench reports: left-aligned first column, right-aligned numbers.

/**
 * @param {readonly string[]} headers
 * @param {readonly (readonly (string | number)[])[]} rows
 * @returns {string}
 */
export function formatTable(headers, rows) {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  /** @param {readonly string[]} row */
  const line = (row) =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(cells[0] ?? []), rule, ...cells.slice(1).map(line)].join('\n');
}

/** @param {boolean} ok */
export function mark(ok) {
  return ok ? 'yes' : 'NO';
}

/** @param {number} value @param {number} [digits] */
export function round(value, digits = 1) {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Milliseconds as seconds with two decimals; null or Infinity (never reached) as `never`. @param {number | null} ms */
export function seconds(ms) {
  return ms === null || !Number.isFinite(ms) ? 'never' : (ms / 1000).toFixed(2);
}

/** @param {number} share */
export function percent(share) {
  return `${(share * 100).toFixed(1)} %`;
}
