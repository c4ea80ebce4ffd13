// The capability tags every catalog reader may see (they label tools and make
// up toxic-combination policies), built-in ones first, with where each is used.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { presentCapabilityTag, tagUsage } from "@/lib/capabilities/present";
import type { TCapabilityTag } from "@/lib/capabilities/schemas";
import { db } from "@/lib/db/client";

export async function listCapabilityTags(options: { actor: Actor }): Promise<{ items: TCapabilityTag[] }> {
  assertCan(options.actor, "identities:read");
  const rows = await db().capabilityTag.findMany({ orderBy: [{ builtin: "desc" }, { tag: "asc" }] });
  const usage = await tagUsage(db(), rows.map((row) => row.tag));
  return { items: rows.map((row) => presentCapabilityTag(row, usage(row.tag))) };
}
