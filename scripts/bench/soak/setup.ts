// The soak's data, created through the domain functions before any instance
// starts (scripts/bench/token/warden-setup.ts's building blocks): console
// users (admins and auditors, each with a real session cookie and an API
// token), K MCP servers with classified tools, M agents (DPoP required, one
// ES256 key each) each granted every tool of one server, and G gateways (one
// ES256 key each) fronting two servers apiece. The caller points this
// process's environment at a migrated database first and closes it after.
import type { AgentKey } from "@/scripts/bench/token/prepare";
import { createAgentKey } from "@/scripts/bench/token/prepare";
import { seedKeyedIdentity, seedServerWithTools, type SeedTool } from "@/scripts/bench/token/warden-setup";

export type SoakSizes = { servers: number; toolsPerServer: number; agents: number; gateways: number; consoleUsers: number };
export const DEFAULT_SIZES: SoakSizes = { servers: 10, toolsPerServer: 5, agents: 40, gateways: 8, consoleUsers: 4 };

export type SoakServer = { id: string; resourceUri: string; tools: { id: string; name: string; scope: string }[] };
export type SoakAgent = { id: string; clientId: string; key: AgentKey; server: SoakServer };
export type SoakGateway = { id: string; key: AgentKey; servers: SoakServer[]; agentsOf: Map<string, SoakAgent[]> };
export type ConsoleUser = { id: string; role: "admin" | "auditor"; cookie: string; apiToken: string };
export type SoakFixture = { sizes: SoakSizes; servers: SoakServer[]; agents: SoakAgent[]; gateways: SoakGateway[]; users: ConsoleUser[]; seconds: number };

const TIERS: SeedTool["tier"][] = ["read", "read", "write", "read", "irreversible"];

function toolsOf(count: number): SeedTool[] {
  return Array.from({ length: count }, (_, index): SeedTool => {
    const tier = TIERS[index % TIERS.length]!;
    const annotations: Record<string, boolean> = tier === "read" ? { readOnlyHint: true } : { destructiveHint: tier === "irreversible" };
    return { name: `soak_tool_${index}`, description: `Soak tool ${index} (${tier})`, annotations, tier };
  });
}

export function checkSizes(sizes: SoakSizes): void {
  for (const [name, value] of Object.entries(sizes)) if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number ≥ 1 (got ${value})`);
  // every server needs an agent granted on it, so every gateway's events name a real grant
  if (sizes.agents < sizes.servers) throw new Error(`agents (${sizes.agents}) must be at least servers (${sizes.servers})`);
}

export async function seedSoak(sizes: SoakSizes): Promise<SoakFixture> {
  checkSizes(sizes);
  const started = performance.now();
  // imported after the environment is set: these modules open the database
  const { SYSTEM_ACTOR } = await import("@/lib/auth/actor");
  const { seedApiToken, seedUser, sessionCookieFor } = await import("@/lib/seed/factories");
  const { createGrant } = await import("@/lib/grants/create-grant");

  const users: ConsoleUser[] = [];
  for (let index = 0; index < sizes.consoleUsers; index += 1) {
    const role = index % 2 === 0 ? "admin" : "auditor";
    const user = await seedUser({ role, email: `soak-${role}-${index}@example.test`, name: `Soak ${role} ${index}` });
    const { cookie } = await sessionCookieFor(user.id);
    const { secret } = await seedApiToken({ role, user, name: `soak console ${index}` });
    users.push({ id: user.id, role, cookie, apiToken: secret });
  }
  const owner = await seedUser({ role: "owner", email: "soak-owner@example.test", name: "Soak Owner" });

  const servers: SoakServer[] = [];
  for (let index = 0; index < sizes.servers; index += 1) {
    const resourceUri = `https://soak-mcp-${index}.example.test/mcp`;
    servers.push(await seedServerWithTools({ owner, name: `Soak MCP ${index}`, environment: "staging", resourceUri, tools: toolsOf(sizes.toolsPerServer) }));
  }

  const agents: SoakAgent[] = [];
  for (let index = 0; index < sizes.agents; index += 1) {
    const key = await createAgentKey();
    const server = servers[index % servers.length]!;
    const agent = await seedKeyedIdentity({ kind: "agent", owner, name: `Soak agent ${index}`, environment: "staging", jwk: key.publicJwk, extra: { dpopRequired: true } });
    await createGrant({ actor: SYSTEM_ACTOR, input: { agentId: agent.id, serverId: server.id, toolIds: server.tools.map((tool) => tool.id), justification: "Soak benchmark: every tool of one server" } });
    agents.push({ id: agent.id, clientId: agent.clientId!, key, server });
  }

  const gateways: SoakGateway[] = [];
  for (let index = 0; index < sizes.gateways; index += 1) {
    const key = await createAgentKey();
    const fronted = [...new Set([servers[index % servers.length]!, servers[(index + 1) % servers.length]!])];
    const gateway = await seedKeyedIdentity({ kind: "gateway", owner, name: `Soak gateway ${index}`, environment: "staging", jwk: key.publicJwk, extra: { serverIds: fronted.map((server) => server.id) } });
    const agentsOf = new Map(fronted.map((server) => [server.id, agents.filter((agent) => agent.server.id === server.id)]));
    gateways.push({ id: gateway.id, key, servers: fronted, agentsOf });
  }
  return { sizes, servers, agents, gateways, users, seconds: (performance.now() - started) / 1000 };
}
