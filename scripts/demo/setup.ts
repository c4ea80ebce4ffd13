// The demo's data in a fresh Warden, created through the same domain functions
// as the app (as the benchmarks do) before Warden starts: an admin with an API
// token, the "Ledger" MCP server with its two tools classified (read_ledger
// read, wire_money irreversible) and its public key, an agent that requires
// DPoP with its key, and a grant of read_ledger only. The caller points the
// environment at the data directory first; the database is closed after.
import type { JWK } from "jose";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { resetEnvCache } from "@/lib/config/env";
import { disconnectDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate/apply";
import { resolveDbTarget } from "@/lib/db/target";
import { LEDGER_TOOLS } from "@/lib/gateway/example-ledger-server";

export type DemoSetup = { serverId: string; agentId: string; clientId: string; grantId: string; adminEmail: string; apiToken: string };

export async function setUpDemo(options: { resourceUri: string; serverJwk: JWK; agentJwk: JWK }): Promise<DemoSetup> {
  resetEnvCache();
  await applyMigrations(resolveDbTarget());
  try {
    // imported after the environment is set: these modules open the database
    const { seedApiToken, seedIdentity, seedUser } = await import("@/lib/seed/factories");
    const { proposeCatalog } = await import("@/lib/catalog/propose-catalog");
    const { applyProposal } = await import("@/lib/catalog/apply-proposal");
    const { reviewTools } = await import("@/lib/catalog/review-tools");
    const { addKeys } = await import("@/lib/identities/keys/add-keys");
    const { createGrant } = await import("@/lib/grants/create-grant");
    const { db } = await import("@/lib/db/client");

    const admin = await seedUser({ role: "admin", email: "demo-admin@example.test", name: "Demo Admin" });
    const apiToken = await seedApiToken({ role: "admin", user: admin, name: "demo" });
    const server = await seedIdentity({ kind: "server", owner: admin, name: "Ledger", environment: "development", extra: { resourceUri: options.resourceUri } });
    await addKeys({ actor: SYSTEM_ACTOR, identityId: server.id, input: { jwk: options.serverJwk } });
    const proposal = await proposeCatalog({
      actor: SYSTEM_ACTOR,
      serverId: server.id,
      source: "upload",
      tools: Object.values(LEDGER_TOOLS).map((tool) => ({ name: tool.name, description: tool.description, inputSchema: { type: "object" }, annotations: tool.annotations })),
    });
    await applyProposal({ actor: SYSTEM_ACTOR, serverId: server.id, proposalId: proposal.id });
    const tools = await db().tool.findMany({ where: { serverId: server.id } });
    const toolId = (name: string) => tools.find((tool) => tool.name === name)!.id;
    await reviewTools({
      actor: SYSTEM_ACTOR,
      serverId: server.id,
      input: { decisions: [{ toolId: toolId(LEDGER_TOOLS.read.name), tier: "read" }, { toolId: toolId(LEDGER_TOOLS.irreversible.name), tier: "irreversible" }] },
    });

    const agent = await seedIdentity({ kind: "agent", owner: admin, name: "Reporting agent", environment: "development", extra: { dpopRequired: true } });
    if (!agent.clientId) throw new Error("the agent has no OAuth client id");
    await addKeys({ actor: SYSTEM_ACTOR, identityId: agent.id, input: { jwk: options.agentJwk } });
    const grant = await createGrant({ actor: SYSTEM_ACTOR, input: { agentId: agent.id, serverId: server.id, toolIds: [toolId(LEDGER_TOOLS.read.name)], justification: "Demo: the reporting agent reads the ledger" } });
    return { serverId: server.id, agentId: agent.id, clientId: agent.clientId, grantId: grant.id, adminEmail: admin.email, apiToken: apiToken.secret };
  } finally {
    await disconnectDb();
  }
}
