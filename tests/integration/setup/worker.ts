// Points each test worker's environment at the project's database.
import { afterAll, inject } from "vitest";
import { resetEnvCache } from "@/lib/config/env";
import { disconnectDb } from "@/lib/db/client";

const target = inject("databaseTarget");
process.env.WARDEN_DATA_DIR = inject("dataDir");
if (target.provider === "postgresql") process.env.DATABASE_URL = target.url;
else delete process.env.DATABASE_URL;
process.env.WARDEN_SECRET = "integration-tests-session-secret-0123456789";
resetEnvCache();

afterAll(async () => {
  await disconnectDb();
});
