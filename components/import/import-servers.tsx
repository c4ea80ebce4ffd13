"use client";
// The import page's workflow: choose documents, environment and owner →
// "Preview import" shows what each document would do → "Import N servers"
// applies it, all or nothing. Any change to the inputs drops the preview, so
// what is imported is always what was previewed.
import { useState } from "react";
import { collectDocuments, describeIssue, type ImportFile } from "@/components/import/collect-documents";
import { ImportPreviewTable } from "@/components/import/import-preview-table";
import { ImportSources } from "@/components/import/import-sources";
import { PeoplePicker } from "@/components/identities/people-picker";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import type { TImportPlan, TImportServersInput } from "@/lib/identities/import/schemas";
import { ENVIRONMENTS, type EnvironmentName } from "@/lib/identities/kinds";
import { ApiError } from "@/lib/query/api-fetch";
import type { DirectoryUser } from "@/lib/query/identities/use-directory-users";
import { useImportServers } from "@/lib/query/import/use-import-servers";
import { usePreviewImport } from "@/lib/query/import/use-preview-import";

const ENVIRONMENT_LABELS: Record<EnvironmentName, string> = { production: "Production", staging: "Staging", development: "Development" };
const OWNER_HINT = "Owner of the servers this import creates: any active user. Servers that already exist keep their owners.";
const ENVIRONMENT_HINT = "New servers get this environment. Development servers are approved at once when auto-approval is on.";

type Preview = { plan: TImportPlan; origins: string[]; input: TImportServersInput };
type Failure = { title: string; lines: string[] };

const servers = (n: number) => `${n} server${n === 1 ? "" : "s"}`;

function failureOf(error: unknown, title: string, preview: Preview | null): Failure {
  if (!(error instanceof ApiError)) return { title, lines: ["Something went wrong. Try again."] };
  const lines = error.issues.map((issue) => describeIssue(issue, preview?.plan.documents));
  return { title, lines: [error.message, ...lines.filter((line) => line !== error.message)] };
}

export function ImportServers({ self, canChooseOwner }: { self: DirectoryUser; canChooseOwner: boolean }) {
  const { toast } = useToast();
  const previewImport = usePreviewImport();
  const importServers = useImportServers();
  const [files, setFiles] = useState<ImportFile[]>([]);
  const [pasted, setPasted] = useState("");
  const [environment, setEnvironment] = useState<EnvironmentName>("development");
  const [ownerId, setOwnerId] = useState(self.id);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [result, setResult] = useState<TImportPlan | null>(null);

  // every input change invalidates the preview (and an earlier result)
  function changed<T>(set: (value: T) => void) {
    return (value: T) => {
      set(value);
      setPreview(null);
      setFailure(null);
      setResult(null);
    };
  }

  async function onPreview() {
    setFailure(null);
    setResult(null);
    setPreview(null);
    const collected = collectDocuments(files, pasted);
    if (collected.problems.length > 0) return setFailure({ title: "Some input is not valid JSON", lines: collected.problems });
    if (collected.documents.length === 0) return setFailure({ title: "Nothing to preview", lines: ["Choose server.json files or paste a document first."] });
    const input: TImportServersInput = { documents: collected.documents, ownerId, environment };
    try {
      const plan = await previewImport.mutateAsync(input);
      setPreview({ plan, origins: collected.origins, input });
    } catch (error) {
      setFailure(failureOf(error, "The import could not be previewed", null));
    }
  }

  async function onImport() {
    if (!preview) return;
    setFailure(null);
    try {
      const done = await importServers.mutateAsync(preview.input);
      const n = done.summary.create + done.summary.update;
      setResult(done);
      setPreview(null);
      toast({ title: `Imported ${servers(n)}`, description: `${done.summary.create} created, ${done.summary.update} updated, ${done.summary.unchanged} unchanged.`, tone: "success" });
    } catch (error) {
      setFailure(failureOf(error, "Nothing was imported", preview));
    }
  }

  const summary = preview?.plan.summary;
  const toWrite = summary ? summary.create + summary.update : 0;

  return (
    <div className="flex flex-col gap-6">
      <Card title="Documents" description="MCP Registry server.json documents (schema 2025-12-11). Only servers with a remote URL can be imported.">
        <ImportSources files={files} onFilesChange={changed(setFiles)} pasted={pasted} onPastedChange={changed(setPasted)} />
      </Card>
      <Card title="New servers" description="Servers that already exist (same registry name) keep their environment and owners.">
        <div className="flex flex-col gap-4">
          <Field label="Environment" htmlFor="import-environment" hint={ENVIRONMENT_HINT} className="max-w-xs">
            <Select id="import-environment" value={environment} aria-describedby="import-environment-hint" onChange={(event) => changed(setEnvironment)(event.target.value as EnvironmentName)}>
              {ENVIRONMENTS.map((name) => (
                <option key={name} value={name}>
                  {ENVIRONMENT_LABELS[name]}
                </option>
              ))}
            </Select>
          </Field>
          {canChooseOwner ? (
            <PeoplePicker id="import-owner" label="Owner" value={ownerId} selected={self} onChange={changed(setOwnerId)} hint={OWNER_HINT} required />
          ) : (
            <p className="text-sm text-slate-700">
              Owner: <span className="font-medium">{self.name}</span> (you). Admins can import servers for other owners.
            </p>
          )}
        </div>
      </Card>
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={() => void onPreview()} loading={previewImport.isPending}>
          Preview import
        </Button>
      </div>

      {failure ? (
        <Alert tone="danger" title={failure.title}>
          <ul className="list-disc space-y-0.5 pl-4">
            {failure.lines.map((line, i) => (
              <li key={`${i}:${line}`}>{line}</li>
            ))}
          </ul>
        </Alert>
      ) : null}

      {preview && summary ? (
        <Card
          title="Preview"
          description={`${summary.total} document${summary.total === 1 ? "" : "s"}: ${summary.create} to create, ${summary.update} to update, ${summary.unchanged} unchanged, ${summary.invalid} invalid.`}
          actions={
            <Button onClick={() => void onImport()} loading={importServers.isPending} disabled={summary.invalid > 0 || toWrite === 0}>
              Import {servers(toWrite)}
            </Button>
          }
        >
          <div className="flex flex-col gap-4">
            {summary.invalid > 0 ? (
              <Alert tone="warning" title={`${summary.invalid} of ${summary.total} documents cannot be imported`}>
                Nothing will be written until every document is valid. Fix or remove the documents marked invalid, then preview again.
              </Alert>
            ) : toWrite === 0 ? (
              <Alert tone="info" title="Nothing to import">
                Every server is already up to date.
              </Alert>
            ) : null}
            <ImportPreviewTable reports={preview.plan.documents} origins={preview.origins} caption="What the import would do with each document" />
          </div>
        </Card>
      ) : null}

      {result ? (
        <div data-testid="import-result">
          <Alert tone="success" title={`Imported ${servers(result.summary.create + result.summary.update)}`}>
            <p>
              {result.summary.create} created, {result.summary.update} updated, {result.summary.unchanged} unchanged.
            </p>
            <ButtonLink href="/servers" variant="secondary" size="sm" className="mt-2">
              Go to MCP servers
            </ButtonLink>
          </Alert>
        </div>
      ) : null}
    </div>
  );
}
