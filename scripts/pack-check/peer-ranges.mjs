/**
 * The lowest version a peer range admits, for the range forms our packages use (`^1.6.0`, `~1.9.0`, `>=14 <16`,
 * `^14.5.0 || ^15.0.0`): the start of its first alternative, padded to three parts.
 */
export function lowestOf(range) {
  const first = range
    .split('||')[0]
    .trim()
    .split(/\s+/)[0]
    .replace(/^(\^|~|>=)/, '');
  if (!/^\d+(\.\d+){0,2}$/.test(first)) throw new Error(`cannot read the lowest version of "${range}"`);
  const parts = first.split('.');
  while (parts.length < 3) parts.push('0');
  return parts.join('.');
}
