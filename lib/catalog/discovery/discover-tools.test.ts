import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { describe, expect, it, vi } from "vitest";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { ListToolsRequestSchema, SUPPORTED_PROTOCOL_VERSIONS } from "@modelcontextprotocol/sdk/types.js";
import { discoverTools } from "@/lib/catalog/discovery/discover-tools";
import { appErrorOf, causeText, numberedTools, serverScope } from "@/lib/catalog/testing/discovery-test-kit";

const servers = serverScope();

describe("discoverTools against a real MCP server", () => {
  it("returns every tool with its annotations, and the server's identity", async () => {
    const server = await servers.mcp({
      tools: [
        { name: "search_docs", title: "Search docs", description: "Full-text search", inputSchema: { type: "object", properties: { q: { type: "string" } }, required: ["q"] }, annotations: { readOnlyHint: true, openWorldHint: false } },
        { name: "files/delete", annotations: { destructiveHint: true, idempotentHint: true, title: "Delete a file" } },
        { name: "plain.tool-v2" },
      ],
    });

    const result = await discoverTools({ url: server.url });

    expect(result.server).toEqual({ name: "warden-test-server", version: "1.0.0", title: "Warden test server" });
    expect(SUPPORTED_PROTOCOL_VERSIONS).toContain(result.protocolVersion);
    expect(result.pages).toBe(1);
    expect(result.tools).toEqual([
      { name: "search_docs", title: "Search docs", description: "Full-text search", inputSchema: { type: "object", properties: { q: { type: "string" } }, required: ["q"] }, annotations: { readOnlyHint: true, openWorldHint: false } },
      { name: "files/delete", inputSchema: { type: "object" }, annotations: { destructiveHint: true, idempotentHint: true, title: "Delete a file" } },
      { name: "plain.tool-v2", inputSchema: { type: "object" } },
    ]);
    expect(Object.keys(result.tools[2] ?? {})).toEqual(["name", "inputSchema"]);
  });

  it("follows nextCursor across pages", async () => {
    const server = await servers.mcp({ tools: numberedTools(5), pageSize: 2 });
    const result = await discoverTools({ url: server.url });
    expect(result.pages).toBe(3);
    expect(result.tools.map((tool) => tool.name)).toEqual(["tool_1", "tool_2", "tool_3", "tool_4", "tool_5"]);
  });

  it("sees the tool list change between discoveries (setTools)", async () => {
    const server = await servers.mcp({ tools: numberedTools(2) });
    expect((await discoverTools({ url: server.url })).tools.map((tool) => tool.name)).toEqual(["tool_1", "tool_2"]);
    server.setTools([{ name: "tool_2" }, { name: "tool_3", annotations: { readOnlyHint: true } }]);
    const after = await discoverTools({ url: server.url });
    expect(after.tools).toEqual([
      { name: "tool_2", inputSchema: { type: "object" } },
      { name: "tool_3", inputSchema: { type: "object" }, annotations: { readOnlyHint: true } },
    ]);
  });
});

describe("discoverTools against a stateful MCP server", () => {
  it("ends the session and its event stream when done", async () => {
    const mcp = new Server({ name: "stateful", version: "2.0.0" }, { capabilities: { tools: {} } });
    mcp.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [{ name: "only", inputSchema: { type: "object" as const } }] }));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() });
    servers.defer(() => mcp.close());
    await mcp.connect(transport);
    const methods: string[] = [];
    const openStreams = new Set<ServerResponse>();
    const base = await servers.plain((req, res) => {
      methods.push(req.method ?? "");
      if (req.method === "GET") {
        openStreams.add(res);
        res.on("close", () => openStreams.delete(res));
      }
      void transport.handleRequest(req, res);
    });

    const result = await discoverTools({ url: `${base}/mcp` });

    expect(result.server).toEqual({ name: "stateful", version: "2.0.0" });
    expect(result.tools.map((tool) => tool.name)).toEqual(["only"]);
    await vi.waitFor(() => {
      expect(methods).toContain("DELETE");
      expect(openStreams.size).toBe(0);
    });
  });
});

