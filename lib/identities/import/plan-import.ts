// Plans an import of MCP Registry documents: what each document would create,
// update or leave unchanged, and why an invalid one cannot be imported. The
// preview answers with the plan and writes nothing; the import plans again in
// its own transaction and applies the plan only when every document is valid.
//
// Owners and environment apply to servers the import creates; existing servers
// (matched by registry name) keep theirs, and an update changes only what the
// document describes: name, description, repository, resource URI, transport.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { transact, type Tx } from "@/lib/db/transaction";
import { AppError, invalid, type FieldIssue } from "@/lib/errors/app-error";
import { canChangeIdentity } from "@/lib/identities/access";
import { assertActiveUser } from "@/lib/identities/checks";
import { parseServerJson, splitDocuments, type ServerFromJson } from "@/lib/identities/import/parse-server-json";
import { ZImportServersInput, type TImportPlan, type TImportReport, type TImportServersInput } from "@/lib/identities/import/schemas";
import { fromDbTransport, KIND_INFO } from "@/lib/identities/kinds";
import { assertMayAssign } from "@/lib/identities/register-identity";
import { REGISTER_SCHEMAS } from "@/lib/identities/schemas";
import { readSettings } from "@/lib/settings/get-settings";

const EXISTING_SELECT = {
  id: true,
  kind: true,
  name: true,
  status: true,
  description: true,
  resourceUri: true,
  transport: true,
  sourceRepository: true,
  registryName: true,
  ownerId: true,
  backupOwnerId: true,
  slug: true,
  clientId: true,
} as const;

type Existing = { id: string; kind: string; name: string; status: string; description: string | null; resourceUri: string | null; transport: string | null; sourceRepository: string | null; registryName: string | null; ownerId: string; backupOwnerId: string | null; slug: string; clientId: string | null };

export type PlannedDocument =
  | { action: "create"; report: TImportReport; registration: ReturnType<typeof REGISTER_SCHEMAS.server.parse> }
  | { action: "update"; report: TImportReport; existing: Existing; server: ServerFromJson; changes: Record<string, { from: unknown; to: unknown }> }
  | { action: "unchanged" | "invalid"; report: TImportReport };

export type ImportPlanning = { plan: TImportPlan; documents: PlannedDocument[]; input: ReturnType<typeof ZImportServersInput.parse> };

function report(index: number, fields: Partial<TImportReport> & Pick<TImportReport, "action">): TImportReport {
  return { index, registryName: null, name: null, version: null, identityId: null, status: null, ownerId: null, resourceUri: null, transport: null, ...fields };
}

function serverFields(server: ServerFromJson) {
  return { registryName: server.registryName, name: server.name, version: server.version, resourceUri: server.resourceUri, transport: server.transport };
}

// Which registration fields the document's fields became, to point problems at the document.
function documentPath(field: string, server: ServerFromJson): string {
  const map: Record<string, string> = { name: "title", description: "description", resourceUri: server.resourceUriPath, transport: server.resourceUriPath.replace(/url$/, "type"), sourceRepository: "repository.url", registryName: "name" };
  return map[field] ?? field;
}

function changesOf(existing: Existing, server: ServerFromJson): Record<string, { from: unknown; to: unknown }> {
  const next: Record<string, unknown> = { name: server.name, description: server.description, resourceUri: server.resourceUri, transport: server.transport };
  if (server.sourceRepository !== null) next.sourceRepository = server.sourceRepository;
  const current: Record<string, unknown> = { ...existing, transport: existing.transport ? fromDbTransport(existing.transport) : null };
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [field, value] of Object.entries(next)) if ((current[field] ?? null) !== value) changes[field] = { from: current[field] ?? null, to: value };
  return changes;
}

async function checkOwners(tx: Tx, actor: Actor, input: ImportPlanning["input"], names: Set<string>): Promise<void> {
  assertMayAssign(actor, { ownerId: input.ownerId });
  for (const ownerId of Object.values(input.owners ?? {})) assertMayAssign(actor, { ownerId });
  await assertActiveUser(tx, input.ownerId, "ownerId");
  if (input.backupOwnerId) {
    if (input.backupOwnerId === input.ownerId) throw invalid("The backup owner must be someone else", [{ path: "backupOwnerId", message: "same as the owner" }]);
    await assertActiveUser(tx, input.backupOwnerId, "backupOwnerId");
  }
  for (const [name, ownerId] of Object.entries(input.owners ?? {})) {
    const path = `owners.${name}`;
    if (!names.has(name)) throw invalid("An owner is named for a server that is not in this import", [{ path, message: "no document in this import has this name" }]);
    if (ownerId === input.backupOwnerId) throw invalid("The backup owner must be someone else", [{ path, message: "same as the backup owner" }]);
    await assertActiveUser(tx, ownerId, path);
  }
}

