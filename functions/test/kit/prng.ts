// The seeded PRNG of every randomised test (fault schedules, the soak): the same seed gives the
// same sequence on every machine, so any schedule is reproducible from its number.

/** mulberry32: small, fast, and good enough to pick faults and moments. */
export function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
