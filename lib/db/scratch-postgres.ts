// Throwaway PostgreSQL databases for tests and migration diffs: created with a
// unique name, dropped afterwards. The admin URL points at an existing database
// (default `postgres`) on the same server.
import crypto from "node:crypto";
import pg from "pg";

export const DEFAULT_PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

export function pgAdminUrl(): string {
  return process.env.WARDEN_TEST_PG_URL || DEFAULT_PG_ADMIN_URL;
}

export type ScratchDatabase = { name: string; url: string; drop: () => Promise<void> };

export async function createScratchDatabase(prefix: string, adminUrl = pgAdminUrl()): Promise<ScratchDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${crypto.randomBytes(4).toString("hex")}`.toLowerCase();
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Unsafe database name ${name}`);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
