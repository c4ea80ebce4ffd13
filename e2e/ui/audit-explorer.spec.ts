// The audit explorer as an auditor uses it, after the demo flow: a real MCP
// server protected by the enforcement SDK (lib/gateway/example-ledger-server.ts),
// an agent with the SDK's DPoP fetch that calls its read tool (allowed) and its
// irreversible tool (denied), and the server exchanging the agent's token for
// a downstream resource (RFC 8693, with openid-client). The auditor finds the
// tool call by agent and tool, follows its delegation chain, verifies the
// chain's integrity, exports the filtered events as CSV — and can change
// nothing, neither in the console nor through the API with their session.
import fs from "node:fs";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { calculateJwkThumbprint, decodeJwt, exportJWK, generateKeyPair, type CryptoKey } from "jose";
import * as oidc from "openid-client";
import { createDpopFetch, type DpopFetch } from "../../lib/gateway/dpop-fetch";
import { LEDGER_TOOLS, startLedgerServer, type LedgerServer } from "../../lib/gateway/example-ledger-server";
import { adminHeaders, createUserViaApi, unique } from "../support/api";
import { adminUserId } from "../support/gateway";
import { signInFirstTime } from "../support/sign-in";
import { ADMIN_STORAGE, BASE_URL } from "../support/state";

const TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
const ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

test.use({ storageState: { cookies: [], origins: [] } });

async function ok(response: { status(): number; text(): Promise<string>; json(): Promise<unknown> }, status: number) {
  expect(response.status(), await response.text()).toBe(status);
  return response.json() as Promise<Record<string, unknown>>;
}

type Key = { privateKey: CryptoKey; publicKey: CryptoKey; kid: string };

/** A fresh ES256 key registered for the identity through the management API. */
async function registeredKey(request: APIRequestContext, identityId: string): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair("ES256");
  const jwk = await exportJWK(publicKey);
  await ok(await request.post(`/api/v1/identities/${identityId}/keys`, { headers: adminHeaders(), data: { jwk } }), 201);
  return { privateKey, publicKey, kid: await calculateJwkThumbprint(jwk) };
}

/** An agent with a key and a grant of the given tools, and an MCP client connected to the ledger with the SDK's DPoP fetch. */
async function connectedAgent(request: APIRequestContext, input: { name: string; ownerId: string; serverId: string; toolIds: string[]; ledgerUrl: string }) {
  const agent = (await ok(await request.post("/api/v1/agents", { headers: adminHeaders(), data: { name: input.name, ownerId: input.ownerId, environment: "development", dpopRequired: true } }), 201)) as { id: string; clientId: string };
  const key = await registeredKey(request, agent.id);
  const grant = (await ok(await request.post("/api/v1/grants", { headers: adminHeaders(), data: { agentId: agent.id, serverId: input.serverId, toolIds: input.toolIds, justification: "reads the ledger for reports" } }), 201)) as { id: string };
  const dpopKey = await generateKeyPair("ES256");
  const fetch: DpopFetch = createDpopFetch({ issuer: BASE_URL, clientId: agent.clientId, clientKey: { privateKey: key.privateKey, kid: key.kid, alg: "ES256" }, dpopKey: { ...dpopKey, alg: "ES256" }, resource: input.ledgerUrl });
  const client = new Client({ name: "e2e-agent", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(input.ledgerUrl), { fetch }));
  return { agent, grant, fetch, client };
}

