// Raw SQL both SQLite and PostgreSQL run, for the audit-log aggregates Prisma
// cannot express (conditional sums, a JSON detail). Values are
// always bound as parameters, never interpolated; times are bound as Dates so
// each database compares them as it stores them.
import "server-only";
import { db, dbProvider } from "@/lib/db/client";

export type Sql = { bind: (value: unknown) => string; params: unknown[]; postgres: boolean };

export function sql(): Sql {
  const postgres = dbProvider() === "postgresql";
  const params: unknown[] = [];
  return {
    params,
    postgres,
    bind(value) {
      params.push(value);
      return postgres ? `$${params.length}` : "?";
    },
  };
}

/** 1 when the token.issued event's details say the token is DPoP-bound, else 0. */
export function dpopBound(query: Sql): string {
  // bind first: SQLite's `?` placeholders take their values in the order of the text
  const dpop = query.bind("DPoP");
  const tokenType = query.postgres ? `("details"->>'tokenType')` : `json_extract("details", '$.tokenType')`;
  return `CASE WHEN ${tokenType} = ${dpop} THEN 1 ELSE 0 END`;
}

export function run<T>(query: Sql, text: string): Promise<T[]> {
  return db().$queryRawUnsafe<T[]>(text, ...query.params);
}

export const toNumber = (value: number | bigint | string | null | undefined) => Number(value ?? 0);
