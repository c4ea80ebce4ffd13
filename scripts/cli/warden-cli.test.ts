// The CLI as people use it: first-run setup prints a one-time password, token
// creation prints the token alone on the last line, and `audit verify` exits
// non-zero and names the event when the chain was tampered with.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let dataDir: string;

function warden(args: string[]) {
  // exactly what `npm run warden` runs
  const result = spawnSync(path.join("node_modules", ".bin", "tsx"), ["--tsconfig", "tsconfig.node.json", "scripts/warden.ts", ...args], {
    cwd: process.cwd(),
    env: { ...process.env, WARDEN_DATA_DIR: dataDir, DATABASE_URL: "", WARDEN_LOG_LEVEL: "silent" },
    encoding: "utf8",
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "warden-cli-"));
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe("npm run warden", () => {
  it("sets up the first admin once, with a one-time password", () => {
    const first = warden(["setup"]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Temporary password:\s+[A-Za-z0-9_-]{24}\n/);
    const second = warden(["setup"]);
    expect(second.code).toBe(0);
    expect(second.stdout).not.toContain("Temporary password");
    expect(second.stderr).toContain("An active admin exists");
  });

  it("prints a created API token alone on the last line, and lists it without the secret", () => {
    const created = warden(["api-token", "create", "--name", "ci", "--role", "auditor", "--expires-in", "30d"]);
    expect(created.code).toBe(0);
    const lines = created.stdout.trimEnd().split("\n");
    expect(lines.at(-1)).toMatch(/^wdn_[A-Za-z0-9_-]{43}$/);
    const listed = warden(["api-token", "list"]);
    expect(listed.stdout).toMatch(/tok_[0-9a-z]{26} {2}wdn_\S{8}… {2}ci {2}auditor/);
    expect(listed.stdout).not.toContain(lines.at(-1));
  });

  it("generates a KEK, and refuses to re-seal unless a rotation is under way", () => {
    const generated = warden(["kek", "generate"]);
    expect(generated.code).toBe(0);
    expect(generated.stdout).toMatch(/^[A-Za-z0-9_-]{43}\n$/);
    expect(Buffer.from(generated.stdout.trim(), "base64url")).toHaveLength(32);
    const reseal = warden(["kek", "reseal"]);
    expect(reseal.code).toBe(2);
    expect(reseal.stderr).toContain("WARDEN_KEK_PREVIOUS");
  });

  it("refuses bad arguments with usage and exit code 2", () => {
    expect(warden(["api-token", "create", "--name", "x"]).code).toBe(2);
    expect(warden(["bogus"]).code).toBe(2);
    const badRole = warden(["api-token", "create", "--name", "x", "--role", "root"]);
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain("role");
  });

  it("verifies the audit chain and exits 1 naming the first tampered event", () => {
    expect(warden(["audit", "verify"])).toMatchObject({ code: 0, stdout: expect.stringMatching(/Audit chain intact: \d+ events verified/) });
    const db = new Database(path.join(dataDir, "warden.db"));
    db.prepare(`UPDATE "AuditEvent" SET "actorLabel" = 'someone else' WHERE "seq" = 2`).run();
    db.close();
    const broken = warden(["audit", "verify"]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/AUDIT CHAIN BROKEN at event 2 \(evt_[0-9a-z]{26}\): its content does not match its hash/);
  });
}, 120_000);
