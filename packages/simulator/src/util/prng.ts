/** A random source in [0, 1). Every random choice in the simulator goes through one, so a seed replays a run. */
export type Random = () => number;

/** mulberry32: tiny, fast and good enough to pick faults and ids; not for anything secret. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEX = '0123456789abcdef';

export function randomHex(random: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += HEX[Math.floor(random() * 16)];
  return out;
}

export function randomDigits(random: Random, length: number): string {
  let out = String(1 + Math.floor(random() * 9));
  for (let i = 1; i < length; i++) out += String(Math.floor(random() * 10));
  return out;
}

/** A UUID-shaped id, like Apple's eventId and notificationId. */
export function randomUuid(random: Random): string {
  const h = randomHex(random, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
}
