// Global setup: a production build of Warden on a fresh data directory, set up
// exactly as a new user would (the first-run CLI prints the one-time password),
// an admin API token minted with the CLI, and a real OIDC provider for SSO.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { OIDC_CLIENT, startOidcProvider } from "./support/oidc-provider";
import { startMcpTestServer } from "../lib/catalog/testing/mcp-test-server";
import { E2E_MCP_TOOLS } from "./support/mcp-tools";
import { BASE_URL, E2E_KEK, E2E_PORT, E2E_SESSION_SECRET, MCP_PORT, OIDC_PORT, STATE_DIR, writeState } from "./support/state";

const root = process.cwd();
const tsx = path.join(root, "node_modules", ".bin", "tsx");

function cli(args: string[], env: NodeJS.ProcessEnv): string {
  return execFileSync(tsx, ["--tsconfig", "tsconfig.node.json", "scripts/warden.ts", ...args], { cwd: root, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Warden exited with code ${child.exitCode} before becoming healthy`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`Warden did not become healthy within ${timeoutMs} ms`);
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  fs.rmSync(STATE_DIR, { recursive: true, force: true });
  fs.mkdirSync(STATE_DIR, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "warden-e2e-"));
  const oidc = await startOidcProvider({ port: OIDC_PORT, redirectUri: `${BASE_URL}/api/auth/callback/oidc` });
  const mcp = await startMcpTestServer({ tools: E2E_MCP_TOOLS, port: MCP_PORT });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    WARDEN_DATA_DIR: dataDir,
    PORT: String(E2E_PORT),
    WARDEN_URL: BASE_URL,
    WARDEN_SECRET: E2E_SESSION_SECRET,
    // set explicitly (not generated into the data directory) so the secret scan knows it
    WARDEN_KEK: E2E_KEK,
    WARDEN_OIDC_ISSUER: oidc.issuer,
    WARDEN_OIDC_CLIENT_ID: OIDC_CLIENT.id,
    WARDEN_OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
    WARDEN_OIDC_NAME: "Test IdP",
    WARDEN_LOG_LEVEL: "warn",
  };
  delete env.DATABASE_URL;

  const setupOutput = cli(["setup"], env);
  const temporaryPassword = /Temporary password:\s+(\S+)/.exec(setupOutput)?.[1];
  const adminEmail = /Email:\s+(\S+)/.exec(setupOutput)?.[1];
  if (!temporaryPassword || !adminEmail) throw new Error(`First run did not print a temporary password:\n${setupOutput}`);
  const adminToken = cli(["api-token", "create", "--name", "e2e-admin", "--role", "admin", "--expires-in", "1d"], env).trim().split("\n").at(-1)!;
  writeState({ dataDir, adminEmail, temporaryPassword, adminToken, oidcIssuer: oidc.issuer, mcpUrl: mcp.url });

  const log = fs.openSync(path.join(STATE_DIR, "warden.log"), "w");
  const server = spawn(tsx, ["--tsconfig", "tsconfig.node.json", "scripts/start.ts"], { cwd: root, env, stdio: ["ignore", log, log] });
  try {
    // the first start may build the app
    await waitForHealth(BASE_URL, server, 600_000);
  } catch (error) {
    server.kill("SIGKILL");
    await oidc.close();
    await mcp.close();
    throw new Error(`${(error as Error).message}; see e2e/.state/warden.log`);
  }

  return async () => {
    server.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 300));
    if (server.exitCode === null) server.kill("SIGKILL");
    await oidc.close();
    await mcp.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
