// Percentiles of latency samples, for the benchmark rows (p99 of n < 100 samples is their maximum).
export function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
