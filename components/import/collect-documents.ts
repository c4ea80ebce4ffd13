// Turns the chosen files and the pasted text into one list of documents for the
// API, remembering where each came from so problems can name the file, and
// formats the API's documents.<index>.<path> problems for people.
import { documentsFromText } from "@/lib/identities/import/parse-server-json";
import type { TImportReport } from "@/lib/identities/import/schemas";

export const MAX_FILE_BYTES = 1024 * 1024;

/** A file as read in the browser: its text, or why it was not read. */
export type ImportFile = { id: string; name: string; size: number; text: string | null; error: string | null };

export type Collected = { documents: unknown[]; origins: string[]; problems: string[] };

export async function readImportFile(file: File, id: string): Promise<ImportFile> {
  if (file.size > MAX_FILE_BYTES) {
    return { id, name: file.name, size: file.size, text: null, error: "Larger than 1 MiB: split it into smaller files" };
  }
  try {
    return { id, name: file.name, size: file.size, text: await file.text(), error: null };
  } catch {
    return { id, name: file.name, size: file.size, text: null, error: "Could not be read" };
  }
}

export function collectDocuments(files: ImportFile[], pasted: string): Collected {
  const collected: Collected = { documents: [], origins: [], problems: [] };
  const sources = [...files.map((file) => ({ label: file.name, text: file.text, error: file.error })), ...(pasted.trim() ? [{ label: "Pasted text", text: pasted, error: null }] : [])];
  for (const source of sources) {
    if (source.error || source.text === null) {
      collected.problems.push(`${source.label}: ${source.error ?? "Could not be read"}`);
      continue;
    }
    const result = documentsFromText(source.text);
    if (!result.ok) {
      const where = result.line !== null ? `line ${result.line}, column ${result.column}: ` : "";
      collected.problems.push(`${source.label}: ${where}${result.message}`);
      continue;
    }
    for (const document of result.documents) {
      collected.documents.push(document);
      collected.origins.push(source.label);
    }
  }
  return collected;
}

/** "Document 3 (io.github.acme/weather)", counting from 1 as people do. */
export function documentLabel(index: number, report: Pick<TImportReport, "registryName"> | undefined): string {
  return `Document ${index + 1}${report?.registryName ? ` (${report.registryName})` : ""}`;
}

/** An API problem such as documents.2.remotes.0.url, as "Document 3 (name): remotes.0.url: message". */
export function describeIssue(issue: { path: string; message: string }, reports: TImportReport[] | undefined): string {
  const match = /^documents\.(\d+)\.(.+)$/.exec(issue.path);
  if (!match) return issue.path && issue.path !== "(root)" ? `${issue.path}: ${issue.message}` : issue.message;
  const index = Number(match[1]);
  return `${documentLabel(index, reports?.find((report) => report.index === index))}: ${match[2]}: ${issue.message}`;
}
