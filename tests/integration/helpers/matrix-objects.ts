// Real objects for the ownership matrix (tests/integration/ownership-matrix.test.ts):
// the people (two owners, a backup owner, an auditor, an admin) and builders
// for everything a management endpoint takes an id of, created through the
// domain functions as the app would. Each builder returns the object and a
// `state` reader: what a refused request must leave exactly as it was. Also
// the endpoint list as the published OpenAPI document and the route files give it.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { GET as openApiRoute } from "@/app/api/v1/openapi.json/route";
import type { RouteHandler } from "@/lib/api/handle";
import { createAuditSink } from "@/lib/audit/sinks/create-audit-sink";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { ROLE_PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { generateCampaignItems } from "@/lib/campaigns/generate-items";
import { launchCampaign } from "@/lib/campaigns/launch-campaign";
import { applyProposal } from "@/lib/catalog/apply-proposal";
import { createProposal } from "@/lib/catalog/create-proposal";
import { reviewTools } from "@/lib/catalog/review-tools";
import { setToolEnabled } from "@/lib/catalog/set-tool-enabled";
import { db } from "@/lib/db/client";
import { createExchangePolicy } from "@/lib/exchange/create-exchange-policy";
import { createGrant } from "@/lib/grants/create-grant";
import { newId } from "@/lib/ids";
import type { IdentityKind, IdentityStatus } from "@/lib/identities/kinds";
import { addKeys } from "@/lib/identities/keys/add-keys";
import { createWebhook } from "@/lib/notifications/create-webhook";
import { seedApiToken, seedIdentity, seedUser, sessionCookieFor, uniqueSuffix, type SeededUser } from "@/lib/seed/factories";
import { deactivateUser } from "@/lib/users/deactivate-user";

export type Person = SeededUser & { cookie: string };
/** An owner with API tokens: one scoped to each permission of the owner role, and one unscoped. */
export type Owner = Person & { scoped: Partial<Record<Permission, string>>; unscoped: string };
export type People = { a: Owner; backup: Owner; b: Owner; auditor: Person; admin: Person; heir: SeededUser };

async function person(role: "owner" | "auditor" | "admin"): Promise<Person> {
  const user = await seedUser({ role });
  return { ...user, cookie: (await sessionCookieFor(user.id)).cookie };
}

async function owner(): Promise<Owner> {
  const user = await person("owner");
  const scoped: Partial<Record<Permission, string>> = {};
  for (const permission of ROLE_PERMISSIONS.owner) scoped[permission] = (await seedApiToken({ role: "owner", user, scopes: [permission] })).secret;
  return { ...user, scoped, unscoped: (await seedApiToken({ role: "owner", user })).secret };
}

/** A owns the objects under test (B is their backup owner's counterpart: owner of other objects); heir receives transfers. */
export async function seedPeople(): Promise<People> {
  return { a: await owner(), backup: await owner(), b: await owner(), auditor: await person("auditor"), admin: await person("admin"), heir: await seedUser({ role: "owner" }) };
}

/** Audit events about these objects: a refused request writes none. */
export const auditCount = (...targetIds: string[]) => db().auditEvent.count({ where: { targetId: { in: targetIds } } });

export async function identityOf(kind: IdentityKind, primary: SeededUser, backup: SeededUser | null, options: { status?: IdentityStatus; extra?: Record<string, unknown> } = {}) {
  const identity = await seedIdentity({ kind, owner: primary, status: options.status, extra: { ...(backup ? { backupOwnerId: backup.id } : {}), ...options.extra } });
  const state = async () => ({
    identity: await db().identity.findUniqueOrThrow({ where: { id: identity.id } }),
    keys: await db().identityKey.findMany({ where: { identityId: identity.id }, orderBy: { id: "asc" } }),
    challenges: await db().keyChallenge.count({ where: { identityId: identity.id } }),
    events: await auditCount(identity.id),
  });
  return { identity, state };
}

/** A fresh public JWK (thumbprints are unique across Warden, so each key is new). */
export function publicJwk(): Record<string, unknown> {
  return crypto.generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({ format: "jwk" }) as Record<string, unknown>;
}

export async function keyOf(identityId: string): Promise<string> {
  const { items } = await addKeys({ actor: SYSTEM_ACTOR, identityId, input: { jwk: publicJwk() as never } });
  return items[0]!.id;
}

/**
 * A server with an applied catalog: `alpha` approved at the read tier, `beta`
 * unclassified, optionally `gamma` disabled, and an open proposal (`delta`).
 */
export async function serverWithCatalog(primary: SeededUser, backup: SeededUser | null, options: { resourceUri?: string; disabled?: boolean } = {}) {
  const { identity: server, state: identityState } = await identityOf("server", primary, backup, { extra: options.resourceUri ? { resourceUri: options.resourceUri } : {} });
  const names = ["alpha", "beta", ...(options.disabled ? ["gamma"] : [])];
  const applied = await createProposal({ actor: SYSTEM_ACTOR, serverId: server.id, input: { source: "manual", tools: names.map((name) => ({ name, description: `Does ${name}` })) } });
  await applyProposal({ actor: SYSTEM_ACTOR, serverId: server.id, proposalId: applied.id });
  const rows = await db().tool.findMany({ where: { serverId: server.id } });
  const tool = (name: string) => rows.find((row) => row.name === name)!.id;
  await reviewTools({ actor: SYSTEM_ACTOR, serverId: server.id, input: { decisions: [{ toolId: tool("alpha"), tier: "read" }] } });
  if (options.disabled) await setToolEnabled({ actor: SYSTEM_ACTOR, serverId: server.id, toolId: tool("gamma"), enabled: false, reason: "matrix fixture" });
  const proposal = await createProposal({ actor: SYSTEM_ACTOR, serverId: server.id, input: { source: "manual", tools: [{ name: "delta", description: "Does delta" }] } });
  const state = async () => ({
    ...(await identityState()),
    tools: await db().tool.findMany({ where: { serverId: server.id }, orderBy: { name: "asc" } }),
    proposals: await db().catalogProposal.findMany({ where: { serverId: server.id }, orderBy: { id: "asc" } }),
    versions: await db().catalogVersion.count({ where: { serverId: server.id } }),
  });
  return { server, tools: { alpha: tool("alpha"), beta: tool("beta"), gamma: options.disabled ? tool("gamma") : null }, proposalId: proposal.id, state };
}

/** A grant of the server's read tools to the agent, both owned by the given people. */
export async function grantOf(agentOwner: SeededUser, serverOwner: SeededUser, backup: SeededUser | null) {
  const { identity: agent } = await identityOf("agent", agentOwner, backup);
  const { server } = await serverWithCatalog(serverOwner, backup);
  const grant = await createGrant({ actor: SYSTEM_ACTOR, input: { agentId: agent.id, serverId: server.id, shortcut: "all-read", justification: "ownership matrix fixture" } });
  const state = async () => ({ grant: await db().grant.findUniqueOrThrow({ where: { id: grant.id }, include: { tools: true } }), events: await auditCount(grant.id) });
  return { grant, agent, server, state };
}

export async function exchangePolicyOf(primary: SeededUser, backup: SeededUser | null) {
  const { identity: server } = await identityOf("server", primary, backup);
  const { identity: resource } = await identityOf("resource", primary, backup);
  const policy = await createExchangePolicy({ actor: SYSTEM_ACTOR, input: { serverId: server.id, resourceId: resource.id, scopes: ["read"] } });
  const state = async () => ({ policy: await db().exchangePolicy.findUniqueOrThrow({ where: { id: policy.id } }), events: await auditCount(policy.id) });
  return { policy, state };
}

/** An API token of `user` (not one used to call). */
export async function apiTokenOf(user: SeededUser) {
  const token = await seedApiToken({ role: user.role, user });
  const state = async () => ({ token: await db().apiToken.findUniqueOrThrow({ where: { id: token.id } }), events: await auditCount(token.id) });
  return { id: token.id, state };
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/**
 * A tool campaign over one server of `reviewer`'s (so its item, the approved
 * tool, is assigned to them), created by the admin: a draft, or launched with
 * its items generated.
 */
export async function toolCampaignOf(admin: SeededUser, reviewer: SeededUser, launched: boolean) {
  const { server } = await serverWithCatalog(reviewer, null);
  const campaign = await createCampaign({ actor: admin.actor, input: { type: "tool", name: `matrix ${uniqueSuffix()}`, dueAt: inDays(14), filters: { serverIds: [server.id] } } });
  if (launched) {
    await launchCampaign({ actor: admin.actor, campaignId: campaign.id, background: false });
    await generateCampaignItems(campaign.id);
  }
  const items = await db().campaignItem.findMany({ where: { campaignId: campaign.id }, orderBy: { id: "asc" } });
  const state = async () => ({
    campaign: await db().campaign.findUniqueOrThrow({ where: { id: campaign.id } }),
    items: await db().campaignItem.findMany({ where: { campaignId: campaign.id }, orderBy: { id: "asc" } }),
    events: await auditCount(campaign.id, ...items.map((item) => item.id)),
  });
  return { campaign, items, state };
}

/** Waits for a campaign launched through the API to finish generating its items in the background. */
export async function settled(campaignId: string): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    const row = await db().campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { status: true } });
    if (row.status !== "generating") return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`campaign ${campaignId} is still generating`);
}

