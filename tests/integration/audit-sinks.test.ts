// Audit forwarding on both databases: webhook sinks against a real HTTP receiver
// that checks Warden-Signature, backoff and recovery at injected times (at least
// once, in order, no gaps), class filters, JSON Lines files, RFC 5424 syslog over
// UDP and TCP, validation, permissions and the secret shown once. The file runs
// in its own fresh database: the forwarder takes every enabled sink, and the
// batches' contents are the whole log after a cursor.
import dgram from "node:dgram";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as getSinkRoute, DELETE as deleteSinkRoute, PATCH as updateSinkRoute } from "@/app/api/v1/audit/sinks/[id]/route";
import { POST as retrySinkRoute } from "@/app/api/v1/audit/sinks/[id]/retry/route";
import { GET as listSinksRoute, POST as createSinkRoute } from "@/app/api/v1/audit/sinks/route";
import { appendAuditEvents, type AuditInput } from "@/lib/audit/append";
import { EXPORT_FIELDS } from "@/lib/audit/otel-fields";
import { forwardAuditSinks } from "@/lib/audit/sinks/forward/forward-audit-sinks";
import { BACKOFF_BASE_MS, BACKOFF_MAX_MS, backoffMs } from "@/lib/audit/sinks/forward/forward-sink";
import type { TAuditSink, TCreatedAuditSink } from "@/lib/audit/sinks/schemas";
import { db } from "@/lib/db/client";
import { transact } from "@/lib/db/transaction";
import { verifyWebhookSignature } from "@/lib/notifications/signature";
import { seedUser, sessionCookieFor, type SeededUser } from "@/lib/seed/factories";
import { withFreshDatabase } from "./helpers/fresh-database";
import { withGlobalDatabase } from "./helpers/global-database";
import { call } from "./helpers/http";

type ExportedEvent = Record<string, string | null>;
type Received = { headers: http.IncomingHttpHeaders; body: string; verified: boolean; answer: number | "timeout"; parsed: { events: ExportedEvent[]; sink: string; batch: { firstSeq: string; lastSeq: string } } };
type Problem = { code?: string; errors?: { path: string; message: string }[] };

// a short wait for the "timeout" answers; everything else gets the usual seconds (a loaded machine's first request can be slow)
const SEND_TIMEOUT_MS = 300;

// Answers each batch with the next planned status ("timeout": later than the
// forwarder waits), then 200; checks the signature with the sink's secret.
const receiver = {
  secret: "",
  plan: [] as (number | "timeout")[],
  received: [] as Received[],
  /** runs once, before the next answer: lets a test act while a forwarder waits */
  beforeAnswer: undefined as (() => Promise<unknown>) | undefined,
  reset(secret: string, plan: (number | "timeout")[] = []) {
    Object.assign(this, { secret, plan: [...plan], received: [], beforeAnswer: undefined });
  },
  /** The events of acknowledged batches, in the order they were acknowledged. */
  delivered(): ExportedEvent[] {
    return this.received.filter((batch) => batch.answer === 200).flatMap((batch) => batch.parsed.events);
  },
};
const httpServer = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    const verified = verifyWebhookSignature(receiver.secret, request.headers["warden-signature"] as string | undefined, body);
    const answer = verified ? (receiver.plan.shift() ?? 200) : 401;
    receiver.received.push({ headers: request.headers, body, verified, answer, parsed: JSON.parse(body) as Received["parsed"] });
    const reply = () => response.writeHead(answer === "timeout" ? 200 : answer, { "content-type": "text/plain" }).end("ok");
    const before = receiver.beforeAnswer;
    receiver.beforeAnswer = undefined;
    if (answer === "timeout") setTimeout(reply, SEND_TIMEOUT_MS * 5).unref();
    else if (before) void before().finally(reply);
    else reply();
  });
});

const udpMessages: string[] = [];
const udpServer = dgram.createSocket("udp4", (message) => udpMessages.push(message.toString("utf8")));
let tcpData = "";
const tcpServer = net.createServer((socket) => socket.on("data", (chunk: Buffer) => (tcpData += chunk.toString("utf8"))));

let hookUrl = "";
let sinkDir = "";
let admin: SeededUser;
let adminCookie = "";
let finishIsolation: (() => void) | undefined;
let isolation: Promise<unknown> | undefined;

