// Lists trusted attesters (anyone who may read settings: owners need to know which attesters Warden trusts).
import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { ATTESTER_SELECT, presentAttester } from "@/lib/attesters/present";
import type { TAttester, ZListAttestersQuery } from "@/lib/attesters/schemas";
import { db } from "@/lib/db/client";

export async function listAttesters(options: { actor: Actor; query?: z.output<typeof ZListAttestersQuery> }): Promise<{ items: TAttester[] }> {
  assertCan(options.actor, "settings:read");
  const rows = await db().trustedAttester.findMany({
    where: options.query?.includeRevoked === "true" ? {} : { status: "active" },
    orderBy: { id: "desc" },
    take: 500,
    select: ATTESTER_SELECT,
  });
  const now = new Date();
  return { items: rows.map((row) => presentAttester(row, now)) };
}
