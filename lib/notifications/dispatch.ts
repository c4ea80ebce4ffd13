// The notification dispatcher (docs/notifications.md): sends due outbox rows
// and records each outcome. Every instance may run it (the scheduler's job, and
// a kick right after rows are queued); a compare-and-set on `attempts` claims
// a row, so two dispatchers never send one row twice. The claim also moves
// `nextAttemptAt` past the send's deadline: a dispatcher that dies mid-send
// leaves the row to be tried again later, counted as an attempt.
import "server-only";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import type { Attempt } from "@/lib/notifications/attempt";
import type { EmailMessage, WebhookPayload } from "@/lib/notifications/messages";
import { createMailer, sendEmail, type Mailer } from "@/lib/notifications/send-email";
import { sendWebhook } from "@/lib/notifications/send-webhook";
import { shortError } from "@/lib/notifications/short-error";
import { openWebhookSecret } from "@/lib/notifications/webhook-secret";

export { verifyWebhookSignature } from "@/lib/notifications/signature";

/** The wait after each failed attempt; after the last one the delivery is "failed". */
export const RETRY_DELAYS_MS = [30_000, 2 * 60_000, 10 * 60_000, 60 * 60_000, 6 * 60 * 60_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
// longer than any send may take (webhooks 10 s, SMTP timeouts 10 + 10 + 30 s)
const CLAIM_LEASE_MS = 5 * 60_000;
const DEFAULT_LIMIT = 100;
const CONCURRENCY = 4;

export type DispatchSummary = { delivered: number; retried: number; failed: number };
type Outcome = keyof DispatchSummary;

async function attemptDelivery(id: string, mailer: () => Mailer | null): Promise<Attempt> {
  const row = await db().notification.findUniqueOrThrow({ where: { id }, include: { endpoint: true } });
  if (row.channel === "email") return sendEmail(mailer(), row.recipient, row.payload as unknown as EmailMessage);
  if (!row.endpoint) return { ok: false, status: null, error: "The webhook endpoint was deleted", final: true };
  if (!row.endpoint.enabled) return { ok: false, status: null, error: "The webhook endpoint is disabled", final: true };
  let secret: string;
  try {
    secret = openWebhookSecret(row.endpoint.secretSealed, row.endpoint.id);
  } catch {
    return { ok: false, status: null, error: "The endpoint's secret cannot be opened (was WARDEN_KEK changed?)" };
  }
  return sendWebhook({ url: row.endpoint.url, secret, deliveryId: row.id, event: row.event, payload: row.payload as unknown as WebhookPayload });
}

async function deliver(candidate: { id: string; attempts: number }, now: Date, clock: () => Date, mailer: () => Mailer | null): Promise<Outcome | null> {
  const attempt = candidate.attempts + 1;
  const claimed = await db().notification.updateMany({
    where: { id: candidate.id, status: "pending", attempts: candidate.attempts, nextAttemptAt: { lte: now } },
    data: { attempts: attempt, nextAttemptAt: new Date(now.getTime() + CLAIM_LEASE_MS) },
  });
  if (claimed.count !== 1) return null; // another dispatcher took it
  let result: Attempt;
  if (attempt > MAX_ATTEMPTS) {
    result = { ok: false, status: null, error: "Gave up: the last attempt did not finish", final: true };
  } else {
    try {
      result = await attemptDelivery(candidate.id, mailer);
    } catch (error) {
      result = { ok: false, status: null, error: shortError(error) };
    }
  }
  const at = clock();
  const mine = { id: candidate.id, status: "pending", attempts: attempt };
  if (result.ok) {
    await db().notification.updateMany({ where: mine, data: { status: "delivered", deliveredAt: at, lastStatus: result.status } });
    return "delivered";
  }
  const giveUp = result.final === true || attempt >= MAX_ATTEMPTS;
  await db().notification.updateMany({
    where: mine,
    data: { status: giveUp ? "failed" : "pending", nextAttemptAt: giveUp ? at : new Date(at.getTime() + RETRY_DELAYS_MS[attempt - 1]!), lastError: shortError(result.error), lastStatus: result.status },
  });
  return giveUp ? "failed" : "retried";
}

/** Sends the pending rows due at `now` (at most `limit`, oldest due first) and records each outcome. */
export async function dispatchNotifications(now = new Date(), options: { limit?: number } = {}): Promise<DispatchSummary> {
  const summary: DispatchSummary = { delivered: 0, retried: 0, failed: 0 };
  const due = await db().notification.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now } },
    orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
    take: options.limit ?? DEFAULT_LIMIT,
    select: { id: true, attempts: true },
  });
  if (due.length === 0) return summary;
  // times recorded follow the injected clock, advanced by the real time spent
  const started = Date.now();
  const clock = () => new Date(now.getTime() + (Date.now() - started));
  let mailer: Mailer | null | undefined;
  const lazyMailer = () => (mailer === undefined ? (mailer = createMailer()) : mailer);
  const queue = [...due];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const outcome = await deliver(next, now, clock, lazyMailer);
      if (outcome) summary[outcome] += 1;
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, due.length) }, worker));
  } finally {
    mailer?.transporter.close();
  }
  return summary;
}

// The kick: dispatch shortly after rows are queued instead of at the next
// scheduler tick. Debounced (one run per burst of enqueues); a kick during a
// run asks for one more run after it. Shared through globalThis by the custom
// server's and the Next.js bundle's copies of this module.
const KICK_DELAY_MS = 200;
const slot = Symbol.for("warden.notificationKick");
type KickState = { timer: ReturnType<typeof setTimeout> | null; running: boolean; again: boolean; paused: boolean };

function kickState(): KickState {
  const holder = globalThis as { [slot]?: KickState };
  holder[slot] ??= { timer: null, running: false, again: false, paused: false };
  return holder[slot];
}

async function runKicked(state: KickState): Promise<void> {
  if (state.running) {
    state.again = true;
    return;
  }
  state.running = true;
  try {
    const summary = await dispatchNotifications();
    if (summary.delivered + summary.retried + summary.failed > 0) logger().info({ ...summary }, "notifications dispatched");
  } catch (error) {
    logger().error({ err: error }, "notification dispatch failed; the scheduler tries again");
  } finally {
    state.running = false;
    if (state.again) {
      state.again = false;
      kickNotificationDispatch();
    }
  }
}

/** Dispatches soon, in this process; never throws (errors are logged). */
export function kickNotificationDispatch(): void {
  const state = kickState();
  if (state.paused || state.timer) return;
  state.timer = setTimeout(() => {
    state.timer = null;
    void runKicked(state);
  }, KICK_DELAY_MS);
  state.timer.unref?.();
}

/** Tests that dispatch at injected times turn the kick off (and back on). */
export function pauseNotificationKicks(paused = true): void {
  const state = kickState();
  state.paused = paused;
  if (paused && state.timer) {
    clearTimeout(state.timer);
    state.timer = null;
  }
}
