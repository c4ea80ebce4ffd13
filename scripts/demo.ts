// npm run demo — the enforcement SDK end to end, printing each step (issue
// "Policy distribution…", README "Demo"). Warden runs as a user would run it
// (scripts/start.ts, production build, on a throwaway SQLite data directory);
// a real MCP server (official SDK, Streamable HTTP) with a read tool and an
// irreversible tool is protected by the SDK; a real MCP SDK client calls it with
// the SDK's DPoP fetch wrapper. The admin then revokes the agent's grant
// through the management API, and the demo measures how long after that
// request returns the MCP server refuses the call. Exits non-zero when a step
// does not behave as described or the refusal takes a second or more.
// Options: --port <Warden's port, default 3420> --mcp-port <the MCP server's, default 3421>
//          --keep (keep the data directory)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from "jose";
import { createDpopFetch } from "@/lib/gateway/dpop-fetch";
import { LEDGER_TOOLS, startLedgerServer } from "@/lib/gateway/example-ledger-server";
import { startWarden, type Child } from "@/scripts/bench/token/children";
import { pointAtWarden } from "@/scripts/bench/token/warden-setup";
import { setUpDemo } from "@/scripts/demo/setup";

const { values } = parseArgs({ args: process.argv.slice(2), options: { port: { type: "string", default: "3420" }, "mcp-port": { type: "string", default: "3421" }, keep: { type: "boolean", default: false } } });
const PORT = Number(values.port);
const MCP_PORT = Number(values["mcp-port"]);
const TARGET_MS = 1000;

class DemoFailure extends Error {}
let stepNumber = 0;
const step = (text: string) => console.log(`\n[${++stepNumber}] ${text}`);
const detail = (text: string) => console.log(`    ${text}`);
function expectThat(condition: boolean, message: string): void {
  if (!condition) throw new DemoFailure(message);
}

