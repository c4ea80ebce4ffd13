// /settings/capability-tags — capability tag definitions (the vocabulary of toxic-combination policies)
import type { Metadata } from "next";
import { CapabilityTagList } from "@/components/capabilities/capability-tag-list";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "Capability tags" };

export default async function CapabilityTagsPage() {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "identities:read")) return <Forbidden what="Capability tags" />;
  return (
    <div className="flex flex-col gap-2">
      <PageHeader
        title="Capability tags"
        description="What a tool lets an agent do — read private data, take in untrusted input, communicate externally. Server owners approve the tags on their tools (Warden proposes them from annotations and descriptions); toxic-combination policies name the tags an agent must not hold together."
      />
      <CapabilityTagList canManage={hasPermission(session, "grants:manage")} />
    </div>
  );
}