beforeAll(async () => {
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  await new Promise<void>((resolve) => udpServer.bind(0, "127.0.0.1", resolve));
  await new Promise<void>((resolve) => tcpServer.listen(0, "127.0.0.1", resolve));
  hookUrl = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/siem`;
  sinkDir = fs.mkdtempSync(path.join(os.tmpdir(), "warden-sinks-"));
  process.env.WARDEN_AUDIT_SINK_DIR = sinkDir;
  delete process.env.WARDEN_AUDIT_SINK_ALLOW_HTTP;
  await new Promise<void>((ready, fail) => {
    isolation = withFreshDatabase((_client, target) => withGlobalDatabase(target, () => new Promise<void>((finish) => ((finishIsolation = finish), ready())))).catch(fail);
  });
  admin = await seedUser({ role: "admin" });
  adminCookie = (await sessionCookieFor(admin.id)).cookie;
});

afterEach(async () => {
  await db().auditSink.deleteMany({});
});

afterAll(async () => {
  finishIsolation?.();
  await isolation;
  delete process.env.WARDEN_AUDIT_SINK_DIR;
  fs.rmSync(sinkDir, { recursive: true, force: true });
  httpServer.closeAllConnections();
  await new Promise<void>((resolve) => httpServer.close(() => resolve()));
  await new Promise<void>((resolve) => udpServer.close(resolve));
  await new Promise<void>((resolve) => tcpServer.close(() => resolve()));
});

const later = (from: Date, ms: number) => new Date(from.getTime() + ms);
const forward = (at = new Date(), timeoutMs = 5_000) => forwardAuditSinks(at, { timeoutMs });
const headSeq = async () => (await db().auditHead.findUniqueOrThrow({ where: { id: 1 } })).seq;
/** Every event after `cursor`, as the seqs a sink must deliver. */
const seqsAfter = async (cursor: string | bigint, actions?: string[]) =>
  (await db().auditEvent.findMany({ where: { seq: { gt: BigInt(cursor) }, ...(actions ? { action: { in: actions } } : {}) }, orderBy: { seq: "asc" }, select: { seq: true } })).map((row) => row.seq.toString());

const toolCall = (tool: string): AuditInput => ({
  action: "mcp.tool_call",
  actor: { type: "identity", id: "agt_01kbtestagent000000000000000", label: "Test agent" },
  details: { method: "tools/call", tool, agentId: "agt_01kbtestagent000000000000000", serverId: "srv_01kbtestserver00000000000000" },
});
const adminChange = (n: number): AuditInput => ({ action: "settings.updated", actor: { type: "system", id: null, label: "Warden" }, details: { n } });
const signInFailed: AuditInput = { action: "auth.sign_in.failed", actor: { type: "anonymous", id: null, label: null }, outcome: "failure", details: { email: "ünïcode@example.test", error: "bad_password" } };
const append = (inputs: AuditInput[]) => transact((tx) => appendAuditEvents(tx, inputs));

async function createSink(body: Record<string, unknown>, cookie = adminCookie) {
  return call<TCreatedAuditSink & Problem>(createSinkRoute, { method: "POST", path: "/api/v1/audit/sinks", cookie, body });
}

async function addWebhookSink(body: Record<string, unknown> = {}, plan: (number | "timeout")[] = []): Promise<TAuditSink> {
  const created = await createSink({ name: `siem ${Math.random()}`, kind: "webhook", target: hookUrl, ...body });
  expect(created.status).toBe(201);
  expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
  receiver.reset(created.body.secret!, plan);
  return created.body.sink;
}

const getSink = async (id: string, cookie = adminCookie) => call<TAuditSink & Problem>(getSinkRoute, { path: `/api/v1/audit/sinks/${id}`, params: { id }, cookie });

describe("webhook sinks", () => {
  it("posts signed batches in seq order with the OpenTelemetry field names, starting at the chain head", async () => {
    const before = await headSeq();
    const sink = await addWebhookSink({ batchSize: 3 });
    expect(sink).toMatchObject({ kind: "webhook", target: hookUrl, status: "ok", cursorSeq: before.toString(), batchSize: 3, filter: { classes: [], actions: [] } });
    await append([toolCall("search_docs"), adminChange(1), toolCall("delete_repo"), signInFailed, adminChange(2), toolCall("search_docs"), adminChange(3)]);

    const summary = await forward();
    // the sink's own creation and seven more: three batches of at most three, in one run
    expect(summary).toEqual({ sinks: 1, batches: 3, events: 8, failing: 0 });
    expect(receiver.received.map((batch) => batch.parsed.events.length)).toEqual([3, 3, 2]);
    for (const batch of receiver.received) {
      expect(batch.verified).toBe(true);
      expect(batch.headers).toMatchObject({ "content-type": "application/json", "user-agent": "Warden-Audit-Forwarder/1", "warden-sink": sink.id });
      expect(batch.headers["warden-signature"]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(Object.keys(batch.parsed)).toEqual(["events", "sink", "batch"]);
      expect(batch.parsed.sink).toBe(sink.id);
      const seqs = batch.parsed.events.map((event) => event["warden.audit.seq"]);
      expect(batch.parsed.batch).toEqual({ firstSeq: seqs[0], lastSeq: seqs[seqs.length - 1] });
      expect(batch.headers["warden-batch"]).toBe(`${seqs[0]}-${seqs[seqs.length - 1]}`);
    }
    const events = receiver.delivered();
    expect(events.map((event) => event["warden.audit.seq"])).toEqual(await seqsAfter(before));
    for (const event of events) expect(Object.keys(event)).toEqual([...EXPORT_FIELDS]);
    expect(events[0]).toMatchObject({ "event.name": "warden.audit_sink.created", "warden.audit.class": "audit", "warden.target.id": sink.id, "user.id": admin.id });
    expect(events.find((event) => event["gen_ai.tool.name"] === "delete_repo")).toMatchObject({
      "event.name": "warden.mcp.tool_call",
      "warden.audit.class": "mcp",
      "mcp.method.name": "tools/call",
      "gen_ai.operation.name": "execute_tool",
      "gen_ai.agent.id": "agt_01kbtestagent000000000000000",
      "warden.server.id": "srv_01kbtestserver00000000000000",
    });
    expect(events.find((event) => event["warden.audit.action"] === "auth.sign_in.failed")).toMatchObject({ "warden.audit.outcome": "failure", "error.type": "bad_password", "user.id": null });
    // a tampered body does not verify
    const first = receiver.received[0]!;
    expect(verifyWebhookSignature(receiver.secret, first.headers["warden-signature"] as string, first.body.replace("audit_sink", "audit_sunk"))).toBe(false);

    const status = await getSink(sink.id);
    expect(status.body).toMatchObject({ status: "ok", failures: 0, lag: 0, cursorSeq: (await headSeq()).toString(), lastError: null, lastSuccessAt: expect.any(String) });
    // caught up: nothing more to send
    expect(await forward()).toEqual({ sinks: 1, batches: 0, events: 0, failing: 0 });
    expect(receiver.received).toHaveLength(3);
  });

  it("backs off on a 500 and a timeout without moving the cursor, then delivers every event once, in order", async () => {
    expect([1, 2, 3, 20].map(backoffMs)).toEqual([BACKOFF_BASE_MS, 2 * BACKOFF_BASE_MS, 4 * BACKOFF_BASE_MS, BACKOFF_MAX_MS]);
    const sink = await addWebhookSink({ batchSize: 2 }, [500, "timeout"]);
    await append([toolCall("a"), toolCall("b"), adminChange(4)]);
    const now = new Date();

    expect(await forward(now)).toMatchObject({ batches: 0, failing: 1 });
    let row = await db().auditSink.findUniqueOrThrow({ where: { id: sink.id } });
    expect(row).toMatchObject({ cursorSeq: BigInt(sink.cursorSeq), failures: 1, lastError: "HTTP 500" });
    expect(row.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(now.getTime() + BACKOFF_BASE_MS);
    expect((await getSink(sink.id)).body).toMatchObject({ status: "failing", failures: 1, lastError: "HTTP 500", nextAttemptAt: row.nextAttemptAt!.toISOString() });

    // not due yet: nothing is sent
    expect(await forward(later(now, 1_000))).toEqual({ sinks: 0, batches: 0, events: 0, failing: 0 });
    expect(receiver.received).toHaveLength(1);

    const second = later(now, BACKOFF_BASE_MS + 5_000);
    expect(await forward(second, SEND_TIMEOUT_MS)).toMatchObject({ batches: 0, failing: 1 });
    row = await db().auditSink.findUniqueOrThrow({ where: { id: sink.id } });
    expect(row).toMatchObject({ cursorSeq: BigInt(sink.cursorSeq), failures: 2, lastError: `No answer within ${SEND_TIMEOUT_MS / 1000} s` });
    expect(row.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(second.getTime() + 2 * BACKOFF_BASE_MS);
    // the same first batch both times
    expect(receiver.received.map((batch) => batch.parsed.batch)).toEqual([receiver.received[0]!.parsed.batch, receiver.received[0]!.parsed.batch]);
    // one audit event for the outage, not one per retry
    const failed = await db().auditEvent.findMany({ where: { action: "audit_sink.failed", targetId: sink.id } });
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ outcome: "failure", actorType: "system", details: expect.objectContaining({ error: "HTTP 500", cursorSeq: sink.cursorSeq }) });

    const recovered = await forward(later(second, 2 * BACKOFF_BASE_MS + 5_000));
    expect(recovered).toMatchObject({ failing: 0 });
    // at least once, and here exactly once: every event after the start, the failure event included, no gaps
    expect(receiver.delivered().map((event) => event["warden.audit.seq"])).toEqual(await seqsAfter(sink.cursorSeq));
    expect(receiver.delivered().some((event) => event["warden.audit.action"] === "audit_sink.failed")).toBe(true);
    expect((await getSink(sink.id)).body).toMatchObject({ status: "ok", failures: 0, lag: 0, nextAttemptAt: null, lastError: expect.stringContaining("No answer") });
  });

  it("advances past events its class filter does not select, and sends only the selected ones", async () => {
    const sink = await addWebhookSink({ batchSize: 2, filter: { classes: ["mcp"], actions: ["auth.sign_in.failed"] } });
    expect(sink.filter).toEqual({ classes: ["mcp"], actions: ["auth.sign_in.failed"] });
    await append([adminChange(5), adminChange(6), adminChange(7), adminChange(8), adminChange(9)]);

    // nothing matches (its own creation is an audit event): nothing sent, the cursor moves to the head
    expect(await forward()).toMatchObject({ batches: 0, events: 0, failing: 0 });
    expect(receiver.received).toHaveLength(0);
    expect((await getSink(sink.id)).body).toMatchObject({ cursorSeq: (await headSeq()).toString(), lag: 0, lastSuccessAt: null });

    await append([toolCall("x"), adminChange(10), signInFailed, toolCall("y"), adminChange(11)]);
    expect(await forward()).toMatchObject({ batches: 2, events: 3 });
    expect(receiver.delivered().map((event) => event["warden.audit.action"])).toEqual(["mcp.tool_call", "auth.sign_in.failed", "mcp.tool_call"]);
    expect(receiver.delivered().map((event) => event["warden.audit.seq"])).toEqual(await seqsAfter(sink.cursorSeq, ["mcp.tool_call", "auth.sign_in.failed"]));
    expect((await getSink(sink.id)).body).toMatchObject({ cursorSeq: (await headSeq()).toString(), lag: 0 });
  });

  it("retry now delivers at once, and a stale second forwarder repeats a batch but cannot move the cursor", async () => {
    const sink = await addWebhookSink({ batchSize: 2 }, [503]);
    await append([toolCall("p"), toolCall("q"), toolCall("r")]);
    expect(await forward()).toMatchObject({ failing: 1 });
    // retry now: due at once, one pass right away
    const retried = await call<TAuditSink>(retrySinkRoute, { method: "POST", path: `/api/v1/audit/sinks/${sink.id}/retry`, params: { id: sink.id }, cookie: adminCookie });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: "ok", failures: 0, lag: 0 });
    expect(receiver.delivered().map((event) => event["warden.audit.seq"])).toEqual(await seqsAfter(sink.cursorSeq));

    // while the first forwarder waits for the answer to its first batch, a second one drains the backlog
    await append([toolCall("s"), toolCall("t"), toolCall("u"), toolCall("v")]);
    const sent = receiver.received.length;
    let second: Promise<Awaited<ReturnType<typeof forward>>> | undefined;
    receiver.beforeAnswer = () => (second = forward());
    const first = await forward();
    expect(await second).toMatchObject({ batches: 2, events: 4, failing: 0 });
    // the first one's batch arrived (a repeat: at least once), then its compare-and-set lost and it stopped
    expect(first).toMatchObject({ batches: 1, failing: 0 });
    const late = receiver.received.slice(sent).map((batch) => batch.parsed.events.map((event) => event["gen_ai.tool.name"]));
    expect(late).toEqual([["s", "t"], ["s", "t"], ["u", "v"]]);
    expect((await getSink(sink.id)).body).toMatchObject({ cursorSeq: (await headSeq()).toString(), lag: 0, status: "ok" });

    // a disabled sink gets nothing and cannot be retried
    await call(updateSinkRoute, { method: "PATCH", path: `/api/v1/audit/sinks/${sink.id}`, params: { id: sink.id }, cookie: adminCookie, body: { enabled: false } });
    await append([toolCall("w")]);
    const before = receiver.received.length;
    expect(await forward()).toEqual({ sinks: 0, batches: 0, events: 0, failing: 0 });
    expect(receiver.received).toHaveLength(before);
    const refused = await call<Problem>(retrySinkRoute, { method: "POST", path: `/api/v1/audit/sinks/${sink.id}/retry`, params: { id: sink.id }, cookie: adminCookie });
    expect(refused).toMatchObject({ status: 409, body: { code: "conflict" } });
  });
});

describe("file sinks", () => {
  it("appends parseable JSON lines across runs, from the beginning of the log", async () => {
    const file = path.join(sinkDir, "siem", "warden.jsonl");
    const created = await createSink({ name: "jsonl", kind: "file", target: file, startFrom: "beginning", batchSize: 25 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ secret: null, sink: { kind: "file", target: file, cursorSeq: "0" } });
    const readLines = () => fs.readFileSync(file, "utf8").split("\n");

    await forward();
    const firstRun = readLines();
    expect(firstRun.pop()).toBe("");
    const records = firstRun.map((line) => JSON.parse(line) as ExportedEvent);
    expect(records.map((record) => record["warden.audit.seq"])).toEqual(await seqsAfter(0n));
    expect(Object.keys(records[0]!)).toEqual([...EXPORT_FIELDS]);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    await append([toolCall("file_a"), signInFailed]);
    await forward();
    const secondRun = readLines();
    secondRun.pop();
    expect(secondRun.slice(0, firstRun.length)).toEqual(firstRun);
    expect(secondRun.map((line) => (JSON.parse(line) as ExportedEvent)["warden.audit.seq"])).toEqual(await seqsAfter(0n));
    // non-ASCII survives as JSON
    expect(secondRun.map((line) => JSON.parse(line) as ExportedEvent).some((record) => record["warden.audit.details"]?.includes("ünïcode"))).toBe(true);
  });

  it("refuses to write through a symbolic link that leads out of the sink directory", async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), "warden-outside-"));
    try {
      fs.symlinkSync(outside, path.join(sinkDir, "escape"));
      const created = await createSink({ name: "via link", kind: "file", target: path.join(sinkDir, "escape", "audit.jsonl") });
      expect(created.status).toBe(201);
      expect(await forward()).toMatchObject({ failing: 1 });
      expect(fs.readdirSync(outside)).toEqual([]);
      expect((await getSink(created.body.sink.id)).body.lastError).toContain("outside the sink directory");
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe("syslog sinks", () => {
  const RFC5424 = /^<(\d+)>1 (\S+) (\S+) warden (\d+) (\S+) - (\{.*\})$/;

  it("sends one RFC 5424 message per event over UDP, the record as JSON in MSG", async () => {
    const port = (udpServer.address() as AddressInfo).port;
    const created = await createSink({ name: "syslog udp", kind: "syslog", target: `127.0.0.1:${port}` });
    expect(created.status).toBe(201);
    expect(created.body.sink.target).toBe(`udp://127.0.0.1:${port}`);
    udpMessages.length = 0;
    await append([toolCall("syslog_tool"), signInFailed]);
    expect(await forward()).toMatchObject({ events: 3, failing: 0 });
    for (let waited = 0; udpMessages.length < 3 && waited < 2_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));

    expect(udpMessages).toHaveLength(3);
    const parsed = udpMessages.map((message) => {
      const match = RFC5424.exec(message);
      expect(match, message).not.toBeNull();
      const [, pri, timestamp, , , msgId, json] = match!;
      return { pri: Number(pri), timestamp, msgId, record: JSON.parse(json!) as ExportedEvent };
    });
    expect(parsed.map((message) => message.record["warden.audit.seq"])).toEqual(await seqsAfter(created.body.sink.cursorSeq));
    // facility 13 (log audit): informational for successes, warning for failures
    expect(parsed.map((message) => [message.msgId, message.pri])).toEqual([
      ["audit_sink.created", 13 * 8 + 6],
      ["mcp.tool_call", 13 * 8 + 6],
      ["auth.sign_in.failed", 13 * 8 + 4],
    ]);
    for (const message of parsed) {
      expect(message.timestamp).toBe(message.record.timestamp);
      expect(Object.keys(message.record)).toEqual([...EXPORT_FIELDS]);
    }
    expect(parsed[1]!.record).toMatchObject({ "gen_ai.tool.name": "syslog_tool", "mcp.method.name": "tools/call" });
    // plain ASCII on the wire, the JSON still says ü
    expect(udpMessages[2]).not.toMatch(/[^\x20-\x7e]/);
    expect(parsed[2]!.record["warden.audit.details"]).toContain("ünïcode");
  });

  it("frames messages by octet counting over TCP", async () => {
    const port = (tcpServer.address() as AddressInfo).port;
    const created = await createSink({ name: "syslog tcp", kind: "syslog", target: `tcp://127.0.0.1:${port}` });
    expect(created.status).toBe(201);
    tcpData = "";
    await append([toolCall("tcp_tool")]);
    expect(await forward()).toMatchObject({ events: 2, failing: 0 });
    for (let waited = 0; !tcpData.includes("tcp_tool") && waited < 2_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    const frames: string[] = [];
    for (let rest = tcpData; rest.length > 0; ) {
      const space = rest.indexOf(" ");
      const length = Number(rest.slice(0, space));
      frames.push(rest.slice(space + 1, space + 1 + length));
      rest = rest.slice(space + 1 + length);
    }
    expect(frames.map((frame) => RFC5424.exec(frame)?.[5])).toEqual(["audit_sink.created", "mcp.tool_call"]);
  });
});

