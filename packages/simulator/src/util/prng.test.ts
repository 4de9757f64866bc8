import { describe, expect, it } from 'vitest';
import { createRandom, randomUuid } from './prng.js';

describe('createRandom', () => {
  it('replays the same sequence for a seed and stays in [0, 1)', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const seqA = Array.from({ length: 100 }, a);
    expect(Array.from({ length: 100 }, b)).toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(Array.from({ length: 5 }, createRandom(43))).not.toEqual(seqA.slice(0, 5));
  });

  it('makes UUID-shaped ids', () => {
    expect(randomUuid(createRandom(1))).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