async function main(): Promise<void> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "warden-demo-"));
  const children: Child[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  try {
    const dataDir = path.join(workDir, "data");
    fs.mkdirSync(dataDir);
    const issuer = `http://localhost:${PORT}`;
    const env = pointAtWarden({ dataDir, port: PORT, publicUrl: issuer });

    const serverKey = await generateKeyPair("ES256", { extractable: true });
    const serverJwk = await exportJWK(serverKey.publicKey);
    const agentKey = await generateKeyPair("ES256", { extractable: true });
    const agentJwk = await exportJWK(agentKey.publicKey);

    step("Registering an MCP server, an agent and a grant in a fresh Warden (through the domain functions)");
    // the MCP server's URL is its resource URI, registered before it starts
    const resourceUri = `http://127.0.0.1:${MCP_PORT}/mcp`;
    const setup = await setUpDemo({ resourceUri, serverJwk, agentJwk });
    detail(`MCP server "Ledger" ${setup.serverId} at ${resourceUri}: ${LEDGER_TOOLS.read.name} (read), ${LEDGER_TOOLS.irreversible.name} (irreversible)`);
    detail(`agent "Reporting agent" ${setup.agentId} (client ${setup.clientId}), DPoP required, granted ${LEDGER_TOOLS.read.name} only`);
    detail(`admin ${setup.adminEmail} with an API token for the management API`);

    step(`Starting Warden on ${issuer} (scripts/start.ts; the first run builds the app, which takes a few minutes)`);
    children.push(await startWarden({ port: PORT, env, logDir: workDir }));
    detail(`Warden is up; its log is ${path.join(workDir, "warden.log")}`);

    step("Starting the MCP server, protected by the enforcement SDK (lib/gateway)");
    let bundleRevision = 0;
    let revisionSeenAt = 0;
    const server = await startLedgerServer({
      issuer,
      port: MCP_PORT,
      waitSeconds: 30,
      onUpdate: (bundle) => {
        bundleRevision = bundle.revision;
        revisionSeenAt = Date.now();
      },
    });
    cleanups.push(() => server.close());
    await server.start({ serverId: setup.serverId, key: { privateKey: serverKey.privateKey, kid: await calculateJwkThumbprint(serverJwk), alg: "ES256" } });
    expectThat(server.bundles.current() !== null, `the MCP server could not load its policy bundle: ${JSON.stringify(server.bundles.status().errors)}`);
    detail(`${server.url}: holds policy bundle revision ${bundleRevision}, long-polling Warden for the next`);

    step("The agent connects with the MCP SDK client, its fetch being the SDK's DPoP wrapper");
    const dpopKey = await generateKeyPair("ES256");
    const agentFetch = createDpopFetch({ issuer, clientId: setup.clientId, clientKey: { privateKey: agentKey.privateKey, kid: await calculateJwkThumbprint(agentJwk), alg: "ES256" }, dpopKey: { ...dpopKey, alg: "ES256" }, resource: resourceUri });
    const client = new Client({ name: "reporting-agent", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(resourceUri), { fetch: agentFetch }));
    cleanups.push(() => client.close());
    detail("got a DPoP-bound access token from Warden (private_key_jwt + DPoP proof), sent with a fresh proof per request");

    step("tools/list");
    const listed = (await client.listTools()).tools.map((tool) => tool.name);
    detail(`→ ${JSON.stringify(listed)} (the server has two tools; the list is filtered to what the token may call)`);
    expectThat(listed.length === 1 && listed[0] === LEDGER_TOOLS.read.name, `expected only ${LEDGER_TOOLS.read.name}`);

    step(`tools/call ${LEDGER_TOOLS.read.name}`);
    const read = await client.callTool({ name: LEDGER_TOOLS.read.name, arguments: {} });
    detail(`→ allowed: ${JSON.stringify(read.content)}`);
    expectThat(!read.isError, "the read tool should be allowed");

    step(`tools/call ${LEDGER_TOOLS.irreversible.name} (not granted)`);
    const refusal = await client.callTool({ name: LEDGER_TOOLS.irreversible.name, arguments: { amount: 100 } }).then(
      () => null,
      (error: { code?: number; message?: string }) => error,
    );
    detail(`→ refused: HTTP ${refusal?.code} ${refusal?.message?.replace("Streamable HTTP error: Error POSTing to endpoint: ", "")}`);
    expectThat(refusal?.code === 403 && /insufficient_scope/.test(refusal.message ?? ""), "the irreversible tool should get 403 insufficient_scope");

    step(`The admin revokes the grant: POST /api/v1/grants/${setup.grantId}/revoke`);
    const started = Date.now();
    const revoked = await fetch(`${issuer}/api/v1/grants/${setup.grantId}/revoke`, {
      method: "POST",
      headers: { authorization: `Bearer ${setup.apiToken}`, "content-type": "application/json" },
      body: JSON.stringify({ reason: "Demo: the reporting agent no longer needs the ledger" }),
    });
    const returned = Date.now();
    expectThat(revoked.ok, `the revocation failed: HTTP ${revoked.status} ${await revoked.text()}`);
    detail(`→ HTTP ${revoked.status} after ${returned - started} ms`);

    step(`tools/call ${LEDGER_TOOLS.read.name} again, until the MCP server refuses it`);
    let attempts = 0;
    let refusedAt = 0;
    while (Date.now() - returned < 5000) {
      attempts += 1;
      const outcome = await client.callTool({ name: LEDGER_TOOLS.read.name, arguments: {} }).then(
        () => null,
        (error: { code?: number }) => error,
      );
      if (outcome?.code === 403) {
        refusedAt = Date.now();
        break;
      }
    }
    expectThat(refusedAt > 0, "the MCP server still allowed the call 5 s after the revocation");
    const elapsed = refusedAt - returned;
    detail(`→ refused (403 insufficient_scope) on attempt ${attempts}, ${elapsed} ms after the revocation request returned`);
    detail(`   the server took policy revision ${bundleRevision} ${revisionSeenAt - returned} ms after it returned (long poll)`);
    console.log(`\n    revoke → enforced: ${elapsed} ms (target < ${TARGET_MS} ms) ${elapsed < TARGET_MS ? "✓" : "✗"}`);
    expectThat(elapsed < TARGET_MS, `enforcement took ${elapsed} ms`);

    step("Warden's audit log holds the MCP server's decisions (GET /api/v1/audit/events?action=mcp.decision)");
    await server.events.flush();
    const audit = await fetch(`${issuer}/api/v1/audit/events?action=mcp.decision&limit=10`, { headers: { authorization: `Bearer ${setup.apiToken}` } });
    const page = (await audit.json()) as { items?: { outcome: string; actor: { label: string | null }; details: { tool?: string | null; agentId?: string | null; policyRevision?: number | null } }[] };
    expectThat(audit.ok && Array.isArray(page.items), `the audit API answered HTTP ${audit.status}`);
    for (const event of page.items!.slice().reverse()) detail(`${event.outcome.padEnd(8)} ${String(event.details.tool).padEnd(12)} agent ${event.details.agentId} revision ${event.details.policyRevision} (reported by ${event.actor.label})`);
    expectThat(page.items!.some((event) => event.outcome === "denied" && event.details.tool === LEDGER_TOOLS.irreversible.name), "the refusal of the irreversible tool is not in the audit log");
    console.log("\nDemo complete.");
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    for (const child of children) await child.stop();
    if (values.keep) console.log(`Data directory kept: ${workDir}`);
    else fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`\nDemo failed: ${error instanceof DemoFailure ? error.message : (error as Error).stack}`);
    process.exit(1);
  },
);
