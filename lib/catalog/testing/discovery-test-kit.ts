// Helpers for tests that discover tools over real sockets: servers on ephemeral
// loopback ports that are closed after each test, and a way to catch the
// AppError a discovery throws. Test code only.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, expect } from "vitest";
import { startMcpTestServer, type McpTestServerOptions, type TestTool } from "@/lib/catalog/testing/mcp-test-server";
import { AppError } from "@/lib/errors/app-error";

/** Registers an afterEach that closes every server started through the returned functions. */
export function serverScope() {
  const closers: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  };
  afterEach(closeAll);

  return {
    /** A real MCP server (see startMcpTestServer). */
    async mcp(options: McpTestServerOptions) {
      const server = await startMcpTestServer(options);
      closers.push(() => server.close());
      return server;
    },
    /** A plain HTTP server (not MCP); returns its base URL, without a trailing slash. */
    async plain(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
      const server = createServer(handler);
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      closers.push(
        () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      );
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    /** Registers any other cleanup to run after the test. */
    defer(close: () => Promise<void>) {
      closers.push(close);
    },
    closeAll,
  };
}

/** Awaits a promise that must reject with an AppError, and returns that error. */
export async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** Messages and stacks of an error and its causes, to check nothing secret is kept. */
export function causeText(error: unknown): string {
  let text = "";
  for (let current = error; current instanceof Error; current = current.cause) text += `${current.message}\n${current.stack ?? ""}\n`;
  return text;
}

export const numberedTools = (count: number): TestTool[] => Array.from({ length: count }, (_, i) => ({ name: `tool_${i + 1}` }));
