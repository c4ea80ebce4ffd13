"use client";
// "Launch campaign": confirms with the item count from a fresh preview. Launching freezes the
// population (later grants, identities and tools are not added) and fixes the definition.
import { previewSummary } from "@/components/campaigns/campaign-preview";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import type { TCampaign } from "@/lib/campaigns/schemas";
import { ApiError } from "@/lib/query/api-fetch";
import { useCampaignPreview } from "@/lib/query/campaigns/use-campaign-preview";
import { useLaunchCampaign } from "@/lib/query/campaigns/use-launch-campaign";

export function LaunchDialog({ campaign, open, onClose }: { campaign: TCampaign; open: boolean; onClose: () => void }) {
  const { toast } = useToast();
  const preview = useCampaignPreview(campaign.id, { enabled: open });
  const launch = useLaunchCampaign();

  const confirm = async () => {
    try {
      await launch.mutateAsync(campaign.id);
      onClose();
      toast({ title: "Campaign launched", description: `${campaign.name}: its items are being generated.`, tone: "success" });
    } catch (error) {
      toast({ title: "The campaign was not launched", description: error instanceof ApiError ? error.message : "The launch failed", tone: "error" });
    }
  };

  return (
    <ConfirmDialog
      open={open}
      onClose={onClose}
      onConfirm={confirm}
      title="Launch campaign"
      tone="primary"
      confirmLabel="Launch"
      busy={launch.isPending}
      description={
        <span data-testid="launch-count">
          {preview.data ? `${campaign.name} will generate ${previewSummary(preview.data)}.` : preview.error ? `The preview failed: ${preview.error.message}` : "Counting the items…"}
        </span>
      }
    >
      {preview.isFetching && !preview.data ? <Spinner label="Counting the items" /> : null}
      <p>Reviewers see their items at once. What exists at this moment is reviewed; access granted later is not added. The definition cannot be changed after the launch.</p>
    </ConfirmDialog>
  );
}
