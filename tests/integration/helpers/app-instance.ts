// One Warden instance as a process of its own, put together as scripts/start.ts
// does minus Next.js (a build takes minutes): the server of
// lib/server/http-server.ts (createWardenServer) with FAST_ROUTES, then — where
// `npm start` hands over to Next.js — the management API routes the
// reliability tests write through (the route files themselves, behind a small
// adapter), the scheduler, and the graceful shutdown of lib/server/shutdown.ts
// on SIGTERM and SIGINT. Configured only by its environment, like `npm start`;
// prints READY_LINE and its port. Started by helpers/warden-process.ts.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { POST as registerAgent } from "@/app/api/v1/agents/route";
import { POST as createGrant } from "@/app/api/v1/grants/route";
import type { RouteHandler } from "@/lib/api/handle";
import { env, publicUrl } from "@/lib/config/env";
import { disconnectDb } from "@/lib/db/client";
import { startScheduler } from "@/lib/jobs/scheduler";
import { FAST_ROUTES } from "@/lib/server/fast-routes";
import { createWardenServer } from "@/lib/server/http-server";
import { installGracefulShutdown } from "@/lib/server/shutdown";
import { ensureSigningKeys } from "@/lib/signing-keys/rotate-signing-key";
import { READY_LINE } from "./warden-process";

const ROUTES: Record<string, Partial<Record<string, RouteHandler>>> = {
  "/api/v1/agents": { POST: registerAgent },
  "/api/v1/grants": { POST: createGrant },
};

/** What Next.js does for a route file: a Web Request in, the Response written out. */
async function serveRoute(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", publicUrl());
  const handler = ROUTES[url.pathname]?.[req.method ?? "GET"];
  if (!handler) {
    res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "not_found" }));
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, item);
  const request = new Request(url, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
  const response = await handler(request, { params: Promise.resolve({}) });
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

await ensureSigningKeys();
const stopScheduler = startScheduler();
const server = createWardenServer({ fastRoutes: FAST_ROUTES, fallback: serveRoute, trustedProxies: [], https: publicUrl().startsWith("https://") });
await new Promise<void>((resolve) => server.listen(Number(process.env.WARDEN_TEST_INSTANCE_PORT ?? "0"), "127.0.0.1", resolve));
installGracefulShutdown({ server, graceSeconds: env().WARDEN_SHUTDOWN_GRACE_SECONDS, stopScheduler, disconnect: disconnectDb });
process.stdout.write(`${READY_LINE} ${(server.address() as AddressInfo).port}\n`);
// the test worker went away without stopping this instance
process.on("disconnect", () => process.exit(1));
