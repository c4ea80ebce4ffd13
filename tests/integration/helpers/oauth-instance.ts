// One Warden OAuth instance as a process of its own: the token, introspection
// and revocation endpoints and the well-known documents (FAST_ROUTES) on
// node:http, configured only by its environment (DATABASE_URL or
// WARDEN_DATA_DIR, WARDEN_URL, WARDEN_SECRET, WARDEN_KEK) like `npm start`.
// Listens on WARDEN_TEST_INSTANCE_PORT (0: any free port) and prints the port.
// On SQLite it writes through the writer thread, as `npm start` does.
// Started by helpers/warden-process.ts; exits when its parent goes away.
import { closeDatabase, startSqliteWriter } from "@/lib/oauth/writer/sqlite-writer";
import { ensureSigningKeys } from "@/lib/signing-keys/rotate-signing-key";
import { READY_LINE, serveFastRoutes } from "./warden-process";

await ensureSigningKeys();
startSqliteWriter();
const server = await serveFastRoutes({ port: Number(process.env.WARDEN_TEST_INSTANCE_PORT ?? "0") });
process.stdout.write(`${READY_LINE} ${server.port}\n`);

let stopping = false;
function stop(): void {
  if (stopping) return;
  stopping = true;
  void server
    .close()
    .then(() => closeDatabase())
    .finally(() => process.exit(0));
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.on("disconnect", stop);