describe("discoverTools cleans up after itself", () => {
  it("closes a server-opened event stream even without a session", async () => {
    let sawStream!: () => void;
    const streamOpened = new Promise<void>((resolve) => (sawStream = resolve));
    const openStreams = new Set<ServerResponse>();
    let posts = 0;
    const base = await servers.plain((req, res) => {
      if (req.method === "GET") {
        openStreams.add(res);
        res.on("close", () => openStreams.delete(res));
        res.writeHead(200, { "content-type": "text/event-stream" }).flushHeaders();
        sawStream();
        return;
      }
      posts += 1;
      // hold tools/list (the third POST) until the client's GET stream is open, so it is open when discovery ends
      const ready = posts >= 3 ? streamOpened : Promise.resolve();
      void ready.then(async () => {
        const mcp = new Server({ name: "streaming", version: "1.0.0" }, { capabilities: { tools: {} } });
        mcp.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [] }));
        const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
        res.on("close", () => void mcp.close());
        await mcp.connect(transport);
        await transport.handleRequest(req, res);
      });
    });

    const result = await discoverTools({ url: `${base}/mcp` });

    expect(result.tools).toEqual([]);
    await vi.waitFor(() => expect(openStreams.size).toBe(0));
  });
});

describe("discoverTools with a bearer credential", () => {
  const secret = "s3cret-Token_123";

  it("without a credential reports the 401 with a hint", async () => {
    const server = await servers.mcp({ tools: numberedTools(1), requireBearer: secret });
    const error = await appErrorOf(discoverTools({ url: server.url }));
    expect(error.status).toBe(502);
    expect(error.message).toBe("The server refused Warden's request (HTTP 401). If it needs a credential, give one for this discovery");
  });

  it("with a wrong credential fails without echoing it", async () => {
    const server = await servers.mcp({ tools: numberedTools(1), requireBearer: secret });
    const wrong = "wrong-Token_456";
    const error = await appErrorOf(discoverTools({ url: server.url, bearer: wrong }));
    expect(error.status).toBe(502);
    expect(error.message).toContain("HTTP 401");
    expect(error.message).toContain("not accepted");
    expect(JSON.stringify({ message: error.message, issues: error.issues })).not.toContain(wrong);
    expect(causeText(error.cause)).not.toContain(wrong);
  });

  it("with the right credential lists the tools (a pasted 'Bearer ' prefix is forgiven)", async () => {
    const server = await servers.mcp({ tools: numberedTools(2), requireBearer: secret });
    expect((await discoverTools({ url: server.url, bearer: secret })).tools).toHaveLength(2);
    expect((await discoverTools({ url: server.url, bearer: `Bearer ${secret}` })).tools).toHaveLength(2);
  });

  it("scrubs the credential from what a server echoes back", async () => {
    const base = await servers.plain((req, res) => {
      res.writeHead(400, { "content-type": "text/plain" }).end(`Bad request; you sent ${req.headers.authorization}`);
    });
    const error = await appErrorOf(discoverTools({ url: `${base}/mcp`, bearer: secret }));
    expect(error.status).toBe(502);
    expect(error.message).toContain("HTTP 400");
    expect(error.message).toContain("[redacted]");
    expect(error.message).not.toContain(secret);
    expect(causeText(error.cause)).not.toContain(secret);
  });

  it("refuses a credential with spaces or control characters without echoing it", async () => {
    const error = await appErrorOf(discoverTools({ url: "http://127.0.0.1:1/mcp", bearer: "abc def\nxyz" }));
    expect(error.status).toBe(422);
    expect(error.issues.map((issue) => issue.path)).toEqual(["bearer"]);
    expect(JSON.stringify({ message: error.message, issues: error.issues })).not.toContain("abc def");
  });
});

