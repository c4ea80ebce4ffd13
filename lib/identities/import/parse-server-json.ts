// Reads MCP Registry documents into what Warden registers. Pure (no database),
// so the console uses the same rules to split pasted text and files before it
// asks for a preview. A server identity needs one concrete resource URI, so a
// document is importable only when it has a remote with a real URL: the first
// streamable-http remote, else the first sse one. Templates and stdio-only
// packages have no such URL and are refused with a message that says so.
import type { FieldIssue } from "@/lib/errors/app-error";
import { zodIssues } from "@/lib/errors/normalize";
import { ZServerJson, type TServerJson } from "@/lib/identities/import/schemas";
import { ZResourceUri } from "@/lib/identities/uris";

export const STDIO_ONLY_MESSAGE = "stdio-only servers need a gateway URL: add a remotes entry or register it by hand";
export const PACKAGES_ONLY_MESSAGE = "Packaged servers run locally and have no fixed URL: add a remotes entry or register it by hand";
export const NO_REMOTE_MESSAGE = "A server needs a remote URL to be imported: add a remotes entry {type, url}";
export const SHAPE_MESSAGE = "Give one server.json object, an array of them, or a registry list response {servers: [{server, _meta}]}";

/** What one valid document registers: the fields of REGISTER_SCHEMAS.server it determines. */
export type ServerFromJson = {
  registryName: string;
  name: string;
  description: string;
  version: string;
  /** null when the document has no repository (an update then leaves the stored one alone) */
  sourceRepository: string | null;
  resourceUri: string;
  transport: "streamable-http" | "sse";
  /** where the resource URI came from, e.g. remotes.0.url (for problems found later) */
  resourceUriPath: string;
};

export type ParsedDocument =
  | { ok: true; server: ServerFromJson }
  | { ok: false; registryName: string | null; name: string | null; version: string | null; errors: FieldIssue[] };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The three accepted shapes, as a flat list of (not yet validated) server.json documents. */
export function splitDocuments(input: unknown): { ok: true; documents: unknown[] } | { ok: false; message: string } {
  let documents: unknown[];
  if (Array.isArray(input)) documents = input;
  else if (isRecord(input) && Array.isArray(input.servers) && !("name" in input)) {
    // registry API list responses wrap each document as {server, _meta}; plain lists are accepted too
    documents = input.servers.map((item) => (isRecord(item) && isRecord(item.server) ? item.server : item));
  } else if (isRecord(input)) documents = [input];
  else return { ok: false, message: SHAPE_MESSAGE };
  if (documents.length === 0) return { ok: false, message: "There are no documents to import" };
  return { ok: true, documents };
}

/** Warden's display name: the title, else the last segment of the registry name. */
export function displayName(document: { name: string; title?: string }): string {
  const title = document.title?.trim();
  return (title || document.name.slice(document.name.lastIndexOf("/") + 1)).slice(0, 100);
}

/** The remote that becomes the resource URI: the first streamable-http one, else the first sse one. */
export function selectRemote(remotes: TServerJson["remotes"]): { index: number; type: "streamable-http" | "sse"; url: string } | null {
  const list = remotes ?? [];
  for (const type of ["streamable-http", "sse"] as const) {
    const index = list.findIndex((remote) => remote.type === type);
    if (index >= 0) return { index, type, url: list[index]!.url };
  }
  return null;
}

function looseField(document: unknown, key: string, max: number): string | null {
  const value = isRecord(document) ? document[key] : undefined;
  return typeof value === "string" && value.trim() ? value.trim().slice(0, max) : null;
}

const ZConnection = ZServerJson.pick({ remotes: true, packages: true });

// The remote that becomes the resource URI, or the problem that there is none.
function resourceRemote(connection: Pick<TServerJson, "remotes" | "packages">): { path: string; uri: string; type: "streamable-http" | "sse" } | FieldIssue[] {
  const remote = selectRemote(connection.remotes);
  if (!remote) {
    const packages = connection.packages ?? [];
    if (packages.length === 0) return [{ path: "remotes", message: NO_REMOTE_MESSAGE }];
    return [{ path: "remotes", message: packages.some((item) => item.transport.type === "stdio") ? STDIO_ONLY_MESSAGE : PACKAGES_ONLY_MESSAGE }];
  }
  const path = `remotes.${remote.index}.url`;
  const variables = remote.url.match(/\{[^}]*\}/g);
  if (variables) {
    return [{ path, message: `The URL is a template (${variables.join(", ")}); a server identity needs a concrete URL: register it by hand with your deployment's URL` }];
  }
  const uri = ZResourceUri.safeParse(remote.url);
  if (!uri.success) return uri.error.issues.map((issue) => ({ path, message: issue.message }));
  return { path, uri: uri.data, type: remote.type };
}

/** One document → the server it registers, or every problem found in it (paths relative to the document). */
export function parseServerJson(document: unknown): ParsedDocument {
  const result = ZServerJson.safeParse(document);
  const errors = result.success ? [] : zodIssues(result.error);
  // the remote is checked even when other fields are wrong, so one pass reports everything
  const connection = ZConnection.safeParse(document);
  const remote = connection.success ? resourceRemote(connection.data) : null;
  if (Array.isArray(remote)) errors.push(...remote);
  if (!result.success || !remote || Array.isArray(remote)) {
    return { ok: false, registryName: looseField(document, "name", 200), name: looseField(document, "title", 100), version: looseField(document, "version", 255), errors };
  }
  const json = result.data;
  return {
    ok: true,
    server: {
      registryName: json.name,
      name: displayName(json),
      description: json.description.trim(),
      version: json.version,
      sourceRepository: json.repository?.url ?? null,
      resourceUri: remote.uri,
      transport: remote.type,
      resourceUriPath: remote.path,
    },
  };
}

export type JsonTextResult = { ok: true; value: unknown } | { ok: false; message: string; line: number | null; column: number | null };

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const lines = text.slice(0, position).split("\n");
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/**
 * JSON.parse with the error's line and column. Engines word their messages
 * differently: V8 says "at position N" (newer versions add "(line L column C)"),
 * Firefox "at line L column C", and a text that stops early "end of … input".
 */
export function parseJsonText(raw: string): JsonTextResult {
  const text = raw.replace(/^\uFEFF/, "");
  if (text.trim() === "") return { ok: false, message: "There is nothing to read", line: null, column: null };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const original = error instanceof Error ? error.message : String(error);
    const message =
      original
        .replace(/^JSON\.parse: /, "")
        .replace(/^JSON Parse error: /, "")
        .replace(/ at line \d+ column \d+ of the JSON data$/, "")
        .replace(/,? in JSON at position \d+.*$/, "")
        .replace(/ \(line \d+ column \d+\)$/, "")
        .trim() || "Not valid JSON";
    const explicit = /line (\d+) column (\d+)/i.exec(original);
    if (explicit) return { ok: false, message, line: Number(explicit[1]), column: Number(explicit[2]) };
    const position = /position (\d+)/i.exec(original);
    if (position) return { ok: false, message, ...lineAndColumn(text, Number(position[1])) };
    if (/end of (JSON )?(input|data)/i.test(original)) return { ok: false, message, ...lineAndColumn(text, text.length) };
    return { ok: false, message, line: null, column: null };
  }
}

/** Text (a file or a paste) → the server.json documents in it, or where it stops being JSON. */
export function documentsFromText(text: string): { ok: true; documents: unknown[] } | { ok: false; message: string; line: number | null; column: number | null } {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return parsed;
  const split = splitDocuments(parsed.value);
  return split.ok ? split : { ok: false, message: split.message, line: null, column: null };
}
