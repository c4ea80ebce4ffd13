// Campaign notifications on both databases: the outbox (enqueueCampaignNotifications),
// the dispatcher against a real SMTP server and a real HTTP receiver that checks
// Warden-Signature, retries with backoff at injected times, giving up and the
// retry endpoint, two dispatchers at once, and the webhook and delivery-log API.
// The file runs in its own fresh database: the dispatcher takes every due row,
// so rows of other test files (or other workers' dispatchers) must not mix in.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as listNotificationsRoute } from "@/app/api/v1/notifications/route";
import { POST as retryRoute } from "@/app/api/v1/notifications/[id]/retry/route";
import { DELETE as deleteWebhookRoute, GET as getWebhookRoute, PATCH as updateWebhookRoute } from "@/app/api/v1/webhooks/[id]/route";
import { GET as listWebhooksRoute, POST as createWebhookRoute } from "@/app/api/v1/webhooks/route";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { resetEnvCache } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { transact } from "@/lib/db/transaction";
import { AppError } from "@/lib/errors/app-error";
import { newId } from "@/lib/ids";
import { dispatchNotifications, MAX_ATTEMPTS, pauseNotificationKicks, RETRY_DELAYS_MS, verifyWebhookSignature } from "@/lib/notifications/dispatch";
import { createWebhook } from "@/lib/notifications/create-webhook";
import { enqueueCampaignNotifications, type CampaignEvent } from "@/lib/notifications/enqueue";
import type { TNotification, TWebhookEndpoint } from "@/lib/notifications/schemas";
import { seedUser, sessionCookieFor, type SeededUser } from "@/lib/seed/factories";
import { deactivateUser } from "@/lib/users/deactivate-user";
import { withFreshDatabase } from "./helpers/fresh-database";
import { withGlobalDatabase } from "./helpers/global-database";
import { call } from "./helpers/http";

type Mail = { from: string; to: string[]; raw: string };
type Received = { headers: http.IncomingHttpHeaders; body: string; verified: boolean };

const mails: Mail[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
      mails.push({ from, to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw: Buffer.concat(chunks).toString("utf8") });
      callback();
    });
  },
});

// The receiver answers with the next planned status (then `fallback`) and
// checks each request's signature with the secret Warden returned at creation.
const receiver = {
  secret: "",
  plan: [] as number[],
  fallback: 200,
  delayMs: 0,
  received: [] as Received[],
  reset(secret: string, plan: number[] = [], fallback = 200) {
    Object.assign(this, { secret, plan: [...plan], fallback, delayMs: 0, received: [] });
  },
};
const httpServer = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    const verified = verifyWebhookSignature(receiver.secret, request.headers["warden-signature"] as string | undefined, body);
    receiver.received.push({ headers: request.headers, body, verified });
    const status = verified ? (receiver.plan.shift() ?? receiver.fallback) : 401;
    setTimeout(() => response.writeHead(status, { "content-type": "text/plain" }).end("ok"), receiver.delayMs);
  });
});

