// Words for catalog changes: where a change came from, and a one-line summary of a diff.
import type { TCatalogDiff } from "@/lib/catalog/schemas";

export const SOURCE_LABELS: Record<string, string> = { manual: "Manual entry", upload: "Upload", discovery: "Live discovery", review: "Review" };

export const sourceLabel = (source: string) => SOURCE_LABELS[source] ?? source;

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

export function isEmptyDiff(diff: TCatalogDiff): boolean {
  return diff.added.length + diff.removed.length + diff.changed.length + diff.reclassified.length === 0;
}

/** "2 added · 1 changed (1 drifted) · 1 removed · 3 reclassified", or "No changes". */
export function summarizeDiff(diff: TCatalogDiff, options: { unchanged?: boolean } = {}): string {
  const drifted = diff.changed.filter((change) => change.drift).length;
  const parts = [
    diff.added.length ? `${diff.added.length} added` : null,
    diff.changed.length ? `${diff.changed.length} changed${drifted ? ` (${drifted} drifted)` : ""}` : null,
    diff.removed.length ? `${diff.removed.length} removed` : null,
    diff.reclassified.length ? `${diff.reclassified.length} reclassified` : null,
    options.unchanged && diff.unchanged ? `${diff.unchanged} unchanged` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(" · ") : "No changes";
}

export const toolCount = (count: number) => plural(count, "tool");
