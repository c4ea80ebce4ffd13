// Warden's side of the token benchmark, created through the same domain
// functions as the app (as lib/seed/factories.ts does) on a fresh data
// directory: an admin, an active development MCP server with three approved
// read tools, an active staging agent that requires DPoP with the benchmark's
// ES256 key, and a grant of the three tools to the agent. The caller points
// the environment at the data directory first; the database is closed after.
import crypto from "node:crypto";
import type { JWK } from "jose";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
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
export function pointAtWarden(options: { dataDir: string; port: number; publicUrl?: string }): NodeJS.ProcessEnv {
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
    WARDEN_RATE_LIMIT_TOKEN_PER_CLIENT: "1000000000/1m",
    WARDEN_RATE_LIMIT_TOKEN_PER_IP: "1000000000/1m",
  };
  delete env.DATABASE_URL;
  Object.assign(process.env, env, { WARDEN_LOG_LEVEL: "silent" });
  delete process.env.DATABASE_URL;
  resetEnvCache();
  return env;
}

export type WardenSetup = { clientId: string; agentId: string; serverId: string; scopes: string[] };

export async function setUpWarden(options: { publicJwk: JWK; resourceUri: string }): Promise<WardenSetup> {
  resetEnvCache();
  await applyMigrations(resolveDbTarget());
  try {
    // imported after the environment is set: these modules open the database
    const { seedIdentity, seedUser } = await import("@/lib/seed/factories");
    const { proposeCatalog } = await import("@/lib/catalog/propose-catalog");
    const { applyProposal } = await import("@/lib/catalog/apply-proposal");
    const { reviewTools } = await import("@/lib/catalog/review-tools");
    const { addKeys } = await import("@/lib/identities/keys/add-keys");
    const { createGrant } = await import("@/lib/grants/create-grant");

    const admin = await seedUser({ role: "admin", email: "bench-admin@example.test", name: "Bench Admin" });
    const server = await seedIdentity({ kind: "server", owner: admin, name: "Bench MCP", environment: "development", extra: { resourceUri: options.resourceUri } });
    const proposal = await proposeCatalog({
      actor: SYSTEM_ACTOR,
      serverId: server.id,
      source: "upload",
      tools: BENCH_TOOLS.map((name) => ({ name, description: `Benchmark tool ${name}`, inputSchema: { type: "object" }, annotations: { readOnlyHint: true } })),
    });
    await applyProposal({ actor: SYSTEM_ACTOR, serverId: server.id, proposalId: proposal.id });
    const { db } = await import("@/lib/db/client");
    const tools = await db().tool.findMany({ where: { serverId: server.id }, orderBy: { name: "asc" } });
    const reviewed = await reviewTools({ actor: SYSTEM_ACTOR, serverId: server.id, input: { decisions: tools.map((tool) => ({ toolId: tool.id, tier: "read" as const })) } });

    const agent = await seedIdentity({ kind: "agent", owner: admin, name: "Bench Agent", environment: "staging", extra: { dpopRequired: true } });
    if (!agent.clientId) throw new Error("the agent has no OAuth client id");
    await addKeys({ actor: SYSTEM_ACTOR, identityId: agent.id, input: { jwk: options.publicJwk } });
    await createGrant({
      actor: SYSTEM_ACTOR,
      input: { agentId: agent.id, serverId: server.id, toolIds: reviewed.tools.map((tool) => tool.id), justification: "Token service benchmark: the agent reads all three tools" },
    });
    return { clientId: agent.clientId, agentId: agent.id, serverId: server.id, scopes: reviewed.tools.map((tool) => tool.scope) };
  } finally {
    await disconnectDb();
  }
}
