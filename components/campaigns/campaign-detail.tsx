"use client";
// One campaign's page. A draft shows its definition (Edit: the same form as "New campaign"), the
// preview and Launch; a generating one its progress, polled every second until it is active; a
// running or closed one its dashboard, with Close early and the evidence exports. Starts from the
// server-rendered campaign and follows it through react-query.
import { useState } from "react";
import { CampaignDashboard } from "@/components/campaigns/campaign-dashboard";
import { CampaignDefinition } from "@/components/campaigns/campaign-definition";
import { CampaignForm } from "@/components/campaigns/campaign-form";
import { TYPE_LABELS } from "@/components/campaigns/campaign-labels";
import { CampaignPreview } from "@/components/campaigns/campaign-preview";
import { CampaignStatusBadge, ProgressBar } from "@/components/campaigns/campaign-status";
import { LaunchDialog } from "@/components/campaigns/launch-dialog";
import { ReasonConfirmDialog } from "@/components/catalog/reason-confirm-dialog";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useToast } from "@/components/ui/toast";
import type { TCampaign } from "@/lib/campaigns/schemas";
import { formatDateTime } from "@/lib/format/date";
import { useCampaign } from "@/lib/query/campaigns/use-campaign";
import { useCloseCampaign } from "@/lib/query/campaigns/use-close-campaign";

type Open = "launch" | "close" | null;

function GenerationProgress({ campaign }: { campaign: TCampaign }) {
  const total = campaign.itemsTotal ?? 0;
  return (
    <Card title="Generating items" description="Each item is a snapshot of what its reviewer needs, taken for the population frozen at the launch. Reviewers can start on the items generated so far.">
      <div data-testid="generation-progress" aria-live="polite">
        <ProgressBar wide value={campaign.itemsGenerated} max={total} label={`${campaign.itemsGenerated} of ${total}`} caption="Items generated" />
      </div>
    </Card>
  );
}

function EvidenceLinks({ campaignId }: { campaignId: string }) {
  const base = `/api/v1/campaigns/${encodeURIComponent(campaignId)}/evidence`;
  return (
    <>
      <a href={`${base}?format=csv`} className={buttonClasses({ variant: "secondary" })} download>
        Export evidence (CSV)
      </a>
      <a href={`${base}?format=json`} className={buttonClasses({ variant: "secondary" })} download>
        Export evidence (signed JSON)
      </a>
    </>
  );
}

export function CampaignDetail(props: { campaign: TCampaign; canManage: boolean }) {
  const { canManage } = props;
  const { data } = useCampaign(props.campaign.id, { initialData: props.campaign });
  const campaign = data ?? props.campaign;
  const [open, setOpen] = useState<Open>(null);
  const [editing, setEditing] = useState(false);
  const close = useCloseCampaign();
  const { toast } = useToast();
  const { status } = campaign;
  const running = status === "generating" || status === "active";

  const actions = (
    <>
      {status === "draft" && canManage && !editing ? (
        <>
          <Button variant="secondary" onClick={() => setEditing(true)}>
            Edit
          </Button>
          <Button onClick={() => setOpen("launch")}>Launch</Button>
        </>
      ) : null}
      {status === "active" || status === "closed" ? <EvidenceLinks campaignId={campaign.id} /> : null}
      {running && canManage ? (
        <Button variant="danger" onClick={() => setOpen("close")}>
          Close early
        </Button>
      ) : null}
    </>
  );

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-start justify-between gap-4 border-b border-slate-200 pb-4">
        <div className="min-w-0">
          <h1 className="truncate text-xl font-semibold tracking-tight text-slate-900">{campaign.name}</h1>
          <div className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <span>{TYPE_LABELS[campaign.type]} campaign</span>
            <CampaignStatusBadge status={status} />
            <span>due {formatDateTime(campaign.dueAt)}</span>
            {campaign.recurrence ? <span>· repeats {campaign.recurrence}</span> : null}
          </div>
        </div>
        <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div>
      </div>

      {status === "draft" ? (
        editing ? (
          <CampaignForm mode="edit" campaign={campaign} onDone={() => setEditing(false)} />
        ) : (
          <>
            <CampaignPreview campaignId={campaign.id} />
            <CampaignDefinition campaign={campaign} />
          </>
        )
      ) : null}
      {status === "generating" ? <GenerationProgress campaign={campaign} /> : null}
      {status === "active" || status === "closed" ? <CampaignDashboard campaign={campaign} /> : null}
      {status !== "draft" ? <CampaignDefinition campaign={campaign} /> : null}

      <LaunchDialog campaign={campaign} open={open === "launch"} onClose={() => setOpen(null)} />
      {open === "close" ? (
        <ReasonConfirmDialog
          id="close-campaign-reason"
          title="Close campaign early"
          description="Undecided items stay undecided and can no longer be decided; nothing is revoked by closing. A closed campaign cannot be reopened: to review again, start a new campaign."
          confirmLabel="Close campaign"
          failureTitle="The campaign was not closed"
          reasonRequired
          hint="Recorded with the campaign and in the audit log."
          onClose={() => setOpen(null)}
          onSubmit={async (reason) => {
            await close.mutateAsync({ id: campaign.id, reason: reason ?? "" });
            setOpen(null);
            toast({ title: "Campaign closed", description: campaign.name, tone: "success" });
          }}
        />
      ) : null}
    </div>
  );
}
