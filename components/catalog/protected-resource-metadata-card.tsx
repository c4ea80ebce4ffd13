"use client";
// "Protected Resource Metadata": the RFC 9728 document the MCP server should serve at
// /.well-known/oauth-protected-resource, with copy, download and Warden's public URL for it.
import { useSyncExternalStore, type MouseEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Spinner } from "@/components/ui/spinner";
import type { TIdentity } from "@/lib/identities/schemas";
import { useProtectedResourceMetadata } from "@/lib/query/catalog/use-protected-resource-metadata";

const FILE_NAME = "oauth-protected-resource.json";
const noSubscription = () => () => {};

/** The page's origin in the browser, "" while rendering on the server (no hydration mismatch). */
function useOrigin(): string {
  return useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => "",
  );
}

export function ProtectedResourceMetadataCard({ identity }: { identity: TIdentity }) {
  const active = identity.status === "active";
  const { data, error, isPending } = useProtectedResourceMetadata(identity.id, { enabled: active });
  const origin = useOrigin();
  const path = `/identities/${identity.id}/oauth-protected-resource`;
  const body = data ? JSON.stringify(data, null, 2) : "";

  // a fresh blob URL per click, released once the download has started
  function download(event: MouseEvent<HTMLAnchorElement>) {
    const url = URL.createObjectURL(new Blob([`${body}\n`], { type: "application/json" }));
    event.currentTarget.href = url;
    window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  let content;
  if (identity.status === "revoked") {
    content = (
      <Alert tone="info" title="Not published">
        This server is revoked: Warden no longer publishes its Protected Resource Metadata.
      </Alert>
    );
  } else if (!active) {
    content = (
      <Alert tone="info" title="Published once the server is active">
        Warden publishes this server&apos;s Protected Resource Metadata (its resource URI, Warden as authorization server and its approved tool scopes) once the server is active.
      </Alert>
    );
  } else if (error) {
    content = (
      <Alert tone="danger" title="Could not load the document">
        {error.message}
      </Alert>
    );
  } else if (isPending) {
    content = <Spinner label="Loading the document" />;
  } else {
    content = (
      <div className="space-y-3">
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span className="font-medium text-slate-700">Public URL</span>
          <a href={path} className="break-all font-mono text-xs text-indigo-700 hover:underline" target="_blank" rel="noreferrer">
            {origin}
            {path}
          </a>
          <CopyButton value={`${origin}${path}`} subject="public URL" />
        </div>
        <pre data-testid="protected-resource-metadata" tabIndex={0} aria-label="Protected Resource Metadata document" className="max-h-96 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-3 font-mono text-xs text-slate-900">
          {body}
        </pre>
        <div className="flex flex-wrap gap-2">
          <CopyButton value={body} subject="Protected Resource Metadata" size="md" />
          <a href="#download" download={FILE_NAME} onClick={download} className={buttonClasses({ variant: "secondary" })}>
            Download
          </a>
        </div>
      </div>
    );
  }

  return (
    <Card
      title="Protected Resource Metadata"
      description="RFC 9728: serve this document at /.well-known/oauth-protected-resource on the MCP server, or point clients at Warden's public copy. It lists the approved tool scopes and changes with them."
    >
      {content}
    </Card>
  );
}
