// The pure toxic-combination evaluation: which policies a set of held tools
// violates, which changes complete a violation, the explanation's wording and
// which grants block mode suspends.
import { describe, expect, it } from "vitest";
import { explain, grantsToSuspend, storedTags, violationsOf, type HeldTool, type PolicyRule } from "@/lib/toxic/evaluate";

const tool = (toolId: string, serverName: string, tags: string[], grantId: string | null = `grt_${toolId}`, suspended = false): HeldTool => ({
  toolId,
  toolName: toolId,
  scope: `mcp:${serverName.toLowerCase()}:${toolId}`,
  serverId: `srv_${serverName}`,
  serverName,
  grantId,
  suspended,
  tags,
});

const TRIFECTA: PolicyRule = { id: "txp_1", name: "Lethal trifecta", mode: "block", tags: ["reads-private-data", "untrusted-input", "external-communication"] };
const CREDS: PolicyRule = { id: "txp_2", name: "Credentials and a way out", mode: "warn", tags: ["handles-credentials", "external-communication"] };

describe("violationsOf", () => {
  const held = [tool("read_inbox", "Mail", ["reads-private-data"], "grt_mail"), tool("send_email", "Mail", ["external-communication"], "grt_mail")];

  it("needs every tag of a policy, from any server", () => {
    expect(violationsOf([TRIFECTA, CREDS], held)).toEqual([]);
    const all = [...held, tool("fetch_page", "Browser", ["untrusted-input"])];
    const [violation, ...rest] = violationsOf([TRIFECTA, CREDS], all);
    expect(rest).toEqual([]);
    expect(violation).toMatchObject({ policyId: "txp_1", mode: "block" });
    expect(violation!.explanation).toBe("Lethal trifecta: read_inbox on Mail (reads-private-data), fetch_page on Browser (untrusted-input), send_email on Mail (external-communication)");
  });

  it("with `adding`, keeps only the violations an added tool gives a tag to", () => {
    const all = [...held, tool("fetch_page", "Browser", ["untrusted-input"], null), tool("ping", "Net", [], null)];
    expect(violationsOf([TRIFECTA], all, new Set(["fetch_page"]))).toHaveLength(1);
    expect(violationsOf([TRIFECTA], all, new Set(["ping"]))).toEqual([]);
  });

  it("lists a tool once per tag however many grants hold it, sorted by server then tool", () => {
    const twice = [tool("b_tool", "Zed", ["x"], "grt_1"), tool("b_tool", "Zed", ["x"], "grt_2"), tool("a_tool", "Alpha", ["x", "y"])];
    const [violation] = violationsOf([{ id: "p", name: "XY", mode: "warn", tags: ["x", "y"] }], twice);
    expect(violation!.tools.x!.map((item) => item.toolId)).toEqual(["a_tool", "b_tool"]);
    expect(violation!.explanation).toBe("XY: a_tool on Alpha, b_tool on Zed (x), a_tool on Alpha (y)");
  });

  it("never matches a policy without tags", () => {
    expect(violationsOf([{ id: "p", name: "Empty", mode: "block", tags: [] }], held)).toEqual([]);
  });
});

describe("grantsToSuspend", () => {
  it("names each grant holding one of the violation's tools once, skipping those already suspended", () => {
    const held = [
      tool("read_inbox", "Mail", ["reads-private-data"], "grt_mail"),
      tool("send_email", "Mail", ["external-communication"], "grt_mail"),
      tool("fetch_page", "Browser", ["untrusted-input"], "grt_browser"),
      tool("fetch_page", "Browser", ["untrusted-input"], "grt_old", true),
      tool("unrelated", "Other", [], "grt_other"),
    ];
    const [violation] = violationsOf([TRIFECTA], held);
    expect(grantsToSuspend(violation!, held)).toEqual(["grt_browser", "grt_mail"]);
  });
});

describe("explain and storedTags", () => {
  it("says nothing for a tag without tools, and reads only string arrays", () => {
    expect(explain("P", ["a"], {})).toBe("P: nothing (a)");
    expect(storedTags(["a", 1, "b"])).toEqual(["a", "b"]);
    expect(storedTags("a")).toEqual([]);
  });
});
