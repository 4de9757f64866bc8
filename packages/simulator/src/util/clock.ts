/** Milliseconds since the epoch; fractions allowed. Injected so tests can freeze or step time. */
export type Clock = () => number;

/** Wall-clock time with sub-millisecond resolution, so the request log can order a burst. */
export const systemClock: Clock = () => performance.timeOrigin + performance.now();
