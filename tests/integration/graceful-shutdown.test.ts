// Graceful shutdown (lib/server/shutdown.ts, docs/reliability.md) of a real
// instance in a child process, signalled as a process manager would: a held
// policy long poll is answered 304 at once, a request in flight finishes and is
// stored, new connections are refused, and the process exits 0 well within
// its grace period; past the grace period the rest is cut off; a second
// signal exits at once.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ingestedEventId } from "@/lib/policy/events/ingest-events";
import { POLICY_BUNDLE_PATH, POLICY_EVENTS_PATH, policyBundleEndpoint, policyEventsEndpoint } from "@/lib/policy/bundle/paths";
import { clientAssertion, keyedGateway, oauthFixture, type OAuthFixture, type TestKey } from "./helpers/oauth";
import { decisionEvent } from "./helpers/decision-event";
import { exitOf, openIsolatedDatabase, startAppInstance, type IsolatedDatabase } from "./helpers/isolated-instance";
import type { OAuthInstance } from "./helpers/warden-process";

const GRACE_SECONDS = 8;
const HELD_WAIT_SECONDS = 30;
/** "at once", with room for a busy two-core test machine */
const PROMPT_MS = 2_000;
const SECOND_SIGNAL_AFTER_MS = 1_000;

let database: IsolatedDatabase;
let f: OAuthFixture;
let gateway: { id: string; key: TestKey };

beforeAll(async () => {
  database = await openIsolatedDatabase("https://warden.shutdown.test");
  f = await oauthFixture();
  gateway = await keyedGateway(f);
});

afterAll(async () => {
  await database?.close();
});

const bearer = async (aud: string) => `Bearer ${await clientAssertion(gateway.id, gateway.key, { claims: { aud } })}`;

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

/**
 * A POST whose body arrives in two parts: the request is in flight (headers
 * read, handler waiting for the body) until finish() sends the rest. On its
 * own connection, as a new client would open one.
 */
