// Latency distributions of the soak: HdrHistogram (hdr-histogram-js, the
// histogram autocannon reports with), recorded in microseconds from 1 µs to an
// hour at 2 significant digits, so ten minutes of requests cost a fixed few
// kilobytes per kind and interval and intervals merge into totals by adding.
import { build, type Histogram as Hdr } from "hdr-histogram-js";

const HOUR_MICROS = 3_600_000_000;

export class Histogram {
  private readonly hdr: Hdr = build({ lowestDiscernibleValue: 1, highestTrackableValue: HOUR_MICROS, numberOfSignificantValueDigits: 2 });

  record(ms: number): void {
    this.hdr.recordValue(Math.min(HOUR_MICROS, Math.max(1, Math.round(ms * 1000))));
  }

  add(other: Histogram): void {
    this.hdr.add(other.hdr);
  }

  get count(): number {
    return this.hdr.totalCount;
  }

  /** The p-th percentile in ms (NaN when empty). */
  percentile(p: number): number {
    return this.count === 0 ? Number.NaN : this.hdr.getValueAtPercentile(p) / 1000;
  }
}
