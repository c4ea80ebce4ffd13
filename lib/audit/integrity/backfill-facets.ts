// The "audit-facet-backfill" job (lib/jobs/scheduler.ts): fills the facet
// columns of events written before facets existed (facetVersion 0) or under an
// older projection, a batch at a time, from the hashed content. Idempotent:
// each update names the version it replaces and whether the row was pruned,
// so a row already projected — or pruned since it was read, which writes its
// own facets — is left alone. Until a row
// is projected the verifier skips its facet check (it checks content anyway).
import "server-only";
import { auditFacets, FACET_VERSION, scopesOf } from "@/lib/audit/facets";
import { singleFlight } from "@/lib/audit/integrity/single-flight";
import { db, type Db } from "@/lib/db/client";
import { transact } from "@/lib/db/transaction";

const BATCH = 500;
/** Each run stops after this long and the next tick goes on, so other jobs are not held up. */
const RUN_BUDGET_MS = 20_000;

export type BackfillSummary = { projected: number; remaining: boolean };

export async function backfillAuditFacets(options: { client?: Db; batchSize?: number; budgetMs?: number } = {}): Promise<BackfillSummary | { skipped: string }> {
  return singleFlight("audit-facet-backfill", async (): Promise<BackfillSummary> => {
    const client = options.client ?? db();
    const batchSize = options.batchSize ?? BATCH;
    const deadline = performance.now() + (options.budgetMs ?? RUN_BUDGET_MS);
    let projected = 0;
    let afterSeq = -1n;
    while (performance.now() < deadline) {
      const rows = await client.auditEvent.findMany({
        where: { facetVersion: { lt: FACET_VERSION }, seq: { gt: afterSeq } },
        orderBy: { seq: "asc" },
        take: batchSize,
        select: { seq: true, facetVersion: true, prunedAt: true, action: true, actorId: true, actorLabel: true, targetType: true, targetId: true, details: true },
      });
      if (rows.length === 0) return { projected, remaining: false };
      await transact(async (tx) => {
        for (const row of rows) {
          const facets = auditFacets(row);
          const { count } = await tx.auditEvent.updateMany({ where: { seq: row.seq, facetVersion: row.facetVersion, prunedAt: row.prunedAt ? { not: null } : null }, data: facets });
          if (count === 0) continue;
          projected += count;
          // the scope filter's index rows, rebuilt from the projection
          await tx.auditEventScope.deleteMany({ where: { seq: row.seq } });
          const scopes = row.prunedAt ? [] : scopesOf(facets.scope);
          if (scopes.length > 0) await tx.auditEventScope.createMany({ data: scopes.map((scope) => ({ scope, seq: row.seq })) });
        }
      }, client);
      afterSeq = rows[rows.length - 1]!.seq;
    }
    return { projected, remaining: true };
  });
}
