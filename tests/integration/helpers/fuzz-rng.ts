// A small seedable PRNG for the fuzzers (tests/integration/api-fuzz.test.ts,
// tests/integration/oauth-fuzz.test.ts),
// and the derivation of one generator per (seed, operation, index), so a
// request's inputs depend on nothing but those three.
import crypto from "node:crypto";

/** mulberry32: small, fast, seedable */
export class Rng {
  constructor(private state: number) {}
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** 0 ≤ n < max */
  int = (max: number) => Math.floor(this.next() * max);
  /** min ≤ n ≤ max */
  between = (min: number, max: number) => min + Math.floor(this.next() * (max - min + 1));
  chance = (p: number) => this.next() < p;
  pick = <T>(items: readonly T[]): T => items[this.int(items.length)]!;
  bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => this.int(256)));
}

/** The generator of one request: the same (seed, operation, index) always gives the same inputs. */
export function rngFor(seed: number, ...parts: (string | number)[]): Rng {
  const digest = crypto.createHash("sha256").update([seed, ...parts].join("\u0000")).digest();
  return new Rng(digest.readUInt32LE(0));
}
