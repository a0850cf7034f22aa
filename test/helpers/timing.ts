/**
 * The quickest of `runs` timings of `work`, in milliseconds. A busy machine only ever adds time, so linearity checks
 * compare quickest with quickest: one preempted run must not read as a quadratic algorithm.
 */
export function quickestMs(work: () => unknown, runs = 3): number {
  let best = Infinity;
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    work();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}
