import { afterEach, describe, expect, it } from "vitest";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { startMcpTestServer, type McpTestServer } from "@/lib/catalog/testing/mcp-test-server";

let server: McpTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function withClient<T>(url: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ name: "test", version: "1.0.0" });
  try {
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    return await run(client);
  } finally {
    await client.close();
  }
}

describe("startMcpTestServer", () => {
  it("listens on an ephemeral loopback port under /mcp", async () => {
    server = await startMcpTestServer({ tools: [] });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const port = Number(new URL(server.url).port);
    expect(port).toBeGreaterThan(0);
    expect(port < 3000 || port > 3300).toBe(true);
  });

  it("answers tools/call with '<name> called', and refuses unknown tools", async () => {
    server = await startMcpTestServer({ tools: [{ name: "echo" }] });
    const result = await withClient(server.url, (client) => client.callTool({ name: "echo", arguments: {} }));
    expect(result.content).toEqual([{ type: "text", text: "echo called" }]);
    await expect(withClient(server.url, (client) => client.callTool({ name: "nope", arguments: {} }))).rejects.toThrow(/Unknown tool: nope/);
  });

  it("refuses GET (no standalone stream), other paths, and counts requests", async () => {
    server = await startMcpTestServer({ tools: [] });
    const get = await fetch(server.url, { headers: { accept: "text/event-stream" } });
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    const other = await fetch(server.url.replace(/\/mcp$/, "/"), { method: "POST" });
    expect(other.status).toBe(404);
    expect(server.requests).toBe(2);
  });

  it("asks for a bearer token with WWW-Authenticate", async () => {
    server = await startMcpTestServer({ tools: [], requireBearer: "t0ken" });
    const missing = await fetch(server.url, { method: "POST" });
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toBe("Bearer");
    const wrong = await fetch(server.url, { method: "POST", headers: { authorization: "Bearer nope" } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toMatch(/^Bearer error="invalid_token"/);
  });

  it("rejects a cursor it did not issue", async () => {
    server = await startMcpTestServer({ tools: [{ name: "a" }, { name: "b" }], pageSize: 1 });
    await expect(withClient(server.url, (client) => client.listTools({ cursor: "forged" }))).rejects.toThrow(/Invalid cursor/);
  });
});
