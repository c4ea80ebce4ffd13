// Imports MCP servers from MCP Registry documents, all or nothing: the plan is
// made again inside one transaction, and if any document is invalid the whole
// import is refused (422, every problem as documents.<index>.<path>) before
// anything is written. Otherwise new servers are registered exactly as the
// registration API does (audited identity.registered, via "import"), changed
// ones updated (identity.updated with each change), and one identity.imported
// event summarizes the import.
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { db } from "@/lib/db/client";
import { DEFAULT_TRANSACTION_TIMEOUT_MS, transact, type Tx } from "@/lib/db/transaction";
import { invalid } from "@/lib/errors/app-error";
import { splitDocuments } from "@/lib/identities/import/parse-server-json";
import { planImport, type PlannedDocument } from "@/lib/identities/import/plan-import";
import type { TImportPlan, TImportServersInput } from "@/lib/identities/import/schemas";
import { toDbTransport } from "@/lib/identities/kinds";
import { identitySearchText } from "@/lib/identities/present";
import { registerInTransaction } from "@/lib/identities/register-identity";

type Update = Extract<PlannedDocument, { action: "update" }>;

// Like transact(), but the time allowed grows with the upload: registering one
// server takes ~15-25 ms of queries (measured: 500 documents in 7 s on SQLite,
// 11 s on PostgreSQL), and maxImportDocuments may be raised to 5000.
function importTimeout(documents: unknown): number {
  const split = splitDocuments(documents);
  return DEFAULT_TRANSACTION_TIMEOUT_MS + 60 * (split.ok ? split.documents.length : 0);
}

async function applyUpdate(tx: Tx, actor: Actor, planned: Update, context: RequestContext | null | undefined): Promise<void> {
  const { existing, server, changes } = planned;
  const changed = (field: string) => field in changes;
  await tx.identity.update({
    where: { id: existing.id },
    data: {
      ...(changed("name") ? { name: server.name } : {}),
      ...(changed("description") ? { description: server.description } : {}),
      ...(changed("resourceUri") ? { resourceUri: server.resourceUri } : {}),
      ...(changed("transport") ? { transport: toDbTransport(server.transport) } : {}),
      ...(changed("sourceRepository") ? { sourceRepository: server.sourceRepository } : {}),
      searchText: identitySearchText({ id: existing.id, name: server.name, slug: existing.slug, resourceUri: server.resourceUri, clientId: existing.clientId, registryName: existing.registryName }),
    },
  });
  await appendAuditEvent(tx, { action: "identity.updated", actor: actorRef(actor), target: { type: "server", id: existing.id }, details: { changes, via: "import" }, context });
}

export async function importServers(options: { actor: Actor; input: TImportServersInput; context?: RequestContext | null }): Promise<TImportPlan> {
  const { actor, context } = options;
  const timeoutMs = importTimeout((options.input as { documents?: unknown }).documents);
  return transact(async (tx) => {
    const { plan, documents, input } = await planImport(tx, { actor, input: options.input });
    if (plan.summary.invalid > 0) {
      const issues = plan.documents.flatMap((item) => (item.errors ?? []).map((issue) => ({ path: `documents.${item.index}.${issue.path}`, message: issue.message })));
      throw invalid(`${plan.summary.invalid} of ${plan.summary.total} documents cannot be imported; nothing was imported`, issues);
    }
    for (const planned of documents) {
      if (planned.action === "create") {
        const created = await registerInTransaction(tx, { actor, kind: "server", input: planned.registration, context, via: "import" });
        planned.report.identityId = created.id;
        planned.report.status = created.status;
      } else if (planned.action === "update") {
        await applyUpdate(tx, actor, planned, context);
      }
    }
    const names = (action: PlannedDocument["action"]) => documents.filter((item) => item.action === action).map((item) => item.report.registryName);
    await appendAuditEvent(tx, {
      action: "identity.imported",
      actor: actorRef(actor),
      target: null,
      details: {
        format: "mcp-registry/server.json",
        counts: { total: plan.summary.total, created: plan.summary.create, updated: plan.summary.update, unchanged: plan.summary.unchanged },
        created: names("create"),
        updated: names("update"),
        unchanged: names("unchanged"),
        environment: input.environment,
        ownerId: input.ownerId,
      },
      context,
    });
    return plan;
  }, db(), { timeoutMs });
}
