// Builds the delegation chain around one audit event from the token service's
// and enforcement points' events: up through parent jti links to the agent's
// own token, down through every exchange made from it, plus the decisions,
// tool calls and revocations of each token. Every lookup is an indexed jti /
// parentJti query; the walk is bounded (depth and counts), so a chain view
// costs a handful of queries whatever the log's size.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import type { TChainToken, TChainUse, TDelegationChain } from "@/lib/audit/chain-schemas";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";

const TOKEN_ACTIONS = ["token.issued", "token.exchanged"];
const USE_ACTIONS = ["mcp.decision", "mcp.tool_call"];
const MAX_DEPTH = 8;
const MAX_TOKENS = 50;
const MAX_USES = 200;

type Row = Awaited<ReturnType<ReturnType<typeof db>["auditEvent"]["findFirstOrThrow"]>>;

const str = (value: unknown): string | null => (typeof value === "string" ? value : null);

function chainToken(row: Row): TChainToken {
  const details = row.details as Record<string, unknown>;
  const act = details.act && typeof details.act === "object" && typeof (details.act as { sub?: unknown }).sub === "string" ? (details.act as { sub: string }) : null;
  return {
    jti: row.jti!,
    parentJti: row.parentJti,
    eventId: row.id,
    seq: row.seq.toString(),
    action: row.action,
    at: row.occurredAt.toISOString(),
    agentId: row.agentId,
    clientId: row.actorId,
    serverId: row.serverId,
    resourceId: row.resourceId,
    resource: str(details.resource),
    scopes: row.scope ? row.scope.split(" ") : [],
    tokenType: str(details.tokenType),
    depth: typeof details.depth === "number" ? details.depth : 0,
    act,
    expiresAt: str(details.expiresAt),
    revoked: null,
  };
}

function chainUse(row: Row): TChainUse {
  const details = row.details as Record<string, unknown>;
  return {
    eventId: row.id,
    seq: row.seq.toString(),
    action: row.action,
    at: row.occurredAt.toISOString(),
    jti: row.jti!,
    serverId: row.serverId,
    gatewayId: row.gatewayId,
    reportedBy: str(details.reportedBy),
    method: str(details.method),
    tool: row.tool,
    scope: row.scope,
    outcome: row.outcome,
    reason: str(details.reason) ?? str(details.error),
  };
}

/** The token event that minted `jti`, if the log has it. */
const mintOf = (jti: string) => db().auditEvent.findFirst({ where: { jti, action: { in: TOKEN_ACTIONS } }, orderBy: { seq: "asc" } });

export async function delegationChain(options: { actor: Actor; eventId: string }): Promise<TDelegationChain> {
  assertCan(options.actor, "audit:read");
  const focus = await db().auditEvent.findUnique({ where: { id: options.eventId } });
  if (!focus) throw notFound("Audit event");
  const result: TDelegationChain = {
    focus: { eventId: focus.id, seq: focus.seq.toString(), action: focus.action, jti: focus.jti },
    tokens: [],
    uses: [],
    truncated: false,
    names: {},
  };
  // a refused request or an event about no token has no chain beyond itself
  const start = focus.jti;
  if (!start) return result;

  // up: the focus token's mint, then its parent's, … to the agent's own token
  let rootJti = start;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const mint = await mintOf(rootJti);
    if (!mint?.parentJti) break;
    rootJti = mint.parentJti;
  }
  // down: breadth first through the exchanges made from each token
  const root = await mintOf(rootJti);
  const tokens: Row[] = root ? [root] : [];
  let frontier = [rootJti];
  const jtis = new Set<string>([rootJti]);
  for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0 && tokens.length < MAX_TOKENS; depth++) {
    const children = await db().auditEvent.findMany({
      where: { parentJti: { in: frontier }, action: "token.exchanged" },
      orderBy: { seq: "asc" },
      take: MAX_TOKENS - tokens.length + 1,
    });
    if (tokens.length + children.length > MAX_TOKENS) result.truncated = true;
    const kept = children.slice(0, MAX_TOKENS - tokens.length).filter((row) => row.jti && !jtis.has(row.jti));
    tokens.push(...kept);
    for (const row of kept) jtis.add(row.jti!);
    frontier = kept.map((row) => row.jti!);
  }
  // the focus token even when its mint is not in the log (pruned, or minted elsewhere)
  jtis.add(start);
  const all = [...jtis];
  const [uses, revocations] = await Promise.all([
    db().auditEvent.findMany({ where: { jti: { in: all }, action: { in: USE_ACTIONS } }, orderBy: { seq: "desc" }, take: MAX_USES + 1 }),
    db().auditEvent.findMany({ where: { jti: { in: all }, action: "token.revoked" }, orderBy: { seq: "asc" } }),
  ]);
  if (uses.length > MAX_USES) result.truncated = true;
  result.tokens = tokens.filter((row) => row.jti).map(chainToken);
  for (const revocation of revocations) {
    const token = result.tokens.find((candidate) => candidate.jti === revocation.jti);
    if (token && !token.revoked) token.revoked = { at: revocation.occurredAt.toISOString(), eventId: revocation.id, reason: str((revocation.details as Record<string, unknown>).reason) };
  }
  result.uses = uses.slice(0, MAX_USES).reverse().map(chainUse);
  result.names = await chainNames(result);
  return result;
}

async function chainNames(chain: TDelegationChain): Promise<Record<string, string>> {
  const ids = new Set<string>();
  for (const token of chain.tokens) for (const id of [token.agentId, token.clientId, token.serverId, token.resourceId]) if (id) ids.add(id);
  for (const use of chain.uses) for (const id of [use.serverId, use.gatewayId, use.reportedBy]) if (id) ids.add(id);
  if (ids.size === 0) return {};
  const rows = await db().identity.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } });
  return Object.fromEntries(rows.map((row) => [row.id, row.name]));
}
