/*
 * A tiny seeded random source, so the simulated service behaves the same on every run. Each
 * signer gets its own stream, derived from the seed, the order and the role: what one signer does
 * never depends on how often the runner polled or in which order it created jobs.
 */

/** FNV-1a over UTF-16 code units: a stable 32-bit hash of a text. */
export const hash32 = (text: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
};

export type Random = () => number;

/** mulberry32: a fast 32-bit generator with a good spread, uniform in [0, 1). */
export const seededRandom = (seed: number): Random => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** An independent stream for one purpose ("signer", order id, role …) under one seed. */
export const randomFor = (seed: number, ...parts: string[]): Random => seededRandom(hash32(`${seed}\u0000${parts.join('\u0000')}`));
