// The audit explorer on both databases, fed by the real token service and
// ingestion: an agent's DPoP token, an exchange to a downstream resource and
// the gateway's decisions and tool calls are each found by every facet the
// explorer filters on; the delegation chain links them through parent jti
// and act; pages follow the chain position; and the export streams exactly
// the filtered events as CSV and JSON Lines with OpenTelemetry field names.
import crypto from "node:crypto";
import { decodeJwt } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as chainRoute } from "@/app/api/v1/audit/events/[id]/chain/route";
import { GET as exportRoute } from "@/app/api/v1/audit/export/route";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { delegationChain } from "@/lib/audit/delegation-chain";
import { listAuditEvents } from "@/lib/audit/list-events";
import { EXPORT_FIELDS } from "@/lib/audit/otel-fields";
import { ZListAuditEventsQuery, type TAuditEvent } from "@/lib/audit/schemas";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { ingestEnforcementEvents } from "@/lib/policy/events/ingest-events";
import type { EnforcementEvent } from "@/lib/policy/events/schema";
import { transact } from "@/lib/db/transaction";
import { seedUser, uniqueSuffix, type SeededUser } from "@/lib/seed/factories";
import { call } from "./helpers/http";
import { agentToken, exchangeToken, keyedGateway, oauthFixture, type OAuthFixture } from "./helpers/oauth";

let f: OAuthFixture;
let auditor: SeededUser;
let gateway: { id: string };
let agentJti: string;
let exchangedJti: string;
let startedAt: string;

const list = (filter: Record<string, unknown>) => listAuditEvents({ actor: auditor.actor, query: ZListAuditEventsQuery.parse({ limit: 200, ...filter }) });
const actions = (items: TAuditEvent[]) => items.map((event) => event.action).sort();

function event(type: "decision" | "tool_call", tool: string, jti: string, overrides: Record<string, unknown> = {}): EnforcementEvent {
  const base = { id: `evt-${uniqueSuffix()}-${crypto.randomUUID()}`, at: new Date().toISOString(), serverId: f.server.id, agentId: f.agent.id, clientId: f.agent.clientId, method: "tools/call", tool, scope: f.scope(tool), tokenJti: jti, act: [], policyRevision: 1 };
  return (type === "decision"
    ? { ...base, type, decision: "allow", status: null, error: null, reason: null, latencyMs: 1, ...overrides }
    : { ...base, type, result: "success", durationMs: 5, ...overrides }) as EnforcementEvent;
}

beforeAll(async () => {
  startedAt = new Date(Date.now() - 1000).toISOString();
  f = await oauthFixture();
  auditor = await seedUser({ role: "auditor" });
  gateway = await keyedGateway(f);
  const issued = await agentToken(f, { scope: `${f.scope("read_ledger")} ${f.scope("post_entry")}` });
  expect(issued.status).toBe(200);
  agentJti = decodeJwt(String(issued.body.access_token)).jti!;
  const exchanged = await exchangeToken(f, String(issued.body.access_token), "ledger:read");
  expect(exchanged.status).toBe(200);
  exchangedJti = decodeJwt(String(exchanged.body.access_token)).jti!;
  // a refusal: the agent asks for a tool it was not granted
  const refused = await agentToken(f, { scope: f.scope("wire_money") });
  expect(refused.body.error).toBe("invalid_scope");
  const result = await ingestEnforcementEvents(gateway.id, [
    event("decision", "read_ledger", agentJti),
    event("tool_call", "read_ledger", agentJti),
    event("decision", "wire_money", agentJti, { decision: "deny", status: 403, error: "insufficient_scope", reason: "The access token does not carry the scope of wire_money" }),
  ]);
  expect(result).toMatchObject({ ok: true, stored: 3 });
});

