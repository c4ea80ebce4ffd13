"use client";
// "Discover tools": Warden connects to the server's registered resource URI, lists its tools over MCP and
// proposes them. An optional bearer credential is sent for this one call and never stored.
import { useState } from "react";
import { toProblem } from "@/components/catalog/problems";
import { ProblemAlert, type FormProblem } from "@/components/identities/problem-alert";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { TProposal } from "@/lib/catalog/schemas";
import type { TIdentity } from "@/lib/identities/schemas";
import { ApiError } from "@/lib/query/api-fetch";
import { useDiscoverTools } from "@/lib/query/catalog/use-discover-tools";

const FAILURE_TITLES: Record<number, string> = {
  502: "The server could not be reached or did not answer as an MCP server",
  504: "The server did not answer in time",
};

export function DiscoverToolsDialog({ identity, onClose, onProposal }: { identity: TIdentity; onClose: () => void; onProposal: (proposal: TProposal) => void }) {
  const discover = useDiscoverTools(identity.id);
  const [bearer, setBearer] = useState("");
  const [problem, setProblem] = useState<{ title: string; problem: FormProblem } | null>(null);
  const stdio = identity.transport === "stdio-behind-gateway";
  const hint = "Sent as an Authorization: Bearer header to the server for this discovery only.";

  async function submit() {
    setProblem(null);
    try {
      const proposal = await discover.mutateAsync({ bearer: bearer.trim() || undefined });
      setBearer("");
      onProposal(proposal);
    } catch (thrown) {
      const status = thrown instanceof ApiError ? thrown.status : 0;
      setProblem({ title: FAILURE_TITLES[status] ?? "Discovery failed", problem: toProblem(thrown) });
    }
  }

  return (
    <Dialog
      open
      onClose={onClose}
      dismissible={!discover.isPending}
      title="Discover tools"
      description={
        <>
          Warden connects to this server&apos;s resource URI{identity.resourceUri ? <> (<code className="break-all font-mono text-xs">{identity.resourceUri}</code>)</> : null} over Streamable HTTP, calls{" "}
          <code className="font-mono text-xs">tools/list</code> and proposes the tools it reports. Nothing changes until you apply the proposal.
        </>
      }
    >
      <form
        noValidate
        aria-label="Discover tools"
        className="flex flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {stdio ? (
          <Alert tone="warning" title="Warden cannot reach this server">
            It speaks stdio behind a gateway. Upload its tools/list result instead.
          </Alert>
        ) : null}
        {!identity.resourceUri ? <Alert tone="warning" title="No resource URI">This server has no resource URI to discover from.</Alert> : null}
        <ProblemAlert title={problem?.title ?? ""} problem={problem?.problem ?? null} />
        <Field label="Bearer credential (optional, used once, never stored)" htmlFor="discover-bearer" hint={hint}>
          <Input
            id="discover-bearer"
            type="password"
            autoComplete="off"
            spellCheck={false}
            maxLength={4096}
            value={bearer}
            onChange={(e) => setBearer(e.target.value)}
            aria-describedby="discover-bearer-hint"
            disabled={discover.isPending}
            data-autofocus=""
          />
        </Field>
        <div className="flex justify-end gap-2 border-t border-slate-200 pt-4">
          <Button variant="secondary" onClick={onClose} disabled={discover.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={discover.isPending}>
            Discover
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
