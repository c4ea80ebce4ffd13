// Lists identities with search, filters, sorting and keyset pagination. The
// cursor carries the sort key and id of the last row, so each page is one
// indexed range scan however deep it is (measured by `npm run bench -- registry`).
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { invalid } from "@/lib/errors/app-error";
import type { IdentityKind } from "@/lib/identities/kinds";
import { IDENTITY_INCLUDE, presentIdentity } from "@/lib/identities/present";
import type { TIdentity, TListIdentitiesQuery } from "@/lib/identities/schemas";

type Cursor = { v?: string; id: string };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function decodeCursor(text: string): Cursor {
  try {
    const value = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as Cursor;
    if (typeof value.id !== "string" || (value.v !== undefined && typeof value.v !== "string")) throw new Error("shape");
    return value;
  } catch {
    throw invalid("The query string is not valid", [{ path: "query.cursor", message: "not a cursor returned by this API" }]);
  }
}

export function identityFilter(actor: Actor, query: TListIdentitiesQuery, kind?: IdentityKind): Prisma.IdentityWhereInput {
  const owner = query.mine === "true" ? (actor.userId ?? "-") : query.ownerId;
  return {
    ...(kind ?? query.kind ? { kind: kind ?? query.kind } : {}),
    ...(query.q ? { searchText: { contains: query.q.toLowerCase() } } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.environment ? { environment: query.environment } : {}),
    ...(query.riskTier ? { riskTier: query.riskTier } : {}),
    ...(owner ? { OR: [{ ownerId: owner }, { backupOwnerId: owner }] } : {}),
    ...(query.orphaned === "true" ? { owner: { active: false } } : {}),
    ...(query.tag ? { tags: { some: { tag: query.tag } } } : {}),
  };
}

export async function listIdentities(options: { actor: Actor; kind?: IdentityKind; query: TListIdentitiesQuery }): Promise<{ items: TIdentity[]; nextCursor: string | null; total: number }> {
  assertCan(options.actor, "identities:read");
  const { query } = options;
  const where = identityFilter(options.actor, query, options.kind);
  const byName = query.sort === "name" || query.sort === "-name";
  const direction = query.sort.startsWith("-") ? "desc" : "asc";
  const op = direction === "asc" ? "gt" : "lt";
  let after: Prisma.IdentityWhereInput = {};
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    after = byName
      ? { OR: [{ name: { [op]: cursor.v ?? "" } }, { name: cursor.v ?? "", id: { [op]: cursor.id } }] }
      : { id: { [op]: cursor.id } };
  }
  const orderBy: Prisma.IdentityOrderByWithRelationInput[] = byName ? [{ name: direction }, { id: direction }] : [{ id: direction }];
  const client = db();
  const [rows, total] = await Promise.all([
    client.identity.findMany({ where: { AND: [where, after] }, orderBy, take: query.limit + 1, include: IDENTITY_INCLUDE }),
    client.identity.count({ where }),
  ]);
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1];
  return {
    items: page.map(presentIdentity),
    nextCursor: more && last ? encodeCursor(byName ? { v: last.name, id: last.id } : { id: last.id }) : null,
    total,
  };
}
