// `npm run warden -- …` as a child process on a data directory (or database) of
// the test's choosing; asynchronous, so the test can keep writing meanwhile.
import { spawn } from "node:child_process";
import path from "node:path";

export type CliResult = { code: number | null; stdout: string; stderr: string };

/** Runs the CLI exactly as `npm run warden` does, with `env` over this process's environment. */
export function runWarden(args: string[], env: Record<string, string>): Promise<CliResult> {
  const child = spawn(path.join("node_modules", ".bin", "tsx"), ["--tsconfig", "tsconfig.node.json", "scripts/warden.ts", ...args], {
    cwd: process.cwd(),
    env: { ...process.env, WARDEN_LOG_LEVEL: "silent", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}
