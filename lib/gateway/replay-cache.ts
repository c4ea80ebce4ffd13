// The DPoP proof jti cache of one enforcement point (RFC 9449 §11.1): a proof
// is accepted once. In memory, bounded: entries leave once their proof is too
// old to be accepted anyway; when the cache is full of live entries the caller
// refuses the request (fails closed) rather than forgetting a live jti.
// Several replicas of one MCP server each keep their own cache, which is
// sound because a proof names the URL it was made for (htu), and replicas
// behind one URL should share a sticky route or a shared store (documented).
// No Next.js or database imports: usable from any Node service.
export class ReplayCache {
  readonly #seen = new Map<string, number>();

  constructor(private readonly maxEntries = 100_000) {}

  /** "fresh" the first time `key` is used before `expiresAtMs`, "replayed" after, "full" when no room is left. */
  use(key: string, expiresAtMs: number, nowMs = Date.now()): "fresh" | "replayed" | "full" {
    const seen = this.#seen.get(key);
    if (seen !== undefined && seen > nowMs) return "replayed";
    this.#sweep(nowMs);
    if (this.#seen.size >= this.maxEntries) return "full";
    this.#seen.delete(key);
    this.#seen.set(key, expiresAtMs);
    return "fresh";
  }

  get size(): number {
    return this.#seen.size;
  }

  /** Drops expired entries from the front: insertion order is close to expiry order, so this stops at once. */
  #sweep(nowMs: number): void {
    for (const [key, expiresAt] of this.#seen) {
      if (expiresAt > nowMs) break;
      this.#seen.delete(key);
    }
  }
}
