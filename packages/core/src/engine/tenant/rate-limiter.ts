/**
 * Apple's clocks and ours are not the same, and a request sent on the dot of a window's end may reach Apple a
 * little before it: each window is this much longer than the rate alone asks for.
 */
const WINDOW_MARGIN_MS = 25;
/**
 * The most send times one tenant remembers. Above 64 requests/s the window shrinks to 64 requests (64 / rate
 * seconds), which still never lets more than the rate through per second: memory stays bounded for any rate.
 */
const MAX_WINDOW = 64;

/** Requests one window may hold at `requestsPerSecond`: the whole second's allowance, at least one. */
export function perSecondAllowance(requestsPerSecond: number): number {
  return Math.max(1, Math.floor(requestsPerSecond));
}

/** The limiter's constants at one rate and burst. */
export interface RateShape {
  readonly intervalMs: number;
  readonly windowLimit: number;
  readonly windowMs: number;
  readonly toleranceMs: number;
}

/**
 * `pace` > 1 spaces requests below the burst that much faster than the rate (the first-contact second); the
 * window still holds at most the rate's allowance.
 */
export function rateShape(requestsPerSecond: number, burst: number, pace = 1): RateShape {
  const intervalMs = 1000 / requestsPerSecond / pace;
  const windowLimit = Math.min(perSecondAllowance(requestsPerSecond), MAX_WINDOW);
  return {
    intervalMs,
    windowLimit,
    windowMs: (windowLimit * 1000) / requestsPerSecond + WINDOW_MARGIN_MS,
    toleranceMs: (Math.min(burst, windowLimit) - 1) * intervalMs,
  };
}

/** One tenant's bookings. */
export interface TenantSlots {
  /** GCRA: the theoretical time at which the next request would be exactly on schedule. */
  nextAt: number;
  /** The latest booked send times, a ring; `head` is where the next one goes. Grows up to {@link MAX_WINDOW}. */
  sent: Float64Array;
  head: number;
  /** The first booking, epoch ms: the tenant's first contact. */
  readonly firstAt: number;
}

export function newSlots(now: number): TenantSlots {
  return { nextAt: now, sent: new Float64Array(1).fill(-Infinity), head: 0, firstAt: now };
}

/** The `n`-th most recent booking (1 = the newest), or -Infinity when there were fewer. */
function recent(slots: TenantSlots, n: number): number {
  const size = slots.sent.length;
  if (n > size) return -Infinity;
  return slots.sent[(slots.head - n + size) % size] as number;
}

/**
 * The earliest time at or after `now` a request may leave, read the strict way: never more than `windowLimit`
 * requests in any window of `windowLimit / rate` seconds (15 in any second at 15/s), so the whole allowance may
 * go at once yet a server counting in one-second windows or with a token bucket never sees an excess. A `burst`
 * below that limit also spaces requests evenly (GCRA).
 */
export function earliestSlot(slots: TenantSlots, now: number, shape: RateShape): number {
  const paced = Math.max(slots.nextAt, now) - shape.toleranceMs;
  const windowed = recent(slots, shape.windowLimit) + shape.windowMs;
  const at = Math.max(now, paced, windowed);
  // Epoch ms near 1.7e12 carry about 0.0002 ms of float precision, and each added fractional interval rounds by
  // up to half of that: a slot due within 10 µs is due now.
  return at - now < 0.01 ? now : at;
}

export function bookSlot(slots: TenantSlots, sendAt: number, shape: RateShape): void {
  slots.nextAt = Math.max(slots.nextAt, sendAt) + shape.intervalMs;
  if (slots.sent.length < shape.windowLimit) grow(slots, shape.windowLimit);
  slots.sent[slots.head] = sendAt;
  slots.head = (slots.head + 1) % slots.sent.length;
}

/** A higher rate needs a longer memory: the newest bookings are kept, oldest first. */
function grow(slots: TenantSlots, size: number): void {
  const sent = new Float64Array(size).fill(-Infinity);
  const old = slots.sent.length;
  for (let i = 1; i <= old; i++) sent[size - i] = recent(slots, i);
  slots.sent = sent;
  slots.head = 0;
}

/** The booking made for `bookedAt` left at `sentAt`: later windows count from the real send. */
export function moveSlot(slots: TenantSlots, bookedAt: number, sentAt: number): void {
  if (sentAt <= bookedAt) return;
  const index = slots.sent.indexOf(bookedAt);
  if (index >= 0) slots.sent[index] = sentAt;
}

/**
 * The booking made for `bookedAt` was never used: it leaves the window, as if never made (the rest keep their
 * order, oldest first). When it was the newest, the pacing clock goes back to one interval after the newest left.
 */
export function releaseSlot(slots: TenantSlots, bookedAt: number): void {
  const index = slots.sent.indexOf(bookedAt);
  if (index < 0) return;
  const newest = recent(slots, 1);
  const size = slots.sent.length;
  const kept: number[] = [];
  for (let n = size; n >= 1; n--) {
    const position = (slots.head - n + size) % size;
    if (position !== index) kept.push(slots.sent[position] as number);
  }
  // Oldest first from position 1; position 0, now the oldest, is empty and takes the next booking (`head` 0).
  slots.sent[0] = -Infinity;
  for (let i = 0; i < kept.length; i++) slots.sent[i + 1] = kept[i] as number;
  slots.head = 0;
  if (bookedAt >= newest) {
    // `nextAt` is the newest booking plus the interval it was booked at; the same interval after the one now newest.
    const interval = Math.max(0, slots.nextAt - bookedAt);
    slots.nextAt = Math.min(slots.nextAt, recent(slots, 1) + interval);
  }
}

/** True when the tenant's bookings no longer constrain anything at `now`. */
export function slotsIdle(slots: TenantSlots, now: number): boolean {
  return slots.nextAt < now && recent(slots, 1) + 1000 + WINDOW_MARGIN_MS < now;
}
