// What the API fuzzer starts from: an admin to call as, objects of every kind
// for valid requests to reach (users, identities of the four kinds, a catalog
// with tools and an open proposal, keys, a grant, an exchange policy, API
// tokens, a draft and a launched campaign with items, a webhook, an audit sink,
// a failed notification), the hints that give named fields realistic values
// (loopback URLs only, fresh JWKs, server.json documents), and a guard that
// records any attempt to resolve or reach a host other than this one.
import crypto from "node:crypto";
import dgram from "node:dgram";
import dns from "node:dns";
import net from "node:net";
import { vi } from "vitest";
import { createAuditSink } from "@/lib/audit/sinks/create-audit-sink";
import { auditSinkDir } from "@/lib/audit/sinks/config";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { generateCampaignItems } from "@/lib/campaigns/generate-items";
import { launchCampaign } from "@/lib/campaigns/launch-campaign";
import { applyProposal } from "@/lib/catalog/apply-proposal";
import { createProposal } from "@/lib/catalog/create-proposal";
import { reviewTools } from "@/lib/catalog/review-tools";
import { db } from "@/lib/db/client";
import { createExchangePolicy } from "@/lib/exchange/create-exchange-policy";
import { createGrant } from "@/lib/grants/create-grant";
import { newId } from "@/lib/ids";
import { addKeys } from "@/lib/identities/keys/add-keys";
import { mintAccessToken } from "@/lib/oauth/access-token";
import { createWebhook } from "@/lib/notifications/create-webhook";
import { ensureSigningKeys } from "@/lib/signing-keys/rotate-signing-key";
import { seedApiToken, seedIdentity, seedUser, sessionCookieFor, uniqueSuffix, type SeededUser } from "@/lib/seed/factories";
import type { Gen, Hint, IdPool } from "./fuzz-schema";

/** A loopback port with nothing listening: every connection to it is refused at once. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const ecJwk = () => crypto.generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({ format: "jwk" }) as Record<string, unknown>;
const edJwk = () => crypto.generateKeyPairSync("ed25519").publicKey.export({ format: "jwk" }) as Record<string, unknown>;

/**
 * keep: objects that operations which cannot be undone (revoking an identity,
 * deactivating a user, launching or closing a campaign, deleting) leave alone, so the catalog,
 * grant and review endpoints still have live objects to work on late in a run.
 */
export type World = { admin: SeededUser; cookie: string; port: number; protectedIds: Set<string>; keep: Set<string>; rsaJwks: Record<string, unknown>[]; accessTokens: string[] };

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** A server with an applied catalog (tools read_ledger, write_ledger approved; wire_money unclassified) and an open proposal. */
async function catalogServer(owner: SeededUser, backup: SeededUser, resourceUri: string, ids: IdPool) {
  const server = await seedIdentity({ kind: "server", owner, environment: "production", extra: { resourceUri, backupOwnerId: backup.id } });
  const applied = await createProposal({ actor: SYSTEM_ACTOR, serverId: server.id, input: { source: "manual", tools: ["read_ledger", "write_ledger", "wire_money"].map((name) => ({ name, description: `Does ${name}` })) } });
  await applyProposal({ actor: SYSTEM_ACTOR, serverId: server.id, proposalId: applied.id });
  const tools = await db().tool.findMany({ where: { serverId: server.id }, orderBy: { name: "asc" } });
  await reviewTools({ actor: SYSTEM_ACTOR, serverId: server.id, input: { decisions: tools.slice(0, 2).map((tool, index) => ({ toolId: tool.id, tier: index ? "write" : "read" })) } });
  const open = await createProposal({ actor: SYSTEM_ACTOR, serverId: server.id, input: { source: "manual", tools: [{ name: "delta" }] } });
  ids.harvest([server, applied, open, ...tools]);
  return server;
}

