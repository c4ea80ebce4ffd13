// A revocation clicked in the console is enforced by an MCP server within a
// second: a real MCP server (official SDK, Streamable HTTP) protected by the
// enforcement SDK long-polls this Warden for its policy bundle; a real MCP SDK
// client with the SDK's DPoP fetch calls its read tool; the admin revokes the
// agent's grant on the agent's page, and the next call is refused — timed from
// the revoke request's response reaching the browser.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { expect, test } from "../support/fixtures";
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from "jose";
import { createDpopFetch } from "../../lib/gateway/dpop-fetch";
import { LEDGER_TOOLS, startLedgerServer } from "../../lib/gateway/example-ledger-server";
import { adminHeaders, unique } from "../support/api";
import { adminUserId } from "../support/gateway";
import { BASE_URL } from "../support/state";

async function ok(response: { status(): number; text(): Promise<string>; json(): Promise<unknown> }, status: number) {
  expect(response.status(), await response.text()).toBe(status);
  return response.json() as Promise<Record<string, unknown>>;
}

test("a grant revoked in the console is enforced by an SDK-protected MCP server within a second", async ({ page, request }) => {
  const ledger = await startLedgerServer({ issuer: BASE_URL, waitSeconds: 30 });
  let client: Client | null = null;
  try {
    const ownerId = await adminUserId(request);
    const headers = adminHeaders();

    // --- the MCP server, its key and its two classified tools
    const server = (await ok(await request.post("/api/v1/servers", { headers, data: { name: unique("Ledger"), resourceUri: ledger.url, ownerId, environment: "development" } }), 201)) as { id: string; slug: string };
    const serverKey = await generateKeyPair("ES256");
    const serverJwk = await exportJWK(serverKey.publicKey);
    await ok(await request.post(`/api/v1/identities/${server.id}/keys`, { headers, data: { jwk: serverJwk } }), 201);
    const tools = Object.values(LEDGER_TOOLS).map((tool) => ({ name: tool.name, description: tool.description, annotations: tool.annotations }));
    const proposal = (await ok(await request.post(`/api/v1/servers/${server.id}/tools/proposals`, { headers, data: { source: "manual", tools } }), 201)) as { id: string };
    await ok(await request.post(`/api/v1/servers/${server.id}/tools/proposals/${proposal.id}/apply`, { headers }), 200);
    const listed = (await ok(await request.get(`/api/v1/servers/${server.id}/tools`, { headers }), 200)) as { items: { id: string; name: string }[] };
    const toolId = (name: string) => listed.items.find((tool) => tool.name === name)!.id;
    await ok(
      await request.post(`/api/v1/servers/${server.id}/tools/review`, {
        headers,
        data: { decisions: [{ toolId: toolId(LEDGER_TOOLS.read.name), tier: "read" }, { toolId: toolId(LEDGER_TOOLS.irreversible.name), tier: "irreversible" }] },
      }),
      200,
    );

    // --- the agent, its key and a grant of the read tool
    const agentName = unique("Reporting agent");
    const agent = (await ok(await request.post("/api/v1/agents", { headers, data: { name: agentName, ownerId, environment: "development", dpopRequired: true } }), 201)) as { id: string; clientId: string };
    const agentKey = await generateKeyPair("ES256");
    const agentJwk = await exportJWK(agentKey.publicKey);
    await ok(await request.post(`/api/v1/identities/${agent.id}/keys`, { headers, data: { jwk: agentJwk } }), 201);
    await ok(await request.post("/api/v1/grants", { headers, data: { agentId: agent.id, serverId: server.id, toolIds: [toolId(LEDGER_TOOLS.read.name)], justification: "reads the ledger for reports" } }), 201);

    // --- the server enforces; the agent calls the read tool
    await ledger.start({ serverId: server.id, key: { privateKey: serverKey.privateKey, kid: await calculateJwkThumbprint(serverJwk), alg: "ES256" } });
    const dpopKey = await generateKeyPair("ES256");
    const agentFetch = createDpopFetch({ issuer: BASE_URL, clientId: agent.clientId, clientKey: { privateKey: agentKey.privateKey, kid: await calculateJwkThumbprint(agentJwk), alg: "ES256" }, dpopKey: { ...dpopKey, alg: "ES256" }, resource: ledger.url });
    client = new Client({ name: "e2e-agent", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(ledger.url), { fetch: agentFetch }));
    const mcp = client;
    expect((await mcp.listTools()).tools.map((tool) => tool.name)).toEqual([LEDGER_TOOLS.read.name]);
    expect((await mcp.callTool({ name: LEDGER_TOOLS.read.name, arguments: {} })).isError).toBeFalsy();
    await expect(mcp.callTool({ name: LEDGER_TOOLS.irreversible.name, arguments: { amount: 5 } })).rejects.toMatchObject({ code: 403 });

    // --- the admin revokes the grant in the console
    await page.goto(`/agents/${agent.id}`);
    await page.getByRole("button", { name: /^Revoke grant/ }).click();
    const dialog = page.getByRole("dialog", { name: "Revoke grant" });
    await dialog.getByLabel(/^Reason/).fill("the agent no longer writes reports");
    const revokeResponse = page.waitForResponse((response) => /\/api\/v1\/grants\/[^/]+\/revoke$/.test(response.url()) && response.request().method() === "POST");
    await dialog.getByRole("button", { name: "Revoke grant" }).click();
    expect((await revokeResponse).status()).toBe(200);
    const returned = Date.now();
    let refusedAt = 0;
    while (!refusedAt && Date.now() - returned < 5000) {
      const outcome = await mcp.callTool({ name: LEDGER_TOOLS.read.name, arguments: {} }).then(
        () => null,
        (error: { code?: number }) => error,
      );
      if (outcome?.code === 403) refusedAt = Date.now();
    }
    await expect(page.getByTestId("toast").filter({ hasText: "Grant revoked" })).toBeVisible();
    console.log(`revoke clicked → response → MCP server refused: ${refusedAt - returned} ms`);
    expect(refusedAt, "the MCP server still allowed the call 5 s after the revocation").toBeGreaterThan(0);
    expect(refusedAt - returned).toBeLessThan(1000);

    // --- the server's decisions are in Warden's audit log, attributed to it
    await ledger.events.flush();
    const audit = (await ok(await request.get(`/api/v1/audit/events?action=mcp.decision&actorId=${server.id}`, { headers }), 200)) as { items: { outcome: string; details: { tool: string } }[] };
    const outcomes = audit.items.map((event) => `${event.outcome} ${event.details.tool}`);
    expect(outcomes).toEqual(expect.arrayContaining([`success ${LEDGER_TOOLS.read.name}`, `denied ${LEDGER_TOOLS.irreversible.name}`, `denied ${LEDGER_TOOLS.read.name}`]));
  } finally {
    await client?.close();
    await ledger.close();
  }
});
