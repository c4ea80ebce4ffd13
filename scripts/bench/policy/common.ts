// What the parts of `npm run bench -- policy` share: the simulated gateways'
// bearer JWTs (built as the SDK's bundle client builds them), plain HTTP
// requests to 127.0.0.1, memory and socket counts of a server's processes from
// /proc, percentiles and number formatting.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import { SignJWT } from "jose";
import { BenchError, type AgentKey } from "@/scripts/bench/token/prepare";

export { BenchError };

export const BUNDLE_PATH = "/policy/v1/bundle";
export const JWKS_PATH = "/.well-known/jwks.json";

/** A registered gateway of the benchmark and its private key. */
export type Gateway = { id: string; key: AgentKey };

const credentials = new Map<string, { jwt: string; renewAt: number }>();

/**
 * `Authorization: Bearer <jwt>` for the policy endpoints, as a gateway builds it
 * (lib/gateway/bundle-client.ts): iss = sub = the gateway's id, aud = the
 * endpoint URL, 300 s, ES256 with its registered key; reused until a minute
 * before it expires.
 */
export async function bearer(gateway: Gateway, audience: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const cacheKey = `${gateway.id}|${audience}`;
  const cached = credentials.get(cacheKey);
  if (cached && cached.renewAt > now) return `Bearer ${cached.jwt}`;
  const jwt = await new SignJWT({ jti: crypto.randomUUID() })
    .setProtectedHeader({ alg: "ES256", kid: gateway.key.publicJwk.kid })
    .setIssuer(gateway.id)
    .setSubject(gateway.id)
    .setAudience(audience)
    .setIssuedAt(now)
    .setExpirationTime(now + 300)
    .sign(gateway.key.privateKey);
  credentials.set(cacheKey, { jwt, renewAt: now + 240 });
  return `Bearer ${jwt}`;
}

export type Reply = { status: number; headers: http.IncomingHttpHeaders; rawHeaders: string[]; body: Buffer };

/** One request to 127.0.0.1:port over node:http, the whole body read. */
export function request(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: string; agent?: http.Agent } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request({ host: "127.0.0.1", port, path, method: options.method ?? "GET", headers: options.headers, agent: options.agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, rawHeaders: response.rawHeaders, body: Buffer.concat(chunks) }));
      response.on("error", reject);
    });
    outgoing.on("error", reject);
    outgoing.end(options.body);
  });
}

type ProcInfo = { pid: number; ppid: number; rssBytes: number; sockets: number };

function procInfo(pid: number): ProcInfo | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    const rssBytes = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
    return { pid, ppid, rssBytes, sockets: 0 };
  } catch {
    return null;
  }
}

function socketCount(pid: number): number {
  try {
    return fs.readdirSync(`/proc/${pid}/fd`).filter((fd) => {
      try {
        return fs.readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith("socket:");
      } catch {
        return false;
      }
    }).length;
  } catch {
    return 0;
  }
}

/**
 * The server process of a child tree (Warden runs as tsx → node: the process
 * with the largest RSS is the server) and the whole tree's RSS, from /proc.
 */
export function serverProcess(rootPid: number | undefined): { pid: number; rssBytes: number; sockets: number; treeRssBytes: number } | null {
  if (rootPid === undefined || process.platform !== "linux") return null;
  const all = new Map<number, ProcInfo>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const info = procInfo(Number(entry));
    if (info) all.set(info.pid, info);
  }
  const inTree = (pid: number) => {
    for (let current = pid, hops = 0; current > 1 && hops < 64; hops += 1) {
      if (current === rootPid) return true;
      current = all.get(current)?.ppid ?? 0;
    }
    return false;
  };
  const tree = [...all.values()].filter((info) => inTree(info.pid));
  if (tree.length === 0) return null;
  const server = tree.reduce((a, b) => (b.rssBytes > a.rssBytes ? b : a));
  return { pid: server.pid, rssBytes: server.rssBytes, sockets: socketCount(server.pid), treeRssBytes: tree.reduce((sum, info) => sum + info.rssBytes, 0) };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // nearest rank
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const fmt = (value: number, digits = 0) => value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
export const kib = (bytes: number) => (bytes >= 1024 * 1024 ? mib(bytes) : `${(bytes / 1024).toFixed(1)} KiB`);
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Revokes a grant through Warden's management API, as an admin's automation would: POST /api/v1/grants/{id}/revoke. */
export async function revokeGrant(port: number, apiToken: string, grantId: string, reason: string): Promise<{ startedAt: number; returnedAt: number }> {
  const body = JSON.stringify({ reason });
  const startedAt = performance.now();
  const reply = await request(port, `/api/v1/grants/${grantId}/revoke`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiToken}`, "content-type": "application/json", accept: "application/json", "content-length": String(Buffer.byteLength(body)) },
    body,
  });
  const returnedAt = performance.now();
  if (reply.status !== 200) throw new BenchError(`revoking grant ${grantId} answered HTTP ${reply.status}: ${reply.body.toString().slice(0, 300)}`);
  const revoked = JSON.parse(reply.body.toString()) as { id?: string; revokedAt?: string | null };
  if (revoked.id !== grantId || !revoked.revokedAt) throw new BenchError(`revoking grant ${grantId} answered ${reply.body.toString().slice(0, 300)}`);
  return { startedAt, returnedAt };
}