/** RFC 4180: fields may be quoted, with "" for a quote and line breaks inside. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += char;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

const MUTATIONS = /^(Edit|Transfer ownership|Suspend|Revoke|Revoke grant|Grant access|Add key|Retire|Discover tools|Upload tools\/list|Add tool manually|Approve selected|Approve all unclassified|Disable)\b/;

/** The agent's and the server's pages as an admin sees them: the mutation buttons the auditor must not get are there. */
async function adminSeesMutations(browser: Browser, agentId: string, serverId: string) {
  const context = await browser.newContext({ storageState: ADMIN_STORAGE, baseURL: BASE_URL });
  try {
    const admin = await context.newPage();
    await admin.goto(`/agents/${agentId}`);
    for (const name of ["Edit", "Suspend", "Revoke", "Add key", "Grant access"]) await expect(admin.getByRole("button", { name, exact: true })).toBeVisible();
    await expect(admin.getByRole("button", { name: /^Revoke grant/ })).toBeVisible();
    await admin.goto(`/servers/${serverId}`);
    for (const name of ["Edit", "Suspend", "Add key", "Discover tools", "Add tool manually"]) await expect(admin.getByRole("button", { name, exact: true })).toBeVisible();
  } finally {
    await context.close();
  }
}

async function expectNoMutations(page: Page) {
  await expect(page.getByRole("button", { name: MUTATIONS })).toHaveCount(0);
}

