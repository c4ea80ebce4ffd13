// An MCP server protected by the enforcement SDK, as a service owner would
// write one: the official MCP SDK (McpServer over Streamable HTTP, stateless:
// a server and transport per request) with a read tool and an irreversible
// tool, behind `enforceMcpRequest`. Its policy comes from Warden through a
// PolicyBundleClient (long polling) as the server's own identity, its
// decisions go back through a DecisionEventSink, and it reports its status.
// `npm run demo` and tests/integration/gateway-mcp-enforcement.test.ts run it.
// No Next.js or database imports: usable from any Node service.
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";
import { PolicyBundleClient } from "@/lib/gateway/bundle-client";
import type { SigningKey } from "@/lib/gateway/credentials";
import { DecisionEventSink } from "@/lib/gateway/decision-events";
import { McpEnforcer, type EnforcerOptions } from "@/lib/gateway/enforcer";
import { enforceMcpRequest, serveProtectedResourceMetadata, type McpHttpTransport } from "@/lib/gateway/node-http";
import type { PolicyBundle } from "@/lib/policy/bundle/document";

export const LEDGER_TOOLS = {
  read: { name: "read_ledger", description: "Reads the ledger's balance", annotations: { readOnlyHint: true } },
  irreversible: { name: "wire_money", description: "Wires money out of the ledger (cannot be undone)", annotations: { destructiveHint: true } },
} as const;

export type LedgerServerOptions = {
  /** Warden's issuer identifier */
  issuer: string;
  /** the port to listen on (0: any free one) */
  port?: number;
  /** seconds each long poll is held */
  waitSeconds?: number;
  /** fetch used to reach Warden */
  fetch?: typeof fetch;
  onUpdate?: (bundle: PolicyBundle) => void;
  /**
   * Serve https with this certificate and key (PEM) and ask every client for a
   * certificate, accepting any: the SDK checks certificate-bound tokens
   * (RFC 8705 §3) against the connection's certificate itself.
   */
  tls?: { key: string; cert: string };
  /** tool tiers whose calls need a token from a hardware-bound key */
  requireHardwareKeysFor?: EnforcerOptions["requireHardwareKeysFor"];
};

/** The server's registration in Warden: its identity id and a key registered for it. */
export type LedgerIdentity = { serverId: string; key: SigningKey };

export type LedgerServer = {
  /** the MCP endpoint, http(s)://127.0.0.1:<port>/mcp: register it as the server's resource URI */
  url: string;
  /** the policy source and the event sink (after start) */
  readonly bundles: PolicyBundleClient;
  readonly events: DecisionEventSink;
  /** tool calls the server executed (each with the agent that made it) */
  executed: { tool: string; agentId: string }[];
  /** starts enforcing as `identity`, whose resource URI in Warden must be `url`; until then every request gets 503 */
  start(identity: LedgerIdentity): Promise<void>;
  close(): Promise<void>;
};

function buildMcpServer(executed: LedgerServer["executed"]): McpServer {
  const server = new McpServer({ name: "ledger", version: "1.0.0" });
  const agentOf = (extra: { authInfo?: { extra?: Record<string, unknown> } }) => String(extra.authInfo?.extra?.agentId ?? "unknown");
  server.registerTool(LEDGER_TOOLS.read.name, { description: LEDGER_TOOLS.read.description, annotations: LEDGER_TOOLS.read.annotations }, async (extra) => {
    executed.push({ tool: LEDGER_TOOLS.read.name, agentId: agentOf(extra) });
    return { content: [{ type: "text", text: "balance: 1,024.00 EUR" }] };
  });
  server.registerTool(
    LEDGER_TOOLS.irreversible.name,
    { description: LEDGER_TOOLS.irreversible.description, annotations: LEDGER_TOOLS.irreversible.annotations, inputSchema: { amount: z.number().positive() } },
    async ({ amount }, extra) => {
      executed.push({ tool: LEDGER_TOOLS.irreversible.name, agentId: agentOf(extra) });
      return { content: [{ type: "text", text: `wired ${amount} EUR` }] };
    },
  );
  return server;
}

export async function startLedgerServer(options: LedgerServerOptions): Promise<LedgerServer> {
  const executed: LedgerServer["executed"] = [];
  let running: { bundles: PolicyBundleClient; events: DecisionEventSink; enforcer: McpEnforcer } | null = null;

  const handler: http.RequestListener = (req, res) => {
    void (async () => {
      if (!running) {
        res.writeHead(503, { "retry-after": "1" }).end();
        return;
      }
      const { enforcer } = running;
      if (serveProtectedResourceMetadata(enforcer, req, res)) return;
      if (new URL(req.url ?? "/", "http://localhost").pathname !== "/mcp") {
        res.writeHead(404).end();
        return;
      }
      const mcp = buildMcpServer(executed);
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
      res.on("close", () => {
        void transport.close();
        void mcp.close();
      });
      await mcp.connect(transport);
      await enforceMcpRequest(enforcer, transport as unknown as McpHttpTransport, req, res);
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32603, message: (error as Error).message }, id: null }));
    });
  };
  // with tls, enforceMcpRequest reads the client certificate from the TLS connection (clientCertificateOf)
  const httpServer = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert, requestCert: true, rejectUnauthorized: false }, handler) : http.createServer(handler);
  await new Promise<void>((resolve) => httpServer.listen(options.port ?? 0, "127.0.0.1", resolve));
  const url = `${options.tls ? "https" : "http"}://127.0.0.1:${(httpServer.address() as AddressInfo).port}/mcp`;

  const started = () => {
    if (!running) throw new Error("The ledger server has not started enforcing yet");
    return running;
  };
  return {
    url,
    get bundles() {
      return started().bundles;
    },
    get events() {
      return started().events;
    },
    executed,
    async start({ serverId, key }) {
      const bundles = new PolicyBundleClient({ issuer: options.issuer, identityId: serverId, key, waitSeconds: options.waitSeconds ?? 30, fetch: options.fetch, onUpdate: options.onUpdate });
      const events = new DecisionEventSink({ issuer: options.issuer, identityId: serverId, key, fetch: options.fetch, flushIntervalMs: 250 });
      await bundles.start();
      events.start();
      running = { bundles, events, enforcer: new McpEnforcer({ bundles, issuer: options.issuer, serverId, resourceUri: url, events, requireHardwareKeysFor: options.requireHardwareKeysFor }) };
    },
    async close() {
      await running?.bundles.stop();
      await running?.events.stop();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
