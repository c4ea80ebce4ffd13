import { describe, expect, it } from "vitest";
import { diffCatalog, reportedFields, type CatalogTool } from "@/lib/catalog/diff";
import { proposeTier } from "@/lib/catalog/tiers";

const reported = (name: string, extra: Record<string, unknown> = {}) => ({ name, description: `${name} does things`, inputSchema: { type: "object" }, ...extra });

function catalogTool(name: string, status: CatalogTool["status"], options: { approved?: boolean; removed?: boolean; description?: string } = {}): CatalogTool {
  const fields = reportedFields(reported(name, options.description ? { description: options.description } : {}) as never);
  return {
    name,
    title: fields.title,
    description: fields.description,
    inputSchemaHash: fields.inputSchemaHash,
    annotations: fields.annotations,
    status,
    approvedFingerprint: options.approved ? fields.fingerprint : null,
    removedAt: options.removed ? new Date() : null,
  };
}

describe("proposeTier", () => {
  it("reads annotations pessimistically", () => {
    expect(proposeTier(undefined)).toBe("irreversible");
    expect(proposeTier({})).toBe("irreversible");
    expect(proposeTier({ readOnlyHint: true })).toBe("read");
    expect(proposeTier({ readOnlyHint: true, destructiveHint: true })).toBe("read");
    expect(proposeTier({ destructiveHint: false })).toBe("write");
    expect(proposeTier({ readOnlyHint: false, destructiveHint: false })).toBe("write");
    expect(proposeTier({ destructiveHint: true })).toBe("irreversible");
    expect(proposeTier({ openWorldHint: true, idempotentHint: true })).toBe("irreversible");
  });
});

describe("diffCatalog", () => {
  it("flags drift on approved and disabled tools that changed, not on tools awaiting review", () => {
    const current = [catalogTool("a", "approved", { approved: true }), catalogTool("b", "disabled", { approved: true }), catalogTool("c", "unclassified", { approved: true }), catalogTool("d", "unclassified")];
    const diff = diffCatalog(current, ["a", "b", "c", "d"].map((name) => reported(name, { description: "changed" })) as never, "replace");
    expect(Object.fromEntries(diff.changed.map((item) => [item.name, item.drift]))).toEqual({ a: true, b: true, c: false, d: false });
  });

  it("does not count a title or an annotation title as drift", () => {
    const current = [catalogTool("a", "approved", { approved: true })];
    const diff = diffCatalog(current, [reported("a", { title: "Nice name", annotations: { title: "Also nice" } })] as never, "replace");
    expect(diff.changed).toEqual([{ name: "a", fields: { title: { from: null, to: "Nice name" } }, drift: false }]);
  });

  it("removes missing tools only for complete lists, and re-adds tools that were removed", () => {
    const current = [catalogTool("kept", "approved", { approved: true }), catalogTool("gone", "approved", { approved: true }), catalogTool("back", "approved", { approved: true, removed: true })];
    const complete = diffCatalog(current, [reported("kept"), reported("back")] as never, "replace");
    expect(complete).toMatchObject({ removed: [{ name: "gone" }], added: [{ name: "back", proposedTier: "irreversible" }], unchanged: 1 });
    expect(diffCatalog(current, [reported("new", { annotations: { readOnlyHint: true } })] as never, "merge")).toMatchObject({ removed: [], added: [{ name: "new", proposedTier: "read" }] });
  });
});
