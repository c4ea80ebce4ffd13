// What the global setup hands to the tests: where things run and the
// credentials it created through Warden's own first-run and CLI paths.
import fs from "node:fs";
import path from "node:path";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3217);
export const OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? 3218);
export const MCP_PORT = Number(process.env.E2E_MCP_PORT ?? 3219);
export const BASE_URL = `http://localhost:${E2E_PORT}`;
export const STATE_DIR = path.join(process.cwd(), "e2e", ".state");
export const ADMIN_STORAGE = path.join(STATE_DIR, "admin-storage.json");
/** every response the run receives from Warden, as JSON Lines (e2e/support/fixtures.ts), for the secret scan */
export const RESPONSES_DIR = path.join(STATE_DIR, "responses");

/**
 * The server's secrets, set explicitly by the global setup so the secret scan
 * (e2e/logs.check.ts) can look for them. Fixed values, not random per run: a
 * secret inlined into the build would survive a cached build of an earlier run.
 */
export const E2E_SESSION_SECRET = "e2e-session-secret-0123456789abcdef0123";
/** WARDEN_KEK: 32 bytes, base64url (the bytes are readable ASCII so the scan can look for them raw as well) */
export const E2E_KEK = Buffer.from("e2e-kek-0123456789abcdef01234567").toString("base64url");

export type E2EState = {
  dataDir: string;
  adminEmail: string;
  /** the one-time password printed by the first run */
  temporaryPassword: string;
  /** an admin API token created with `npm run warden -- api-token create` */
  adminToken: string;
  oidcIssuer: string;
  /** a real MCP server (SDK, Streamable HTTP) for tool discovery */
  mcpUrl: string;
};

const file = path.join(STATE_DIR, "state.json");

export function writeState(state: E2EState): void {
  fs.mkdirSync(STATE_DIR, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(state, null, 2));
}

export function readState(): E2EState {
  return JSON.parse(fs.readFileSync(file, "utf8")) as E2EState;
}

/** The admin's password after the first-run change (written by the setup project). */
export function adminPasswordFile(): string {
  return path.join(STATE_DIR, "admin-password.txt");
}
