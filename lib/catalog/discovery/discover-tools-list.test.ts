// What discovery refuses in a tools/list answer, and the tool-name rule it applies.
import { describe, expect, it } from "vitest";
import { discoverTools, isValidToolName, ZToolName } from "@/lib/catalog/discovery/discover-tools";
import { appErrorOf, numberedTools, serverScope } from "@/lib/catalog/testing/discovery-test-kit";
import type { TestTool } from "@/lib/catalog/testing/mcp-test-server";

const servers = serverScope();

describe("discoverTools refuses a malformed or runaway tool list", () => {
  it("names a tool with an invalid name", async () => {
    const server = await servers.mcp({ tools: [{ name: "good_one" }, { name: "bad name!" }] });
    const error = await appErrorOf(discoverTools({ url: server.url }));
    expect(error.status).toBe(502);
    expect(error.message).toContain('tools[1] ("bad name!"), field name');
    expect(error.issues.map((issue) => issue.path)).toEqual(["tools.1.name"]);
  });

  it("names a tool whose inputSchema is not an object, counting across pages", async () => {
    const tools = [...numberedTools(3), { name: "broken", inputSchema: ["not", "an", "object"] } as unknown as TestTool];
    const server = await servers.mcp({ tools, pageSize: 2 });
    const error = await appErrorOf(discoverTools({ url: server.url }));
    expect(error.status).toBe(502);
    expect(error.message).toContain('tools[3] ("broken"), field inputSchema');
  });

  it("refuses a description over 10 000 characters", async () => {
    const server = await servers.mcp({ tools: [{ name: "wordy", description: "x".repeat(10_001) }] });
    const error = await appErrorOf(discoverTools({ url: server.url }));
    expect(error.status).toBe(502);
    expect(error.message).toContain("field description");
  });

  it("refuses a tool reported twice", async () => {
    const server = await servers.mcp({ tools: [{ name: "twin" }, { name: "other" }, { name: "twin" }] });
    const error = await appErrorOf(discoverTools({ url: server.url }));
    expect(error.status).toBe(502);
    expect(error.message).toContain('"twin" twice: tools[0] and tools[2]');
  });

  it("refuses a cursor that repeats", async () => {
    let calls = 0;
    const server = await servers.mcp({
      tools: [],
      listTools: () => {
        calls += 1;
        return { tools: [{ name: `tool_${calls}`, inputSchema: { type: "object" } }], nextCursor: "same-again" };
      },
    });
    const error = await appErrorOf(discoverTools({ url: server.url }));
    expect(error.status).toBe(502);
    expect(error.message).toContain("repeated a pagination cursor on page 2");
    expect(calls).toBe(2);
  });

  it("refuses more tools than maxTools", async () => {
    const server = await servers.mcp({ tools: numberedTools(5), pageSize: 2 });
    const error = await appErrorOf(discoverTools({ url: server.url, maxTools: 4 }));
    expect(error.status).toBe(502);
    expect(error.message).toContain("more than 4 tools");
    // exactly the limit is fine
    expect((await discoverTools({ url: server.url, maxTools: 5 })).tools).toHaveLength(5);
  });

  it("refuses more pages than maxPages", async () => {
    const server = await servers.mcp({ tools: numberedTools(3), pageSize: 1 });
    const error = await appErrorOf(discoverTools({ url: server.url, maxPages: 2 }));
    expect(error.status).toBe(502);
    expect(error.message).toContain("more than 2 pages");
    expect((await discoverTools({ url: server.url, maxPages: 3 })).pages).toBe(3);
  });

  it("refuses a tools/list answer without a tools array", async () => {
    const server = await servers.mcp({ tools: [], listTools: () => ({ items: [] }) as unknown as { tools: unknown[] } });
    const error = await appErrorOf(discoverTools({ url: server.url }));
    expect(error.status).toBe(502);
    expect(error.message).toContain("malformed result: tools");
  });
});

describe("the tool-name rule", () => {
  it.each(["a", "get_user", "user-profile/update", "admin.tools.list", "DATA_EXPORT_v2", "x".repeat(128)])("accepts %s", (name) => {
    expect(isValidToolName(name)).toBe(true);
    expect(ZToolName.safeParse(name).success).toBe(true);
  });

  it.each(["", "bad name!", "comma,separated", "ünïcode", "x".repeat(129), "tab\tname"])("refuses %j", (name) => {
    expect(isValidToolName(name)).toBe(false);
    expect(ZToolName.safeParse(name).success).toBe(false);
  });
});
