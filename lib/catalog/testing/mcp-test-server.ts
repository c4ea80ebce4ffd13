// A real MCP server (the official SDK over Streamable HTTP) for integration and
// e2e tests of catalog discovery. Stateless: every POST gets a fresh SDK server
// and transport, so `setTools` takes effect on the very next request. Not used
// by production code.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError, type ListToolsResult } from "@modelcontextprotocol/sdk/types.js";

export type TestTool = {
  name: string;
  title?: string;
  description?: string;
  /** Defaults to `{ type: "object" }`. */
  inputSchema?: Record<string, unknown>;
  annotations?: { readOnlyHint?: boolean; destructiveHint?: boolean; idempotentHint?: boolean; openWorldHint?: boolean; title?: string };
};

/** A hand-written `tools/list` answer, for tests of servers that misbehave (e.g. a cursor that repeats). */
export type ListToolsOverride = (cursor: string | undefined) => { tools: unknown[]; nextCursor?: string };

export type McpTestServerOptions = {
  tools: TestTool[];
  /** When set, requests without `Authorization: Bearer <this>` get 401. */
  requireBearer?: string;
  /** Tools per `tools/list` page; all on one page when absent. */
  pageSize?: number;
  port?: number;
  host?: string;
  /** Set to false for a server that does not advertise the `tools` capability. */
  offerTools?: boolean;
  listTools?: ListToolsOverride;
};

export type McpTestServer = {
  url: string;
  setTools(tools: TestTool[]): void;
  /** HTTP requests received so far (including refused ones). */
  readonly requests: number;
  close(): Promise<void>;
};

// Opaque to clients, but readable here: the offset of the next page.
const encodeCursor = (offset: number) => Buffer.from(JSON.stringify({ offset })).toString("base64url");

function decodeCursor(cursor: string): number {
  try {
    const { offset } = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { offset?: unknown };
    if (typeof offset === "number" && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // falls through to the error below
  }
  throw new McpError(ErrorCode.InvalidParams, "Invalid cursor");
}

function toWire(tool: TestTool) {
  return {
    name: tool.name,
    ...(tool.title !== undefined ? { title: tool.title } : {}),
    ...(tool.description !== undefined ? { description: tool.description } : {}),
    inputSchema: tool.inputSchema ?? { type: "object" },
    ...(tool.annotations !== undefined ? { annotations: tool.annotations } : {}),
  };
}

function buildServer(options: McpTestServerOptions, currentTools: () => TestTool[]): Server {
  const offerTools = options.offerTools ?? true;
  const server = new Server({ name: "warden-test-server", version: "1.0.0", title: "Warden test server" }, { capabilities: offerTools ? { tools: { listChanged: false } } : {} });
  if (!offerTools) return server;

  server.setRequestHandler(ListToolsRequestSchema, (request) => {
    const cursor = request.params?.cursor;
    // Tests use the override to send malformed answers, so it bypasses the SDK's result type.
    if (options.listTools) return options.listTools(cursor) as unknown as ListToolsResult;
    const all = currentTools().map(toWire);
    const pageSize = options.pageSize ?? Math.max(all.length, 1);
    const offset = cursor === undefined ? 0 : decodeCursor(cursor);
    const end = offset + pageSize;
    return {
      tools: all.slice(offset, end),
      ...(end < all.length ? { nextCursor: encodeCursor(end) } : {}),
    } as unknown as ListToolsResult;
  });
  server.setRequestHandler(CallToolRequestSchema, (request) => {
    if (!currentTools().some((tool) => tool.name === request.params.name)) {
      throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${request.params.name}`);
    }
    return { content: [{ type: "text", text: `${request.params.name} called` }] };
  });
  return server;
}

function refuse(res: ServerResponse, status: number, headers: Record<string, string>, body: object): void {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

export async function startMcpTestServer(options: McpTestServerOptions): Promise<McpTestServer> {
  let tools = [...options.tools];
  let requests = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    requests += 1;
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path !== "/mcp") return refuse(res, 404, {}, { error: "not_found" });

    if (options.requireBearer !== undefined) {
      const authorization = req.headers.authorization;
      if (authorization === undefined) {
        return refuse(res, 401, { "www-authenticate": "Bearer" }, { error: "unauthorized", error_description: "A bearer token is required" });
      }
      if (authorization !== `Bearer ${options.requireBearer}`) {
        return refuse(res, 401, { "www-authenticate": 'Bearer error="invalid_token"' }, { error: "invalid_token", error_description: "The bearer token is not valid" });
      }
    }
    // Stateless: no standalone SSE stream (GET) and no session to delete.
    if (req.method !== "POST") {
      return refuse(res, 405, { allow: "POST" }, { jsonrpc: "2.0", error: { code: -32000, message: "Method not allowed" }, id: null });
    }

    const server = buildServer(options, () => tools);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on("close", () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res);
  }

  const http = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, {}, { jsonrpc: "2.0", error: { code: -32603, message: "Internal server error" }, id: null });
      else res.destroy();
    });
  });

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(options.port ?? 0, host, () => {
      http.off("error", reject);
      resolve();
    });
  });
  const { port } = http.address() as AddressInfo;
  // A wildcard bind is reached through loopback; IPv6 literals need brackets.
  const urlHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}/mcp`,
    setTools(next) {
      tools = [...next];
    },
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        http.close((error) => (error ? reject(error) : resolve()));
        http.closeAllConnections();
      }),
  };
}