/** Seeds the objects; every id they answer with lands in `ids`. */
export async function seedWorld(ids: IdPool): Promise<World> {
  const port = await closedPort();
  // made on first use otherwise: the first signed export (a read) would write them
  await ensureSigningKeys();
  const admin = await seedUser({ role: "admin" });
  const { cookie } = await sessionCookieFor(admin.id);
  const people = [await seedUser({ role: "owner" }), await seedUser({ role: "owner" }), await seedUser({ role: "auditor" }), await seedUser({ role: "admin" })];
  for (const person of people) ids.add(person.id);
  const [owner, other] = people as [SeededUser, SeededUser];
  const loopback = (name: string) => `http://127.0.0.1:${port}/${name}-${uniqueSuffix()}`;
  const catalogs = [await catalogServer(owner, other, loopback("mcp"), ids), await catalogServer(other, owner, loopback("mcp"), ids)];
  const servers = [];
  for (const status of ["active", "pending", "suspended"] as const) {
    servers.push(await seedIdentity({ kind: "server", owner, status, environment: status === "active" ? "production" : "development", extra: { resourceUri: loopback("mcp"), backupOwnerId: other.id } }));
  }
  const agents = [await seedIdentity({ kind: "agent", owner }), await seedIdentity({ kind: "agent", owner: other, status: "pending" }), await seedIdentity({ kind: "agent", owner, status: "suspended" })];
  const resources = [await seedIdentity({ kind: "resource", owner, extra: { audienceUri: `urn:fuzz:${uniqueSuffix()}` } })];
  const gateways = [await seedIdentity({ kind: "gateway", owner, extra: { frontsAllServers: true } })];
  ids.harvest([...servers, ...agents, ...resources, ...gateways]);
  const agent = agents[0]!;
  ids.harvest((await addKeys({ actor: SYSTEM_ACTOR, identityId: agent.id, input: { jwks: { keys: [ecJwk(), edJwk()] } as never } })).items);
  ids.harvest(await createGrant({ actor: SYSTEM_ACTOR, input: { agentId: agent.id, serverId: catalogs[0]!.id, shortcut: "all-read-write", justification: "fuzzing fixture grant" } }));
  ids.harvest(await createExchangePolicy({ actor: SYSTEM_ACTOR, input: { serverId: catalogs[0]!.id, resourceId: resources[0]!.id, scopes: ["ledger:read"] } }));
  ids.add((await seedApiToken({ role: "owner", user: owner })).id);
  ids.add((await seedApiToken({ role: "admin", user: admin })).id);
  const draft = await createCampaign({ actor: admin.actor, input: { type: "identity", name: `fuzz draft ${uniqueSuffix()}`, dueAt: inDays(30) } });
  ids.harvest(draft);
  // reviewed by the admin the fuzzer calls as, so decisions get past "not your item"
  const launched = await createCampaign({ actor: admin.actor, input: { type: "tool", name: `fuzz launched ${uniqueSuffix()}`, dueAt: inDays(30), reviewerRule: "named", reviewerId: admin.id, filters: { serverIds: catalogs.map((catalog) => catalog.id) } } });
  await launchCampaign({ actor: admin.actor, campaignId: launched.id, background: false });
  await generateCampaignItems(launched.id);
  ids.harvest([launched, ...(await db().campaignItem.findMany({ where: { campaignId: launched.id } }))]);
  const webhook = (await createWebhook({ actor: admin.actor, input: { url: loopback("hook"), events: ["campaign.launched"], enabled: false } })).endpoint.id;
  const sink = (await createAuditSink({ actor: admin.actor, input: { name: `fuzz ${uniqueSuffix()}`, kind: "webhook", target: loopback("siem"), enabled: true } })).sink.id;
  ids.add(webhook);
  ids.add(sink);
  const notification = newId("notification");
  await db().notification.create({ data: { id: notification, channel: "email", event: "campaign.reminder", recipient: "fuzz@example.test", payload: {}, status: "failed", attempts: 6, nextAttemptAt: new Date(), lastError: "HTTP 503", lastStatus: 503 } });
  ids.add(notification);
  for (const event of await db().auditEvent.findMany({ select: { id: true }, orderBy: { seq: "desc" }, take: 20 })) ids.add(event.id);
  const rsaJwks = [0, 1].map(() => crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ format: "jwk" }) as Record<string, unknown>);
  const expires = Math.floor(Date.now() / 1000) + 3600;
  const accessTokens: string[] = [];
  for (let index = 0; index < 6; index += 1) accessTokens.push((await mintAccessToken({ sub: agent.id, aud: catalogs[0]!.resourceUri!, client_id: agent.clientId!, scope: "mcp:fuzz:read_ledger", exp: expires })).token);
  const keep = new Set([owner.id, other.id, ...catalogs.map((catalog) => catalog.id), agent.id, draft.id, launched.id, webhook, sink]);
  return { admin, cookie, port, protectedIds: new Set([admin.id]), keep, rsaJwks, accessTokens };
}

