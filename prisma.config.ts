// For people who can reach Prisma's binaries: lets the standard Prisma CLI
// (`prisma migrate deploy`, `prisma studio`) work on the same migrations and
// database as Warden's own offline tooling (scripts/db, docs/database.md).
import path from "node:path";
import { defineConfig } from "prisma/config";

const databaseUrl = process.env.DATABASE_URL ?? "";
const provider = /^postgres(ql)?:\/\//.test(databaseUrl) ? "postgresql" : "sqlite";
const sqliteFile = path.resolve(process.env.WARDEN_DATA_DIR ?? "./data", "warden.db");

export default defineConfig({
  schema: `prisma/.generated/${provider}/schema.prisma`,
  migrations: { path: `prisma/migrations/${provider}` },
  datasource: { url: provider === "postgresql" ? databaseUrl : `file:${sqliteFile}` },
});
