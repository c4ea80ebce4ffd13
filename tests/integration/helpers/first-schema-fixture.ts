// Rows as Warden's first release wrote them — every table of the first
// migration (`init`), audit events hash-chained the way lib/audit/hash.ts
// chains them — and the raw SQL that inserts them into a database migrated
// only that far (today's Prisma client knows only the newest schema). The
// upgrade-path test then migrates to the newest schema and reads them back.
import crypto from "node:crypto";
import { hashTokenSecret } from "@/lib/api-tokens/token-secret";
import { eventHash, GENESIS_HASH, type ChainedFields } from "@/lib/audit/hash";
import type { Db } from "@/lib/db/client";
import type { Provider } from "@/lib/db/target";

export type Json = { json: unknown };
export type Value = string | number | bigint | boolean | Date | null | Json;
export type FixtureTable = {
  table: string;
  /** the Prisma model that reads it today */
  model: string;
  key: string;
  rows: Record<string, Value>[];
  /** lower-cased search columns later migrations may extend (the old text must stay in them) */
  searchColumns?: string[];
};

const at = (iso: string) => new Date(iso);
const json = (value: unknown): Json => ({ json: value });

export const IDS = {
  admin: "usr_01jupgradeadmin000000000000",
  owner: "usr_01jupgradeowner000000000000",
  auditor: "usr_01jupgradeauditor0000000000",
  ledger: "srv_01jupgradeledger0000000000",
  search: "srv_01jupgradesearch0000000000",
} as const;

function chain(events: Omit<ChainedFields, "seq" | "prevHash">[]): Record<string, Value>[] {
  let prevHash = GENESIS_HASH;
  return events.map((event, index) => {
    const fields: ChainedFields = { ...event, seq: BigInt(index + 1), prevHash };
    prevHash = eventHash(fields);
    return { ...fields, details: json(fields.details), hash: prevHash };
  });
}

