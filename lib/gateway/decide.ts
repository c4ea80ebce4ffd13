// The enforcement SDK's decisions from a policy bundle alone (no call to
// Warden): whether a verified access token is still good at this MCP server,
// whether it may call a tool, and which tools it may see in tools/list.
// Pure functions over the bundle; an index per bundle keeps each decision
// independent of the bundle's size.
// No Next.js or database imports: usable from any Node service.
import type { HttpRefusal } from "@/lib/gateway/challenges";
import type { PolicyBundle } from "@/lib/policy/bundle/document";

export type ActChain = { sub: string; act?: ActChain };

/** The claims of a Warden access token the decisions use (verified before). */
export type TokenClaims = {
  sub: string;
  client_id?: string;
  scope?: string;
  jti: string;
  exp: number;
  cnf?: { jkt?: string; "x5t#S256"?: string };
  /** RFC 8176: hwk when the agent authenticated with a key attested as hardware-bound */
  amr?: string[];
  act?: ActChain;
  wdn_chain?: string[];
};

export type Refusal = HttpRefusal;

type Server = PolicyBundle["servers"][number];
type Tool = Server["tools"][number];

type Index = {
  servers: Map<string, Server & { toolsByName: Map<string, Tool> }>;
  agents: Map<string, PolicyBundle["agents"][number]>;
  /** `${agentId} ${serverId}` → the grants */
  grants: Map<string, PolicyBundle["grants"]>;
  revokedIdentities: Set<string>;
  revokedTokens: Set<string>;
};

const indexes = new WeakMap<PolicyBundle, Index>();
const NONE: ReadonlySet<string> = new Set();

function indexOf(bundle: PolicyBundle): Index {
  let index = indexes.get(bundle);
  if (index) return index;
  const grants = new Map<string, PolicyBundle["grants"]>();
  for (const grant of bundle.grants) {
    const key = `${grant.agentId} ${grant.serverId}`;
    const list = grants.get(key);
    if (list) list.push(grant);
    else grants.set(key, [grant]);
  }
  index = {
    servers: new Map(bundle.servers.map((server) => [server.id, { ...server, toolsByName: new Map(server.tools.map((tool) => [tool.name, tool])) }])),
    agents: new Map(bundle.agents.map((agent) => [agent.id, agent])),
    grants,
    revokedIdentities: new Set(bundle.revoked.identities),
    revokedTokens: new Set(bundle.revoked.tokens.map((token) => token.jti)),
  };
  indexes.set(bundle, index);
  return index;
}

export function actors(act: ActChain | undefined): string[] {
  const list: string[] = [];
  for (let link = act; link; link = link.act) list.push(link.sub);
  return list;
}

const invalidToken = (description: string): Refusal => ({ status: 401, error: "invalid_token", description });

/** Whether the token may be used at `serverId` at all (any MCP request): null when it may. */
export function checkToken(bundle: PolicyBundle, serverId: string, claims: TokenClaims): Refusal | null {
  const index = indexOf(bundle);
  const server = index.servers.get(serverId);
  if (!server) return { status: 503, error: "temporarily_unavailable", description: "This MCP server is not in the policy bundle this enforcement point holds" };
  if (server.status !== "active") return invalidToken(`This MCP server is ${server.status} in Warden`);
  if (index.revokedTokens.has(claims.jti)) return invalidToken("The access token was revoked");
  for (const jti of claims.wdn_chain ?? []) if (index.revokedTokens.has(jti)) return invalidToken("A token this one was exchanged from was revoked");
  for (const id of [claims.sub, ...actors(claims.act)]) if (index.revokedIdentities.has(id)) return invalidToken(`The identity ${id} was revoked`);
  const agent = index.agents.get(claims.sub);
  // exchanged tokens: the token service applied the exchange policy and the caller may hold no grant here;
  // revocations are checked above, and a suspension of the original agent when this server's bundle knows it
  if (claims.act) return agent && agent.status !== "active" ? invalidToken(`The agent is ${agent.status} in Warden`) : null;
  if (!agent) return invalidToken("The agent has no access to this MCP server");
  if (agent.status !== "active") return invalidToken(`The agent is ${agent.status} in Warden`);
  const binding = agent.binding ?? (agent.dpopRequired ? "dpop" : "bearer");
  const bound = claims.cnf?.jkt ? "dpop" : claims.cnf?.["x5t#S256"] ? "mtls" : null;
  if (binding === "dpop" && bound !== "dpop") return invalidToken("This agent's tokens must be DPoP-bound");
  if (binding === "mtls" && bound !== "mtls") return invalidToken("This agent's tokens must be bound to its client certificate (mTLS)");
  if (binding === "dpop_or_mtls" && !bound) return invalidToken("This agent's tokens must be sender-constrained (DPoP or mTLS)");
  if (agent.hardwareKeysRequired && !hasHardwareKey(claims)) return invalidToken("This agent's keys must be hardware-bound, and its token was not obtained with an attested hardware key (amr hwk)");
  return null;
}

