// One Warden instance as a process of its own, put together as scripts/start.ts
// does minus Next.js (a build takes minutes): the server of
// lib/server/http-server.ts (createWardenServer) with FAST_ROUTES and
// WARDEN_TRUSTED_PROXIES, then — where `npm start` hands over to Next.js —
// every route file under app/ (app/**/route.ts, matched by its path pattern
// with [param] and [...catchAll] segments, as Next.js routes them) behind a
// small adapter, the scheduler, and the graceful shutdown of
// lib/server/shutdown.ts on SIGTERM and SIGINT. Configured only by its
// environment, like `npm start`, plus two test-only settings:
// WARDEN_TEST_INSTANCE_PORT (0: any free port) and WARDEN_TEST_JOB_INTERVAL_MS
// (the scheduler's tick, 60 s in production). Prints READY_LINE and its port.
// Started by helpers/warden-process.ts and helpers/cluster.ts.
import fs from "node:fs";
import { createRequire } from "node:module";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parse as parseCookies } from "cookie";
import type { NextApiRequest, NextApiResponse } from "next";
import type NextAuthHandler from "next-auth";
import type * as NextAuthOptionsModule from "@/lib/auth/next-auth-options";
import type * as RequestContextModule from "@/lib/http/request-context";
import type { RouteHandler } from "@/lib/api/handle";
import { env, publicUrl } from "@/lib/config/env";
import { closeDatabase, startSqliteWriter } from "@/lib/oauth/writer/sqlite-writer";
import { startScheduler } from "@/lib/jobs/scheduler";
import { FAST_ROUTES } from "@/lib/server/fast-routes";
import { createWardenServer } from "@/lib/server/http-server";
import { installGracefulShutdown } from "@/lib/server/shutdown";
import { ensureSigningKeys } from "@/lib/signing-keys/rotate-signing-key";
import { READY_LINE } from "./warden-process";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

type Segment = { kind: "static"; value: string } | { kind: "param" | "catchAll"; name: string };
type RouteFile = { file: string; segments: Segment[]; module?: Promise<Partial<Record<string, RouteHandler>>> };

function segmentOf(name: string): Segment {
  const catchAll = /^\[\.\.\.(\w+)\]$/.exec(name);
  if (catchAll) return { kind: "catchAll", name: catchAll[1]! };
  const param = /^\[(\w+)\]$/.exec(name);
  return param ? { kind: "param", name: param[1]! } : { kind: "static", value: name };
}

/** Every app/**\/route.ts, most specific first: a static segment wins over [param], which wins over [...catchAll]. */
function routeFiles(dir: string, prefix: Segment[] = []): RouteFile[] {
  const found: RouteFile[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isFile() && entry.name === "route.ts") found.push({ file: full, segments: prefix });
    // (group) folders organise files without adding to the URL
    else if (entry.isDirectory()) found.push(...routeFiles(full, /^\(.*\)$/.test(entry.name) ? prefix : [...prefix, segmentOf(entry.name)]));
  }
  return found;
}
const RANK = { static: 0, param: 1, catchAll: 2 } as const;
const specificity = (a: RouteFile, b: RouteFile) => {
  for (let index = 0; index < Math.min(a.segments.length, b.segments.length); index += 1) {
    const difference = RANK[a.segments[index]!.kind] - RANK[b.segments[index]!.kind];
    if (difference !== 0) return difference;
  }
  return b.segments.length - a.segments.length;
};
const ROUTES = routeFiles(path.join(root, "app")).sort(specificity);

/** The route file serving `pathname`, with the params Next.js would pass it. */
function match(pathname: string): { route: RouteFile; params: Record<string, string | string[]> } | null {
  const parts = pathname.split("/").filter(Boolean).map((part) => decodeURIComponent(part));
  for (const route of ROUTES) {
    const params: Record<string, string | string[]> = {};
    let index = 0;
    let matched = true;
    for (const segment of route.segments) {
      if (segment.kind === "catchAll") {
        // [...name] takes one segment or more
        matched = index < parts.length;
        params[segment.name] = parts.slice(index);
        index = parts.length;
        break;
      }
      const part = parts[index];
      if (part === undefined || (segment.kind === "static" && segment.value !== part)) {
        matched = false;
        break;
      }
      if (segment.kind === "param") params[segment.name] = part;
      index += 1;
    }
    if (matched && index === parts.length) return { route, params };
  }
  return null;
}

const headersOf = (req: IncomingMessage) => {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, item);
  return headers;
};

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * next-auth and the modules that configure it, loaded as CommonJS (tsx
 * compiles them so): lib/auth/next-auth-options.ts default-imports
 * next-auth's CommonJS providers, which a bundler (Next.js) or Vitest unwraps
 * but Node's ESM loader hands over as the module object ("CredentialsProvider
 * is not a function"). The request context comes from the same copy, so that
 * next-auth's callbacks find the request they serve; the database client,
 * settings and logger are process-wide singletons either way.
 */