/** Realistic values for fields whose schema alone says too little; every URL points at a closed loopback port. */
export function hintsFor(world: World): Hint {
  const { port } = world;
  const urls = (g: Gen) => {
    const path = `fz-${g.rng.int(1e9).toString(36)}`;
    return [`http://127.0.0.1:${port}/${path}`, `https://127.0.0.1:${port}/${path}`, `http://localhost:${port}/${path}`, `http://[::1]:${port}/${path}`, `https://user:pw@127.0.0.1:${port}/${path}`, `http://127.0.0.1:${port}/${path}#frag`, `ftp://127.0.0.1:${port}/${path}`, "javascript:alert(1)", "not a url", "/relative/path"];
  };
  const jwk = (g: Gen) => (g.rng.chance(0.15) ? g.rng.pick(world.rsaJwks) : g.rng.chance(0.5) ? ecJwk() : edJwk());
  const byName: Record<string, (g: Gen) => unknown> = {
    url: (g) => g.rng.pick(urls(g)),
    resourceUri: (g) => g.rng.pick(urls(g)),
    sourceRepository: (g) => g.rng.pick([...urls(g), null]),
    audienceUri: (g) => (g.rng.chance(0.5) ? `urn:fuzz:${g.rng.int(1e9).toString(36)}` : g.rng.pick(urls(g))),
    target: (g) =>
      g.rng.pick([...urls(g).slice(0, 3), `udp://127.0.0.1:${port}`, `tcp://127.0.0.1:${port}`, `127.0.0.1:${port}`, `localhost:${port}`, `tcp://[::1]:${port}`, `${auditSinkDir()}/fz-${g.rng.int(1e9).toString(36)}.jsonl`, `${auditSinkDir()}/../escape.jsonl`, "/etc/passwd", "relative.jsonl"]),
    email: (g) => (g.rng.chance(0.7) ? `fz-${g.rng.int(1e9).toString(36)}@example.test` : undefined),
    currentPassword: (g) => (g.rng.chance(0.3) ? world.admin.password : undefined),
    token: (g) => (g.rng.chance(0.7) ? g.rng.pick(world.accessTokens) : undefined),
    jwk: (g) => (g.rng.chance(0.8) ? jwk(g) : undefined),
    jwks: (g) => (g.rng.chance(0.8) ? { keys: Array.from({ length: 1 + g.rng.int(3) }, () => jwk(g)) } : undefined),
    documents: (g) => {
      const doc = () => {
        const name = `io.fuzz.example/s-${g.rng.int(1e9).toString(36)}`;
        const url = g.rng.chance(0.7) ? `https://127.0.0.1:${port}/fz-${g.rng.int(1e9).toString(36)}` : g.rng.pick(urls(g));
        return { name, description: "A fuzzed server", version: g.rng.pick(["1.0.0", "1.0.0", "0.0.1-beta", ""]), remotes: [{ type: g.rng.pick(["streamable-http", "streamable-http", "sse", "stdio"]), url }] };
      };
      const docs = Array.from({ length: 1 + g.rng.int(3) }, doc);
      return g.rng.pick([docs[0], docs, { servers: docs.map((server) => ({ server, _meta: {} })) }, undefined]);
    },
    document: (g) => (g.rng.chance(0.8) ? { tools: Array.from({ length: 1 + g.rng.int(3) }, (_, index) => ({ name: `fz_tool_${index}_${g.rng.int(1000)}`, description: "fuzzed", inputSchema: { type: "object" }, annotations: { readOnlyHint: g.rng.chance(0.5) } })) } : undefined),
  };
  // query filters and ids without a pattern: a known id of the right kind now and then
  const idsByName: Record<string, string[] | null> = { serverId: ["srv"], agentId: ["agt"], resourceId: ["res", "srv"], ownerId: ["usr"], actor: ["usr", "tok"], agent: ["agt"], server: ["srv"], resource: ["res"], gateway: ["gwy"], identity: ["srv", "agt", "res", "gwy"], id: ["evt"], targetId: null, cursor: null };
  return (name, schema, g) => {
    if (name === undefined) return undefined;
    if (name in idsByName && !schema.pattern && schema.type === "string" && g.rng.chance(0.6)) {
      const known = g.ids.pick(g, idsByName[name] ?? null);
      if (known) return { value: known };
    }
    const make = byName[name];
    if (!make || typeof schema.pattern === "string") return undefined;
    const value = make(g);
    return value === undefined ? undefined : { value };
  };
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "::1", "[::1]", "0.0.0.0"]);

