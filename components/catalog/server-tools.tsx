"use client";
// The tool catalog of an MCP server's page: the tools with their review, the ways to propose changes (discover,
// upload, add by hand), the proposal under review, the catalog history and the Protected Resource Metadata.
import { useState } from "react";
import { CatalogHistory } from "@/components/catalog/catalog-history";
import { CatalogProposals } from "@/components/catalog/catalog-proposals";
import { summarizeDiff } from "@/components/catalog/diff-summary";
import { DiscoverToolsDialog } from "@/components/catalog/discover-tools-dialog";
import { ManualToolDialog } from "@/components/catalog/manual-tool-dialog";
import { ProtectedResourceMetadataCard } from "@/components/catalog/protected-resource-metadata-card";
import { ToolsSection } from "@/components/catalog/tools-section";
import { UploadToolsDialog } from "@/components/catalog/upload-tools-dialog";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import type { TProposal } from "@/lib/catalog/schemas";
import type { TIdentity } from "@/lib/identities/schemas";

type ProposeDialog = "discover" | "upload" | "manual";

export function ServerTools({ identity, canChange }: { identity: TIdentity; canChange: boolean }) {
  const { toast } = useToast();
  const [dialog, setDialog] = useState<ProposeDialog | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  // revoked servers keep their catalog as history; nobody changes it
  const mayChange = canChange && identity.status !== "revoked";

  function onProposal(proposal: TProposal) {
    setDialog(null);
    setActiveId(proposal.id);
    toast({ title: "Proposal ready", description: `${summarizeDiff(proposal.diff, { unchanged: true })}. Review it, then apply or discard it.`, tone: "info" });
  }

  const actions = mayChange ? (
    <>
      <Button size="sm" onClick={() => setDialog("discover")}>
        Discover tools
      </Button>
      <Button variant="secondary" size="sm" onClick={() => setDialog("upload")}>
        Upload tools/list
      </Button>
      <Button variant="secondary" size="sm" onClick={() => setDialog("manual")}>
        Add tool manually
      </Button>
    </>
  ) : undefined;

  return (
    <div className="flex flex-col gap-6">
      <ToolsSection identity={identity} mayChange={mayChange} actions={actions} />
      <CatalogProposals serverId={identity.id} activeId={activeId} mayChange={mayChange} onReview={setActiveId} onClose={() => setActiveId(null)} />
      <CatalogHistory serverId={identity.id} />
      <ProtectedResourceMetadataCard identity={identity} />
      {dialog === "discover" ? <DiscoverToolsDialog identity={identity} onClose={() => setDialog(null)} onProposal={onProposal} /> : null}
      {dialog === "upload" ? <UploadToolsDialog identity={identity} onClose={() => setDialog(null)} onProposal={onProposal} /> : null}
      {dialog === "manual" ? <ManualToolDialog identity={identity} onClose={() => setDialog(null)} onProposal={onProposal} /> : null}
    </div>
  );
}