let hookUrl = "";
let admin: SeededUser;
let adminCookie = "";
let finishIsolation: (() => void) | undefined;
let isolation: Promise<unknown> | undefined;

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  process.env.WARDEN_SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  process.env.WARDEN_SMTP_FROM = "Warden <warden@notifications.test>";
  resetEnvCache();
  hookUrl = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/hook`;
  // this file's dispatches happen at injected times, not on the kick
  pauseNotificationKicks();
  // switch db() to a fresh database until afterAll
  await new Promise<void>((ready, fail) => {
    isolation = withFreshDatabase((_client, target) => withGlobalDatabase(target, () => new Promise<void>((finish) => ((finishIsolation = finish), ready())))).catch(fail);
  });
  admin = await seedUser({ role: "admin" });
  adminCookie = (await sessionCookieFor(admin.id)).cookie;
});

afterEach(async () => {
  await db().notification.deleteMany({});
  await db().webhookEndpoint.deleteMany({});
});

afterAll(async () => {
  finishIsolation?.();
  await isolation;
  pauseNotificationKicks(false);
  delete process.env.WARDEN_SMTP_URL;
  delete process.env.WARDEN_SMTP_FROM;
  resetEnvCache();
  await new Promise<void>((resolve) => smtp.close(resolve));
  await new Promise<void>((resolve) => httpServer.close(() => resolve()));
});

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

function enqueue(event: CampaignEvent, campaign: { id: string; name: string; dueAt: Date }, recipientUserIds: string[] = [], details?: Record<string, unknown>) {
  return transact((tx) => enqueueCampaignNotifications(tx, { event, campaign, recipientUserIds, details }));
}

async function addEndpoint(events: CampaignEvent[] = ["campaign.reminder"], plan: number[] = [], fallback = 200): Promise<TWebhookEndpoint> {
  const result = await call<{ endpoint: TWebhookEndpoint; secret: string }>(createWebhookRoute, { method: "POST", path: "/api/v1/webhooks", cookie: adminCookie, body: { url: hookUrl, description: "test receiver", events } });
  expect(result.status).toBe(201);
  expect(result.body.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
  receiver.reset(result.body.secret, plan, fallback);
  return result.body.endpoint;
}

async function deliveryLog(query: string, cookie = adminCookie) {
  return call<{ items: TNotification[]; nextCursor: string | null }>(listNotificationsRoute, { path: `/api/v1/notifications?${query}`, cookie });
}

const someCampaign = (name = "Q3 grants") => ({ id: newId("campaign"), name, dueAt: inDays(10) });
/** A header of a raw message, unfolded, with RFC 2047 encoded words decoded. */
function header(raw: string, name: string): string | undefined {
  const head = raw.split("\r\n\r\n")[0]!.replace(/\r\n(?=[ \t])/g, "");
  const line = head.split("\r\n").find((candidate) => candidate.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line
    ?.slice(name.length + 1)
    .trim()
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([qb])\?([^?]*)\?=/gi, (_word, encoding: string, text: string) =>
      encoding.toLowerCase() === "b" ? Buffer.from(text, "base64").toString("utf8") : Buffer.from(text.replace(/_/g, " ").replace(/=([0-9a-f]{2})/gi, (_hex, code: string) => String.fromCharCode(parseInt(code, 16))), "latin1").toString("utf8"),
    );
}

describe("email", () => {
  it("sends a reminder to each active recipient over SMTP, with their open items in the subject", async () => {
    const reviewer = await seedUser({ role: "owner", name: "Rita Reviewer" });
    const leaver = await seedUser({ role: "owner" });
    await deactivateUser({ actor: SYSTEM_ACTOR, userId: leaver.id });
    const campaign = await createCampaign({ actor: admin.actor, input: { type: "identity", name: "Q3 grants", dueAt: inDays(20).toISOString() } });
    await db().campaignItem.createMany({
      data: [0, 1, 2].map((n) => ({ id: newId("campaignItem"), campaignId: campaign.id, targetType: "identity", targetId: `agt_${String(n).repeat(26)}`, snapshot: {}, reviewerId: reviewer.id })),
    });
    const ref = { id: campaign.id, name: campaign.name, dueAt: new Date(campaign.dueAt) };

    expect(await enqueue("campaign.reminder", ref, [reviewer.id, leaver.id, reviewer.id])).toBe(1);
    expect(await dispatchNotifications()).toEqual({ delivered: 1, retried: 0, failed: 0 });

    const mail = mails.find((candidate) => candidate.to.includes(reviewer.email));
    expect(mail).toBeDefined();
    expect(mail!.to).toEqual([reviewer.email]);
    expect(mail!.from).toBe("warden@notifications.test");
    expect(mails.some((candidate) => candidate.to.includes(leaver.email))).toBe(false);
    expect(header(mail!.raw, "Subject")).toBe(`[Warden] Reminder: 3 items to review in "Q3 grants" by ${campaign.dueAt.slice(0, 10)}`);
    expect(header(mail!.raw, "To")).toBe(reviewer.email);
    expect(mail!.raw).toContain("Your reviews: http://localhost:3000/reviews");
    expect(mail!.raw).toContain("Hello Rita Reviewer,");
    expect(mail!.raw).toContain("Content-Type: text/html");

    const log = await deliveryLog(`channel=email&campaignId=${campaign.id}`);
    expect(log.status).toBe(200);
    expect(log.body.items).toEqual([
      expect.objectContaining({ channel: "email", event: "campaign.reminder", recipient: reviewer.email, status: "delivered", attempts: 1, lastStatus: 250, lastError: null, nextAttemptAt: null, subject: expect.stringContaining("3 items") }),
    ]);
  });

  it("queues no email when SMTP is not configured", async () => {
    const reviewer = await seedUser({ role: "owner" });
    delete process.env.WARDEN_SMTP_URL;
    resetEnvCache();
    try {
      expect(await enqueue("campaign.launched", someCampaign(), [reviewer.id])).toBe(0);
    } finally {
      process.env.WARDEN_SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
      resetEnvCache();
    }
  });
});

describe("webhooks", () => {
  it("signs each delivery, retries a 500 with backoff and delivers at a later attempt", async () => {
    const endpoint = await addEndpoint(["campaign.reminder", "campaign.closed"], [500]);
    const campaign = someCampaign();
    // not subscribed: nothing queued for it
    expect(await enqueue("campaign.launched", campaign)).toBe(0);
    expect(await enqueue("campaign.reminder", campaign, [], { openItems: 12 })).toBe(1);
    const now = new Date();

    expect(await dispatchNotifications(now)).toEqual({ delivered: 0, retried: 1, failed: 0 });
    expect(receiver.received).toHaveLength(1);
    const first = receiver.received[0]!;
    expect(first.verified).toBe(true);
    expect(first.headers).toMatchObject({ "content-type": "application/json", "user-agent": "Warden-Webhooks/1", "warden-event": "campaign.reminder" });
    expect(first.headers["warden-signature"]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const body = JSON.parse(first.body) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(["id", "event", "occurredAt", "campaign", "details"]);
    expect(body).toEqual({
      id: first.headers["warden-delivery"],
      event: "campaign.reminder",
      occurredAt: expect.any(String),
      campaign: { id: campaign.id, name: "Q3 grants", dueAt: campaign.dueAt.toISOString(), url: `http://localhost:3000/campaigns/${campaign.id}` },
      details: { openItems: 12 },
    });
    // a tampered body, or another secret, does not verify
    const header = first.headers["warden-signature"] as string;
    expect(verifyWebhookSignature(receiver.secret, header, first.body.replace("Q3 grants", "Q4 grants"))).toBe(false);
    expect(verifyWebhookSignature("whsec_not-the-secret", header, first.body)).toBe(false);

    let log = await deliveryLog(`endpointId=${endpoint.id}`);
    expect(log.body.items).toHaveLength(1);
    const retrying = log.body.items[0]!;
    expect(retrying).toMatchObject({ id: body.id, channel: "webhook", recipient: hookUrl, status: "pending", attempts: 1, maxAttempts: MAX_ATTEMPTS, lastStatus: 500, lastError: "HTTP 500", deliveredAt: null });
    expect(Date.parse(retrying.nextAttemptAt!)).toBeGreaterThanOrEqual(now.getTime() + RETRY_DELAYS_MS[0]);

    // not due yet
    expect(await dispatchNotifications(later(now, 1_000))).toEqual({ delivered: 0, retried: 0, failed: 0 });
    expect(await dispatchNotifications(later(now, RETRY_DELAYS_MS[0] + 5_000))).toEqual({ delivered: 1, retried: 0, failed: 0 });
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]).toMatchObject({ verified: true, body: first.body });
    expect(receiver.received[1]!.headers["warden-delivery"]).toBe(body.id);

    log = await deliveryLog(`endpointId=${endpoint.id}&status=delivered`);
    // both attempts: the first one's error stays, the last one's status is the 200
    expect(log.body.items).toEqual([expect.objectContaining({ id: body.id, status: "delivered", attempts: 2, lastStatus: 200, lastError: "HTTP 500", nextAttemptAt: null, deliveredAt: expect.any(String) })]);
    expect((await deliveryLog(`endpointId=${endpoint.id}&status=pending`)).body.items).toEqual([]);
  });

  it("gives up after the last attempt, and the retry endpoint sends it again", async () => {
    const endpoint = await addEndpoint(["campaign.escalated"], [], 503);
    expect(await enqueue("campaign.escalated", someCampaign("Escalations"))).toBe(1);
    let at = new Date();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const expected = attempt < MAX_ATTEMPTS ? { delivered: 0, retried: 1, failed: 0 } : { delivered: 0, retried: 0, failed: 1 };
      expect(await dispatchNotifications(at), `attempt ${attempt}`).toEqual(expected);
      at = later(at, (RETRY_DELAYS_MS[attempt - 1] ?? 0) + 1_000);
    }
    expect(receiver.received).toHaveLength(MAX_ATTEMPTS);
    expect(receiver.received.every((request) => request.verified)).toBe(true);
    expect(await dispatchNotifications(later(at, 24 * 3_600_000))).toEqual({ delivered: 0, retried: 0, failed: 0 });

    const [failed] = (await deliveryLog(`endpointId=${endpoint.id}&status=failed`)).body.items;
    expect(failed).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, lastStatus: 503, lastError: "HTTP 503", nextAttemptAt: null });

    const owner = await seedUser({ role: "owner" });
    const auditor = await seedUser({ role: "auditor" });
    const auditorCookie = (await sessionCookieFor(auditor.id)).cookie;
    const retry = (cookie: string) => call<TNotification & { code?: string }>(retryRoute, { method: "POST", path: `/api/v1/notifications/${failed!.id}/retry`, params: { id: failed!.id }, cookie });
    expect((await retry((await sessionCookieFor(owner.id)).cookie)).status).toBe(403);
    expect((await retry(auditorCookie)).status).toBe(403);
    expect((await deliveryLog(`endpointId=${endpoint.id}`, auditorCookie)).status).toBe(200);

    const requeued = await retry(adminCookie);
    expect(requeued.status).toBe(200);
    expect(requeued.body).toMatchObject({ id: failed!.id, status: "pending", attempts: 0, lastError: "HTTP 503" });
    // only failed deliveries are retried
    expect(await retry(adminCookie)).toMatchObject({ status: 409, body: { code: "conflict" } });

    receiver.fallback = 200;
    expect(await dispatchNotifications()).toEqual({ delivered: 1, retried: 0, failed: 0 });
    expect((await deliveryLog(`endpointId=${endpoint.id}`)).body.items[0]).toMatchObject({ status: "delivered", attempts: 1, lastStatus: 200 });
    const audited = await db().auditEvent.findMany({ where: { action: "notification.retried", targetId: failed!.id } });
    expect(audited).toHaveLength(1);
  });

  it("never sends one row twice when two dispatchers run at once", async () => {
    await addEndpoint(["campaign.launched", "campaign.reminder", "campaign.escalated", "campaign.closed"]);
    receiver.delayMs = 30;
    for (const event of ["campaign.launched", "campaign.reminder", "campaign.escalated", "campaign.closed"] as const) {
      for (let n = 0; n < 3; n += 1) expect(await enqueue(event, someCampaign(`Concurrent ${n}`))).toBe(1);
    }
    const now = new Date();
    const [one, two] = await Promise.all([dispatchNotifications(now), dispatchNotifications(now)]);
    expect(one.delivered + two.delivered).toBe(12);
    expect(one.retried + two.retried + one.failed + two.failed).toBe(0);
    const ids = receiver.received.map((request) => request.headers["warden-delivery"]);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
    expect(await db().notification.count({ where: { status: "delivered", attempts: 1 } })).toBe(12);
  });

  it("fails the pending deliveries of a disabled endpoint without sending them", async () => {
    const endpoint = await addEndpoint(["campaign.closed"]);
    expect(await enqueue("campaign.closed", someCampaign(), [], { reason: "deadline" })).toBe(1);
    const disabled = await call<TWebhookEndpoint>(updateWebhookRoute, { method: "PATCH", path: `/api/v1/webhooks/${endpoint.id}`, params: { id: endpoint.id }, cookie: adminCookie, body: { enabled: false } });
    expect(disabled).toMatchObject({ status: 200, body: { enabled: false } });
    // disabled endpoints get nothing new
    expect(await enqueue("campaign.closed", someCampaign())).toBe(0);
    expect(await dispatchNotifications()).toEqual({ delivered: 0, retried: 0, failed: 1 });
    expect(receiver.received).toHaveLength(0);
    expect((await deliveryLog(`endpointId=${endpoint.id}`)).body.items[0]).toMatchObject({ status: "failed", attempts: 1, lastError: "The webhook endpoint is disabled" });
  });
});

