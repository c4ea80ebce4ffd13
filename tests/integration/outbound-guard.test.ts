// The outbound guard (docs/outbound-requests.md) against real sockets: blocked
// destinations (directly, behind a redirect, behind a DNS name), oversize and
// slow answers, and every outbound path — live discovery, notification and
// audit webhooks, syslog — refusing a denied destination with a clear message.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { POST as createSinkRoute } from "@/app/api/v1/audit/sinks/route";
import { POST as createWebhookRoute } from "@/app/api/v1/webhooks/route";
import { sendSyslogBatch } from "@/lib/audit/sinks/forward/send-syslog";
import { sendWebhookBatch } from "@/lib/audit/sinks/forward/send-webhook";
import { appErrorOf, serverScope } from "@/lib/catalog/testing/discovery-test-kit";
import { discoverTools } from "@/lib/catalog/discovery/discover-tools";
import { resetEnvCache } from "@/lib/config/env";
import { OutboundError } from "@/lib/http/outbound/errors";
import { outboundFetch } from "@/lib/http/outbound/fetch";
import type { Resolver } from "@/lib/http/outbound/lookup";
import { buildPolicy } from "@/lib/http/outbound/policy";
import { sendWebhook } from "@/lib/notifications/send-webhook";
import { seedUser, sessionCookieFor } from "@/lib/seed/factories";
import { call } from "./helpers/http";

const servers = serverScope();
const development = buildPolicy({ allow: [], deny: [], allowPrivate: true });
const METADATA = "destination 169.254.169.254 is blocked: link-local / cloud metadata";

