"use client";
// Where the documents come from: .json files (read as text in the browser,
// nothing is uploaded until preview) and a text area to paste into.
import { useState } from "react";
import { readImportFile, type ImportFile } from "@/components/import/collect-documents";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";

const FILES_HINT = "One or more .json files, up to 1 MiB each: a server.json, an array of them, or a registry list response.";
const PASTE_HINT = 'For example {"name": "io.github.acme/weather", "description": "…", "version": "1.0.0", "remotes": [{"type": "streamable-http", "url": "https://…"}]}';

const kib = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KiB`;

export function ImportSources({ files, onFilesChange, pasted, onPastedChange }: { files: ImportFile[]; onFilesChange: (files: ImportFile[]) => void; pasted: string; onPastedChange: (text: string) => void }) {
  // a new key empties the native file input, whose value cannot be set
  const [inputKey, setInputKey] = useState(0);

  async function onPick(list: FileList | null) {
    const picked = [...(list ?? [])];
    const read = await Promise.all(picked.map((file, i) => readImportFile(file, `${Date.now()}-${i}-${file.name}`)));
    onFilesChange([...files, ...read]);
    setInputKey((key) => key + 1);
  }

  return (
    <div className="flex flex-col gap-4">
      <Field label="server.json files" htmlFor="import-files" hint={FILES_HINT}>
        <Input key={inputKey} id="import-files" type="file" accept=".json,application/json" multiple aria-describedby="import-files-hint" className="py-1" onChange={(event) => void onPick(event.target.files)} />
      </Field>
      {files.length > 0 ? (
        <ul aria-label="Chosen files" className="divide-y divide-slate-100 rounded-md border border-slate-200 text-sm">
          {files.map((file) => (
            <li key={file.id} className="flex items-center justify-between gap-3 px-3 py-2">
              <div className="min-w-0">
                <p className="truncate font-medium text-slate-800">{file.name}</p>
                <p className={file.error ? "text-xs font-medium text-red-700" : "text-xs text-slate-500"}>{file.error ?? kib(file.size)}</p>
              </div>
              <Button variant="ghost" size="sm" onClick={() => onFilesChange(files.filter((other) => other.id !== file.id))}>
                Remove<span className="sr-only"> {file.name}</span>
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <Field label="Paste server.json or a registry list response" htmlFor="import-paste" hint={PASTE_HINT}>
        <Textarea id="import-paste" rows={10} spellCheck={false} className="font-mono text-xs" value={pasted} aria-describedby="import-paste-hint" onChange={(event) => onPastedChange(event.target.value)} />
      </Field>
    </div>
  );
}
