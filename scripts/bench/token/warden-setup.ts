// Warden's side of the token benchmark, created through the same domain
// functions as the app (as lib/seed/factories.ts does) on a fresh data
// directory: an admin, an active development MCP server with three approved
// read tools, an active staging agent that requires DPoP with the benchmark's
// ES256 key, and a grant of the three tools to the agent. The caller points
// the environment at the data directory first; the database is closed after.
// The two building blocks — a server with a classified catalog, an identity
// with a registered key — are shared with the demo and the soak benchmark.
import crypto from "node:crypto";
import type { JWK } from "jose";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import type { ToolTier } from "@/lib/catalog/classify";
import type { TIdentity } from "@/lib/identities/schemas";
import type { SeededUser } from "@/lib/seed/factories";
import { resetEnvCache } from "@/lib/config/env";
import { disconnectDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate/apply";
import { resolveDbTarget } from "@/lib/db/target";

export const BENCH_TOOLS = ["list_items", "get_item", "search_items"];

/**
 * Warden's environment for a benchmark: production settings on a fresh data
 * directory (SQLite), fresh secrets, warn-level logs, token-endpoint rate
 * limits too high to reach. Returns the environment
 * for the server it starts and points this process at the same database (with
 * its own logs silent), for setting data up through the domain functions.
 */
export function pointAtWarden(options: { dataDir: string; port: number; publicUrl?: string; rateLimits?: "on" | "off" }): NodeJS.ProcessEnv {
  // "off" (npm run bench -- token --rate-limits off): no counting at all, to measure what the limiter costs
  const limit = options.rateLimits === "off" ? "0" : "1000000000/1m";
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    WARDEN_ENV: "production",
    WARDEN_DATA_DIR: options.dataDir,
    PORT: String(options.port),
    WARDEN_URL: options.publicUrl ?? `http://localhost:${options.port}`,
    WARDEN_SECRET: crypto.randomBytes(32).toString("base64url"),
    WARDEN_KEK: crypto.randomBytes(32).toString("base64url"),
    WARDEN_LOG_LEVEL: "warn",
    // the rate limiter runs and counts every request, as in production, but one client at one
    // address asking thousands of times a second is the benchmark, not an abuse to refuse
    WARDEN_RATE_LIMIT_TOKEN_PER_CLIENT: limit,
    WARDEN_RATE_LIMIT_TOKEN_PER_IP: limit,
  };
  delete env.DATABASE_URL;
  Object.assign(process.env, env, { WARDEN_LOG_LEVEL: "silent" });
  delete process.env.DATABASE_URL;
  resetEnvCache();
  return env;
}

export type SeedTool = { name: string; description: string; annotations?: Record<string, boolean>; tier: ToolTier };
export type SeededServer = { id: string; resourceUri: string; tools: { id: string; name: string; scope: string }[] };
type Environment = "production" | "staging" | "development";

/**
 * An active MCP server whose catalog was uploaded, applied and reviewed as an
 * admin would (each tool approved at its tier), with its own key when `jwk`
 * is given. Call with the environment pointed at a migrated database.
 */
export async function seedServerWithTools(options: { owner: SeededUser; name: string; environment: Environment; resourceUri: string; tools: SeedTool[]; jwk?: JWK }): Promise<SeededServer> {
  // imported after the environment is set: these modules open the database
  const { seedIdentity } = await import("@/lib/seed/factories");
  const { proposeCatalog } = await import("@/lib/catalog/propose-catalog");
  const { applyProposal } = await import("@/lib/catalog/apply-proposal");
  const { reviewTools } = await import("@/lib/catalog/review-tools");
  const { addKeys } = await import("@/lib/identities/keys/add-keys");
  const { db } = await import("@/lib/db/client");

  const server = await seedIdentity({ kind: "server", owner: options.owner, name: options.name, environment: options.environment, extra: { resourceUri: options.resourceUri } });
  if (options.jwk) await addKeys({ actor: SYSTEM_ACTOR, identityId: server.id, input: { jwk: options.jwk } });
  const proposal = await proposeCatalog({
    actor: SYSTEM_ACTOR,
    serverId: server.id,
    source: "upload",
    tools: options.tools.map((tool) => ({ name: tool.name, description: tool.description, inputSchema: { type: "object" }, annotations: tool.annotations })),
  });
  await applyProposal({ actor: SYSTEM_ACTOR, serverId: server.id, proposalId: proposal.id });
  const rows = await db().tool.findMany({ where: { serverId: server.id }, orderBy: { name: "asc" } });
  const tierOf = new Map(options.tools.map((tool) => [tool.name, tool.tier]));
  const reviewed = await reviewTools({ actor: SYSTEM_ACTOR, serverId: server.id, input: { decisions: rows.map((row) => ({ toolId: row.id, tier: tierOf.get(row.name)! })) } });
  return { id: server.id, resourceUri: options.resourceUri, tools: reviewed.tools.map((tool) => ({ id: tool.id, name: tool.name, scope: tool.scope })) };
}

/** An active agent or gateway with one registered public key (`extra`: kind-specific fields such as dpopRequired or serverIds). */
export async function seedKeyedIdentity(options: { kind: "agent" | "gateway"; owner: SeededUser; name: string; environment: Environment; jwk: JWK; extra?: Record<string, unknown> }): Promise<TIdentity> {
  const { seedIdentity } = await import("@/lib/seed/factories");
  const { addKeys } = await import("@/lib/identities/keys/add-keys");
  const identity = await seedIdentity({ kind: options.kind, owner: options.owner, name: options.name, environment: options.environment, extra: options.extra });
  if (options.kind === "agent" && !identity.clientId) throw new Error("the agent has no OAuth client id");
  await addKeys({ actor: SYSTEM_ACTOR, identityId: identity.id, input: { jwk: options.jwk } });
  return identity;
}

export type WardenSetup = { clientId: string; agentId: string; serverId: string; scopes: string[] };

export async function setUpWarden(options: { publicJwk: JWK; resourceUri: string }): Promise<WardenSetup> {
  resetEnvCache();
  await applyMigrations(resolveDbTarget());
  try {
    const { seedUser } = await import("@/lib/seed/factories");
    const { createGrant } = await import("@/lib/grants/create-grant");
    const admin = await seedUser({ role: "admin", email: "bench-admin@example.test", name: "Bench Admin" });
    const server = await seedServerWithTools({
      owner: admin,
      name: "Bench MCP",
      environment: "development",
      resourceUri: options.resourceUri,
      tools: BENCH_TOOLS.map((name) => ({ name, description: `Benchmark tool ${name}`, annotations: { readOnlyHint: true }, tier: "read" })),
    });
    const agent = await seedKeyedIdentity({ kind: "agent", owner: admin, name: "Bench Agent", environment: "staging", jwk: options.publicJwk, extra: { dpopRequired: true } });
    await createGrant({
      actor: SYSTEM_ACTOR,
      input: { agentId: agent.id, serverId: server.id, toolIds: server.tools.map((tool) => tool.id), justification: "Token service benchmark: the agent reads all three tools" },
    });
    return { clientId: agent.clientId!, agentId: agent.id, serverId: server.id, scopes: server.tools.map((tool) => tool.scope) };
  } finally {
    await disconnectDb();
  }
}
