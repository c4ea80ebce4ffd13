// Management API calls with the admin token from the global setup.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, type APIRequestContext } from "@playwright/test";
import { E2E_KEK, E2E_SESSION_SECRET, readState } from "./state";

export function adminHeaders(): Record<string, string> {
  return { authorization: `Bearer ${readState().adminToken}` };
}

export async function createUserViaApi(request: APIRequestContext, input: { email: string; name: string; role: "admin" | "owner" | "auditor" }): Promise<{ id: string; temporaryPassword: string }> {
  const response = await request.post("/api/v1/users", { headers: adminHeaders(), data: { ...input, signIn: "temporary_password" } });
  expect(response.status(), await response.text()).toBe(201);
  const body = (await response.json()) as { user: { id: string }; temporaryPassword: string };
  return { id: body.user.id, temporaryPassword: body.temporaryPassword };
}

export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}

/** Mints an API token with the real CLI against the e2e data directory. */
export function cliApiToken(options: { role: "admin" | "owner" | "auditor"; userEmail: string }): string {
  const state = readState();
  const output = execFileSync(
    path.join(process.cwd(), "node_modules", ".bin", "tsx"),
    ["--tsconfig", "tsconfig.node.json", "scripts/warden.ts", "api-token", "create", "--name", unique("cli"), "--role", options.role, "--user", options.userEmail, "--expires-in", "1d"],
    { cwd: process.cwd(), env: { ...process.env, WARDEN_DATA_DIR: state.dataDir, DATABASE_URL: "", WARDEN_SECRET: E2E_SESSION_SECRET, WARDEN_KEK: E2E_KEK }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
  return output.trim().split("\n").at(-1)!;
}
