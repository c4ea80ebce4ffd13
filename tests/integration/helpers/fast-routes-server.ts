// Warden's lean HTTP routes (lib/server/fast-routes.ts) on a node:http server
// in the test process, on an ephemeral port; 404 for anything else.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { FAST_ROUTES } from "@/lib/server/fast-routes";

export async function startFastRoutesServer(): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    void (async () => {
      for (const route of FAST_ROUTES) if (await route(req, res)) return;
      res.writeHead(404).end();
    })().catch((error: unknown) => {
      console.error("fast route failed", error);
      res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
