"use client";
// Bulk decisions in "My reviews": certify the selected items, or every open
// read-tier item — optionally only those used in the last 30 days. Each item
// is still decided and recorded on its own (POST /api/v1/me/reviews/decisions);
// what could not be decided is reported with why.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import type { TBulkDecideInput } from "@/lib/campaigns/schemas";
import { ApiError } from "@/lib/query/api-fetch";
import { useBulkDecide } from "@/lib/query/reviews/use-bulk-decide";

type Choice = { key: string; label: string; description: string; input: TBulkDecideInput };

export function BulkActions({ selected, readItems, onDone }: { selected: string[]; readItems: number; onDone: () => void }) {
  const bulk = useBulkDecide();
  const { toast } = useToast();
  const [choice, setChoice] = useState<Choice | null>(null);
  const choices: Choice[] = [
    { key: "selected", label: `Certify selected (${selected.length})`, description: `The ${selected.length} selected item(s) are certified, each recorded as its own decision. Irreversible-tier access still needs a comment each, so it is left undecided.`, input: { decision: "certify", itemIds: selected } },
    { key: "used", label: "Certify read-tier items used in the last 30 days", description: "Every open read-tier grant item assigned to you that an enforcement point saw used in the last 30 days is certified; each is recorded as its own decision.", input: { decision: "certify", filter: { tiers: ["read"], usedWithinDays: 30 } } },
    { key: "read", label: "Certify all read-tier items", description: "Every open read-tier item assigned to you, across campaigns, is certified; each is recorded as its own decision.", input: { decision: "certify", filter: { tiers: ["read"] } } },
  ];

  const run = async (picked: Choice) => {
    try {
      const result = await bulk.mutateAsync(picked.input);
      setChoice(null);
      onDone();
      toast({
        title: `Certified ${result.decided.length} item${result.decided.length === 1 ? "" : "s"}`,
        description: result.refused.length ? `${result.refused.length} left undecided: ${result.refused[0]!.message}` : "Each is recorded as its own decision.",
        tone: result.refused.length ? "error" : "success",
      });
    } catch (thrown) {
      toast({ title: "Nothing was certified", description: thrown instanceof ApiError ? thrown.message : "The decision failed", tone: "error" });
    }
  };

  return (
    <div className="flex flex-wrap justify-end gap-2">
      {choices.map((item) => (
        <Button key={item.key} size="sm" variant="secondary" disabled={item.key === "selected" ? selected.length === 0 : readItems === 0} onClick={() => setChoice(item)}>
          {item.label}
        </Button>
      ))}
      <ConfirmDialog
        open={choice !== null}
        onClose={() => setChoice(null)}
        onConfirm={() => void (choice && run(choice))}
        title={choice?.label ?? ""}
        description={choice?.description ?? ""}
        confirmLabel="Certify"
        tone="primary"
        busy={bulk.isPending}
      />
    </div>
  );
}