const commonJs = createRequire(import.meta.url);
const nextAuth = () => ({
  NextAuth: (commonJs("next-auth") as { default: typeof NextAuthHandler }).default,
  ...(commonJs("@/lib/auth/next-auth-options") as typeof NextAuthOptionsModule),
  ...(commonJs("@/lib/http/request-context") as typeof RequestContextModule),
});

/**
 * /api/auth/* — next-auth with Warden's authOptions(). The route file's App
 * Router entry reads cookies and headers through next/headers, which works
 * only inside Next.js's request scope; next-auth's Node entry (the one
 * tests/integration/session-cookie-https.test.ts uses) runs the same sign-in,
 * callbacks, CSRF check, cookies and sign-out event from the request itself.
 */
async function serveNextAuth(req: IncomingMessage, res: ServerResponse, url: URL, segments: string[]): Promise<void> {
  const type = req.headers["content-type"] ?? "";
  const text = req.method === "POST" ? await readText(req) : "";
  const body = type.includes("application/json") && text ? (JSON.parse(text) as Record<string, unknown>) : Object.fromEntries(new URLSearchParams(text));
  const request = { method: req.method, headers: req.headers, body, cookies: parseCookies(req.headers.cookie ?? ""), query: { ...Object.fromEntries(url.searchParams), nextauth: segments } };
  const reply = {
    status: (code: number) => ((res.statusCode = code), reply),
    setHeader: (name: string, value: string | string[]) => (res.setHeader(name, value), reply),
    getHeader: (name: string) => res.getHeader(name),
    json: (value: unknown) => res.setHeader("content-type", "application/json").end(JSON.stringify(value)),
    send: (value: unknown) => (typeof value === "string" ? res.end(value) : reply.json(value)),
    end: () => res.end(),
  };
  const { NextAuth, authOptions, contextFromHeaders, runWithRequestContext } = nextAuth();
  await runWithRequestContext(contextFromHeaders(headersOf(req)), () => NextAuth(request as unknown as NextApiRequest, reply as unknown as NextApiResponse, authOptions()));
}

/** What Next.js does for a route file: a Web Request in (its body streamed), the Response written out (streamed too). */
async function serveRoute(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", publicUrl());
  const found = match(url.pathname);
  if (found && found.route.file.endsWith(path.join("api", "auth", "[...nextauth]", "route.ts"))) return serveNextAuth(req, res, url, found.params.nextauth as string[]);
  const handlers = found ? await (found.route.module ??= import(pathToFileURL(found.route.file).href)) : undefined;
  const method = req.method ?? "GET";
  const handler = handlers?.[method] ?? (method === "HEAD" ? handlers?.GET : undefined);
  if (!handler) {
    res.writeHead(found ? 405 : 404, { "content-type": "application/json" }).end(JSON.stringify({ error: found ? "method_not_allowed" : "not_found" }));
    return;
  }
  const withBody = method !== "GET" && method !== "HEAD";
  const request = new Request(url, { method, headers: headersOf(req), body: withBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined, duplex: "half" } as RequestInit);
  const response = await handler(request, { params: Promise.resolve(found!.params) });
  const headers: Record<string, string | string[]> = Object.fromEntries(response.headers);
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
  res.writeHead(response.status, headers);
  if (!response.body || method === "HEAD") {
    res.end();
    return;
  }
  const body = Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>);
  await new Promise<void>((resolve, reject) => {
    body.once("error", reject);
    res.once("close", resolve);
    body.pipe(res);
  });
}

const jobIntervalMs = Number(process.env.WARDEN_TEST_JOB_INTERVAL_MS ?? "0");
process.env.NEXTAUTH_URL = publicUrl();
await ensureSigningKeys();
const stopScheduler = startScheduler(jobIntervalMs > 0 ? { intervalMs: jobIntervalMs } : {});
const settings = env();
const server = createWardenServer({ fastRoutes: FAST_ROUTES, fallback: serveRoute, trustedProxies: settings.WARDEN_TRUSTED_PROXIES, https: publicUrl().startsWith("https://") });
await new Promise<void>((resolve) => server.listen(Number(process.env.WARDEN_TEST_INSTANCE_PORT ?? "0"), "127.0.0.1", resolve));
// on SQLite the token service writes through its own thread, as under `npm start` (startHttpServer)
startSqliteWriter();
installGracefulShutdown({ server, graceSeconds: settings.WARDEN_SHUTDOWN_GRACE_SECONDS, stopScheduler, disconnect: closeDatabase });
process.stdout.write(`${READY_LINE} ${(server.address() as AddressInfo).port}\n`);
// the test worker went away without stopping this instance
process.on("disconnect", () => process.exit(1));
