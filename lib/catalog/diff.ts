// The difference between a server's catalog and a reported tool list: what
// would be added, removed (only when the list is complete) or changed, and
// which changes are drift (an approved tool no longer matches what was approved).
import { behaviourHints, fingerprint, proposeTier, schemaHash, type Annotations } from "@/lib/catalog/classify";
import type { TCatalogDiff, TReportedTool } from "@/lib/catalog/schemas";

export type CatalogTool = {
  name: string;
  title: string | null;
  description: string | null;
  inputSchemaHash: string;
  annotations: unknown;
  status: "unclassified" | "approved" | "disabled";
  approvedFingerprint: string | null;
  removedAt: Date | null;
};

export function reportedFields(tool: TReportedTool) {
  const annotations = (tool.annotations ?? null) as Annotations | null;
  const inputSchemaHash = schemaHash(tool.inputSchema);
  return {
    title: tool.title ?? annotations?.title ?? null,
    description: tool.description ?? null,
    inputSchemaHash,
    annotations: behaviourHints(annotations),
    fingerprint: fingerprint({ description: tool.description ?? null, inputSchemaHash, annotations }),
    proposedTier: proposeTier(annotations),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function diffCatalog(current: CatalogTool[], incoming: TReportedTool[], mode: "merge" | "replace"): TCatalogDiff {
  const diff: TCatalogDiff = { added: [], removed: [], changed: [], reclassified: [], unchanged: 0 };
  const byName = new Map(current.map((tool) => [tool.name, tool]));
  for (const tool of incoming) {
    const fields = reportedFields(tool);
    const existing = byName.get(tool.name);
    if (!existing || existing.removedAt) {
      diff.added.push({ name: tool.name, proposedTier: fields.proposedTier });
      continue;
    }
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (!same(existing.title, fields.title)) changes.title = { from: existing.title, to: fields.title };
    if (!same(existing.description, fields.description)) changes.description = { from: existing.description, to: fields.description };
    if (existing.inputSchemaHash !== fields.inputSchemaHash) changes.inputSchema = { from: existing.inputSchemaHash, to: fields.inputSchemaHash };
    if (!same(behaviourHints(existing.annotations as Annotations | null), fields.annotations)) changes.annotations = { from: existing.annotations ?? null, to: fields.annotations };
    if (Object.keys(changes).length === 0) {
      diff.unchanged += 1;
      continue;
    }
    // drift: a tool someone approved no longer matches what they approved (a
    // disabled tool drifts too: enabling it must not restore the old approval);
    // a tool already awaiting review is not flagged again
    const drift = existing.status !== "unclassified" && existing.approvedFingerprint !== null && existing.approvedFingerprint !== fields.fingerprint;
    diff.changed.push({ name: tool.name, fields: changes, drift });
  }
  if (mode === "replace") {
    const reported = new Set(incoming.map((tool) => tool.name));
    for (const tool of current) if (!tool.removedAt && !reported.has(tool.name)) diff.removed.push({ name: tool.name });
  }
  return diff;
}

export function isEmptyCatalogDiff(diff: TCatalogDiff): boolean {
  return diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0 && diff.reclassified.length === 0;
}