describe("facets and filters", () => {
  it("finds the agent's events by agent, server, tool, scope, tier, gateway, jti and identity", async () => {
    const byAgent = await list({ agent: f.agent.id });
    expect(byAgent.items.every((item) => item.facets.agentId === f.agent.id)).toBe(true);
    // the grant, the nonce challenges and the invalid_scope refusal name the agent too
    expect([...new Set(actions(byAgent.items))]).toEqual(["grant.created", "mcp.decision", "mcp.tool_call", "token.exchanged", "token.issued", "token.refused"]);
    expect(byAgent.names[f.agent.id]).toBe(f.agent.name);
    expect(actions((await list({ agent: f.agent.id, class: "mcp" })).items)).toEqual(["mcp.decision", "mcp.decision", "mcp.tool_call"]);

    const byTool = await list({ agent: f.agent.id, tool: "read_ledger" });
    expect(actions(byTool.items)).toEqual(["mcp.decision", "mcp.tool_call"]);

    // a grant's or token's scopes are one space-separated column: the scope filter finds them by any of their scopes, and no near-miss
    expect(actions((await list({ scope: f.scope("post_entry") })).items)).toEqual(["grant.created", "token.issued"]);
    expect(actions((await list({ scope: f.scope("read_ledger") })).items)).toEqual(["exchange_policy.created", "grant.created", "mcp.decision", "mcp.tool_call", "token.issued"]);
    expect((await list({ scope: f.scope("read_ledg") })).items).toEqual([]);

    // tier: the catalog's tier of a reported call, the highest tier of a token's scopes
    expect(actions((await list({ agent: f.agent.id, tier: "irreversible" })).items)).toEqual(["mcp.decision"]);
    expect(actions((await list({ agent: f.agent.id, tier: "write" })).items)).toEqual(["grant.created", "token.issued"]);

    expect(actions((await list({ gateway: gateway.id })).items)).toEqual(["mcp.decision", "mcp.decision", "mcp.tool_call"]);
    // a jti finds the token's mint, its uses and the exchange made from it
    expect(actions((await list({ jti: agentJti })).items)).toEqual(["mcp.decision", "mcp.decision", "mcp.tool_call", "token.exchanged", "token.issued"]);
    expect(actions((await list({ resource: f.resource.id })).items)).toContain("token.exchanged");
    const involving = actions((await list({ identity: f.server.id, class: "token" })).items);
    expect(involving).toEqual(expect.arrayContaining(["token.exchanged", "token.issued"]));
  });

  it("filters by outcome, class, free text and time", async () => {
    const denied = await list({ agent: f.agent.id, outcome: "denied" });
    expect([...new Set(actions(denied.items))]).toEqual(["mcp.decision", "token.refused"]);
    expect(denied.items.filter((item) => item.action === "token.refused").map((item) => item.details.error)).toContain("invalid_scope");
    expect((await list({ agent: f.agent.id, class: "mcp" })).items).toHaveLength(3);
    const text = await list({ agent: f.agent.id, q: "DOES NOT CARRY the scope of wire_money" });
    expect(text.items.map((item) => item.facets.tool)).toEqual(["wire_money"]);
    expect((await list({ agent: f.agent.id, since: startedAt })).items).toHaveLength((await list({ agent: f.agent.id })).items.length);
    expect((await list({ agent: f.agent.id, until: startedAt })).items).toHaveLength(0);
  });

  it("searches free text a bounded window at a time, and continues older from where a page stopped", async () => {
    const query = ZListAuditEventsQuery.parse({ agent: f.agent.id, q: "does not carry the scope of wire_money", limit: 10 });
    const [found] = (await list({ agent: f.agent.id, q: "does not carry the scope of wire_money" })).items;
    // a later event that does not match, so a window can end just above the match
    await transact((tx) => appendAuditEvent(tx, { action: "settings.updated", actor: actorRef(auditor.actor), details: { note: "window test" } }));
    // a window that ends just above the event: the first page finds nothing, says how far it looked, and the next page finds it
    const head = BigInt((await list({ limit: 1 })).items[0]!.seq);
    // other test files append concurrently: the window ends above the match whatever the head is when the page runs
    const window = head - BigInt(found!.seq);
    const first = await listAuditEvents({ actor: auditor.actor, query, textWindow: window });
    expect(first.items).toEqual([]);
    expect(BigInt(first.searchedBackTo!)).toBeGreaterThan(BigInt(found!.seq));
    expect(first.nextCursor).toBe(first.searchedBackTo);
    // following the cursor searches older windows until the match (events other files append meanwhile only add pages)
    let page = first;
    for (let guard = 0; guard < 100 && page.items.length === 0 && page.nextCursor; guard++) {
      page = await listAuditEvents({ actor: auditor.actor, query: { ...query, cursor: page.nextCursor }, textWindow: window });
    }
    expect(page.items.map((item) => item.id)).toEqual([found!.id]);
  });

  it("pages by chain position without gaps or repeats", async () => {
    const all = await list({ agent: f.agent.id });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list({ agent: f.agent.id, limit: 4, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.items.map((item) => item.id));
  });
});

describe("delegation chain", () => {
  it("goes from a tool call up to the agent's token and down to the exchange, with each hop's scopes and outcomes", async () => {
    const [toolCall] = (await list({ agent: f.agent.id, action: "mcp.tool_call" })).items;
    const chain = await delegationChain({ actor: auditor.actor, eventId: toolCall!.id });
    expect(chain.tokens.map((token) => [token.action, token.jti, token.parentJti])).toEqual([
      ["token.issued", agentJti, null],
      ["token.exchanged", exchangedJti, agentJti],
    ]);
    expect(chain.tokens[0]).toMatchObject({ agentId: f.agent.id, serverId: f.server.id, tokenType: "DPoP", scopes: [f.scope("read_ledger"), f.scope("post_entry")] });
    expect(chain.tokens[1]).toMatchObject({ agentId: f.agent.id, clientId: f.server.id, resourceId: f.resource.id, scopes: ["ledger:read"], act: { sub: f.server.id } });
    expect(chain.uses.map((use) => [use.action, use.tool, use.outcome])).toEqual([
      ["mcp.decision", "read_ledger", "success"],
      ["mcp.tool_call", "read_ledger", "success"],
      ["mcp.decision", "wire_money", "denied"],
    ]);
    expect(chain.names).toMatchObject({ [f.agent.id]: f.agent.name, [f.server.id]: f.server.name, [f.resource.id]: f.resource.name, [gateway.id]: expect.any(String) });
    // the same chain from the exchange's own event
    const [exchange] = (await list({ jti: exchangedJti, action: "token.exchanged" })).items;
    const fromExchange = await delegationChain({ actor: auditor.actor, eventId: exchange!.id });
    expect(fromExchange.tokens.map((token) => token.jti)).toEqual([agentJti, exchangedJti]);
  });

  it("is a single event for a refusal, and 404 for an unknown event over the API", async () => {
    const [refusal] = (await list({ agent: f.agent.id, action: "token.refused" })).items;
    const chain = await delegationChain({ actor: auditor.actor, eventId: refusal!.id });
    expect(chain.tokens).toEqual([]);
    expect(chain.uses).toEqual([]);
    const { secret } = await createApiToken({ actor: auditor.actor, input: { name: `chain ${uniqueSuffix()}`, role: "auditor" } });
    const missing = await call(chainRoute, { path: "/api/v1/audit/events/evt_missing/chain", params: { id: "evt_missing" }, bearer: secret });
    expect(missing.status).toBe(404);
  });
});

describe("export", () => {
  it("streams the filtered events as CSV and JSON Lines, oldest first, and records the export", async () => {
    const { secret } = await createApiToken({ actor: auditor.actor, input: { name: `export ${uniqueSuffix()}`, role: "auditor" } });
    const csv = await call(exportRoute, { path: `/api/v1/audit/export?format=csv&agent=${f.agent.id}&class=mcp`, bearer: secret });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toMatch(/^attachment; filename="warden-audit-.+\.csv"$/);
    const lines = csv.text.trimEnd().split("\r\n");
    expect(lines[0]).toBe(EXPORT_FIELDS.join(","));
    expect(lines).toHaveLength(4);
    const toolColumn = EXPORT_FIELDS.indexOf("gen_ai.tool.name");
    expect(lines.slice(1).map((line) => line.split(",")[toolColumn])).toEqual(["read_ledger", "read_ledger", "wire_money"]);

    const jsonl = await call(exportRoute, { path: `/api/v1/audit/export?format=jsonl&jti=${agentJti}`, bearer: secret });
    expect(jsonl.headers.get("content-type")).toBe("application/jsonl; charset=utf-8");
    const records = jsonl.text.trimEnd().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.map((record) => record["warden.audit.action"])).toEqual(["token.issued", "token.exchanged", "mcp.decision", "mcp.tool_call", "mcp.decision"]);
    expect(records[3]).toMatchObject({ "mcp.method.name": "tools/call", "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "read_ledger", "gen_ai.agent.id": f.agent.id, "warden.gateway.id": gateway.id, "warden.token.jti": agentJti });
    expect(typeof records[0]!["warden.audit.details"]).toBe("object");

    const recorded = await list({ action: "audit.exported", limit: 2 });
    expect(recorded.items.map((item) => [item.details.format, (item.details.filter as Record<string, unknown>).agent ?? null])).toEqual([
      ["jsonl", null],
      ["csv", f.agent.id],
    ]);
  });

  it("rejects an unknown format or filter as a problem", async () => {
    const { secret } = await createApiToken({ actor: auditor.actor, input: { name: `bad ${uniqueSuffix()}`, role: "auditor" } });
    const bad = await call<{ status: number; errors?: unknown }>(exportRoute, { path: "/api/v1/audit/export?format=xml&tier=extreme", bearer: secret });
    expect(bad.status).toBe(422);
    expect(bad.headers.get("content-type")).toMatch(/application\/problem\+json/);
  });
});

