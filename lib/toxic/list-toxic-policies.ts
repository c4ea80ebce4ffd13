// Lists toxic-combination policies (anyone who can read the inventory), and reads one.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { openFindingCounts, presentPolicy } from "@/lib/toxic/present";
import type { TToxicPolicy } from "@/lib/toxic/schemas";

// policies are a short admin-written list; 500 is far beyond any real one
const MAX_POLICIES = 500;

export async function listToxicPolicies(options: { actor: Actor }): Promise<{ items: TToxicPolicy[] }> {
  assertCan(options.actor, "identities:read");
  const rows = await db().toxicPolicy.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }], take: MAX_POLICIES });
  const counts = await openFindingCounts(db(), rows.map((row) => row.id));
  return { items: rows.map((row) => presentPolicy(row, counts.get(row.id) ?? 0)) };
}

export async function getToxicPolicy(options: { actor: Actor; policyId: string }): Promise<TToxicPolicy> {
  assertCan(options.actor, "identities:read");
  const row = await db().toxicPolicy.findUnique({ where: { id: options.policyId } });
  if (!row) throw notFound("Toxic-combination policy");
  const counts = await openFindingCounts(db(), [row.id]);
  return presentPolicy(row, counts.get(row.id) ?? 0);
}
