/** Apple writes dates as `2030-11-08T22:33:22+0000` (seconds, numeric offset). */
export function formatAppleDate(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, '+0000');
}