/** A plain HTTP server on `host` that counts its requests. */
async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void, host = "127.0.0.1") {
  let hits = 0;
  const server = createServer((req, res) => {
    hits += 1;
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  servers.defer(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  const { port } = server.address() as AddressInfo;
  return { url: `http://${host}:${port}`, port, hits: () => hits };
}

const redirectTo = (location: string, status = 302) => (_req: IncomingMessage, res: ServerResponse) => res.writeHead(status, { location }).end();

async function rejection(promise: Promise<unknown>): Promise<OutboundError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(OutboundError);
  return error as OutboundError;
}

const saved = { ...process.env };
function setEnv(values: Record<string, string | undefined>) {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvCache();
}
afterEach(() => {
  for (const name of Object.keys(process.env)) if (name.startsWith("WARDEN_OUTBOUND_") && !(name in saved)) delete process.env[name];
  setEnv(Object.fromEntries(Object.entries(saved).filter(([name]) => name.startsWith("WARDEN_OUTBOUND_"))));
});

describe("the outbound guard", () => {
  it("refuses link-local and metadata destinations before connecting, whatever the deployment", async () => {
    expect((await rejection(outboundFetch("http://169.254.169.254/latest/meta-data/"))).message).toBe(METADATA);
    expect((await rejection(outboundFetch("http://[::ffff:169.254.169.254]/"))).message).toBe("destination ::ffff:a9fe:a9fe is blocked: link-local / cloud metadata");
    expect((await rejection(outboundFetch("http://0xa9fea9fe/"))).message).toBe(METADATA);
    expect((await rejection(outboundFetch("http://[fd00:ec2::254]/"))).message).toBe("destination fd00:ec2::254 is blocked: cloud metadata (AWS IMDS over IPv6)");
    expect((await rejection(outboundFetch("http://0.0.0.0:80/"))).kind).toBe("blocked");
  });

  it("lets loopback through in development and test, and refuses it when private networks are not allowed", async () => {
    const target = await listen((_req, res) => res.end("ok"));
    expect(await (await outboundFetch(target.url)).text()).toBe("ok");
    setEnv({ WARDEN_OUTBOUND_ALLOW_PRIVATE: "false" });
    expect((await rejection(outboundFetch(target.url))).message).toBe("destination 127.0.0.1 is blocked: loopback");
    expect((await rejection(outboundFetch(`http://localhost:${target.port}/`))).message).toBe("destination localhost is blocked: it resolves to an address in a blocked range (loopback)");
    expect(target.hits()).toBe(1);
    setEnv({ WARDEN_OUTBOUND_ALLOW: "127.0.0.1" });
    expect((await outboundFetch(target.url)).status).toBe(200);
  });

  it("follows redirects by hand and checks every hop: a redirect to a blocked address is refused", async () => {
    const second = await listen((req, res) => res.end(`second got ${req.url} auth=${req.headers.authorization ?? "none"}`), "127.0.0.2");
    const first = await listen((req, res) => {
      if (req.url === "/metadata") return redirectTo("http://169.254.169.254/latest/meta-data/iam/")(req, res);
      if (req.url === "/named") return redirectTo("http://metadata.test/computeMetadata/v1/", 307)(req, res);
      if (req.url === "/loop") return redirectTo("/loop")(req, res);
      if (req.url === "/same-origin") return res.writeHead(308, { location: "/final" }).end();
      if (req.url === "/final") return res.end(`first got ${req.method} auth=${req.headers.authorization ?? "none"}`);
      redirectTo(`${second.url}/elsewhere`)(req, res);
    });

    expect((await rejection(outboundFetch(`${first.url}/metadata`))).message).toBe(METADATA);
    const resolve: Resolver = async (hostname) => (hostname === "metadata.test" ? [{ address: "169.254.169.254", family: 4 }] : []);
    expect((await rejection(outboundFetch(`${first.url}/named`, {}, { resolve, policy: development }))).message).toBe(
      "destination metadata.test is blocked: it resolves to an address in a blocked range (link-local / cloud metadata)",
    );
    expect((await rejection(outboundFetch(`${first.url}/loop`))).message).toBe("more than 3 redirects");

    // allowed hops are followed; credentials stay with their origin
    const headers = { authorization: "Bearer s3cret" };
    expect(await (await outboundFetch(`${first.url}/same-origin`, { method: "POST", body: "{}", headers })).text()).toBe("first got POST auth=Bearer s3cret");
    expect(await (await outboundFetch(`${first.url}/other`, { headers })).text()).toBe("second got /elsewhere auth=none");
    expect(second.hits()).toBe(1);

    // the same redirect to a denied address is refused, and the address never hears from Warden
    const denying = buildPolicy({ allow: [], deny: ["127.0.0.2"], allowPrivate: true });
    expect((await rejection(outboundFetch(`${first.url}/other`, {}, { policy: denying }))).message).toBe("destination 127.0.0.2 is blocked: on the deny list");
    expect(second.hits()).toBe(1);

    // "manual" hands the redirect back; "error" refuses it
    const manual = await outboundFetch(`${first.url}/metadata`, { redirect: "manual" });
    expect([manual.status, manual.headers.get("location")]).toEqual([302, "http://169.254.169.254/latest/meta-data/iam/"]);
    expect((await rejection(outboundFetch(`${first.url}/other`, { redirect: "error" }))).kind).toBe("redirect");
  });

  it("checks what a name resolves to at every connection, so a name that rebinds to a blocked address is refused", async () => {
    const target = await listen((_req, res) => res.end("ok"));
    let answers = 0;
    // public-looking first, then the metadata service: a rebinding DNS server
    const rebinding: Resolver = async () => (answers++ === 0 ? [{ address: "127.0.0.1", family: 4 }] : [{ address: "169.254.169.254", family: 4 }]);
    const url = `http://rebind.test:${target.port}/`;
    expect((await outboundFetch(url, {}, { resolve: rebinding, policy: development })).status).toBe(200);
    expect((await rejection(outboundFetch(url, {}, { resolve: rebinding, policy: development }))).message).toBe(
      "destination rebind.test is blocked: it resolves to an address in a blocked range (link-local / cloud metadata)",
    );
    // one blocked address among several refuses the name
    const mixed: Resolver = async () => [
      { address: "127.0.0.1", family: 4 },
      { address: "::ffff:169.254.169.254", family: 6 },
    ];
    expect((await rejection(outboundFetch(url, {}, { resolve: mixed, policy: development }))).kind).toBe("blocked");
    expect(target.hits()).toBe(1);
  });

  it("refuses answers larger than the limit, declared or streamed", async () => {
    const big = Buffer.alloc(64 * 1024, "x");
    const target = await listen((req, res) => {
      if (req.url === "/declared") return res.writeHead(200, { "content-length": String(big.length) }).end(big);
      // chunked, no Content-Length: only counting the bytes finds out
      res.writeHead(200, { "content-type": "text/plain" });
      res.write(big.subarray(0, 16 * 1024));
      setTimeout(() => res.end(big.subarray(16 * 1024)), 20);
    });
    const declared = await rejection(outboundFetch(`${target.url}/declared`, {}, { maxBytes: 32 * 1024 }));
    expect([declared.kind, declared.message]).toEqual(["too_large", "the answer is larger than the limit of 32768 bytes"]);
    const streamed = await outboundFetch(`${target.url}/chunked`, {}, { maxBytes: 32 * 1024 });
    expect((await rejection(streamed.text())).kind).toBe("too_large");
    expect((await (await outboundFetch(`${target.url}/chunked`, {}, { maxBytes: 64 * 1024 })).text()).length).toBe(big.length);
    setEnv({ WARDEN_OUTBOUND_MAX_BYTES: "4096" });
    expect((await rejection(outboundFetch(`${target.url}/declared`))).message).toBe("the answer is larger than the limit of 4096 bytes");
  });

  it("gives up on slow servers after the timeout, before the answer or during it", async () => {
    const target = await listen((req, res) => {
      if (req.url === "/silent") return; // never answers
      res.writeHead(200, { "content-type": "text/plain" });
      res.write("first part…");
    });
    const started = Date.now();
    const silent = await rejection(outboundFetch(`${target.url}/silent`, {}, { timeoutMs: 300 }));
    expect([silent.kind, silent.message]).toEqual(["timeout", "No answer within 0.3 s"]);
    expect(Date.now() - started).toBeLessThan(5_000);
    const trickling = await outboundFetch(`${target.url}/trickle`, {}, { timeoutMs: 300 });
    expect((await rejection(trickling.text())).message).toBe("No answer within 0.3 s");
    // WARDEN_OUTBOUND_TIMEOUT_MS caps what callers ask for
    setEnv({ WARDEN_OUTBOUND_TIMEOUT_MS: "200" });
    expect((await rejection(outboundFetch(`${target.url}/silent`, {}, { timeoutMs: 60_000 }))).message).toBe("No answer within 0.2 s");
  });
});

describe("every outbound path goes through the guard", () => {
  const records = [{ "warden.audit.seq": "1" }] as never[];
  const batch = { sinkId: "snk_test", records, firstSeq: 1n, lastSeq: 1n };
  const payload = { id: "ntf_test", event: "campaign.launched", occurredAt: new Date().toISOString(), campaign: { id: "cmp_test", name: "Q3", dueAt: null, url: "http://warden.test/campaigns/cmp_test" }, details: {} } as never;

  it("refuses webhooks to blocked and denied destinations with a clear error, without sending them", async () => {
    const notification = await sendWebhook({ url: "http://169.254.169.254/hook", secret: "whsec_x", deliveryId: "ntf_test", event: "campaign.launched", payload });
    expect(notification).toEqual({ ok: false, status: null, error: METADATA, final: true });
    const audit = await sendWebhookBatch({ url: "http://169.254.169.254/ingest", secret: "whsec_x", timeoutMs: 2_000, batch });
    expect(audit).toEqual({ ok: false, status: null, error: METADATA });

    const receiver = await listen((_req, res) => res.writeHead(204).end(), "127.0.0.2");
    expect(await sendWebhook({ url: `${receiver.url}/hook`, secret: "whsec_x", deliveryId: "ntf_test", event: "campaign.launched", payload })).toEqual({ ok: true, status: 204 });
    setEnv({ WARDEN_OUTBOUND_DENY: "127.0.0.2/32" });
    expect(await sendWebhook({ url: `${receiver.url}/hook`, secret: "whsec_x", deliveryId: "ntf_test", event: "campaign.launched", payload })).toMatchObject({
      ok: false,
      error: "destination 127.0.0.2 is blocked: on the deny list",
      final: true,
    });
    expect(await sendWebhookBatch({ url: `${receiver.url}/ingest`, secret: "whsec_x", timeoutMs: 2_000, batch })).toMatchObject({ ok: false, error: "destination 127.0.0.2 is blocked: on the deny list" });
    expect(receiver.hits()).toBe(1);
  });

  it("refuses webhook URLs and sink targets whose address is blocked when they are saved", async () => {
    const admin = await seedUser({ role: "admin" });
    const cookie = (await sessionCookieFor(admin.id)).cookie;
    type Refusal = { errors?: { path: string; message: string }[] };
    const webhook = await call<Refusal>(createWebhookRoute, { method: "POST", path: "/api/v1/webhooks", cookie, body: { url: "https://169.254.169.254/hook", events: ["campaign.launched"] } });
    expect([webhook.status, webhook.body.errors]).toEqual([422, [{ path: "url", message: METADATA }]]);
    const targets: [string, string][] = [
      ["https://[fd00:ec2::254]/ingest", "destination fd00:ec2::254 is blocked: cloud metadata (AWS IMDS over IPv6)"],
      ["udp://169.254.169.254:514", METADATA],
      ["tcp://[fe80::1]:6514", "destination fe80::1 is blocked: link-local / cloud metadata"],
    ];
    for (const [target, message] of targets) {
      const kind = target.startsWith("https") ? "webhook" : "syslog";
      const sink = await call<Refusal>(createSinkRoute, { method: "POST", path: "/api/v1/audit/sinks", cookie, body: { name: `blocked ${target}`, kind, target } });
      expect([sink.status, sink.body.errors], target).toEqual([422, [{ path: "target", message }]]);
    }
  });

  it("refuses syslog to blocked destinations over UDP and TCP", async () => {
    for (const protocol of ["udp", "tcp"] as const) {
      expect(await sendSyslogBatch({ target: { protocol, host: "169.254.169.254", port: 514 }, records, timeoutMs: 2_000 })).toEqual({ ok: false, status: null, error: METADATA });
      expect(await sendSyslogBatch({ target: { protocol, host: "::ffff:169.254.169.254", port: 514 }, records, timeoutMs: 2_000 })).toMatchObject({ ok: false, error: expect.stringContaining("link-local / cloud metadata") });
    }
    setEnv({ WARDEN_OUTBOUND_ALLOW_PRIVATE: "false" });
    expect(await sendSyslogBatch({ target: { protocol: "tcp", host: "localhost", port: 514 }, records, timeoutMs: 2_000 })).toEqual({
      ok: false,
      status: null,
      error: "destination localhost is blocked: it resolves to an address in a blocked range (loopback)",
    });
  });

  it("refuses live discovery of a blocked address, and of loopback when private networks are not allowed", async () => {
    const blocked = await appErrorOf(discoverTools({ url: "http://169.254.169.254/mcp" }));
    expect([blocked.code, blocked.message]).toEqual(["bad_gateway", `Warden does not connect to http://169.254.169.254: ${METADATA}`]);

    const server = await servers.mcp({ tools: [{ name: "search_docs", description: "Searches the docs" }] });
    expect((await discoverTools({ url: server.url })).tools.map((tool) => tool.name)).toEqual(["search_docs"]);
    const before = server.requests;
    setEnv({ WARDEN_OUTBOUND_ALLOW_PRIVATE: "false" });
    const loopback = await appErrorOf(discoverTools({ url: server.url }));
    expect(loopback.message).toBe(`Warden does not connect to ${new URL(server.url).origin}: destination 127.0.0.1 is blocked: loopback`);
    expect(server.requests).toBe(before);
  });

  it("reports a discovery answer past the size limit", async () => {
    const server = await servers.mcp({ tools: Array.from({ length: 40 }, (_, index) => ({ name: `tool_${index}`, description: "d".repeat(200) })) });
    setEnv({ WARDEN_OUTBOUND_MAX_BYTES: "4096" });
    const error = await appErrorOf(discoverTools({ url: server.url, timeoutMs: 3_000 }));
    expect(error.code).toBe("bad_gateway");
    expect(error.message).toBe(`${server.url} failed while listing its tools (page 1): the answer is larger than the limit of 4096 bytes`);
  });
});
