"use client";
// "Upload tools/list": a file or pasted JSON with the server's tools/list result. JSON syntax errors are caught
// here with their line and column; the API checks the tools and names each problem's tool.
import { useState } from "react";
import { toProblem } from "@/components/catalog/problems";
import { ProblemAlert, type FormProblem } from "@/components/identities/problem-alert";
import { readImportFile } from "@/components/import/collect-documents";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import type { TProposal } from "@/lib/catalog/schemas";
import { parseJsonText } from "@/lib/identities/import/parse-server-json";
import type { TIdentity } from "@/lib/identities/schemas";
import { useCreateProposal } from "@/lib/query/catalog/use-create-proposal";

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The tool list inside any accepted shape: { tools }, a JSON-RPC response, or a bare array. */
function toolsOf(document: unknown): unknown[] | null {
  if (Array.isArray(document)) return document;
  if (!isRecord(document)) return null;
  if (Array.isArray(document.tools)) return document.tools;
  if (isRecord(document.result) && Array.isArray(document.result.tools)) return document.result.tools;
  return null;
}

/** "document.tools.3.name" → "Tool 4 (get_weather): name", counting from 1 as people do. */
function withToolNames(problem: FormProblem, document: unknown): FormProblem {
  const tools = toolsOf(document);
  return {
    message: problem.message,
    issues: problem.issues.map((issue) => {
      const match = /^document\.(?:(?:result\.)?tools\.)?(\d+)(?:\.(.+))?$/.exec(issue.path);
      if (!match) return { ...issue, path: issue.path.replace(/^document\.?/, "") || "(document)" };
      const index = Number(match[1]);
      const tool = tools?.[index];
      const name = isRecord(tool) && typeof tool.name === "string" ? ` (${tool.name})` : "";
      return { ...issue, path: `Tool ${index + 1}${name}${match[2] ? `: ${match[2]}` : ""}` };
    }),
  };
}

export function UploadToolsDialog({ identity, onClose, onProposal }: { identity: TIdentity; onClose: () => void; onProposal: (proposal: TProposal) => void }) {
  const create = useCreateProposal(identity.id);
  const [text, setText] = useState("");
  const [textError, setTextError] = useState<string | undefined>(undefined);
  const [fileError, setFileError] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [reading, setReading] = useState(false);
  const textHint = 'The tools/list result ({"tools": [...]}), a JSON-RPC response carrying it, or a bare array of tools. It is the complete list: tools missing from it are proposed for removal.';
  const fileHint = "A .json file (up to 1 MiB); its text appears below.";

  async function onFile(file: File | undefined) {
    setFileError(undefined);
    if (!file) return;
    setReading(true);
    const read = await readImportFile(file, "upload");
    setReading(false);
    if (read.error || read.text === null) {
      setFileError(`${file.name}: ${read.error ?? "Could not be read"}`);
      return;
    }
    setText(read.text);
    setTextError(undefined);
  }

  async function submit() {
    setProblem(null);
    const parsed = parseJsonText(text);
    if (!parsed.ok) {
      setTextError(parsed.line !== null ? `Line ${parsed.line}, column ${parsed.column}: ${parsed.message}` : parsed.message);
      return;
    }
    setTextError(undefined);
    try {
      onProposal(await create.mutateAsync({ source: "upload", document: parsed.value }));
    } catch (thrown) {
      setProblem(withToolNames(toProblem(thrown), parsed.value));
    }
  }

  const busy = create.isPending || reading;
  return (
    <Dialog
      open
      onClose={onClose}
      dismissible={!create.isPending}
      size="lg"
      title="Upload tools/list"
      description="Propose the catalog from what the server reports. Nothing changes until you apply the proposal."
    >
      <form
        noValidate
        aria-label="Upload tools/list"
        className="flex flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <ProblemAlert title="The upload was not accepted" problem={problem} />
        <Field label="JSON file" htmlFor="upload-tools-file" hint={fileHint} error={fileError}>
          <input
            id="upload-tools-file"
            type="file"
            accept="application/json,.json"
            aria-describedby={describedBy("upload-tools-file", { hint: fileHint, error: fileError })}
            disabled={busy}
            onChange={(e) => void onFile(e.target.files?.[0])}
            className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-700 hover:file:bg-slate-50"
          />
        </Field>
        <Field label="tools/list result (JSON)" htmlFor="upload-tools-text" hint={textHint} error={textError} required>
          <Textarea
            id="upload-tools-text"
            rows={12}
            spellCheck={false}
            className="font-mono text-xs"
            placeholder='{"tools": [{"name": "get_weather", "inputSchema": {"type": "object"}}]}'
            value={text}
            invalid={Boolean(textError)}
            aria-describedby={describedBy("upload-tools-text", { hint: textHint, error: textError })}
            disabled={create.isPending}
            onChange={(e) => {
              setText(e.target.value);
              setTextError(undefined);
            }}
          />
        </Field>
        <div className="flex justify-end gap-2 border-t border-slate-200 pt-4">
          <Button variant="secondary" onClick={onClose} disabled={create.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending} disabled={reading}>
            Upload
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