test("an auditor finds a tool call by agent and tool, follows its delegation chain, verifies integrity, exports CSV, and can change nothing", async ({ page, request, browser }) => {
  test.setTimeout(90_000);
  const ledger: LedgerServer = await startLedgerServer({ issuer: BASE_URL, waitSeconds: 30 });
  const clients: Client[] = [];
  try {
    const ownerId = await adminUserId(request);
    const headers = adminHeaders();

    // --- setup: the MCP server, its key and its two classified tools
    const serverName = unique("Ledger");
    const server = (await ok(await request.post("/api/v1/servers", { headers, data: { name: serverName, resourceUri: ledger.url, ownerId, environment: "development" } }), 201)) as { id: string };
    const serverKey = await registeredKey(request, server.id);
    const tools = Object.values(LEDGER_TOOLS).map((tool) => ({ name: tool.name, description: tool.description, annotations: tool.annotations }));
    const proposal = (await ok(await request.post(`/api/v1/servers/${server.id}/tools/proposals`, { headers, data: { source: "manual", tools } }), 201)) as { id: string };
    await ok(await request.post(`/api/v1/servers/${server.id}/tools/proposals/${proposal.id}/apply`, { headers }), 200);
    const listed = (await ok(await request.get(`/api/v1/servers/${server.id}/tools`, { headers }), 200)) as { items: { id: string; name: string }[] };
    const toolId = (name: string) => listed.items.find((tool) => tool.name === name)!.id;
    const readTool = LEDGER_TOOLS.read.name;
    const irreversibleTool = LEDGER_TOOLS.irreversible.name;
    await ok(
      await request.post(`/api/v1/servers/${server.id}/tools/review`, {
        headers,
        data: { decisions: [{ toolId: toolId(readTool), tier: "read" }, { toolId: toolId(irreversibleTool), tier: "irreversible" }] },
      }),
      200,
    );

    // --- setup: the downstream resource with a key, and the policy letting the server exchange tokens for it
    const resourceName = unique("Ledger database");
    const resourceUri = `urn:e2e-ledger-db:${unique("db")}`;
    const resource = (await ok(await request.post("/api/v1/resources", { headers, data: { name: resourceName, audienceUri: resourceUri, ownerId, environment: "development" } }), 201)) as { id: string; status: string };
    expect(resource.status).toBe("active");
    await registeredKey(request, resource.id);
    await ok(await request.post("/api/v1/exchange-policies", { headers, data: { serverId: server.id, resourceId: resource.id, scopes: ["ledger:read"], maxDepth: 4 } }), 201);

    // --- the demo flow: the server enforces; the agent lists tools, calls the read tool (allowed) and the irreversible one (denied)
    await ledger.start({ serverId: server.id, key: { privateKey: serverKey.privateKey, kid: serverKey.kid, alg: "ES256" } });
    const agentName = unique("Reporting agent");
    const { agent, grant, fetch: agentFetch, client: mcp } = await connectedAgent(request, { name: agentName, ownerId, serverId: server.id, toolIds: [toolId(readTool)], ledgerUrl: ledger.url });
    clients.push(mcp);
    expect((await mcp.listTools()).tools.map((tool) => tool.name)).toEqual([readTool]);
    expect((await mcp.callTool({ name: readTool, arguments: {} })).isError).toBeFalsy();
    await expect(mcp.callTool({ name: irreversibleTool, arguments: { amount: 5 } })).rejects.toMatchObject({ code: 403 });

    // another agent reads the same ledger: the filters and the export must leave it out
    const otherName = unique("Other agent");
    const other = await connectedAgent(request, { name: otherName, ownerId, serverId: server.id, toolIds: [toolId(readTool)], ledgerUrl: ledger.url });
    clients.push(other.client);
    expect((await other.client.callTool({ name: readTool, arguments: {} })).isError).toBeFalsy();

    // the server exchanges the agent's (DPoP-bound) token for one for the downstream resource; the proof uses the server's registered key
    const agentToken = await agentFetch.accessToken();
    const serverClient = await oidc.discovery(new URL(BASE_URL), server.id, undefined, oidc.PrivateKeyJwt({ key: serverKey.privateKey, kid: serverKey.kid }), {
      algorithm: "oauth2",
      execute: [oidc.allowInsecureRequests],
    });
    const exchanged = await oidc.genericGrantRequest(
      serverClient,
      TOKEN_EXCHANGE_GRANT,
      { subject_token: agentToken, subject_token_type: ACCESS_TOKEN_TYPE, resource: resourceUri, scope: "ledger:read" },
      { DPoP: oidc.getDPoPHandle(serverClient, { privateKey: serverKey.privateKey, publicKey: serverKey.publicKey }) },
    );
    expect(decodeJwt(exchanged.access_token)).toMatchObject({ sub: agent.id, aud: resourceUri, act: { sub: server.id }, wdn_parent_jti: decodeJwt(agentToken).jti });
    await ledger.events.flush();

    // --- the auditor signs in and opens the audit log
    const auditorEmail = `${unique("auditor")}@example.test`;
    const { temporaryPassword } = await createUserViaApi(request, { email: auditorEmail, name: "Ada Auditor", role: "auditor" });
    await signInFirstTime(page, auditorEmail, temporaryPassword, `Auditor-${unique("pw")}`);
    await expect(page.getByTestId("current-role")).toHaveText("Auditor");
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Audit log" }).click();
    await expect(page).toHaveURL(/\/audit$/);

    // filter by the agent (searched by its unique name): its denial is there, the other agent is not
    await page.getByLabel("Find agents").fill(agentName);
    await page.getByLabel("Agent", { exact: true }).selectOption({ value: agent.id });
    await expect(page).toHaveURL(new RegExp(`[?&]agent=${agent.id}(&|$)`));
    const table = page.getByTestId("audit-table");
    const eventRows = table.getByRole("row", { name: /^Show event/ });
    await expect(eventRows.filter({ hasText: irreversibleTool })).toHaveCount(1);
    await expect(eventRows.filter({ hasText: irreversibleTool })).toContainText("denied");
    await expect(table).not.toContainText(otherName);

    // …and by the read tool: its decision and its tool call, nothing else
    await page.getByLabel("Tool", { exact: true }).fill(readTool);
    await expect(page).toHaveURL(new RegExp(`[?&]tool=${readTool}(&|$)`));
    await expect(eventRows).toHaveCount(2);
    await expect(table.getByRole("row", { name: /^Show event \d+: mcp\.decision, success/ })).toContainText(readTool);
    const toolCallRow = table.getByRole("row", { name: /^Show event \d+: mcp\.tool_call, success/ });
    await expect(toolCallRow).toContainText(readTool);
    await expect(toolCallRow).toContainText(agentName);
    await expect(toolCallRow).toContainText(serverName);
    await expect(table).not.toContainText(irreversibleTool);
    const chips = page.getByTestId("audit-filter-chips");
    await expect(chips).toContainText(`Agent: ${agentName}`);
    await expect(chips).toContainText(`Tool: ${readTool}`);

    // the tool call's record, then its delegation chain
    const toolCallId = (await toolCallRow.getAttribute("data-row-id"))!;
    await toolCallRow.click();
    const dialog = page.getByRole("dialog", { name: "Audit event" });
    await expect(dialog.getByTestId("audit-event-detail")).toContainText("mcp.tool_call");
    await expect(dialog.getByTestId("audit-event-detail")).toContainText(agent.id);
    await expect(dialog.getByRole("button", { name: /\b(edit|delete)\b/i })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /\b(edit|delete)\b/i })).toHaveCount(0);
    await dialog.getByRole("link", { name: "Delegation chain" }).click();
    await expect(page).toHaveURL(`/audit/chain/${toolCallId}`);

    // the picture: agent → MCP server with the agent's token, MCP server → downstream resource with the exchanged one
    const chain = page.getByTestId("delegation-chain");
    const nodes = chain.getByTestId("chain-node");
    await expect(nodes).toHaveCount(4);
    await expect(nodes.filter({ hasText: /^Agent/ })).toContainText(agentName);
    await expect(nodes.filter({ hasText: /^Downstream resource/ })).toContainText(resourceName);
    await expect(nodes.filter({ hasText: /^MCP server/ })).toHaveCount(2);
    for (const node of await nodes.filter({ hasText: /^MCP server/ }).all()) await expect(node).toContainText(serverName);
    const hops = chain.getByTestId("chain-hop");
    await expect(hops).toHaveCount(2);
    await expect(hops.nth(0)).toContainText(/^token /);
    await expect(hops.nth(0)).toContainText("DPoP");
    await expect(hops.nth(0)).toContainText(`:${readTool}`);
    await expect(hops.nth(1)).toContainText("exchanged token");
    await expect(hops.nth(1)).toContainText("on behalf of the agent (act depth 1)");
    await expect(hops.nth(1)).toContainText("ledger:read");
    // what the agent's token was used for: the read tool allowed and called, the irreversible tool denied
    const uses = chain.getByTestId("chain-uses");
    await expect(uses).toHaveCount(1);
    await expect(uses.getByRole("listitem")).toHaveCount(3);
    const chainUse = (text: string) => uses.getByRole("listitem").filter({ hasText: text });
    await expect(chainUse(`decision ${readTool}`)).toContainText("success");
    await expect(chainUse(`tool call ${readTool}`)).toContainText("success");
    await expect(chainUse(`decision ${irreversibleTool}`)).toContainText("denied");
    const timeline = page.getByTestId("chain-timeline");
    await expect(timeline).toContainText(`Token issued to ${agentName} for ${serverName}`);
    await expect(timeline).toContainText(`Token exchanged by ${serverName} for ${resourceName}`);
    await expectNoMutations(page);

    // --- back in the explorer (the filters are kept in the URL): verify the chain's integrity
    await page.goBack();
    await expect(page).toHaveURL(new RegExp(`/audit\\?.*agent=${agent.id}`));
    await expect(chips).toContainText(`Agent: ${agentName}`);
    await expect(chips).toContainText(`Tool: ${readTool}`);
    await expect(eventRows).toHaveCount(2);
    await page.getByRole("button", { name: "Verify integrity" }).click();
    const verdict = page.getByTestId("verify-result");
    await expect(verdict).toContainText(/Chain intact: \d+ events verified/);
    await expect(verdict).not.toContainText(/broken/i);

    // --- the CSV export of exactly these events
    const exportLinks = page.getByTestId("audit-export");
    await expect(exportLinks).toContainText("Export these events");
    const downloading = page.waitForEvent("download");
    await exportLinks.getByRole("link", { name: "CSV", exact: true }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^warden-audit-.*\.csv$/);
    const [header, ...records] = parseCsv(fs.readFileSync((await download.path())!, "utf8"));
    expect(header).toContain("gen_ai.tool.name");
    expect(header).toContain("gen_ai.agent.id");
    const column = (name: string) => header!.indexOf(name);
    const csv = records.map((record) => ({ action: record[column("warden.audit.action")], tool: record[column("gen_ai.tool.name")], agent: record[column("gen_ai.agent.id")], id: record[column("warden.audit.id")] }));
    expect(csv).toHaveLength(2);
    expect(csv.map((record) => record.action).sort()).toEqual(["mcp.decision", "mcp.tool_call"]);
    expect(csv.map((record) => record.id)).toContain(toolCallId);
    for (const record of csv) expect(record).toMatchObject({ tool: readTool, agent: agent.id });
    expect(csv.some((record) => record.agent === other.agent.id)).toBe(false);

    // --- the auditor can change nothing in the console: an admin gets these buttons, the auditor does not
    await adminSeesMutations(browser, agent.id, server.id);
    await page.goto(`/agents/${agent.id}`);
    await expect(page.getByRole("heading", { level: 1, name: agentName })).toBeVisible();
    await expect(page.getByTestId("agent-access")).toContainText(readTool);
    await expectNoMutations(page);
    await page.goto(`/servers/${server.id}`);
    await expect(page.getByRole("heading", { level: 1, name: serverName })).toBeVisible();
    await expect(page.getByText(irreversibleTool).first()).toBeVisible();
    await expectNoMutations(page);

    // …nor through the API with the same browser session
    const origin = { origin: new URL(page.url()).origin };
    const webhook = (await ok(await request.post("/api/v1/webhooks", { headers, data: { url: `https://${unique("hooks")}.example.test/warden`, events: ["campaign.closed"] } }), 201)) as { endpoint: { id: string } };
    const attempts = [
      page.request.post("/api/v1/grants", { headers: origin, data: { agentId: agent.id, serverId: server.id, toolIds: [toolId(irreversibleTool)], justification: "the auditor wants to wire money" } }),
      page.request.post(`/api/v1/grants/${grant.id}/revoke`, { headers: origin, data: { reason: "the auditor revokes it" } }),
      page.request.patch(`/api/v1/agents/${agent.id}`, { headers: origin, data: { name: "Renamed by the auditor" } }),
      page.request.post(`/api/v1/identities/${agent.id}/suspend`, { headers: origin, data: { reason: "the auditor suspends it" } }),
      page.request.post("/api/v1/exchange-policies", { headers: origin, data: { serverId: server.id, resourceId: resource.id, scopes: ["ledger:write"], maxDepth: 2 } }),
      page.request.post("/api/v1/audit/sinks", { headers: origin, data: { name: "auditor's sink", kind: "webhook", target: "https://siem.example.test/warden" } }),
      page.request.delete(`/api/v1/webhooks/${webhook.endpoint.id}`, { headers: origin }),
    ];
    const statuses = await Promise.all(attempts.map(async (attempt) => (await attempt).status()));
    expect(statuses).toEqual([403, 403, 403, 403, 403, 403, 403]);
    const read = await page.request.get(`/api/v1/audit/events?agent=${agent.id}&tool=${readTool}`);
    expect(read.status()).toBe(200);
    expect(((await read.json()) as { items: unknown[] }).items).toHaveLength(2);
    // nothing changed
    expect(await ok(await request.get(`/api/v1/agents/${agent.id}`, { headers }), 200)).toMatchObject({ name: agentName, status: "active" });
    const grants = (await ok(await request.get(`/api/v1/grants?agentId=${agent.id}&state=all`, { headers }), 200)) as { items: { id: string; state: string }[] };
    expect(grants.items.map((item) => `${item.id} ${item.state}`)).toEqual([`${grant.id} active`]);
    await ok(await request.get(`/api/v1/webhooks/${webhook.endpoint.id}`, { headers }), 200);
    await ok(await request.delete(`/api/v1/webhooks/${webhook.endpoint.id}`, { headers }), 200);
  } finally {
    for (const client of clients) await client.close();
    await ledger.close();
  }
});