/** The fixture, with the secrets that must still work after the upgrade. */
export function firstSchemaFixture(options: { passwordHash: string; now: Date }) {
  const apiToken = `wdn_${crypto.randomBytes(32).toString("base64url")}`;
  const revokedToken = `wdn_${crypto.randomBytes(32).toString("base64url")}`;
  const sessionId = `ses_01jupgradesession${crypto.randomBytes(4).toString("hex")}`;
  const inAWeek = new Date(options.now.getTime() + 7 * 86_400_000);
  const created = at("2026-11-20T10:00:00.000Z");
  const events = chain([
    { id: "evt_01jupgrade00000000000000001", occurredAt: at("2026-11-20T10:00:01.123Z"), actorType: "system", actorId: "system", actorLabel: "Warden", action: "user.created", targetType: "user", targetId: IDS.admin, outcome: "success", requestId: null, ip: null, userAgent: null, details: { email: "admin@upgrade.test", role: "admin" } },
    { id: "evt_01jupgrade00000000000000002", occurredAt: at("2026-11-20T10:05:00.000Z"), actorType: "user", actorId: IDS.admin, actorLabel: "admin@upgrade.test", action: "server.registered", targetType: "server", targetId: IDS.ledger, outcome: "success", requestId: "req_upgrade_1", ip: "203.0.113.9", userAgent: "Mozilla/5.0 (X11; Linux) Zoë's browser", details: { name: "Ledger MCP", resourceUri: "https://ledger.upgrade.test/mcp", nested: { tags: ["a", "b"], count: 2 } } },
    { id: "evt_01jupgrade00000000000000003", occurredAt: at("2026-11-21T08:30:00.500Z"), actorType: "anonymous", actorId: null, actorLabel: "o'brien@upgrade.test", action: "auth.sign_in.failed", targetType: null, targetId: null, outcome: "failure", requestId: "req_upgrade_2", ip: "198.51.100.4", userAgent: null, details: { method: "password", reason: "invalid" } },
  ]);
  const last = events[events.length - 1]!;
  const tables: FixtureTable[] = [
    {
      table: "User",
      model: "user",
      key: "id",
      searchColumns: ["searchText"],
      rows: [
        { id: IDS.admin, email: "admin@upgrade.test", name: "Ada Admin", role: "admin", active: true, passwordHash: options.passwordHash, mustChangePassword: false, failedLoginCount: 0, lockedUntil: null, lastLoginAt: at("2026-11-21T09:00:00.000Z"), deactivatedAt: null, searchText: "admin@upgrade.test ada admin", createdAt: created, updatedAt: at("2026-11-21T09:00:00.000Z") },
        { id: IDS.owner, email: "o'brien@upgrade.test", name: "Zoë O'Brien", role: "owner", active: true, passwordHash: null, mustChangePassword: true, failedLoginCount: 2, lockedUntil: at("2026-11-21T08:31:00.000Z"), lastLoginAt: null, deactivatedAt: null, searchText: "o'brien@upgrade.test zoë o'brien", createdAt: created, updatedAt: created },
        { id: IDS.auditor, email: "gone@upgrade.test", name: "Former Auditor", role: "auditor", active: false, passwordHash: null, mustChangePassword: false, failedLoginCount: 0, lockedUntil: null, lastLoginAt: null, deactivatedAt: at("2026-11-22T12:00:00.000Z"), searchText: "gone@upgrade.test former auditor", createdAt: created, updatedAt: at("2026-11-22T12:00:00.000Z") },
      ],
    },
    { table: "Account", model: "account", key: "id", rows: [{ id: "acc_01jupgradeaccount000000000", userId: IDS.owner, provider: "oidc", providerAccountId: "00u1upgrade-sub", createdAt: created }] },
    { table: "Session", model: "session", key: "id", rows: [{ id: sessionId, userId: IDS.admin, authMethod: "password", ip: "203.0.113.9", userAgent: "curl/8.5", createdAt: created, lastSeenAt: created, expiresAt: inAWeek, revokedAt: null }] },
    {
      table: "ApiToken",
      model: "apiToken",
      key: "id",
      rows: [
        { id: "tok_01jupgradetoken00000000000", name: "ci deploys", role: "admin", scopes: json(["identities:read", "audit:read"]), tokenHash: hashTokenSecret(apiToken), prefix: apiToken.slice(0, 12), userId: IDS.admin, createdById: IDS.admin, expiresAt: inAWeek, lastUsedAt: null, revokedAt: null, createdAt: created },
        { id: "tok_01jupgraderevoked000000000", name: "old service", role: "auditor", scopes: null, tokenHash: hashTokenSecret(revokedToken), prefix: revokedToken.slice(0, 12), userId: null, createdById: IDS.admin, expiresAt: null, lastUsedAt: at("2026-11-20T11:00:00.000Z"), revokedAt: at("2026-11-21T00:00:00.000Z"), createdAt: created },
      ],
    },
    {
      table: "Identity",
      model: "identity",
      key: "id",
      searchColumns: ["searchText"],
      rows: [
        { id: IDS.ledger, kind: "server", name: "Ledger MCP", description: "Books & ledgers — “quoted”", resourceUri: "https://ledger.upgrade.test/mcp", ownerId: IDS.owner, createdById: IDS.admin, searchText: "ledger mcp https://ledger.upgrade.test/mcp", createdAt: created, updatedAt: created },
        { id: IDS.search, kind: "server", name: "Search", description: null, resourceUri: "https://search.upgrade.test/mcp", ownerId: IDS.auditor, createdById: null, searchText: "search https://search.upgrade.test/mcp", createdAt: at("2026-11-20T10:06:00.000Z"), updatedAt: at("2026-11-20T10:06:00.000Z") },
      ],
    },
    { table: "AuditEvent", model: "auditEvent", key: "seq", rows: events },
    { table: "AuditHead", model: "auditHead", key: "id", rows: [{ id: 1, seq: last.seq as bigint, hash: last.hash as string }] },
  ];
  return { tables, apiToken, revokedToken, sessionId };
}

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** A value as the first migration's columns store it, written as SQL. */
export function sqlLiteral(value: Value, provider: Provider): string {
  if (value === null) return "NULL";
  if (typeof value === "boolean") return provider === "sqlite" ? String(Number(value)) : String(value).toUpperCase();
  if (typeof value === "number" || typeof value === "bigint") return value.toString();
  if (typeof value === "string") return quote(value);
  // Prisma's SQLite adapter stores ISO-8601 text with an explicit offset; PostgreSQL columns are TIMESTAMP(3) in UTC
  if (value instanceof Date) return provider === "sqlite" ? quote(value.toISOString().replace("Z", "+00:00")) : `TIMESTAMP ${quote(value.toISOString().replace("T", " ").replace("Z", ""))}`;
  return provider === "sqlite" ? quote(JSON.stringify(value.json)) : `${quote(JSON.stringify(value.json))}::jsonb`;
}

export async function insertFixture(client: Db, provider: Provider, tables: FixtureTable[]): Promise<void> {
  for (const { table, rows } of tables) {
    // the first migration inserts the chain's genesis head; the fixture's head replaces it
    if (table === "AuditHead") await client.$executeRawUnsafe(`DELETE FROM "AuditHead"`);
    for (const row of rows) {
      const columns = Object.keys(row);
      await client.$executeRawUnsafe(`INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(", ")}) VALUES (${columns.map((column) => sqlLiteral(row[column] as Value, provider)).join(", ")})`);
    }
  }
}
