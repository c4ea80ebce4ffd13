// A child process for tests/integration/migrations-concurrent.postgres.test.ts:
// loads the migration engine, waits until the given instant (so several
// processes start migrating within milliseconds of each other, as instances of
// a fresh deployment do), applies the migrations, and prints what it applied as JSON.
import { applyMigrations } from "@/lib/db/migrate/apply";

const [url, at] = [process.argv[2]!, Number(process.argv[3])];
await import("@/lib/db/migrate/engine");
await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
const startedLateMs = Date.now() - at;
try {
  const applied = await applyMigrations({ provider: "postgresql", url });
  console.log(JSON.stringify({ applied, startedLateMs }));
  process.exit(0);
} catch (error) {
  console.log(JSON.stringify({ error: String(error).slice(0, 500), startedLateMs }));
  process.exit(1);
}