describe("webhook endpoint API", () => {
  const create = (body: unknown, cookie = adminCookie) => call<{ code?: string; errors?: { path: string; message: string }[] }>(createWebhookRoute, { method: "POST", path: "/api/v1/webhooks", cookie, body });

  it.each([
    ["a relative URL", { url: "/hook", events: ["campaign.launched"] }, "url"],
    ["a non-http URL", { url: "ftp://hooks.example.test/warden", events: ["campaign.launched"] }, "url"],
    ["credentials in the URL", { url: "https://user:pw@hooks.example.test/warden", events: ["campaign.launched"] }, "url"],
    ["no events", { url: "https://hooks.example.test/warden", events: [] }, "events"],
    ["an unknown event", { url: "https://hooks.example.test/warden", events: ["campaign.deleted"] }, "events.0"],
    ["an unknown field", { url: "https://hooks.example.test/warden", events: ["campaign.launched"], secret: "mine" }, "secret"],
  ])("refuses %s", async (_name, body, path) => {
    const result = await create(body);
    expect(result.status).toBe(422);
    expect(result.body.errors?.map((issue) => issue.path)).toContain(path);
  });

  it("is for admins; auditors read", async () => {
    const body = { url: "https://hooks.example.test/warden", events: ["campaign.launched"] };
    const owner = await seedUser({ role: "owner" });
    const auditor = await seedUser({ role: "auditor" });
    const auditorCookie = (await sessionCookieFor(auditor.id)).cookie;
    expect((await create(body, (await sessionCookieFor(owner.id)).cookie)).status).toBe(403);
    expect((await create(body, auditorCookie)).status).toBe(403);
    expect((await call(listWebhooksRoute, { path: "/api/v1/webhooks", cookie: auditorCookie })).status).toBe(200);
    expect((await deliveryLog("limit=5", (await sessionCookieFor(owner.id)).cookie)).status).toBe(403);
  });

  it("requires https outside loopback in production", async () => {
    const saved = { WARDEN_ENV: process.env.WARDEN_ENV, WARDEN_KEK: process.env.WARDEN_KEK, WARDEN_OUTBOUND_ALLOW: process.env.WARDEN_OUTBOUND_ALLOW };
    process.env.WARDEN_ENV = "production";
    process.env.WARDEN_KEK ??= Buffer.alloc(32, 7).toString("base64url");
    resetEnvCache();
    try {
      const refused = await createWebhook({ actor: admin.actor, input: { url: "http://hooks.example.test/warden", events: ["campaign.closed"] } }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(AppError);
      expect(refused).toMatchObject({ code: "validation_failed", issues: [{ path: "url" }] });
      // production's outbound guard blocks loopback unless it is allowed (docs/outbound-requests.md)
      const blocked = await createWebhook({ actor: admin.actor, input: { url: "http://127.0.0.1:9/warden", events: ["campaign.closed"] } }).catch((error: unknown) => error);
      expect(blocked).toMatchObject({ code: "validation_failed", issues: [{ path: "url", message: "destination 127.0.0.1 is blocked: loopback" }] });
      process.env.WARDEN_OUTBOUND_ALLOW = "127.0.0.1";
      resetEnvCache();
      const loopback = await createWebhook({ actor: admin.actor, input: { url: "http://127.0.0.1:9/warden", events: ["campaign.closed"], enabled: false } });
      expect(loopback.endpoint.url).toBe("http://127.0.0.1:9/warden");
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      resetEnvCache();
    }
  });

  it("shows the secret once, changes and deletes endpoints, and audits each change without the secret", async () => {
    const created = await call<{ endpoint: TWebhookEndpoint; secret: string }>(createWebhookRoute, {
      method: "POST",
      path: "/api/v1/webhooks",
      cookie: adminCookie,
      body: { url: "https://hooks.example.test/warden", description: "SIEM", events: ["campaign.launched", "campaign.closed"] },
    });
    expect(created.status).toBe(201);
    const { endpoint, secret } = created.body;
    expect(endpoint).toMatchObject({ url: "https://hooks.example.test/warden", description: "SIEM", events: ["campaign.launched", "campaign.closed"], enabled: true, createdById: admin.id });
    const stored = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(stored.secretSealed).not.toContain(secret.slice(6));

    const params = { id: endpoint.id };
    const path = `/api/v1/webhooks/${endpoint.id}`;
    const fetched = await call(getWebhookRoute, { path, params, cookie: adminCookie });
    expect(fetched.status).toBe(200);
    expect(fetched.text).not.toContain(secret);
    const listed = await call<{ items: TWebhookEndpoint[] }>(listWebhooksRoute, { path: "/api/v1/webhooks?limit=100", cookie: adminCookie });
    expect(listed.body.items.map((item) => item.id)).toContain(endpoint.id);
    expect(listed.text).not.toContain(secret);

    const changed = await call<TWebhookEndpoint>(updateWebhookRoute, { method: "PATCH", path, params, cookie: adminCookie, body: { events: ["campaign.reminder"], description: null } });
    expect(changed.body).toMatchObject({ events: ["campaign.reminder"], description: null });
    expect((await call(updateWebhookRoute, { method: "PATCH", path, params, cookie: adminCookie, body: {} })).status).toBe(422);
    expect((await call(updateWebhookRoute, { method: "PATCH", path, params, cookie: adminCookie, body: { events: [] } })).status).toBe(422);

    expect((await call(deleteWebhookRoute, { method: "DELETE", path, params, cookie: adminCookie })).status).toBe(200);
    expect((await call(getWebhookRoute, { path, params, cookie: adminCookie })).status).toBe(404);
    expect((await call(deleteWebhookRoute, { method: "DELETE", path, params, cookie: adminCookie })).status).toBe(404);

    const events = await db().auditEvent.findMany({ where: { targetType: "webhook_endpoint", targetId: endpoint.id }, orderBy: { seq: "asc" } });
    expect(events.map((event) => event.action)).toEqual(["webhook.created", "webhook.updated", "webhook.deleted"]);
    expect(JSON.stringify(events.map((event) => event.details))).not.toContain(secret);
    expect(events[1]!.details).toMatchObject({ changes: { events: { from: ["campaign.launched", "campaign.closed"], to: ["campaign.reminder"] } } });
  });
});