export async function userOf(options: { deactivated?: boolean } = {}) {
  const user = await seedUser({ role: "owner" });
  if (options.deactivated) await deactivateUser({ actor: SYSTEM_ACTOR, userId: user.id, reason: "matrix fixture" });
  const state = async () => ({ user: await db().user.findUniqueOrThrow({ where: { id: user.id } }), events: await auditCount(user.id) });
  return { user, state };
}

export async function webhookOf(admin: SeededUser) {
  const { endpoint } = await createWebhook({ actor: admin.actor, input: { url: `https://matrix-${uniqueSuffix()}.example.test/hook`, events: ["campaign.launched"], enabled: false } });
  const state = async () => ({ endpoint: await db().webhookEndpoint.findUnique({ where: { id: endpoint.id } }), events: await auditCount(endpoint.id) });
  return { id: endpoint.id, state };
}

/** A delivery that gave up: the only kind the retry endpoint sends again. */
export async function failedNotification() {
  const id = newId("notification");
  await db().notification.create({
    data: { id, channel: "email", event: "campaign.reminder", recipient: `matrix-${uniqueSuffix()}@example.test`, payload: {}, status: "failed", attempts: 5, nextAttemptAt: new Date(), lastError: "HTTP 503", lastStatus: 503 },
  });
  const state = async () => ({ notification: await db().notification.findUniqueOrThrow({ where: { id } }), events: await auditCount(id) });
  return { id, state };
}

