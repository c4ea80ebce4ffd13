// npm run build — generate the Prisma clients and build the Next.js app.
import { generateClients } from "@/lib/db/migrate/generate-client";
import { buildApp } from "@/lib/server/build";

process.env.NEXT_TELEMETRY_DISABLED = "1";
generateClients();
buildApp(process.cwd());