/**
 * Records (and refuses) DNS lookups of any name but localhost and the database
 * host, and connections or datagrams to any address but loopback and the
 * database: nothing the fuzzer sends may reach another host.
 */
export function guardNetwork(allowedHosts: string[]): { attempts: string[]; restore: () => void } {
  const attempts: string[] = [];
  const allowed = (host: unknown) => typeof host !== "string" || LOOPBACK.has(host) || /^127\./.test(host) || allowedHosts.includes(host);
  const lookup = dns.lookup;
  const spies = [
    vi.spyOn(dns, "lookup").mockImplementation(((hostname: string, ...rest: unknown[]) => {
      if (allowed(hostname)) return (lookup as (...args: unknown[]) => unknown).call(dns, hostname, ...rest);
      attempts.push(`dns ${hostname}`);
      const callback = rest[rest.length - 1] as (error: Error) => void;
      process.nextTick(() => callback(Object.assign(new Error(`fuzz: no lookups of ${hostname}`), { code: "ENOTFOUND" })));
      return undefined;
    }) as unknown as typeof dns.lookup),
  ];
  const promisesLookup = dns.promises.lookup;
  spies.push(
    vi.spyOn(dns.promises, "lookup").mockImplementation((async (hostname: string, options?: unknown) => {
      if (allowed(hostname)) return (promisesLookup as (...args: unknown[]) => Promise<unknown>).call(dns.promises, hostname, options);
      attempts.push(`dns ${hostname}`);
      throw Object.assign(new Error(`fuzz: no lookups of ${hostname}`), { code: "ENOTFOUND" });
    }) as unknown as typeof dns.promises.lookup) as never,
  );
  const connect = net.Socket.prototype.connect;
  spies.push(
    vi.spyOn(net.Socket.prototype, "connect").mockImplementation(function (this: net.Socket, ...args: unknown[]) {
      const first = Array.isArray(args[0]) ? args[0][0] : args[0];
      const host = typeof first === "object" && first !== null ? ((first as { host?: string; path?: string }).path ? "localhost" : ((first as { host?: string }).host ?? "localhost")) : typeof args[1] === "string" ? args[1] : "localhost";
      if (net.isIP(host) && !allowed(host)) {
        attempts.push(`connect ${host}`);
        throw new Error(`fuzz: no connections to ${host}`);
      }
      return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
    } as never) as never,
  );
  const send = dgram.Socket.prototype.send;
  spies.push(
    vi.spyOn(dgram.Socket.prototype, "send").mockImplementation(function (this: dgram.Socket, ...args: unknown[]) {
      const address = args.find((arg, index) => index > 0 && typeof arg === "string");
      if (typeof address === "string" && net.isIP(address) && !allowed(address)) {
        attempts.push(`udp ${address}`);
        throw new Error(`fuzz: no datagrams to ${address}`);
      }
      return (send as (...a: unknown[]) => void).apply(this, args);
    } as never) as never,
  );
  return { attempts, restore: () => spies.forEach((spy) => spy.mockRestore()) };
}
