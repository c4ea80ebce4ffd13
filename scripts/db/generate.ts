// npm run db:generate (and postinstall) — generate the Prisma clients offline.
import { generateClients } from "@/lib/db/migrate/generate-client";

const force = process.argv.includes("--force");
const started = Date.now();
const generated = generateClients({ force });
console.log(generated ? `Prisma clients generated (sqlite, postgresql) in ${Date.now() - started} ms` : "Prisma clients are up to date");
