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
import { seedKeyedIdentity, seedServerWithTools } from "@/scripts/bench/token/warden-setup";

export type DemoSetup = { serverId: string; agentId: string; clientId: string; grantId: string; adminEmail: string; apiToken: string };

export async function setUpDemo(options: { resourceUri: string; serverJwk: JWK; agentJwk: JWK }): Promise<DemoSetup> {
  resetEnvCache();
  await applyMigrations(resolveDbTarget());
  try {
    // imported after the environment is set: these modules open the database
    const { seedApiToken, seedUser } = await import("@/lib/seed/factories");
    const { createGrant } = await import("@/lib/grants/create-grant");

    const admin = await seedUser({ role: "admin", email: "demo-admin@example.test", name: "Demo Admin" });
    const apiToken = await seedApiToken({ role: "admin", user: admin, name: "demo" });
    const tierOf = { [LEDGER_TOOLS.read.name]: "read", [LEDGER_TOOLS.irreversible.name]: "irreversible" } as const;
    const server = await seedServerWithTools({
      owner: admin,
      name: "Ledger",
      environment: "development",
      resourceUri: options.resourceUri,
      jwk: options.serverJwk,
      tools: Object.values(LEDGER_TOOLS).map((tool) => ({ name: tool.name, description: tool.description, annotations: tool.annotations, tier: tierOf[tool.name]! })),
    });
    const toolId = (name: string) => server.tools.find((tool) => tool.name === name)!.id;

    const agent = await seedKeyedIdentity({ kind: "agent", owner: admin, name: "Reporting agent", environment: "development", jwk: options.agentJwk, extra: { dpopRequired: true } });
    const grant = await createGrant({ actor: SYSTEM_ACTOR, input: { agentId: agent.id, serverId: server.id, toolIds: [toolId(LEDGER_TOOLS.read.name)], justification: "Demo: the reporting agent reads the ledger" } });
    return { serverId: server.id, agentId: agent.id, clientId: agent.clientId!, grantId: grant.id, adminEmail: admin.email, apiToken: apiToken.secret };
  } finally {
    await disconnectDb();
  }
}
