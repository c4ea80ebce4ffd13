// Latency distributions of the soak: a log-bucketed histogram (1 % wide
// buckets from 1 µs to over an hour) so ten minutes of requests cost a fixed
// few kilobytes per kind and interval, and intervals merge into totals by
// adding counts. Percentiles are nearest-rank over the buckets, reported as
// the bucket's upper bound (so never optimistic by more than 1 %).
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
const BUCKETS = Math.ceil(Math.log(4e9) / LOG_GROWTH) + 1;

export class Histogram {
  readonly counts = new Uint32Array(BUCKETS);
  count = 0;
  sumMs = 0;
  maxMs = 0;

  record(ms: number): void {
    const micros = Math.max(1, ms * 1000);
    const bucket = Math.min(BUCKETS - 1, Math.ceil(Math.log(micros) / LOG_GROWTH));
    this.counts[bucket]! += 1;
    this.count += 1;
    this.sumMs += ms;
    if (ms > this.maxMs) this.maxMs = ms;
  }

  add(other: Histogram): void {
    for (let index = 0; index < BUCKETS; index += 1) if (other.counts[index]) this.counts[index]! += other.counts[index]!;
    this.count += other.count;
    this.sumMs += other.sumMs;
    this.maxMs = Math.max(this.maxMs, other.maxMs);
  }

  /** The p-th percentile in ms (NaN when empty). */
  percentile(p: number): number {
    if (this.count === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    let seen = 0;
    for (let index = 0; index < BUCKETS; index += 1) {
      seen += this.counts[index]!;
      if (seen >= rank) return Math.min(this.maxMs, GROWTH ** index / 1000);
    }
    return this.maxMs;
  }

  get meanMs(): number {
    return this.count ? this.sumMs / this.count : Number.NaN;
  }
}
