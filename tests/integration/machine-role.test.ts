// A machine-plane instance (WARDEN_ROLE=machine) started as a user starts one
// (`npm start`'s scripts/start.ts, its own process, on this test's database):
// it serves the machine-facing endpoints and its health check, answers
// everything else 404 problem+json, creates no first admin, and never loads
// Next.js — what makes it worth running (lib/server/machine-fallback.ts). The
// last point is read from the child's module cache as it exits
// (helpers/report-loaded-next.mjs).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { seedIdentity } from "@/lib/seed/factories";
import { freePort } from "@/scripts/cluster/instances";
import { principal } from "./helpers/registry";

const ROOT = path.resolve(import.meta.dirname, "../..");
const READY = /Warden is listening on http:\/\/127\.0\.0\.1:(\d+)/;

let child: ChildProcess;
let output = "";
let base = "";
let usersBefore = 0;
let server: { id: string; resourceUri?: string | null };

async function stop(): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  const code = await exited;
  clearTimeout(timer);
  return code;
}

describe("a machine-plane instance (WARDEN_ROLE=machine)", () => {
  beforeAll(async () => {
    server = await seedIdentity({ kind: "server", owner: await principal("owner") });
    usersBefore = await db().user.count();
    const port = await freePort();
    child = spawn(process.execPath, ["--import", path.join(ROOT, "tests/integration/helpers/report-loaded-next.mjs"), "--import", "tsx", path.join(ROOT, "scripts/start.ts")], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: "production", TSX_TSCONFIG_PATH: path.join(ROOT, "tsconfig.node.json"), WARDEN_ROLE: "machine", PORT: String(port), WARDEN_HOST: "127.0.0.1", WARDEN_URL: `http://127.0.0.1:${port}`, WARDEN_LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const append = (chunk: Buffer) => (output += chunk.toString("utf8"));
    child.stdout!.on("data", append);
    child.stderr!.on("data", append);
    base = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not listening within 60 s:\n${output}`)), 60_000);
      child.stdout!.on("data", () => {
        const match = READY.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(`http://127.0.0.1:${match[1]}`);
        }
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`exited (${code}) before listening:\n${output}`));
      });
    });
  }, 90_000);

  afterAll(async () => {
    if (child) await stop();
  });

  it("serves the machine-facing endpoints and its health check", async () => {
    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(200);
    expect(health.headers.get("cache-control")).toBe("no-store");
    expect(await health.json()).toMatchObject({ status: "ok", database: { status: "ok" } });
    const head = await fetch(`${base}/api/health`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");

    const jwks = await fetch(`${base}/.well-known/jwks.json`);
    expect(jwks.status).toBe(200);
    expect(jwks.headers.get("content-type")).toBe("application/jwk-set+json");
    expect(((await jwks.json()) as { keys: unknown[] }).keys.length).toBeGreaterThan(0);
    const metadata = await fetch(`${base}/.well-known/oauth-authorization-server`);
    expect(metadata.status).toBe(200);
    expect(((await metadata.json()) as { issuer: string }).issuer).toBe(base);

    // the OAuth endpoints answer as OAuth endpoints (here: no client authentication)
    const token = await fetch(`${base}/oauth/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "grant_type=client_credentials" });
    expect(token.status).toBe(401);
    expect(((await token.json()) as { error: string }).error).toBe("invalid_client");
    expect((await fetch(`${base}/policy/v1/bundle`)).status).toBe(401);
  });

  it("serves the public documents agents and MCP clients fetch, as the console's routes do", async () => {
    const jwks = await fetch(`${base}/identities/${server.id}/jwks.json`);
    expect(jwks.status).toBe(200);
    expect(jwks.headers.get("content-type")).toBe("application/jwk-set+json");
    expect(await jwks.json()).toEqual({ keys: [] });
    const again = await fetch(`${base}/identities/${server.id}/jwks.json`, { headers: { "if-none-match": jwks.headers.get("etag")! } });
    expect(again.status).toBe(304);

    const metadata = await fetch(`${base}/identities/${server.id}/oauth-protected-resource`);
    expect(metadata.status).toBe(200);
    expect(((await metadata.json()) as { resource: string }).resource).toBe(server.resourceUri);
    expect((await fetch(`${base}/identities/${server.id}/oauth-protected-resource`, { method: "HEAD" })).status).toBe(200);
    const unknown = await fetch(`${base}/identities/srv_00000000000000000000000000/oauth-protected-resource`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toBe("not_found");

    const authorize = await fetch(`${base}/oauth/authorize?response_type=code&client_id=x`, { redirect: "manual" });
    expect(authorize.status).toBe(400);
    expect(((await authorize.json()) as { error: string }).error).toBe("unsupported_response_type");
  });

  it("answers the console and the management API 404 problem+json, and its health check only to GET and HEAD", async () => {
    for (const [method, target] of [
      ["GET", "/"],
      ["GET", "/login"],
      ["GET", "/api/v1/identities"],
      ["POST", "/api/v1/grants"],
      ["GET", "/api/auth/session"],
    ] as const) {
      const response = await fetch(`${base}${target}`, { method, redirect: "manual" });
      expect(response.status, `${method} ${target}`).toBe(404);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      const problem = (await response.json()) as { code: string; detail: string; requestId: string };
      expect(problem.code).toBe("not_found");
      expect(problem.detail).toContain("WARDEN_ROLE=machine");
      expect(problem.requestId).toBe(response.headers.get("x-request-id"));
      // the security headers of every Warden answer
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    }
    const post = await fetch(`${base}/api/health`, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });

  it("creates no first admin and never loads Next.js", async () => {
    expect(output).toContain("Machine-plane instance (WARDEN_ROLE=machine)");
    expect(await db().user.count()).toBe(usersBefore);
    expect(await stop()).toBe(0);
    const report = /WARDEN_TEST_NEXT_MODULES=(\d+)/.exec(output);
    expect(report, output).not.toBeNull();
    expect(Number(report![1])).toBe(0);
  }, 30_000);
});