describe("discoverTools against things that are not MCP servers", () => {
  it("recognises an HTML page", async () => {
    const base = await servers.plain((_req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end("<!doctype html><title>Welcome</title><h1>Hello</h1>");
    });
    const error = await appErrorOf(discoverTools({ url: `${base}/` }));
    expect(error.status).toBe(502);
    expect(error.message).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ does not look like an MCP server \(Streamable HTTP\): it answered with an HTML page/);
  });

  it("recognises a 404", async () => {
    const server = await servers.mcp({ tools: numberedTools(1) });
    const error = await appErrorOf(discoverTools({ url: server.url.replace(/\/mcp$/, "/api") }));
    expect(error.status).toBe(502);
    expect(error.message).toContain("does not look like an MCP server");
    expect(error.message).toContain("HTTP 404");
  });

  it("recognises JSON that is not JSON-RPC", async () => {
    const base = await servers.plain((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "ok", version: 3 }));
    });
    const error = await appErrorOf(discoverTools({ url: `${base}/mcp` }));
    expect(error.status).toBe(502);
    expect(error.message).toContain("does not look like an MCP server");
    expect(error.message).toContain("not a valid JSON-RPC message");
  });

  it("explains a wait for an event stream that carried no JSON-RPC", async () => {
    const base = await servers.plain((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" }).write('data: {"ticker":"ACME","price":12}\n\n');
    });
    const error = await appErrorOf(discoverTools({ url: `${base}/events`, timeoutMs: 300 }));
    expect(error.status).toBe(502);
    expect(error.message).toContain("does not look like an MCP server");
    expect(error.message).toContain("not a valid JSON-RPC message");
  });

  it("reports a server error with its status", async () => {
    const base = await servers.plain((_req, res) => {
      res.writeHead(503, { "content-type": "text/plain" }).end("upstream down");
    });
    const error = await appErrorOf(discoverTools({ url: `${base}/mcp` }));
    expect(error.status).toBe(502);
    expect(error.message).toBe(`The server at ${base}/mcp failed (HTTP 503): upstream down`);
  });

  it("recognises a JSON-RPC server that fails initialize", async () => {
    const base = await servers.plain((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        const { id } = JSON.parse(body) as { id: number };
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ jsonrpc: "2.0", id, error: { code: -32601, message: "Method not found" } }));
      });
    });
    const error = await appErrorOf(discoverTools({ url: `${base}/rpc` }));
    expect(error.status).toBe(502);
    expect(error.message).toContain("does not look like an MCP server");
    expect(error.message).toContain("initialize failed");
    expect(error.message).toContain("Method not found");
  });

  it("reports a server that does not offer tools", async () => {
    const server = await servers.mcp({ tools: [], offerTools: false });
    const error = await appErrorOf(discoverTools({ url: server.url }));
    expect(error.status).toBe(502);
    expect(error.message).toContain("does not offer tools");
  });
});

describe("discoverTools when the server cannot be reached or is slow", () => {
  it("reports a refused connection", async () => {
    const base = await servers.plain(() => undefined);
    await servers.closeAll(); // the port is now closed
    const error = await appErrorOf(discoverTools({ url: `${base}/mcp` }));
    expect(error.status).toBe(502);
    expect(error.message).toBe(`Could not reach ${base}: connection refused (is the server running, and on this port?)`);
  });

  it("gives up on a server that never answers within the timeout", async () => {
    const base = await servers.plain(() => undefined);
    const started = performance.now();
    const error = await appErrorOf(discoverTools({ url: `${base}/mcp`, timeoutMs: 500 }));
    const elapsed = performance.now() - started;
    expect(error.status).toBe(504);
    expect(error.message).toBe(`${base}/mcp did not answer within 0.5 s`);
    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(3000);
  });
});

describe("discoverTools input checks", () => {
  it.each(["ftp://example.com/mcp", "file:///etc/passwd", "not a url", "http://user:pw@example.com/mcp"])("refuses %s naming url", async (url) => {
    const error = await appErrorOf(discoverTools({ url }));
    expect(error.status).toBe(422);
    expect(error.issues.map((issue) => issue.path)).toEqual(["url"]);
  });

  it("leaves the query string (which may hold a secret) out of messages", async () => {
    const base = await servers.plain(() => undefined);
    const error = await appErrorOf(discoverTools({ url: `${base}/mcp?api_key=hunter2`, timeoutMs: 200 }));
    expect(error.status).toBe(504);
    expect(error.message).not.toContain("hunter2");
  });
});