/** The plan, inside the caller's transaction. Throws for problems with the request as a whole. */
export async function planImport(tx: Tx, options: { actor: Actor; input: TImportServersInput }): Promise<ImportPlanning> {
  const { actor } = options;
  assertCan(actor, "identities:register");
  const input = ZImportServersInput.parse(options.input);
  const split = splitDocuments(input.documents);
  if (!split.ok) throw invalid(split.message, [{ path: "documents", message: split.message }]);
  const settings = await readSettings(tx);
  const count = split.documents.length;
  if (count > settings.maxImportDocuments) {
    const message = `At most ${settings.maxImportDocuments} documents per import (setting maxImportDocuments); this one has ${count}`;
    throw new AppError("payload_too_large", `${message}. Split the import.`, { issues: [{ path: "documents", message }] });
  }

  const parsed = split.documents.map((document) => parseServerJson(document));
  const valid = parsed.flatMap((item) => (item.ok ? [item.server] : []));
  await checkOwners(tx, actor, input, new Set(valid.map((server) => server.registryName)));

  const names = [...new Set(valid.map((server) => server.registryName))];
  const uris = [...new Set(valid.map((server) => server.resourceUri))];
  const byName = new Map((await tx.identity.findMany({ where: { registryName: { in: names } }, select: EXISTING_SELECT })).map((row) => [row.registryName!, row as Existing]));
  const byUri = new Map((await tx.identity.findMany({ where: { resourceUri: { in: uris } }, select: EXISTING_SELECT })).map((row) => [row.resourceUri!, row as Existing]));
  const firstName = new Map<string, number>();
  const firstUri = new Map<string, number>();

  const documents = parsed.map((item, index): PlannedDocument => {
    if (!item.ok) return { action: "invalid", report: report(index, { action: "invalid", registryName: item.registryName, name: item.name, version: item.version, errors: item.errors }) };
    const server = item.server;
    const errors: FieldIssue[] = [];
    const refuse = (path: string, message: string) => errors.push({ path, message });

    if (firstName.has(server.registryName)) refuse("name", `Document ${firstName.get(server.registryName)! + 1} of this import has the same name`);
    else firstName.set(server.registryName, index);
    if (firstUri.has(server.resourceUri)) refuse(server.resourceUriPath, `Document ${firstUri.get(server.resourceUri)! + 1} of this import has the same URL`);
    else firstUri.set(server.resourceUri, index);

    const existing = byName.get(server.registryName);
    if (existing?.kind !== undefined && existing.kind !== "server") refuse("name", `A ${existing.kind} (${existing.id}) has this registry name`);
    else if (existing?.status === "revoked") refuse("name", `The server ${existing.name} (${existing.id}) with this name is revoked; register anew`);
    else if (existing && !canChangeIdentity(actor, existing)) refuse("name", `${existing.name} (${existing.id}) is registered to another owner; only its owners and admins can update it`);
    const holder = byUri.get(server.resourceUri);
    if (holder && holder.id !== existing?.id) refuse(server.resourceUriPath, `Already used by the ${KIND_INFO[holder.kind as keyof typeof KIND_INFO]?.label.toLowerCase() ?? holder.kind} ${holder.name} (${holder.id})`);

    const ownerId = input.owners?.[server.registryName] ?? input.ownerId;
    const registration = REGISTER_SCHEMAS.server.safeParse({
      name: server.name,
      description: server.description,
      environment: input.environment,
      ownerId,
      backupOwnerId: input.backupOwnerId ?? undefined,
      tags: input.tags,
      resourceUri: server.resourceUri,
      transport: server.transport,
      sourceRepository: server.sourceRepository ?? undefined,
      registryName: server.registryName,
    });
    if (!registration.success) for (const issue of registration.error.issues) refuse(documentPath(String(issue.path[0] ?? ""), server), issue.message);

    const fields = serverFields(server);
    if (errors.length > 0 || !registration.success) return { action: "invalid", report: report(index, { action: "invalid", ...fields, errors }) };
    if (!existing) {
      const status = settings.autoApproveDevelopment && input.environment === "development" ? "active" : "pending";
      return { action: "create", registration: registration.data, report: report(index, { action: "create", ...fields, status, ownerId }) };
    }
    const changes = changesOf(existing, server);
    const known = { ...fields, identityId: existing.id, status: existing.status as TImportReport["status"], ownerId: existing.ownerId };
    if (Object.keys(changes).length === 0) return { action: "unchanged", report: report(index, { action: "unchanged", ...known }) };
    return { action: "update", existing, server, changes, report: report(index, { action: "update", ...known, changes }) };
  });

  const tally = (action: PlannedDocument["action"]) => documents.filter((item) => item.action === action).length;
  const plan: TImportPlan = {
    summary: { total: documents.length, create: tally("create"), update: tally("update"), unchanged: tally("unchanged"), invalid: tally("invalid") },
    documents: documents.map((item) => item.report),
  };
  return { plan, documents, input };
}

/** POST /api/v1/servers/import/preview: the plan, with nothing written. */
export async function previewServerImport(options: { actor: Actor; input: TImportServersInput }): Promise<TImportPlan> {
  return (await transact((tx) => planImport(tx, options))).plan;
}
