// npm run db:migration:create <name> — write the SQL that takes both providers'
// databases from the last migration's schema to the current prisma/schema.prisma.
import { createMigration } from "@/lib/db/migrate/create";
import { generateClients } from "@/lib/db/migrate/generate-client";

const name = process.argv[2];
if (!name) {
  console.error("Usage: npm run db:migration:create <name>   (a-z, 0-9 and _)");
  process.exit(2);
}
const results = await createMigration(name);
for (const result of results) {
  console.log(result.name ? `${result.provider}: created prisma/migrations/${result.provider}/${result.name}` : `${result.provider}: schema unchanged, nothing to do`);
}
generateClients();