/** Whether the token was obtained with a key attested as hardware-bound (RFC 8176 amr hwk). */
export function hasHardwareKey(claims: TokenClaims): boolean {
  return Array.isArray(claims.amr) && claims.amr.includes("hwk");
}

/** Tool tiers that need a token obtained with a hardware-bound key, as an enforcement point configures them. */
export type HardwareKeyTiers = ReadonlySet<string>;

function tokenScopes(claims: TokenClaims): Set<string> {
  return new Set((claims.scope ?? "").split(" ").filter(Boolean));
}

/** The tool scopes the agent's grants on `serverId` still give (not revoked, not expired). */
function grantedScopes(index: Index, claims: TokenClaims, serverId: string, nowMs: number): Set<string> | null {
  if (claims.act) return null; // exchanged: bounded by the token's own scope
  const scopes = new Set<string>();
  for (const grant of index.grants.get(`${claims.sub} ${serverId}`) ?? []) {
    if (grant.expiresAt && Date.parse(grant.expiresAt) <= nowMs) continue;
    for (const scope of grant.scopes) scopes.add(scope);
  }
  return scopes;
}

/** Whether the (already checked) token may call `toolName`: null when it may. */
export function checkToolCall(bundle: PolicyBundle, serverId: string, claims: TokenClaims, toolName: string, nowMs = Date.now(), hardwareKeyTiers: HardwareKeyTiers = NONE): Refusal | null {
  const index = indexOf(bundle);
  const tool = index.servers.get(serverId)?.toolsByName.get(toolName);
  if (!tool) return { status: 403, error: "insufficient_scope", description: `The tool ${toolName} is not in Warden's catalog for this MCP server` };
  if (tool.status !== "approved") return { status: 403, error: "insufficient_scope", description: `The tool ${toolName} is ${tool.status} in Warden's catalog`, scope: tool.scope };
  if (!tokenScopes(claims).has(tool.scope)) return { status: 403, error: "insufficient_scope", description: `The access token does not carry the scope of ${toolName}`, scope: tool.scope };
  if (tool.tier && hardwareKeyTiers.has(tool.tier) && !hasHardwareKey(claims)) {
    return { status: 403, error: "insufficient_scope", description: `The tool ${toolName} (${tool.tier}) needs a token obtained with a key attested as hardware-bound (amr hwk)`, scope: tool.scope };
  }
  const granted = grantedScopes(index, claims, serverId, nowMs);
  if (granted && !granted.has(tool.scope)) return { status: 403, error: "insufficient_scope", description: `The agent's grant of ${toolName} was revoked or has expired`, scope: tool.scope };
  return null;
}

/** The names of the tools the (already checked) token may call: what tools/list shows. */
export function callableTools(bundle: PolicyBundle, serverId: string, claims: TokenClaims, nowMs = Date.now(), hardwareKeyTiers: HardwareKeyTiers = NONE): Set<string> {
  const index = indexOf(bundle);
  const server = index.servers.get(serverId);
  const scopes = tokenScopes(claims);
  const granted = grantedScopes(index, claims, serverId, nowMs);
  const names = new Set<string>();
  for (const tool of server?.tools ?? []) {
    if (tool.tier && hardwareKeyTiers.has(tool.tier) && !hasHardwareKey(claims)) continue;
    if (tool.status === "approved" && scopes.has(tool.scope) && (!granted || granted.has(tool.scope))) names.add(tool.name);
  }
  return names;
}

/** The scope and tier of a tool (for audit events), if the bundle knows it. */
export function toolInfo(bundle: PolicyBundle, serverId: string, toolName: string): { scope: string; tier: Tool["tier"] } | null {
  const tool = indexOf(bundle).servers.get(serverId)?.toolsByName.get(toolName);
  return tool ? { scope: tool.scope, tier: tool.tier } : null;
}