function slowPost(instance: OAuthInstance, path: string, headers: Record<string, string>, body: string) {
  const half = Math.floor(body.length / 2);
  const request = http.request(`${instance.url}${path}`, { method: "POST", agent: false, headers: { ...headers, "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) } });
  const reply = new Promise<Reply>((resolve, reject) => {
    request.once("error", reject);
    request.once("response", (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.once("end", () => resolve({ status: response.statusCode!, headers: response.headers, body: text }));
      response.once("error", reject);
    });
  });
  request.write(body.slice(0, half));
  return { reply, finish: () => request.end(body.slice(half)) };
}

const eventBatch = (eventId: string) => JSON.stringify({ events: [decisionEvent(f, { id: eventId })] });

/** Resolves with the error code of a new connection to the instance (ECONNREFUSED once it stopped listening), or "connected". */
function connect(instance: OAuthInstance): Promise<string> {
  return new Promise((resolve) => {
    const request = http.get(`${instance.url}/.well-known/jwks.json`, { agent: false }, (response) => {
      response.resume();
      resolve("connected");
    });
    request.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("on SIGTERM an instance", () => {
  it("answers held long polls 304 at once, finishes the request in flight, refuses new connections and exits 0 within the grace period", async () => {
    const instance = await startAppInstance(database.instanceEnv({ WARDEN_SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS) }));
    const exit = exitOf(instance.child);
    const authorization = await bearer(policyBundleEndpoint());
    const first = await fetch(`${instance.url}${POLICY_BUNDLE_PATH}`, { headers: { authorization } });
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag")!;
    const held = fetch(`${instance.url}${POLICY_BUNDLE_PATH}?wait=${HELD_WAIT_SECONDS}`, { headers: { authorization, "if-none-match": etag } });
    const eventId = `shutdown-${crypto.randomUUID()}`;
    const inFlight = slowPost(instance, POLICY_EVENTS_PATH, { authorization: await bearer(policyEventsEndpoint()) }, eventBatch(eventId));
    // the poll is held and the upload has begun
    await pause(500);

    const signalledAt = Date.now();
    instance.child.kill("SIGTERM");
    const poll = await held;
    const pollAnsweredMs = Date.now() - signalledAt;
    expect(poll.status).toBe(304);
    expect(poll.headers.get("etag")).toBe(etag);
    expect(poll.headers.get("connection")).toBe("close");
    expect(pollAnsweredMs).toBeLessThan(PROMPT_MS);

    expect(await connect(instance)).toBe("ECONNREFUSED");
    // the request in flight still completes, and what it acknowledged is stored
    inFlight.finish();
    const reply = await inFlight.reply;
    expect(reply.status, reply.body).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ stored: 1, duplicates: 0 });
    expect(reply.headers.connection).toBe("close");

    const { code, signal, at } = await exit;
    const exitedMs = at - signalledAt;
    expect({ code, signal }, instance.output()).toEqual({ code: 0, signal: null });
    expect(exitedMs).toBeLessThan(GRACE_SECONDS * 1000);
    expect(await db().auditEvent.findUnique({ where: { id: ingestedEventId(gateway.id, eventId) }, select: { action: true } })).toEqual({ action: "mcp.decision" });
    const log = instance.output();
    expect(log).toMatch(/"msg":"shutting down: draining requests in flight"/);
    expect(log).toMatch(/"answeredPolls":1/);
    expect(log).toMatch(/"msg":"shutdown: drained; exiting"/);
    console.log(`graceful shutdown (${database.target.provider}): held poll answered ${pollAnsweredMs} ms after SIGTERM, exit 0 after ${exitedMs} ms (grace ${GRACE_SECONDS} s)`);
  });

  it("cuts off what is still open when the grace period ends, and exits at once on a second signal", async () => {
    const [patient, impatient] = await Promise.all([
      startAppInstance(database.instanceEnv({ WARDEN_SHUTDOWN_GRACE_SECONDS: "1" })),
      startAppInstance(database.instanceEnv({ WARDEN_SHUTDOWN_GRACE_SECONDS: "60" })),
    ]);
    const authorization = await bearer(policyEventsEndpoint());
    const stalled = [patient, impatient].map((instance) => slowPost(instance, POLICY_EVENTS_PATH, { authorization }, eventBatch(`stalled-${crypto.randomUUID()}`)));
    // never finished: these would hold their instance until the grace period ends
    const outcomes = stalled.map(({ reply }) => reply.then((answer) => `answered ${answer.status}`, (error: NodeJS.ErrnoException) => error.code ?? error.message));
    await pause(500);

    const [patientExit, impatientExit] = [exitOf(patient.child), exitOf(impatient.child)];
    const signalledAt = Date.now();
    patient.child.kill("SIGTERM");
    impatient.child.kill("SIGTERM");
    // later than the copies of one signal that npm and tsx pass on (lib/server/shutdown.ts)
    await pause(SECOND_SIGNAL_AFTER_MS);
    impatient.child.kill("SIGINT");

    const second = await impatientExit;
    expect({ code: second.code, signal: second.signal }, impatient.output()).toEqual({ code: 130, signal: null });
    expect(second.at - signalledAt).toBeLessThan(SECOND_SIGNAL_AFTER_MS + PROMPT_MS);
    expect(impatient.output()).toMatch(/"msg":"second shutdown signal: exiting without waiting for the drain"/);

    const cut = await patientExit;
    expect({ code: cut.code, signal: cut.signal }, patient.output()).toEqual({ code: 0, signal: null });
    expect(cut.at - signalledAt).toBeGreaterThanOrEqual(1000);
    expect(cut.at - signalledAt).toBeLessThan(1000 + PROMPT_MS);
    expect(patient.output()).toMatch(/"msg":"shutdown: the grace period ended; closed the connections still open"/);
    // neither stalled request was answered: their connections were closed
    for (const outcome of await Promise.all(outcomes)) expect(outcome).toMatch(/ECONNRESET|socket hang up/);
  });
});