/** A sink: disabled (nothing is forwarded), or enabled towards `target` (a local receiver) for "retry now". */
export async function auditSinkOf(admin: SeededUser, target?: string) {
  const { sink } = await createAuditSink({
    actor: admin.actor,
    input: target ? { name: `matrix ${uniqueSuffix()}`, kind: "webhook", target, enabled: true } : { name: `matrix ${uniqueSuffix()}`, kind: "webhook", target: `https://matrix-${uniqueSuffix()}.example.test/siem`, enabled: false },
  });
  const state = async () => ({ sink: await db().auditSink.findUnique({ where: { id: sink.id } }), events: await auditCount(sink.id) });
  return { id: sink.id, state };
}

/** Disables the enabled sinks a test made, so nothing else forwards to a receiver that is gone. */
export async function disableSinks(ids: string[]): Promise<void> {
  await db().auditSink.updateMany({ where: { id: { in: ids } }, data: { enabled: false } });
}

/** A local HTTP receiver that accepts everything (an audit sink's SIEM). */
export async function startReceiver(): Promise<{ url: string; received: () => number; close: () => Promise<void> }> {
  let received = 0;
  const server = http.createServer((req, res) => {
    received++;
    req.resume();
    req.on("end", () => res.writeHead(204).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/siem`,
    received: () => received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type Operation = { operationId: string; method: string; path: string; permission: string; pathParams: string[] };
type OpenApiOperation = { operationId: string; "x-warden-permission": string; parameters?: { name: string; in: string }[] };

/** Every operation of the document GET /api/v1/openapi.json serves, with the permission it declares. */
export async function publishedOperations(): Promise<Operation[]> {
  const response = await openApiRoute(new Request("http://localhost:3000/api/v1/openapi.json"), { params: Promise.resolve({}) });
  const document = (await response.json()) as { paths: Record<string, Record<string, OpenApiOperation>> };
  return Object.entries(document.paths).flatMap(([routePath, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      operationId: operation.operationId,
      method: method.toUpperCase(),
      path: routePath,
      permission: operation["x-warden-permission"],
      pathParams: (operation.parameters ?? []).filter((parameter) => parameter.in === "path").map((parameter) => parameter.name),
    })),
  );
}

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../..");
const appDir = path.join(root, "app");
const toSegment = (segment: string) => segment.replace(/^\{(.+)\}$/, "[$1]");
const fromSegment = (segment: string) => segment.replace(/^\[(.+)\]$/, "{$1}");

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? routeFiles(path.join(dir, entry.name)) : entry.name === "route.ts" ? [path.join(dir, entry.name)] : []));
}

/** The API paths that have a route file under app/api/v1, in OpenAPI form (/api/v1/servers/{id}). */
export function routePaths(): string[] {
  return routeFiles(path.join(appDir, "api", "v1"))
    .map((file) => `/${path.relative(appDir, path.dirname(file)).split(path.sep).map(fromSegment).join("/")}`)
    .sort();
}

export async function handlerFor(operation: Operation): Promise<RouteHandler> {
  const file = path.join(appDir, ...operation.path.split("/").filter(Boolean).map(toSegment), "route.ts");
  const handler = ((await import(file)) as Record<string, RouteHandler | undefined>)[operation.method];
  if (!handler) throw new Error(`${file} does not export ${operation.method}`);
  return handler;
}

/** Deep equality of database rows as JSON (dates as ISO strings, bigints as text). */
export function sameJson(a: unknown, b: unknown): boolean {
  const text = (value: unknown) => JSON.stringify(value, (_key, item: unknown) => (typeof item === "bigint" ? item.toString() : item));
  return text(a) === text(b);
}
