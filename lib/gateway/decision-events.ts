// The enforcement SDK's audit trail: every decision and tool call becomes an
// event, buffered in memory and sent to Warden's ingestion endpoint
// (POST /policy/v1/events) in batches. A batch that fails to reach Warden (network
// error, 5xx, 429) stays in the buffer and is sent again with backoff (or after
// the Retry-After a 429 or 503 names, when that is longer), with the
// same event ids, so Warden stores it once. The buffer is bounded: when Warden
// is down long enough for it to fill, the oldest events are dropped and
// counted (stats().dropped), so an outage never exhausts the gateway's memory.
// A batch Warden refuses (400/413 malformed, 403 not allowed) is dropped and
// counted too: sending it again would fail the same way, and block the rest. docs/policy-bundle.md has the numbers.
// No Next.js or database imports: usable from any Node service.
import { EndpointCredentials, type SigningKey } from "@/lib/gateway/credentials";
import { MAX_EVENTS_PER_BATCH, type EnforcementEvent } from "@/lib/policy/events/schema";

export const EVENTS_PATH = "/policy/v1/events";

export type EventSinkOptions = {
  /** Warden's issuer identifier (its base URL) */
  issuer: string;
  /** the reporting gateway's or server's identity id */
  identityId: string;
  key: SigningKey;
  /** events kept while Warden cannot be reached (default 10,000) */
  maxBuffered?: number;
  /** events per request (default and maximum 500) */
  batchSize?: number;
  /** how often buffered events are sent (default 1,000 ms) */
  flushIntervalMs?: number;
  fetch?: typeof fetch;
  onError?: (message: string) => void;
};

/** `retryAt`: when a batch that failed is sent again (epoch ms; 0 when nothing waits). */
export type EventSinkStats = { buffered: number; sent: number; dropped: number; failedAttempts: number; retryAt: number };

const MAX_BACKOFF_MS = 30_000;
/** the longest Retry-After honoured: a misconfigured proxy must not silence a gateway's audit trail for hours */
const MAX_RETRY_AFTER_MS = 600_000;

type Outcome = { outcome: "sent" | "refused" } | { outcome: "retry"; retryAfterMs: number };

/** Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP date; 0 when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number {
  if (!header) return 0;
  const value = header.trim();
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, MAX_RETRY_AFTER_MS) : 0;
}

export class DecisionEventSink {
  readonly #options: Required<Omit<EventSinkOptions, "onError">> & Pick<EventSinkOptions, "onError">;
  readonly #credentials: EndpointCredentials;
  readonly #url: string;
  #buffer: EnforcementEvent[] = [];
  #stats = { sent: 0, dropped: 0, failedAttempts: 0 };
  #timer: NodeJS.Timeout | null = null;
  #flushing: Promise<boolean> | null = null;
  #retryAt = 0;
  #backoff = 1000;

  constructor(options: EventSinkOptions) {
    const issuer = options.issuer.replace(/\/$/, "");
    this.#options = {
      ...options,
      issuer,
      maxBuffered: options.maxBuffered ?? 10_000,
      flushIntervalMs: options.flushIntervalMs ?? 1000,
      fetch: options.fetch ?? globalThis.fetch,
      batchSize: Math.min(options.batchSize ?? MAX_EVENTS_PER_BATCH, MAX_EVENTS_PER_BATCH),
    };
    this.#credentials = new EndpointCredentials(options.identityId, options.key);
    this.#url = `${issuer}${EVENTS_PATH}`;
  }

  emit(event: EnforcementEvent): void {
    this.#buffer.push(event);
    if (this.#buffer.length > this.#options.maxBuffered) {
      const excess = this.#buffer.length - this.#options.maxBuffered;
      this.#buffer.splice(0, excess);
      this.#stats.dropped += excess;
    }
  }

  stats(): EventSinkStats {
    return { buffered: this.#buffer.length, ...this.#stats, retryAt: this.#retryAt };
  }

  /** Sends buffered events on a timer until stop(). */
  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      if (Date.now() >= this.#retryAt) void this.flush();
    }, this.#options.flushIntervalMs);
    this.#timer.unref();
  }

  /** Stops the timer and tries once more to send what is buffered. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.flush();
  }

  /** Sends everything buffered; true when the buffer was emptied, false when a batch must wait for a retry. */
  flush(): Promise<boolean> {
    this.#flushing ??= this.#flushAll().finally(() => {
      this.#flushing = null;
    });
    return this.#flushing;
  }

  async #flushAll(): Promise<boolean> {
    while (this.#buffer.length > 0) {
      const batch = this.#buffer.slice(0, this.#options.batchSize);
      const result = await this.#send(batch);
      if (result.outcome === "retry") {
        this.#stats.failedAttempts += 1;
        this.#retryAt = Date.now() + Math.max(this.#backoff, result.retryAfterMs);
        this.#backoff = Math.min(this.#backoff * 2, MAX_BACKOFF_MS);
        return false;
      }
      this.#backoff = 1000;
      this.#retryAt = 0;
      // events emitted while the batch was in flight went after it, and overflow only drops from the front:
      // what is left of the batch is at the front
      const inBatch = new Set(batch);
      let stillHere = 0;
      while (stillHere < this.#buffer.length && inBatch.has(this.#buffer[stillHere]!)) stillHere += 1;
      this.#buffer.splice(0, stillHere);
      if (result.outcome === "sent") this.#stats.sent += batch.length;
      else this.#stats.dropped += batch.length;
    }
    return true;
  }

  async #send(batch: EnforcementEvent[]): Promise<Outcome> {
    try {
      const response = await this.#options.fetch(this.#url, {
        method: "POST",
        headers: { authorization: `Bearer ${await this.#credentials.bearer(this.#url)}`, "content-type": "application/json" },
        body: JSON.stringify({ events: batch }),
      });
      if (response.ok) return { outcome: "sent" };
      const detail = (await response.text()).slice(0, 300);
      if (response.status === 401) this.#credentials.forget(this.#url);
      this.#options.onError?.(`The events endpoint answered HTTP ${response.status}: ${detail}`);
      if (response.status === 400 || response.status === 403 || response.status === 413) return { outcome: "refused" };
      return { outcome: "retry", retryAfterMs: retryAfterMs(response.headers.get("retry-after")) };
    } catch (error) {
      this.#options.onError?.(`Sending events failed: ${(error as Error).message}`);
      return { outcome: "retry", retryAfterMs: 0 };
    }
  }
}