describe("audit sink API", () => {
  it.each([
    ["plain http to a non-loopback host", { kind: "webhook", target: "http://siem.example.test/hook" }, "target"],
    ["credentials in a webhook URL", { kind: "webhook", target: "https://user:pw@siem.example.test/hook" }, "target"],
    ["a .. segment in a file path", { kind: "file", target: "/tmp/sinks/../../etc/passwd" }, "target"],
    ["a relative file path", { kind: "file", target: "audit.jsonl" }, "target"],
    ["a syslog target without a port", { kind: "syslog", target: "siem.example.test" }, "target"],
    ["a syslog port out of range", { kind: "syslog", target: "siem.example.test:99999" }, "target"],
    ["a syslog host with a space", { kind: "syslog", target: "bad host:514" }, "target"],
    ["an unknown protocol", { kind: "syslog", target: "http://siem.example.test:514" }, "target"],
    ["a batch size of 0", { kind: "syslog", target: "siem.example.test:514", batchSize: 0 }, "batchSize"],
    ["an unknown class", { kind: "syslog", target: "siem.example.test:514", filter: { classes: ["everything"] } }, "filter.classes.0"],
    ["an unknown field", { kind: "syslog", target: "siem.example.test:514", secret: "mine" }, "secret"],
  ])("refuses %s with a problem naming the field", async (_name, body, field) => {
    const result = await createSink({ name: `invalid ${Math.random()}`, ...body });
    expect(result.status).toBe(422);
    expect(result.headers.get("content-type")).toContain("application/problem+json");
    expect(result.body.code).toBe("validation_failed");
    expect(result.body.errors?.map((issue) => issue.path)).toContain(field);
  });

  it("keeps files under the sink directory, on creation and on change", async () => {
    const outside = await createSink({ name: "outside", kind: "file", target: "/etc/warden-audit.jsonl" });
    expect(outside.status).toBe(422);
    expect(outside.body.errors).toEqual([{ path: "target", message: `Must be a file under the sink directory ${sinkDir}` }]);
    const created = await createSink({ name: "inside", kind: "file", target: path.join(sinkDir, "inside.jsonl"), enabled: false });
    expect(created.status).toBe(201);
    const id = created.body.sink.id;
    const moved = await call<Problem>(updateSinkRoute, { method: "PATCH", path: `/api/v1/audit/sinks/${id}`, params: { id }, cookie: adminCookie, body: { target: `${sinkDir}/../elsewhere.jsonl` } });
    expect(moved.status).toBe(422);
    expect(moved.body.errors?.map((issue) => issue.path)).toEqual(["target"]);
    expect((await createSink({ name: "inside", kind: "file", target: path.join(sinkDir, "other.jsonl") })).status).toBe(409);
  });

  it("lets admins manage sinks and auditors read them; owners neither", async () => {
    const owner = await seedUser({ role: "owner" });
    const auditor = await seedUser({ role: "auditor" });
    const ownerCookie = (await sessionCookieFor(owner.id)).cookie;
    const auditorCookie = (await sessionCookieFor(auditor.id)).cookie;
    const body = { name: "perm check", kind: "syslog", target: "siem.example.test:514", enabled: false };
    expect((await createSink(body, auditorCookie)).status).toBe(403);
    expect((await createSink(body, ownerCookie)).status).toBe(403);
    const created = await createSink(body);
    expect(created.status).toBe(201);
    const id = created.body.sink.id;
    expect((await call(listSinksRoute, { path: "/api/v1/audit/sinks", cookie: ownerCookie })).status).toBe(403);
    expect((await getSink(id, ownerCookie)).status).toBe(403);
    const listed = await call<{ items: TAuditSink[] }>(listSinksRoute, { path: "/api/v1/audit/sinks", cookie: auditorCookie });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((sink) => sink.id)).toEqual([id]);
    expect((await call(updateSinkRoute, { method: "PATCH", path: `/api/v1/audit/sinks/${id}`, params: { id }, cookie: auditorCookie, body: { enabled: true } })).status).toBe(403);
    expect((await call(deleteSinkRoute, { method: "DELETE", path: `/api/v1/audit/sinks/${id}`, params: { id }, cookie: auditorCookie })).status).toBe(403);
    expect((await call(retrySinkRoute, { method: "POST", path: `/api/v1/audit/sinks/${id}/retry`, params: { id }, cookie: auditorCookie })).status).toBe(403);
  });

  it("returns the secret only at creation, stores it sealed, and audits each change without it", async () => {
    const created = await createSink({ name: "SIEM", kind: "webhook", target: "https://siem.example.test/warden", enabled: false });
    expect(created.status).toBe(201);
    const { sink, secret } = created.body;
    expect(Object.keys(sink)).not.toContain("secretEnc");
    const stored = await db().auditSink.findUniqueOrThrow({ where: { id: sink.id } });
    expect(stored.secretEnc).toBeTruthy();
    expect(stored.secretEnc).not.toContain(secret!.slice(6));

    const params = { id: sink.id };
    const where = `/api/v1/audit/sinks/${sink.id}`;
    const responses = [
      await getSink(sink.id),
      await call(listSinksRoute, { path: "/api/v1/audit/sinks?limit=100", cookie: adminCookie }),
      await call(updateSinkRoute, { method: "PATCH", path: where, params, cookie: adminCookie, body: { name: "SIEM (EU)", batchSize: 500, filter: { classes: ["token", "mcp"] } } }),
      await call(deleteSinkRoute, { method: "DELETE", path: where, params, cookie: adminCookie }),
    ];
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200]);
    for (const response of responses) {
      expect(response.text).not.toContain(secret);
      expect(response.text).not.toContain("secretEnc");
      expect(response.text).not.toContain(stored.secretEnc);
    }
    expect(responses[2]!.body).toMatchObject({ name: "SIEM (EU)", batchSize: 500, filter: { classes: ["token", "mcp"], actions: [] } });
    expect((await getSink(sink.id)).status).toBe(404);
    expect((await call(updateSinkRoute, { method: "PATCH", path: where, params, cookie: adminCookie, body: {} })).status).toBe(422);

    const events = await db().auditEvent.findMany({ where: { targetType: "audit_sink", targetId: sink.id }, orderBy: { seq: "asc" } });
    expect(events.map((event) => event.action)).toEqual(["audit_sink.created", "audit_sink.updated", "audit_sink.deleted"]);
    const audited = JSON.stringify(events.map(({ details, userAgent, actorLabel }) => ({ details, userAgent, actorLabel })));
    expect(audited).not.toContain(secret);
    expect(audited).not.toContain(stored.secretEnc);
    expect(events[1]!.details).toMatchObject({ changes: { name: { from: "SIEM", to: "SIEM (EU)" }, batchSize: { from: 100, to: 500 } } });
  });
});
