import { describe, expect, it } from "vitest";
import { proposeCapabilities, wordsOf, type ProposalInput } from "@/lib/capabilities/propose";

const tags = (input: Partial<ProposalInput> & { name: string }) => proposeCapabilities({ production: false, ...input }).map((proposal) => proposal.tag);
const proposal = (input: Partial<ProposalInput> & { name: string }, tag: string) => proposeCapabilities({ production: false, ...input }).find((item) => item.tag === tag);

describe("wordsOf", () => {
  it("splits names on separators and camelCase, and keeps whole words only", () => {
    expect(wordsOf("read_inbox", true)).toBe(" read inbox ");
    expect(wordsOf("getHTTPResponse", true)).toBe(" get http response ");
    expect(wordsOf("files/list.v2", true)).toBe(" files list v2 ");
    expect(wordsOf("Sends an E-mail, quickly!")).toBe(" sends an e mail quickly ");
  });
});

describe("proposeCapabilities from names and descriptions", () => {
  it("proposes the lethal trifecta's three tags for the classic tools", () => {
    expect(tags({ name: "read_inbox", description: "Reads the user's inbox" })).toEqual(["reads-private-data", "untrusted-input"]);
    expect(tags({ name: "fetch_url", description: "Fetches a web page" })).toEqual(["untrusted-input"]);
    expect(tags({ name: "send_email", description: "Sends an email to a recipient" })).toEqual(["external-communication"]);
  });

  it("says where the words were found and marks the source as the description", () => {
    expect(proposal({ name: "send_email" }, "external-communication")).toEqual({ tag: "external-communication", source: "description", reason: '"send" in the name' });
    expect(proposal({ name: "notify_ops", description: "Calls a webhook with the payload" }, "external-communication")?.reason).toBe('"notify" in the name');
    expect(proposal({ name: "ping", description: "Calls a webhook with the payload" }, "external-communication")?.reason).toBe('"webhook" in the description');
    expect(proposal({ name: "query_database", description: "Runs SQL" }, "reads-private-data")?.reason).toBe('"query" in the name and "database" in the name');
  });

  it("needs a reading verb (or readOnlyHint) before private objects count as reads-private-data", () => {
    expect(tags({ name: "write_file", description: "Writes a file" })).not.toContain("reads-private-data");
    expect(tags({ name: "customer_lookup", description: "Customer details by id" })).toEqual(["reads-private-data"]);
    expect(proposal({ name: "customer_details", annotations: { readOnlyHint: true } }, "reads-private-data")?.reason).toBe('readOnlyHint: true and "customer" in the name');
    expect(tags({ name: "customer_details" })).toEqual([]);
  });

  it("treats issues, tickets and mail as untrusted input only when the tool reads them", () => {
    expect(tags({ name: "read_issue", description: "Returns one GitHub issue" })).toEqual(["untrusted-input"]);
    expect(tags({ name: "create_issue", description: "Opens a GitHub issue" })).toEqual([]);
    expect(tags({ name: "list_tickets" })).toEqual(["reads-private-data", "untrusted-input"]);
  });

  it("proposes handles-credentials for secrets, passwords, tokens and key vaults, but not for any word containing 'key'", () => {
    expect(tags({ name: "get_secret" })).toEqual(["handles-credentials"]);
    expect(tags({ name: "rotate", description: "Rotates the API key of a service" })).toEqual(["handles-credentials"]);
    expect(tags({ name: "kv", description: "Reads from the Key Vault" })).toEqual(["handles-credentials"]);
    expect(tags({ name: "keyboard_layout", description: "Sets the monkey's keyboard" })).toEqual([]);
    expect(tags({ name: "compile", description: "Builds the project" })).toEqual([]);
  });

  it("matches whole words, not fragments", () => {
    expect(tags({ name: "postgres_vacuum", description: "Vacuums tables" })).toEqual([]);
    expect(tags({ name: "sender_stats", description: "Counts" })).toEqual([]);
  });
});

describe("proposeCapabilities from annotations", () => {
  it("openWorldHint proposes untrusted-input, and external-communication unless read-only", () => {
    expect(proposeCapabilities({ name: "tool", annotations: { openWorldHint: true, readOnlyHint: false }, production: false })).toEqual([
      { tag: "untrusted-input", source: "annotation", reason: "openWorldHint: true (it takes in content from an open world of outside sources)" },
      { tag: "external-communication", source: "annotation", reason: "openWorldHint: true and not read-only (it can act on and send to the outside world)" },
    ]);
    expect(tags({ name: "tool", annotations: { openWorldHint: true, readOnlyHint: true } })).toEqual(["untrusted-input"]);
    expect(tags({ name: "tool", annotations: { openWorldHint: false, readOnlyHint: false } })).toEqual([]);
  });

  it("joins annotation and description reasons, with the annotation as the source", () => {
    expect(proposal({ name: "fetch_url", annotations: { openWorldHint: true, readOnlyHint: true } }, "untrusted-input")).toEqual({
      tag: "untrusted-input",
      source: "annotation",
      reason: 'openWorldHint: true (it takes in content from an open world of outside sources); "fetch" in the name',
    });
  });

  it("proposes writes-production only on production servers, for destructive or non-read tiers", () => {
    expect(tags({ name: "drop", annotations: { destructiveHint: true } })).toEqual([]);
    expect(proposal({ name: "drop", annotations: { destructiveHint: true }, production: true }, "writes-production")?.reason).toBe("destructiveHint: true on a production server");
    expect(proposal({ name: "update", annotations: { readOnlyHint: false, destructiveHint: false }, production: true }, "writes-production")?.reason).toBe("proposed tier write on a production server");
    expect(proposal({ name: "mystery", production: true }, "writes-production")?.reason).toBe("proposed tier irreversible on a production server (no annotations: read pessimistically)");
    expect(tags({ name: "status", annotations: { readOnlyHint: true }, production: true })).toEqual([]);
  });
});
